"""analysis sensitivity: the estimators on the points ittsim's own designs generate, against
the Ishigami function's analytic Sobol indices and a linear model's, and the command on real
Morris sweeps."""

import csv
import io
import math
import subprocess

import numpy as np
import pytest

from analysis import sensitivity
from conftest import ROOT, ittsim

# Three parameters whose valid ranges hold [0, 1]; the designs' values are only inputs here.
PARAMETERS = ["population.mentor_share", "placement.mentor_time_cost", "employment.mobility"]


def design_points(tmp_path, kind, sizes, ranges):
    """(Design, point values) of a sweep over PARAMETERS, as `ittsim sweep --dry-run` lists them."""
    vary = "".join(f"{p} = {low}:{high}\n" for p, (low, high) in zip(PARAMETERS, ranges))
    text = (f"[sweep]\nscenario = {ROOT / 'scenarios' / 'baseline.ini'}\ndesign = {kind}\n{sizes}\nseed = 5\n"
            f"[vary]\n{vary}")
    path = tmp_path / "design.ini"
    path.write_text(text)
    listed = subprocess.run([ittsim(), "sweep", str(path), "-o", str(tmp_path / "never"), "--dry-run"],
                            check=True, capture_output=True, text=True).stdout
    table = list(csv.DictReader(io.StringIO(listed[listed.index("point,seed"):])))
    values = np.array([[float(row[p]) for p in PARAMETERS] for row in table])
    return sensitivity._design("design.ini", {"sweep": text}, PARAMETERS), values


def exact(outputs, replicates=2):
    """Measures without replicate noise, from one output per point."""
    outputs = np.asarray(outputs, dtype=float).reshape(len(outputs), -1)
    return sensitivity.Measures([f"y{i}" for i in range(outputs.shape[1])], outputs, np.zeros_like(outputs),
                                replicates, np.ones(len(outputs), dtype=bool))


def table(result, index, measure="y0"):
    return {r["parameter"]: r for r in result.rows if r["index"] == index and r["measure"] == measure}


def test_sobol_indices_of_the_ishigami_function(tmp_path):
    a, b = 7.0, 0.1
    design, values = design_points(tmp_path, "saltelli", "samples = 4000", [(0, 1)] * 3)
    x = -math.pi + 2 * math.pi * values
    y = np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])
    result = sensitivity.analyse(design, values, exact(y), bootstrap=300)
    variance = a ** 2 / 8 + b * math.pi ** 4 / 5 + b ** 2 * math.pi ** 8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2, a ** 2 / 8, 8 * b ** 2 * math.pi ** 8 / 225
    analytic = {"S1": [v1 / variance, v2 / variance, 0.0],
                "ST": [(v1 + v13) / variance, v2 / variance, v13 / variance]}
    assert analytic["S1"][0] == pytest.approx(0.3139, abs=1e-4) and analytic["ST"][2] == pytest.approx(0.2437, abs=1e-4)
    for index, expected in analytic.items():
        rows = table(result, index)
        for parameter, value in zip(PARAMETERS, expected):
            row = rows[parameter]
            assert row["value"] == pytest.approx(value, abs=0.04), (index, parameter)
            assert row["low"] - 0.01 <= value <= row["high"] + 0.01, (index, parameter, row)


def test_sobol_indices_of_a_linear_model(tmp_path):
    ranges = [(0, 1), (0, 0.5), (0.2, 0.6)]
    coefficients = np.array([2.0, -3.0, 0.5])
    design, values = design_points(tmp_path, "saltelli", "samples = 2000", ranges)
    result = sensitivity.analyse(design, values, exact(values @ coefficients), bootstrap=200)
    widths = np.array([high - low for low, high in ranges])
    shares = (coefficients * widths) ** 2 / np.sum((coefficients * widths) ** 2)
    for index in ("S1", "ST"):
        rows = table(result, index)
        for parameter, share in zip(PARAMETERS, shares):
            assert rows[parameter]["value"] == pytest.approx(share, abs=0.03), (index, parameter)


def test_morris_effects_of_a_linear_model_are_its_slopes_times_ranges(tmp_path):
    ranges = [(0, 1), (0, 0.5), (0.2, 0.6)]
    coefficients = np.array([2.0, -3.0, 0.0])
    design, values = design_points(tmp_path, "morris", "trajectories = 12\nlevels = 6", ranges)
    assert len(values) == 12 * 4
    result = sensitivity.analyse(design, values, exact(values @ coefficients), bootstrap=100)
    widths = np.array([high - low for low, high in ranges])
    for parameter, slope in zip(PARAMETERS, coefficients * widths):
        assert table(result, "mu_star")[parameter]["value"] == pytest.approx(abs(slope), abs=1e-6)
        assert table(result, "mu")[parameter]["value"] == pytest.approx(slope, abs=1e-6)
        assert table(result, "sigma")[parameter]["value"] == pytest.approx(0, abs=1e-6)
    ranked = sensitivity.ranking(result, design)
    assert [r["parameter"] for r in ranked] == [PARAMETERS[0], PARAMETERS[1], PARAMETERS[2]]


