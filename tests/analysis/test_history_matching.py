"""analysis calibrate: the emulators and implausibility on a known function, and history
matching end to end on ittsim against targets measured from a run at known parameters."""

import csv
import io
import json
import os
import subprocess

import numpy as np
import pytest
from scipy.stats import qmc

from analysis import history_matching
from conftest import ROOT, ittsim


def test_an_emulator_predicts_a_known_function_within_its_uncertainty():
    def f(x):
        return 2 * x[:, 0] + np.sin(3 * x[:, 1])

    design = qmc.LatinHypercube(d=2, seed=1).random(30)
    rng = np.random.default_rng(2)
    noise_sd, replicates = 0.02, 4
    runs = f(design)[:, None] + noise_sd * rng.standard_normal((30, replicates))
    emulator = history_matching.Emulator(design, runs.mean(axis=1), runs.std(axis=1, ddof=1), replicates, seed=3)
    fresh = qmc.LatinHypercube(d=2, seed=4).random(200)
    mean, variance = emulator.predict(fresh)
    errors = (f(fresh) - mean) / np.sqrt(variance + noise_sd ** 2 / replicates)
    assert np.mean(np.abs(errors) <= 3) >= 0.95
    assert np.sqrt(np.mean((f(fresh) - mean) ** 2)) < 0.05
    loo_mean, loo_variance = emulator.leave_one_out()
    assert np.mean(np.abs(runs.mean(axis=1) - loo_mean) <= 3 * np.sqrt(loo_variance)) >= 0.9

    # The truth is not implausible; a point far from it is.
    truth = np.array([[0.3, 0.6]])
    target = {"y": {"reference": float(f(truth)[0]), "observation_sd": 0.02, "discrepancy_sd": 0.0}}
    values = history_matching.implausibility({"y": emulator}, target, np.array([[0.3, 0.6], [0.95, 0.1]]))
    assert values[0, 0] < 3 < values[1, 0]
    assert list(history_matching.cut_measure(np.array([[1.0, 5.0, 2.0]]), "max")) == [5.0]
    assert list(history_matching.cut_measure(np.array([[1.0, 5.0, 2.0]]), "second_max")) == [2.0]


def run_ittsim(*arguments):
    done = subprocess.run([ittsim(), *arguments], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def analysis(*arguments):
    return subprocess.run(["/usr/bin/python3", "-m", "analysis", *arguments], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "ITTSIM": ittsim()})


