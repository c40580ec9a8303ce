"""The comparison engine that compare and report share: the headline's order and verdicts on
files with known differences, the levers against the scenarios' own settings, compare and
report agreeing, mixed replicate counts, the workbook against the HDF5, one region, the
ensemble, the rendered page and the one command."""

import configparser
import io
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

from analysis import comparison, load, report
from conftest import REPLICATES, ROOT, ittsim, run

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def analysis(*arguments, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, arguments)], cwd=cwd, capture_output=True,
                          text=True, env=ENV)


def variant(source, path, name, changes=None):
    """A copy of a run file under another scenario name, with yearly series changed by
    changes = {series: function of the replicate's array}."""
    shutil.copy(source, path)
    with h5py.File(path, "r+") as f:
        f.attrs["scenario_name"] = name
        for r in range(f.attrs["replicates"]):
            for series, change in (changes or {}).items():
                dataset = f[f"replicate_{r:04d}/yearly/{series}"]
                dataset[...] = change(dataset[()])
    return path


def yearly(path, series):
    with h5py.File(path, "r") as f:
        return np.array([f[f"replicate_{r:04d}/yearly/{series}"][()] for r in range(f.attrs["replicates"])],
                        dtype=float)


HEADLINE_KEYS = [i.key for i in comparison.HEADLINE] + [comparison.COST_PER_TEACHER]


@pytest.mark.parametrize("low, high, mid, expected", [
    (-1, 1, 2, "no material change"), (0, 0, 0, "no material change"), (3, 5, 2, "materially higher"),
    (-5, -3, 2, "materially lower"), (1, 5, 2, "higher, maybe not materially"),
    (-5, -1, 2, "lower, maybe not materially"), (-3, 3, 2, "unclear: could be no change or a material one"),
    (float("nan"), float("nan"), 2, "not judged: fewer than 2 replicates")])
def test_verdict_needs_the_whole_interval_beyond_or_within_the_mid(low, high, mid, expected):
    assert comparison.verdict(low, high, mid) == expected


def test_headline_order_and_verdicts_on_known_differences(files, tmp_path):
    base = files["baseline"]
    same = variant(base, tmp_path / "same.h5", "same")
    # +0.02% teachers in post: the report must not call that a change.
    tiny = variant(base, tmp_path / "tiny.h5", "tiny", {"teachers_in_post": lambda v: np.rint(v * 1.0002)})
    # +2% teachers in post for GBP 1m a year more.
    more = variant(base, tmp_path / "more.h5", "more", {"teachers_in_post": lambda v: np.rint(v * 1.02),
                                                        "public_cost_gbp": lambda v: v + 1_000_000})
    compared = comparison.load_comparison([base, same, tiny, more])
    assert compared.years == (2025, 2025) and compared.warm_up == (2023, 2024)
    frame = comparison.headline(compared)
    for name in ("same", "tiny", "more"):
        assert list(frame[frame["scenario"] == name]["key"]) == HEADLINE_KEYS
    rows = {(r["scenario"], r["key"]): r for r in frame.to_dict("records")}
    for key in HEADLINE_KEYS[:-1]:
        assert rows[("same", key)]["verdict"] == "no material change"
        assert rows[("same", key)]["difference"] == 0
    assert rows[("same", comparison.COST_PER_TEACHER)]["verdict"].startswith("not defined")
    teachers = rows[("tiny", "teachers_in_post")]
    assert 0.01 < teachers["change_percent"] < 0.03 and teachers["verdict"] == "no material change"
    assert rows[("more", "teachers_in_post")]["verdict"] == "materially higher"
    assert rows[("more", "public_cost_gbp")]["verdict"] == "materially higher"
    extra = yearly(more, "teachers_in_post")[:, -1] - yearly(base, "teachers_in_post")[:, -1]
    cost = rows[("more", comparison.COST_PER_TEACHER)]
    assert cost["difference"] == pytest.approx(1_000_000 * REPLICATES / extra.sum())
    assert cost["low"] <= cost["difference"] <= cost["high"]
    # The report's first screen says so in words.
    sentences = comparison.summary_sentences(compared, frame)
    assert sentences["tiny"][4].startswith("Teachers in post (net of displaced entrants): no material change, +0.0")