def test_morris_sigma_shows_an_interaction(tmp_path):
    design, values = design_points(tmp_path, "morris", "trajectories = 20", [(0, 1)] * 3)
    y = values[:, 0] * values[:, 1]
    result = sensitivity.analyse(design, values, exact(y), bootstrap=100)
    sigma = table(result, "sigma")
    assert sigma[PARAMETERS[0]]["value"] > 0.1 and sigma[PARAMETERS[1]]["value"] > 0.1
    assert table(result, "mu_star")[PARAMETERS[2]]["value"] == 0


def test_replicate_noise_is_its_own_share(tmp_path):
    design, values = design_points(tmp_path, "saltelli", "samples = 1000", [(0, 1)] * 3)
    rng = np.random.default_rng(42)
    replicates, noise_sd = 4, 0.3
    runs = values[:, [0]] + noise_sd * rng.standard_normal((len(values), replicates))  # Var f = 1/12
    measures = sensitivity.Measures(["y0"], runs.mean(axis=1, keepdims=True), runs.var(axis=1, ddof=1, keepdims=True),
                                    replicates, np.ones(len(values), dtype=bool))
    result = sensitivity.analyse(design, values, measures, bootstrap=50)
    noise = noise_sd ** 2 / replicates
    assert result.noise[0]["noise_share"] == pytest.approx(noise / (1 / 12 + noise), rel=0.15)
    # The indices are shares of the whole variance, noise included: S1 of the one parameter
    # that matters is about one minus the noise share.
    assert table(result, "S1")[PARAMETERS[0]]["value"] == pytest.approx(1 - result.noise[0]["noise_share"], abs=0.08)


def analysis(*arguments):
    return subprocess.run(["/usr/bin/python3", "-m", "analysis", *arguments], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def morris_sweeps(tmp_path_factory):
    """A Morris sweep of the baseline and of the market review over the same points (North
    East, 2023/24 and 2024/25 (the review acts from 2024), 2 replicates, 5 trajectories), merged."""
    folder = tmp_path_factory.mktemp("morris")
    made = {}
    for scenario in ("baseline", "market_review"):
        sweep = folder / f"{scenario}.ini"
        sweep.write_text(f"[sweep]\nscenario = {ROOT / 'scenarios' / f'{scenario}.ini'}\nreplicates = 2\nseed = 9\n"
                         "design = morris\ntrajectories = 5\ncommon_random_numbers = true\n"
                         "[set]\npopulation.regions = 1\nrun.years = 2\nrun.start_year = 2023\n"
                         "[vary]\npopulation.mentor_share = 0.1:0.2\nplacement.mentor_time_cost = 0.5:1.5\n")
        subprocess.run([ittsim(), "sweep", str(sweep), "-o", str(folder / scenario), "--quiet"], check=True)
        subprocess.run([ittsim(), "merge", str(folder / scenario), "-o", str(folder / f"{scenario}.h5"), "--quiet"],
                       check=True)
        made[scenario] = folder / f"{scenario}.h5"
    return made


def read_rows(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_screening_a_real_sweep(morris_sweeps, tmp_path):
    out = tmp_path / "screen"
    done = analysis("sensitivity", str(morris_sweeps["baseline"]), "-o", str(out), "--bootstrap", "100")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["figures", "indices.csv", "noise.csv", "ranking.csv"]
    rows = read_rows(out / "indices.csv")
    offered = {(r["parameter"], r["index"]): float(r["value"]) for r in rows if r["measure"] == "placement_weeks_offered"}
    noise = {r["measure"]: r for r in read_rows(out / "noise.csv")}
    # More trained mentors offer more placement weeks, far beyond what replicate noise shows.
    assert offered[("population.mentor_share", "mu")] > 0
    assert offered[("population.mentor_share", "mu_star")] > 3 * float(noise["placement_weeks_offered"]["noise_mu_star"])
    assert read_rows(out / "ranking.csv")[0]["parameter"] == "population.mentor_share"
    assert (out / "figures" / "ranking.png").stat().st_size > 0


def test_scenario_differences(morris_sweeps, tmp_path):
    out = tmp_path / "effect"
    done = analysis("sensitivity", str(morris_sweeps["market_review"]), "--baseline", str(morris_sweeps["baseline"]),
                    "-o", str(out), "--bootstrap", "50", "--measures", "trainees_recruited,placement_weeks_offered")
    assert done.returncode == 0, done.stderr
    measures = {r["measure"] for r in read_rows(out / "indices.csv")}
    assert measures == {"trainees_recruited (difference)", "placement_weeks_offered (difference)"}
    assert len(list((out / "figures").iterdir())) == 3  # the ranking and one a measure


def test_bad_input_exits_2_and_writes_nothing(files, morris_sweeps, tmp_path):
    out = tmp_path / "nothing"
    grid = analysis("sensitivity", str(files["sweep"]), "-o", str(out))
    assert grid.returncode == 2 and "design = morris" in grid.stderr
    unknown = analysis("sensitivity", str(morris_sweeps["baseline"]), "-o", str(out), "--measures", "no_such_series")
    assert unknown.returncode == 2 and "no_such_series" in unknown.stderr
    other = analysis("sensitivity", str(morris_sweeps["baseline"]), "--baseline", str(files["sweep"]), "-o", str(out))
    assert other.returncode == 2
    assert not out.exists()
    assert not list(tmp_path.glob(".nothing*"))