SETTINGS = ["population.regions=1", "run.years=4"]
TRUTH = {"career.leaving_rate": 0.0695, "moves.primary_rate": 0.078}
RANGES = {"career.leaving_rate": (0.03, 0.11), "moves.primary_rate": (0.03, 0.13)}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A targets file whose figures are the measures of a run at TRUTH (North East, 4 years,
    4 replicates), and a calibration config for the two parameters against two targets."""
    folder = tmp_path_factory.mktemp("hm")
    truth = folder / "truth.h5"
    overrides = [a for s in SETTINGS + [f"{k}={v}" for k, v in TRUTH.items()] for a in ("--set", s)]
    run_ittsim("run", str(ROOT / "scenarios" / "baseline.ini"), *overrides, "--replicates", "4", "--seed", "77",
               "-o", str(truth), "-q")
    measured = {row["name"]: row["mean"]
                for row in csv.DictReader(io.StringIO(run_ittsim("measure", str(truth), "--format", "csv")))}
    measured = {name: float(measured[name]) for name in ("leaving_rate", "move_rate")}
    targets = folder / "targets.ini"
    targets.write_text(
        "[calibration]\nwarm_up_years = 2\n"
        f"[leaving_rate]\nmeasure = leaving_rate\nobserved = {measured['leaving_rate']!r}\nobservation_sd = 0.002\n"
        "discrepancy_sd = 0\nband = 0:1\nsource = a run at known parameters\n"
        f"[move_rate]\nmeasure = move_rate\nobserved = {measured['move_rate']!r}\nobservation_sd = 0.002\n"
        "discrepancy_sd = 0\nband = 0:1\nsource = a run at known parameters\n")
    config = folder / "hm.ini"
    config.write_text(
        f"[calibrate]\nscenario = {ROOT / 'scenarios' / 'baseline.ini'}\ntargets = targets.ini\npoints = 14\n"
        "replicates = 2\ncutoff = 3\nseed = 5\ncandidates = 4000\n"
        "[set]\n" + "".join(s.replace("=", " = ") + "\n" for s in SETTINGS) +
        "[parameters]\n" + "".join(f"{k} = {low}:{high}\n" for k, (low, high) in RANGES.items()))
    return folder


def unit_truth():
    return np.array([[(TRUTH[k] - low) / (high - low) for k, (low, high) in RANGES.items()]])


def test_history_matching_keeps_the_truth_and_rules_out_the_rest(synthetic):
    folder = synthetic / "calibration"
    done = analysis("calibrate", "init", str(synthetic / "hm.ini"), "-o", str(folder))
    assert done.returncode == 0, done.stderr
    shares = []
    for wave in (1, 2):
        sweep = folder / f"wave_{wave:02d}" / "sweep.ini"
        run_ittsim("sweep", str(sweep), "-o", str(folder / f"wave_{wave:02d}" / "run"), "-q")
        done = analysis("calibrate", "next", str(folder))
        assert done.returncode == 0, done.stderr
        summary = json.loads((folder / f"wave_{wave:02d}" / "summary.json").read_text())
        shares.append(summary["non_implausible_share"])
        assert summary["runs"] == 14 * wave and summary["next_wave"] == wave + 1
    # The kept region is a small part of the box and holds the parameters the targets came from.
    assert shares[1] < 0.25 and shares[1] <= shares[0] * 1.2
    config = history_matching.read_config(folder / "calibrate.ini")
    targets = history_matching._targets(config)
    values, means, sds = [], [], []
    for wave in (1, 2):
        data = np.load(folder / f"wave_{wave:02d}" / "measures.npz")
        values.append(data["values"])
        means.append(data["means"])
        sds.append(data["sds"])
        unit = history_matching._unit(np.vstack(values), config)
        emulators = history_matching._fit_wave(unit, np.vstack(means), np.vstack(sds), list(targets), 2, config.seed)
        assert history_matching.implausibility(emulators, targets, unit_truth()).max() <= 3
    # Wave 3's points lie in the ranges, read back exactly from its list.
    rows = list(csv.DictReader(open(folder / "wave_03" / "points.csv")))
    assert len(rows) == 14
    for key, (low, high) in RANGES.items():
        assert all(low <= float(row[key]) <= high for row in rows)
    done = analysis("calibrate", "status", str(folder))
    assert done.returncode == 0, done.stderr
    assert (folder / "status.html").read_text().count("data:image/png;base64,") == 3

    # An ensemble from the kept region, checked by direct simulation with more replicates.
    done = analysis("calibrate", "ensemble", str(folder), "-n", "12", "--set", "run.years=4")
    assert done.returncode == 0, done.stderr
    run_ittsim("sweep", str(folder / "ensemble" / "sweep.ini"), "-o", str(folder / "ensemble" / "run"), "-q")
    done = analysis("calibrate", "verify", str(folder))
    assert done.returncode == 0, done.stderr
    summary = json.loads((folder / "ensemble" / "summary.json").read_text())
    assert summary["members"] == 12 and summary["acceptance_rate"] >= 0.5
    members = list(csv.DictReader(open(folder / "ensemble" / "ensemble.csv")))
    passed = [m for m in members if m["passes"] == "true"]
    assert len(passed) == summary["passed"]
    assert all(float(m["implausibility"]) <= 3 for m in passed)
    posterior = list(csv.DictReader(open(folder / "ensemble" / "posterior.csv")))
    assert [row["career.leaving_rate"] for row in posterior] == [m["career.leaving_rate"] for m in passed]

    # A scenario over the ensemble: its effects with the parameters' uncertainty.
    merged = {}
    for scenario in ("baseline", "market_review"):
        sweep = folder / f"{scenario}_ensemble.ini"
        sweep.write_text(f"[sweep]\nscenario = {ROOT / 'scenarios' / f'{scenario}.ini'}\nreplicates = 2\nseed = 3\n"
                         f"design = list\npoints = {folder / 'ensemble' / 'posterior.csv'}\n"
                         "[set]\n" + "".join(s.replace("=", " = ") + "\n" for s in SETTINGS))
        run_ittsim("sweep", str(sweep), "-o", str(folder / scenario), "-q")
        run_ittsim("merge", str(folder / scenario), "-o", str(folder / f"{scenario}.h5"), "-q")
        merged[scenario] = folder / f"{scenario}.h5"
    done = analysis("calibrate", "effects", str(merged["market_review"]), str(merged["baseline"]), "-o",
                    str(folder / "effects.csv"))
    assert done.returncode == 0, done.stderr
    rows = {row["indicator"]: row for row in csv.DictReader(open(folder / "effects.csv"))}
    offered = rows["placement_weeks_offered"]
    assert int(offered["members"]) == len(passed) and offered["paired"] == "True"
    for row in rows.values():
        assert float(row["ensemble_low"]) <= float(row["effect_mean"]) <= float(row["ensemble_high"])
        assert float(row["noise_low"]) <= float(row["effect_mean"]) <= float(row["noise_high"])
    other = analysis("calibrate", "effects", str(merged["market_review"]), str(synthetic / "nothing.h5"))
    assert other.returncode == 2


def test_bad_calibration_input_exits_2(synthetic, tmp_path):
    bad = tmp_path / "bad.ini"
    bad.write_text((synthetic / "hm.ini").read_text().replace("0.03:0.11", "0.11:0.03")
                   .replace("targets = targets.ini", f"targets = {synthetic / 'targets.ini'}"))
    done = analysis("calibrate", "init", str(bad), "-o", str(tmp_path / "never"))
    assert done.returncode == 2 and "LOW must be below HIGH" in done.stderr
    assert not (tmp_path / "never").exists()
    done = analysis("calibrate", "next", str(tmp_path))
    assert done.returncode == 2
    unrun = tmp_path / "unrun"
    assert analysis("calibrate", "init", str(synthetic / "hm.ini"), "-o", str(unrun)).returncode == 0
    done = analysis("calibrate", "next", str(unrun))
    assert done.returncode == 2 and "has not run" in done.stderr