def test_a_window_of_years_averages_flows_takes_stocks_last_and_costs_every_year(files, tmp_path):
    base = files["baseline"]
    more = variant(base, tmp_path / "more.h5", "more", {"teachers_in_post": lambda v: np.rint(v * 1.02),
                                                        "public_cost_gbp": lambda v: v + 1_000_000})
    compared = comparison.load_comparison([base, more], years=(2024, 2025))
    assert compared.years == (2024, 2025)
    assert any("include warm-up years (2024-2024)" in note for note in compared.notes)
    rows = {r["key"]: r for r in comparison.headline(compared).to_dict("records")}
    recruited = yearly(base, "trainees_recruited")[:, 1:3].mean(axis=1)
    assert rows["trainees_recruited"]["baseline"] == pytest.approx(recruited.mean())
    stock = yearly(base, "teachers_in_post")[:, 2]
    assert rows["teachers_in_post"]["baseline"] == pytest.approx(stock.mean())
    extra = yearly(more, "teachers_in_post")[:, 2] - stock
    # Two years of GBP 1m against the extra teachers in post in the last year.
    assert rows[comparison.COST_PER_TEACHER]["difference"] == pytest.approx(2_000_000 * REPLICATES / extra.sum())


def test_the_baseline_is_found_however_its_path_is_written(files):
    done = analysis("compare", f"./{Path(files['market_review']).name}", f"./{Path(files['baseline']).name}",
                    cwd=Path(files["baseline"]).parent)
    assert done.returncode == 0, done.stderr
    assert "baseline minus market_review" in done.stdout


def test_levers_are_the_settings_that_differ_from_the_baseline(files):
    compared = comparison.load_comparison([files["baseline"], files["market_review"], files["collaboration"]])
    levers = comparison.levers(compared)

    def settings(path):
        with h5py.File(path, "r") as f:
            text = f.attrs["scenario"]
        parser = configparser.ConfigParser(inline_comment_prefixes=("#",), interpolation=None)
        parser.optionxform = str
        parser.read_string(text.decode() if isinstance(text, bytes) else text)
        return {f"{s}.{k}": v for s in parser.sections() for k, v in parser[s].items()}

    base = settings(files["baseline"])
    for name in ("market_review", "collaboration"):
        mine = settings(files[name])
        expected = {(k, base[k], mine[k]) for k in mine if mine[k] != base[k] and k not in ("run.seed", "run.replicates")}
        shown = levers[levers["scenario"] == name]
        assert set(zip(shown["parameter"], shown["baseline_value"], shown["scenario_value"])) == expected
        assert expected
        assert all(origin.startswith(f"{name}.ini:") for origin in shown["from"])
        assert all(shown["meaning"].str.len() > 10)


