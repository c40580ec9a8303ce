"""analysis screening: the Morris sweep it writes over a scenario's parameters."""

import configparser
import subprocess

from conftest import ROOT, ittsim


def screening(*arguments):
    return subprocess.run(["/usr/bin/python3", "-m", "analysis", "screening", *arguments, "--ittsim", ittsim()],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_screening_sweep_varies_behaviour_around_the_scenario(tmp_path):
    out = tmp_path / "screen.ini"
    done = screening(str(ROOT / "scenarios" / "baseline.ini"), "-o", str(out), "--spread", "0.2", "--trajectories",
                     "3", "--set", "population.regions=1", "--set", "run.years=2")
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    sweep = configparser.ConfigParser(inline_comment_prefixes=("#",), interpolation=None)
    sweep.optionxform = str
    sweep.read_string(text)
    assert sweep["sweep"]["design"] == "morris" and sweep["sweep"]["trajectories"] == "3"
    assert dict(sweep["set"]) == {"population.regions": "1", "run.years": "2"}
    vary = {key: tuple(float(v) for v in value.split(":")) for key, value in sweep["vary"].items()}
    # career.leaving_rate is 0.0695 in the baseline: ±20%.
    assert vary["career.leaving_rate"] == (0.0556, 0.0834)
    assert "population.primary_extra_partners_mean" in vary  # a real parameter, set by hand
    assert all(not key.startswith(("run.", "market_review.", "collaboration.")) for key in vary)
    assert "population.primary_schools" not in vary and "population.regions" not in vary
    assert "#   market_review.minimum_placement_weeks: its lever is off (start_year = 0)" in text
    assert "#   population.primary_schools: a count (schools)" in text
    # Integer parameters take whole ranges.
    assert vary["progress.extension_weeks"] == (5.0, 7.0)
    # The sweep it wrote is one ittsim accepts.
    listed = subprocess.run([ittsim(), "sweep", str(out), "-o", str(tmp_path / "never"), "--dry-run"],
                            capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    assert f"{3 * (len(vary) + 1)} points" in listed.stdout


def test_bad_input_exits_2_and_writes_nothing(tmp_path):
    out = tmp_path / "screen.ini"
    bad_scenario = tmp_path / "bad.ini"
    bad_scenario.write_text("[career]\nleaving_rat = 0.1\n")
    done = screening(str(bad_scenario), "-o", str(out))
    assert done.returncode == 2 and "leaving_rat" in done.stderr
    done = screening(str(ROOT / "scenarios" / "baseline.ini"), "-o", str(out), "--spread", "1.5")
    assert done.returncode == 2 and "--spread" in done.stderr
    assert list(tmp_path.iterdir()) == [bad_scenario]