@pytest.fixture(scope="module")
def compared_report(files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("comparison") / "report"
    report.build_report([files["baseline"], files["market_review"], files["collaboration"]], folder)
    return folder


def test_compare_and_report_give_the_same_numbers(files, compared_report):
    done = analysis("compare", files["baseline"], files["market_review"], files["collaboration"], "--format", "csv")
    assert done.returncode == 0, done.stderr
    from_compare = pd.read_csv(io.StringIO(done.stdout))
    from_report = pd.read_csv(compared_report / "tables" / "headline.csv")
    pd.testing.assert_frame_equal(from_compare, from_report)
    text = analysis("compare", files["baseline"], files["market_review"])
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Academic years 2025/26 to 2025/26; the warm-up years 2023-2024")
    assert "Changed: market_review.start_year 0 -> 2024 (market_review.ini:" in text.stdout
    assert "cover simulation noise only" in text.stdout


def test_mixed_replicates_are_paired_on_those_shared_or_refused(files, tmp_path):
    fewer = tmp_path / "market_review.h5"
    shutil.copy(files["market_review"], fewer)
    with h5py.File(fewer, "r+") as f:
        del f[f"replicate_{REPLICATES - 1:04d}"]
        f.attrs["replicates"] = REPLICATES - 1
    compared = comparison.load_comparison([files["baseline"], fewer])
    assert any(f"paired on replicates 0-{REPLICATES - 2}" in note for note in compared.notes)
    frame = comparison.headline(compared)
    row = frame[frame["key"] == "qts_awarded"].iloc[0]
    paired = yearly(fewer, "qts_awarded")[:, -1] - yearly(files["baseline"], "qts_awarded")[:REPLICATES - 1, -1]
    assert row["pairs"] == REPLICATES - 1 and row["difference"] == pytest.approx(paired.mean())
    # The levels beside the change are the paired replicates' too, so that they agree with it.
    assert row["level"] - row["baseline"] == pytest.approx(row["difference"])
    done = analysis("compare", files["baseline"], fewer)
    assert done.returncode == 0 and "paired on replicates" in done.stdout
    refused = analysis("compare", files["baseline"], fewer, "--refuse-mixed")
    assert refused.returncode == 2 and "replicates" in refused.stderr


def test_workbook_read_back_equals_the_hdf5(files, compared_report):
    workbook = compared_report / "ittsim-report.xlsx"
    sheets = pd.read_excel(workbook, sheet_name=None)
    assert list(sheets)[0] == "Columns"
    table = sheets["yearly"]
    for name in ("baseline", "market_review", "collaboration"):
        expected = load.read_run(files[name]).yearly
        mine = table[table["scenario"] == name].reset_index(drop=True)
        assert len(mine) == len(expected)
        for column in expected.columns:
            if column == "scenario":
                continue
            # Excel keeps 15 significant digits.
            np.testing.assert_allclose(mine[column].to_numpy(float), expected[column].to_numpy(float), rtol=1e-14,
                                       atol=0, equal_nan=True, err_msg=column)
    headline = pd.read_csv(compared_report / "tables" / "headline.csv")
    np.testing.assert_allclose(sheets["headline"]["difference"].to_numpy(float), headline["difference"].to_numpy(float))
    columns = sheets["Columns"]
    for sheet in ("yearly", "headline", "levers", "inputs", "decomposition", "yearly_by_region"):
        described = columns[columns["sheet"] == sheet]
        assert set(described["column"]) == set(sheets[sheet].columns)
        assert (described["meaning"] != "(not described)").all(), described[described["meaning"] == "(not described)"]


def test_one_region_is_that_regions_figures(files, tmp_path):
    done = analysis("compare", files["baseline"], files["market_review"], "--region", "North East", "--format", "csv")
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(io.StringIO(done.stdout))
    with h5py.File(files["market_review"], "r") as f:
        ours = np.array([f[f"replicate_{r:04d}/yearly_by_region/trainees_recruited"][()][-1, 0]
                         for r in range(REPLICATES)], dtype=float)
    with h5py.File(files["baseline"], "r") as f:
        theirs = np.array([f[f"replicate_{r:04d}/yearly_by_region/trainees_recruited"][()][-1, 0]
                           for r in range(REPLICATES)], dtype=float)
    row = frame[frame["key"] == "trainees_recruited"].iloc[0]
    assert row["difference"] == pytest.approx((ours - theirs).mean())
    assert frame[frame["key"] == "public_cost_gbp"]["verdict"].item() == "not in the files for one region"
    london = analysis("compare", files["baseline"], files["market_review"], "--region", "London")
    assert london.returncode == 2 and "not simulated" in london.stderr
    nowhere = analysis("compare", files["baseline"], files["market_review"], "--region", "Atlantis")
    assert nowhere.returncode == 2 and "North East" in nowhere.stderr
    index = report.build_report([files["baseline"], files["market_review"]], tmp_path / "ne", region="North East")
    page = index.read_text(encoding="utf-8")
    assert "Figures are for North East only" in page and "<h2>National sections</h2>" in page


def test_over_an_ensemble_both_intervals_and_the_sign_are_shown(tmp_path):
    points = tmp_path / "members.csv"
    points.write_text("career.leaving_rate,moves.primary_rate\n0.06,0.08\n0.07,0.09\n0.08,0.10\n")
    merged = []
    for scenario in ("baseline", "market_review"):
        sweep = tmp_path / f"{scenario}.ini"
        sweep.write_text(f"[sweep]\nscenario = {ROOT / 'scenarios' / f'{scenario}.ini'}\nreplicates = 2\nseed = 5\n"
                         f"design = list\npoints = {points}\ncommon_random_numbers = true\n"
                         "[set]\npopulation.regions = 1\nrun.years = 3\nrun.start_year = 2023\n")
        run("sweep", str(sweep), "-o", str(tmp_path / scenario), "--quiet")
        run("merge", str(tmp_path / scenario), "-o", str(tmp_path / f"{scenario}.h5"), "--quiet")
        merged.append(tmp_path / f"{scenario}.h5")
    done = analysis("compare", *merged, "--ensemble")
    assert done.returncode == 0, done.stderr
    assert "90% interval, noise and parameters" in done.stdout and "P(sign)" in done.stdout
    assert "the 2 parameters varied: career.leaving_rate, moves.primary_rate" in done.stdout
    compared = comparison.load_comparison(merged, ensemble=True)
    frame = comparison.headline(compared)
    assert set(frame["key"]) == set(HEADLINE_KEYS)
    # By hand: each member's mean paired difference, its standard error over 2 replicates, the
    # noise interval from their mean variance (Student's t, 1 degree of freedom), and the
    # probability of the sign from each member's t distribution.
    from scipy import stats as distributions
    with h5py.File(merged[0], "r") as f:
        base = f["yearly/placement_weeks_offered"][()][:, :, -1].astype(float)
    with h5py.File(merged[1], "r") as f:
        other = f["yearly/placement_weeks_offered"][()][:, :, -1].astype(float)
    differences = other - base
    member_effect, member_se = differences.mean(axis=1), differences.std(axis=1, ddof=1) / np.sqrt(2)
    offered = comparison.effect(compared, compared.scenarios[0], comparison.INPUTS[0])
    assert offered["members"] == 3
    assert offered["difference"] == pytest.approx(member_effect.mean())
    def mass(centres, low, high):
        return np.mean(distributions.t.cdf((high - centres) / member_se, 1)) - \
            np.mean(distributions.t.cdf((low - centres) / member_se, 1))

    # Noise alone: 90% of the members' t distributions centred on the mean effect.
    assert mass(member_effect.mean(), offered["noise_low"], offered["noise_high"]) == pytest.approx(0.9, abs=1e-6)
    sign = np.sign(member_effect.mean())
    assert offered["probability_of_sign"] == pytest.approx(
        np.mean(distributions.t.cdf(sign * member_effect / member_se, 1)))
    # With the parameters: 90% of the same distributions, each centred on its member's effect.
    assert mass(member_effect, offered["low"], offered["high"]) == pytest.approx(0.9, abs=1e-6)
    index = report.build_report(merged, tmp_path / "report", ensemble=True)
    assert "noise and parameters" in index.read_text(encoding="utf-8")
    plain = analysis("compare", *merged)
    assert plain.returncode == 2 and "--ensemble" in plain.stderr


class HeadlineTables(HTMLParser):
    """The cells of each table of class 'numbers headline' in a page, row by row."""

    def __init__(self):
        super().__init__()
        self.tables, self.depth, self.cell = [], 0, None

    def handle_starttag(self, tag, attributes):
        classes = dict(attributes).get("class", "") or ""
        if tag == "table" and "headline" in classes.split():
            self.tables.append([])
            self.depth = 1
        elif self.depth and tag == "tr":
            self.tables[-1].append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if self.depth and tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(self.cell.strip())
            self.cell = None
        elif tag == "table":
            self.depth = 0

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def test_rendered_page_shows_the_headline_table(compared_report, tmp_path):
    chromium = os.environ.get("ITTSIM_CHROMIUM", shutil.which("chromium"))
    if chromium == "":
        pytest.skip("chromium was not found when the build was configured (ITTSIM_TEST_ANALYSIS=AUTO)")
    assert chromium, "chromium not found: bash scripts/test.sh installs Debian's chromium"
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           (compared_report / "index.html").as_uri()],
                          check=True, capture_output=True, text=True, timeout=120)
    tables = HeadlineTables()
    tables.feed(done.stdout)
    assert len(tables.tables) == 2
    header, *rows = tables.tables[0]
    assert [row[0] for row in rows] == [i.label for i in comparison.HEADLINE] + [comparison.COST_PER_TEACHER_LABEL]
    assert header[0] == "outcome" and "verdict" in header and "MID" in header
    verdicts = [row[header.index("verdict")] for row in rows]
    assert all(verdicts) and verdicts[0] in comparison.VERDICTS.values()
    dom = done.stdout
    # The first screen: what each policy changed and the caveats, before any figure.
    assert dom.index("What the numbers cover") < dom.index("<img")
    assert dom.index("What it changed") < dom.index("<img")


def test_one_command_runs_scenarios_from_anywhere_into_its_own_folder(tmp_path):
    elsewhere = tmp_path / "mine"
    elsewhere.mkdir()
    shutil.copy(ROOT / "scenarios" / "baseline.ini", elsewhere / "baseline.ini")
    (elsewhere / "stronger_mentoring.ini").write_text("extends = baseline.ini\n[market_review]\nstart_year = 2024\n")
    results = ROOT / "results" / "baseline.h5"
    before = results.stat().st_mtime_ns if results.exists() else None
    done = subprocess.run(["bash", str(ROOT / "scripts" / "compare-scenarios.sh"), "--output", str(tmp_path / "out"),
                           "--replicates", "2", "--set", "population.regions=1", "--set", "run.years=3",
                           str(elsewhere / "baseline.ini"), str(elsewhere / "stronger_mentoring.ini")],
                          cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "ITTSIM": ittsim()},
                          timeout=900)
    assert done.returncode == 0, done.stderr
    assert "[1/2] baseline" in done.stdout and "[2/2] stronger_mentoring" in done.stdout
    assert (tmp_path / "out" / "runs" / "stronger_mentoring.h5").exists()
    page = (tmp_path / "out" / "report" / "index.html").read_text(encoding="utf-8")
    assert "stronger_mentoring minus baseline" in page
    assert (tmp_path / "out" / "report" / "ittsim-report.xlsx").exists()
    assert (results.stat().st_mtime_ns if results.exists() else None) == before
    bad = subprocess.run(["bash", str(ROOT / "scripts" / "compare-scenarios.sh"), "--output", str(tmp_path / "bad"),
                          str(elsewhere / "baseline.ini"), str(elsewhere / "absent.ini")],
                         capture_output=True, text=True, env={**os.environ, "ITTSIM": ittsim()})
    assert bad.returncode == 2 and "absent.ini" in bad.stderr
