"""History matching with Gaussian-process emulators (docs/CALIBRATION.md, History matching):
waves of runs, one emulator per target measure, an implausibility cut-off, the next wave's
points drawn from the region not yet ruled out (Vernon, Goldstein and Bower 2010; Andrianakis
et al. 2015).

    /usr/bin/python3 -m analysis calibrate init CONFIG.ini [-o DIR]
    ittsim sweep DIR/wave_01/sweep.ini -o DIR/wave_01/run     # anywhere a sweep runs
    /usr/bin/python3 -m analysis calibrate next DIR
    ...
    /usr/bin/python3 -m analysis calibrate status DIR
    /usr/bin/python3 -m analysis calibrate ensemble DIR [-n 200] [--set population.scale=1]...
    ittsim sweep DIR/ensemble/sweep.ini -o DIR/ensemble/run
    /usr/bin/python3 -m analysis calibrate verify DIR
    /usr/bin/python3 -m analysis calibrate effects SCENARIO_SWEEP.h5 BASELINE_SWEEP.h5 [--years F:L] [-o FILE.csv]

A wave's runs are measured with `ittsim measure --targets` on each point file, so that the
measures are those the benchmark checks. Wave k's emulators are fitted to the runs of waves
1 … k; a candidate point is non-implausible when, for every wave's emulators, its
implausibility

    I_j(x) = |E_j(x) − z_j| / sqrt(observation_sd_j² + discrepancy_sd_j² + Var_j(x))

(E_j and Var_j the emulator's mean and variance for target j, z_j the observed figure) has
its maximum over targets (or its second maximum, `cut_on = second_max`) at most the cut-off.
The emulators model a point's mean over its replicates: each run's replicate variance over
the replicate count enters the Gaussian process as that run's noise.
"""

import argparse
import base64
import configparser
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from analysis import load

ROOT = Path(__file__).resolve().parent.parent
CANDIDATE_BATCHES_AT_MOST = 50
CUT_ON = ("max", "second_max")


@dataclass
class Config:
    path: Path
    scenario: Path
    targets: Path
    parameters: dict              # key: (low, high), in file order
    settings: list                # [(key, value)] for [set]
    points: int = 40
    replicates: int = 2
    cutoff: float = 3.0
    cut_on: str = "max"
    seed: int = 1
    candidates: int = 20000
    use: list = field(default_factory=list)  # target names used (default: all)


def _fail(message):
    raise load.InputError(message)


def read_config(path):
    """The calibration config (format in docs/CALIBRATION.md); InputError naming the file and key."""
    path = Path(path)
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",), comment_prefixes=("#",), interpolation=None)
    parser.optionxform = str
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, configparser.Error) as error:
        _fail(f"{path}: cannot read the calibration config: {error}")
    for section in parser.sections():
        if section not in ("calibrate", "set", "parameters"):
            _fail(f"{path}: unknown section [{section}]; expected [calibrate], [set] and [parameters]")
    if not parser.has_section("calibrate") or not parser.has_section("parameters"):
        _fail(f"{path}: needs a [calibrate] and a [parameters] section")
    main = parser["calibrate"]
    known = {"scenario", "targets", "points", "replicates", "cutoff", "cut_on", "seed", "candidates", "use"}
    for key in main:
        if key not in known:
            _fail(f"{path}: [calibrate] unknown key '{key}'; expected {', '.join(sorted(known))}")

    def need(key):
        if key not in main:
            _fail(f"{path}: [calibrate] needs {key}")
        return main[key].strip()

    def whole(key, default, low):
        text = main.get(key, str(default)).strip()
        try:
            value = int(text)
        except ValueError:
            _fail(f"{path}: [calibrate] {key} = '{text}': expected a whole number of at least {low}")
        if value < low:
            _fail(f"{path}: [calibrate] {key} = '{text}': expected a whole number of at least {low}")
        return value

    folder = path.resolve().parent
    scenario, targets = folder / need("scenario"), folder / need("targets")
    for what, file in (("scenario", scenario), ("targets", targets)):
        if not file.is_file():
            _fail(f"{path}: [calibrate] {what} = '{main[what]}': no such file {file}")
    parameters = {}
    for key, text in parser["parameters"].items():
        try:
            low, high = (float(part) for part in text.split(":"))
        except ValueError:
            _fail(f"{path}: [parameters] {key} = '{text}': expected a range LOW:HIGH")
        if not low < high:
            _fail(f"{path}: [parameters] {key} = '{text}': LOW must be below HIGH")
        parameters[key] = (low, high)
    if not parameters:
        _fail(f"{path}: [parameters] names no parameter to calibrate")
    try:
        cutoff = float(main.get("cutoff", "3"))
    except ValueError:
        _fail(f"{path}: [calibrate] cutoff = '{main.get('cutoff')}': expected a number")
    if not cutoff > 0:
        _fail(f"{path}: [calibrate] cutoff = '{main.get('cutoff')}': expected a number above 0")
    cut_on = main.get("cut_on", "max").strip()
    if cut_on not in CUT_ON:
        _fail(f"{path}: [calibrate] cut_on = '{cut_on}': expected max or second_max")
    settings = list(parser["set"].items()) if parser.has_section("set") else []
    use = [name.strip() for name in main.get("use", "").split(",") if name.strip()]
    return Config(path=path, scenario=scenario, targets=targets, parameters=parameters, settings=settings,
                  points=whole("points", 40, 4), replicates=whole("replicates", 2, 2), cutoff=cutoff, cut_on=cut_on,
                  seed=whole("seed", 1, 0), candidates=whole("candidates", 20000, 100), use=use)


def _ittsim():
    return os.environ.get("ITTSIM", str(ROOT / "build" / "bin" / "ittsim"))


def _run_ittsim(arguments):
    done = subprocess.run([_ittsim(), *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        _fail(f"ittsim {' '.join(arguments)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def wave_folder(folder, wave):
    return Path(folder) / f"wave_{wave:02d}"


def _write_sweep(config, folder, wave, points, target=None, settings=None, what=None):
    """Writes wave's sweep: a Latin hypercube over the ranges (wave 1) or the given points
    (into target, default the wave's folder; settings replace the config's [set])."""
    target = target or wave_folder(folder, wave)
    target.mkdir()
    settings = config.settings if settings is None else settings
    lines = [f"# {what or f'Wave {wave}'} of the calibration {folder / 'calibrate.ini'} (python3 -m analysis calibrate).",
             f"# Run it with: ittsim sweep {target / 'sweep.ini'} -o {target / 'run'}", "",
             "[sweep]", f"scenario = {config.scenario}", f"replicates = {config.replicates}",
             f"seed = {config.seed + wave}"]
    if points is None:
        lines += ["design = latin_hypercube", f"samples = {config.points}"]
    else:
        lines += ["design = list", "points = points.csv"]
        with open(target / "points.csv", "w", encoding="utf-8") as handle:
            handle.write(",".join(config.parameters) + "\n")
            for row in points:
                handle.write(",".join(repr(float(value)) for value in row) + "\n")
    lines += ["", "[set]", *(f"{key} = {value}" for key, value in settings), "", "[vary]"]
    if points is None:  # a list design's [vary] stays empty
        lines += [f"{key} = {low!r}:{high!r}" for key, (low, high) in config.parameters.items()]
    (target / "sweep.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # ittsim checks the whole wave (every point's scenario) before anyone runs it.
    _run_ittsim(["sweep", str(target / "sweep.ini"), "-o", str(target / "run"), "--dry-run"])
    return target


def _config_copy_text(config):
    lines = ["# Copied by python3 -m analysis calibrate init from " + str(config.path.resolve()), "[calibrate]",
             f"scenario = {config.scenario}", f"targets = {config.targets}", f"points = {config.points}",
             f"replicates = {config.replicates}", f"cutoff = {config.cutoff!r}", f"cut_on = {config.cut_on}",
             f"seed = {config.seed}", f"candidates = {config.candidates}"]
    if config.use:
        lines.append("use = " + ", ".join(config.use))
    lines += ["", "[set]", *(f"{key} = {value}" for key, value in config.settings), "", "[parameters]"]
    lines += [f"{key} = {low!r}:{high!r}" for key, (low, high) in config.parameters.items()]
    return "\n".join(lines) + "\n"


def init(config_path, folder=None):
    """Creates DIR (default: the config's path without .ini) with calibrate.ini and wave 1."""
    config = read_config(config_path)
    folder = Path(folder) if folder else config.path.with_suffix("")
    if folder.exists():
        _fail(f"{folder}: exists; give a new folder (-o) or remove it")
    if not folder.parent.is_dir():
        _fail(f"{folder}: the folder {folder.parent} does not exist")
    targets = _targets(config)
    staging = folder.with_name(f".{folder.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        (staging / "calibrate.ini").write_text(_config_copy_text(config), encoding="utf-8")
        _write_sweep(config, staging, 1, None)
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # The sweep file names its folder: rewrite the comment for where it now lies.
    sweep = wave_folder(folder, 1) / "sweep.ini"
    sweep.write_text(sweep.read_text(encoding="utf-8").replace(str(staging), str(folder)), encoding="utf-8")
    return folder, targets


def _targets(config):
    """{name: {"observed", "observation_sd", "discrepancy_sd"}} of the targets used."""
    from analysis import calibration
    declared = calibration.targets(config.targets)
    unknown = [name for name in config.use if name not in declared]
    if unknown:
        _fail(f"{config.path}: [calibrate] use names {', '.join(unknown)}, not in {config.targets}")
    return {name: declared[name] for name in (config.use or declared)}


def measure_wave(config, folder, wave, targets, where=None):
    """(point values [point, parameter], means [point, target], replicate sds [point, target]) of
    a wave (or the sweep in where) whose runs are complete, each point measured by `ittsim
    measure --targets`."""
    where = where or wave_folder(folder, wave)
    run = where / "run"
    table = run / "points.csv"
    if not table.is_file():
        _fail(f"{where}: {f'wave {wave}' if wave else 'the sweep'} has not run; run `ittsim sweep "
              f"{where / 'sweep.ini'} -o {run}`")
    with open(table, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = [int(row["point"]) for row in rows if not (run / "points" / f"point_{int(row['point']):06d}.h5").is_file()]
    if missing:
        _fail(f"{run}: {len(missing)} of {len(rows)} points are not complete (e.g. point {missing[0]}); "
              f"run `ittsim sweep {where / 'sweep.ini'} -o {run}` again to finish it")
    values = np.array([[float(row[key]) for key in config.parameters] for row in rows])
    means = np.full((len(rows), len(targets)), np.nan)
    sds = np.full((len(rows), len(targets)), np.nan)
    names = list(targets)
    for p, row in enumerate(rows):
        point = run / "points" / f"point_{int(row['point']):06d}.h5"
        text = _run_ittsim(["measure", str(point), "--targets", str(config.targets), "--format", "csv"])
        for measured in csv.DictReader(io.StringIO(text)):
            if measured["name"] in targets and measured["mean"]:
                j = names.index(measured["name"])
                means[p, j], sds[p, j] = float(measured["mean"]), float(measured["sd"] or 0)
    return values, means, sds


def _unit(values, config):
    lows = np.array([low for low, _ in config.parameters.values()])
    highs = np.array([high for _, high in config.parameters.values()])
    return (values - lows) / (highs - lows)


class Emulator:
    """A Gaussian process (scikit-learn: constant × anisotropic RBF + white noise) of one
    target's point means over the unit cube, each run's replicate noise as its own nugget."""

    def __init__(self, unit, means, sds, replicates, seed, theta=None):
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.gaussian_process import GaussianProcessRegressor
        from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

        self.centre = float(np.mean(means))
        self.scale = float(np.std(means)) or 1.0
        y = (means - self.centre) / self.scale
        noise = np.maximum((sds / self.scale) ** 2 / replicates, 1e-10)
        dimensions = unit.shape[1]
        kernel = ConstantKernel(1.0, (1e-3, 1e3)) * RBF(np.full(dimensions, 0.5), (0.05, 20.0)) + \
            WhiteKernel(1e-3, (1e-8, 1.0))
        # theta: the kernel's fitted hyperparameters (log scale) from an earlier fit of the same
        # runs, which rebuild the same emulator without optimising again.
        self.model = GaussianProcessRegressor(
            kernel=kernel if theta is None else kernel.clone_with_theta(np.asarray(theta)), alpha=noise,
            normalize_y=False, n_restarts_optimizer=2, random_state=seed, optimizer=None if theta is not None else "fmin_l_bfgs_b")
        with warnings.catch_warnings():
            # A length scale at its bound (an input without effect) is an answer, not a failure.
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.model.fit(unit, y)
        self.unit, self.y, self.noise = unit, y, noise

    def predict(self, unit):
        """(mean, variance) in the measure's units."""
        mean, sd = self.model.predict(unit, return_std=True)
        return self.centre + self.scale * mean, (self.scale * sd) ** 2

    def leave_one_out(self):
        """(predicted mean, predicted variance) of each run from the others, with the fitted
        kernel (the closed form of Rasmussen and Williams 2006, 5.4.2)."""
        kernel = self.model.kernel_
        covariance = kernel(self.unit) + np.diag(self.noise)
        inverse = np.linalg.inv(covariance)
        weights = inverse @ self.y
        variance = 1 / np.diag(inverse)
        mean = self.y - weights * variance
        return self.centre + self.scale * mean, self.scale ** 2 * variance


def implausibility(emulators, targets, unit):
    """[candidate, target] implausibilities of unit points under one wave's emulators."""
    columns = []
    for name, emulator in emulators.items():
        mean, variance = emulator.predict(unit)
        target = targets[name]
        total = target["observation_sd"] ** 2 + target["discrepancy_sd"] ** 2 + variance
        columns.append(np.abs(mean - target["reference"]) / np.sqrt(total))
    return np.column_stack(columns)


def direct_implausibility(targets, means, sds, replicates):
    """[run, target] implausibilities of simulated runs: the replicates' variance over their
    count takes the place of an emulator's."""
    names = list(targets)
    observed = np.array([targets[n]["reference"] for n in names])
    spread = np.array([targets[n]["observation_sd"] ** 2 + targets[n]["discrepancy_sd"] ** 2 for n in names])
    return np.abs(means - observed) / np.sqrt(spread + sds ** 2 / replicates)


def cut_measure(values, cut_on):
    """The maximum, or second maximum, over targets of [candidate, target] implausibilities."""
    ordered = np.sort(values, axis=1)
    return ordered[:, -1] if cut_on == "max" or values.shape[1] < 2 else ordered[:, -2]


def _fit_wave(unit, means, sds, names, replicates, seed, saved=None):
    """Each target's emulator of these runs; saved (a wave's emulators.json) gives each one's
    fitted hyperparameters, so that a wave fitted once is rebuilt without optimising again."""
    emulators = {}
    for j, name in enumerate(names):
        defined = ~np.isnan(means[:, j])
        if defined.sum() >= 4:
            theta = (saved or {}).get(name)
            emulators[name] = Emulator(unit[defined], means[defined, j], sds[defined, j], replicates, seed + j, theta)
    return emulators


def _saved_kernels(folder, wave):
    path = wave_folder(folder, wave) / "emulators.json"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _save_kernels(folder, wave, emulators):
    with open(wave_folder(folder, wave) / "emulators.json", "w", encoding="utf-8") as handle:
        json.dump({name: list(map(float, e.model.kernel_.theta)) for name, e in emulators.items()}, handle, indent=1)


def next_wave(folder):
    """Measures the last wave, fits its emulators, screens candidates through every wave's
    emulators and writes the next wave. Returns the wave's summary (also in summary.json)."""
    folder = Path(folder)
    config = read_config(folder / "calibrate.ini")
    targets = _targets(config)
    waves = sorted(int(p.name[5:]) for p in folder.glob("wave_[0-9][0-9]") if (p / "sweep.ini").is_file())
    if not waves:
        _fail(f"{folder}: no wave; start with `python3 -m analysis calibrate init CONFIG`")
    wave = waves[-1]
    names = list(targets)
    unit_all, means_all, sds_all, by_wave = [], [], [], []
    for w in waves:
        measured = folder / f"wave_{w:02d}" / "measures.npz"
        if measured.is_file():
            data = np.load(measured)
            values, means, sds = data["values"], data["means"], data["sds"]
        else:
            values, means, sds = measure_wave(config, folder, w, targets)
            np.savez(measured, values=values, means=means, sds=sds)
            _write_measures_csv(folder / f"wave_{w:02d}" / "measures.csv", config, names, values, means, sds)
        unit_all.append(_unit(values, config))
        means_all.append(means)
        sds_all.append(sds)
        # Wave w's emulators: fitted to the runs of waves 1 … w (once; then rebuilt from their kernels).
        saved = _saved_kernels(folder, w)
        by_wave.append(_fit_wave(np.vstack(unit_all), np.vstack(means_all), np.vstack(sds_all), names,
                                 config.replicates, config.seed, saved))
        if saved is None:
            _save_kernels(folder, w, by_wave[-1])
    emulators = by_wave[-1]
    if not emulators:
        _fail(f"{folder}: no target is defined in wave {wave}'s runs (too few years for them?)")
    means = np.vstack(means_all)
    sds = np.vstack(sds_all)

    # Screening: Latin hypercube batches over the whole box, through every wave's emulators.
    from scipy.stats import qmc
    rng_seed = config.seed * 1000 + wave
    kept, screened = [], 0
    for batch in range(CANDIDATE_BATCHES_AT_MOST):
        candidates = qmc.LatinHypercube(d=len(config.parameters), seed=rng_seed + batch).random(config.candidates)
        alive = np.ones(len(candidates), dtype=bool)
        for wave_emulators in by_wave:
            alive &= cut_measure(implausibility(wave_emulators, targets, candidates), config.cut_on) <= config.cutoff
        kept.append(candidates[alive])
        screened += len(candidates)
        if sum(len(k) for k in kept) >= 10 * config.points or (batch == 0 and alive.mean() > 0.2):
            break
    kept = np.vstack(kept)
    share = len(kept) / screened

    # The runs themselves: how many are within the cut-off by direct simulation.
    direct = direct_implausibility(targets, means, sds, config.replicates)
    direct_max = np.nanmax(np.where(np.isnan(direct), -np.inf, direct), axis=1)
    diagnostics = {}
    for name, emulator in emulators.items():
        loo_mean, loo_variance = emulator.leave_one_out()
        j = names.index(name)
        defined = ~np.isnan(means[:, j])
        errors = (means[defined, j] - loo_mean) / np.sqrt(loo_variance)
        diagnostics[name] = {"within_3_sd": float(np.mean(np.abs(errors) <= 3)),
                             "rmse": float(np.sqrt(np.mean((means[defined, j] - loo_mean) ** 2))),
                             "observed": targets[name]["reference"], "kernel": str(emulator.model.kernel_)}
        np.savez(folder / f"wave_{wave:02d}" / f"loo_{name}.npz", simulated=means[defined, j], predicted=loo_mean,
                 variance=loo_variance)
    summary = {"wave": wave, "runs": int(len(means)), "runs_this_wave": int(len(means_all[-1])),
               "targets": names, "cutoff": config.cutoff, "cut_on": config.cut_on,
               "candidates_screened": int(screened), "non_implausible_share": share,
               "runs_within_cutoff": int(np.sum(direct_max <= config.cutoff)),
               "best_run_max_implausibility": float(np.min(direct_max)),
               "leave_one_out": diagnostics, "next_wave": None}
    np.save(folder / f"wave_{wave:02d}" / "non_implausible.npy", kept)
    if len(kept) == 0:
        summary["next_wave"] = None
    else:
        rng = np.random.default_rng(rng_seed)
        chosen = kept[rng.choice(len(kept), size=min(config.points, len(kept)), replace=False)]
        lows = np.array([low for low, _ in config.parameters.values()])
        highs = np.array([high for _, high in config.parameters.values()])
        points = lows + chosen * (highs - lows)
        _write_sweep(config, folder, wave + 1, points)
        summary["next_wave"] = wave + 1
    with open(folder / f"wave_{wave:02d}" / "summary.json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    return summary


def _last_fitted_wave(folder):
    fitted = sorted(int(p.parent.name[5:]) for p in folder.glob("wave_[0-9][0-9]/summary.json"))
    if not fitted:
        _fail(f"{folder}: no wave has been fitted yet; run `python3 -m analysis calibrate next {folder}` after wave 1")
    return fitted[-1]


def _emulators_up_to(config, folder, wave, targets):
    unit_all, means_all, sds_all = [], [], []
    for w in range(1, wave + 1):
        data = np.load(wave_folder(folder, w) / "measures.npz")
        unit_all.append(_unit(data["values"], config))
        means_all.append(data["means"])
        sds_all.append(data["sds"])
    return _fit_wave(np.vstack(unit_all), np.vstack(means_all), np.vstack(sds_all), list(targets), config.replicates,
                     config.seed, _saved_kernels(folder, wave))


def ensemble(folder, members, settings):
    """Writes DIR/ensemble: a list sweep of members points drawn from the last fitted wave's
    non-implausible candidates, with the emulators' predicted implausibility of each."""
    folder = Path(folder)
    config = read_config(folder / "calibrate.ini")
    targets = _targets(config)
    wave = _last_fitted_wave(folder)
    kept = np.load(wave_folder(folder, wave) / "non_implausible.npy")
    if len(kept) == 0:
        _fail(f"{folder}: wave {wave} left no non-implausible point to draw an ensemble from")
    target = folder / "ensemble"
    if target.exists():
        _fail(f"{target}: exists; remove it to draw a new ensemble")
    rng = np.random.default_rng(config.seed * 1000 + 999)
    chosen = kept[rng.choice(len(kept), size=min(members, len(kept)), replace=False)]
    # The best guess of each member's implausibility, without the emulators' own uncertainty.
    emulators = _emulators_up_to(config, folder, wave, targets)
    predicted = []
    for name, emulator in emulators.items():
        mean, _ = emulator.predict(chosen)
        t = targets[name]
        predicted.append(np.abs(mean - t["reference"]) / math.hypot(t["observation_sd"], t["discrepancy_sd"]))
    predicted = cut_measure(np.column_stack(predicted), config.cut_on)
    lows = np.array([low for low, _ in config.parameters.values()])
    highs = np.array([high for _, high in config.parameters.values()])
    merged = dict(config.settings)
    merged.update(settings)
    _write_sweep(config, folder, 100, lows + chosen * (highs - lows), target=target, settings=list(merged.items()),
                 what=f"The posterior ensemble ({len(chosen)} members from wave {wave})")
    np.save(target / "predicted_implausibility.npy", predicted)
    return target, len(chosen), float(np.mean(predicted <= config.cutoff))


def verify(folder):
    """Measures the ensemble's runs against every target used, writes ensemble.csv (each
    member, its measures, its implausibility by direct simulation and as predicted, and
    whether it passes), posterior.csv (the members that pass, a list sweep's points) and
    summary.json. Returns the summary."""
    folder = Path(folder)
    config = read_config(folder / "calibrate.ini")
    targets = _targets(config)
    where = folder / "ensemble"
    if not (where / "sweep.ini").is_file():
        _fail(f"{folder}: no ensemble; draw one with `python3 -m analysis calibrate ensemble {folder}`")
    values, means, sds = measure_wave(config, folder, 0, targets, where=where)
    names = list(targets)
    direct = direct_implausibility(targets, means, sds, config.replicates)
    cut = cut_measure(np.where(np.isnan(direct), np.inf, direct), config.cut_on)
    passes = cut <= config.cutoff
    predicted = np.load(where / "predicted_implausibility.npy")
    with open(where / "ensemble.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["member", *config.parameters, *(f"{n}_mean" for n in names), *(f"{n}_implausibility" for n in names),
                         "implausibility", "predicted_implausibility", "passes"])
        for m in range(len(values)):
            writer.writerow([m, *(repr(float(v)) for v in values[m]), *(f"{v:.6g}" for v in means[m]),
                             *(f"{v:.3f}" for v in direct[m]), f"{cut[m]:.3f}", f"{predicted[m]:.3f}",
                             "true" if passes[m] else "false"])
    with open(where / "posterior.csv", "w", encoding="utf-8") as handle:
        handle.write(",".join(config.parameters) + "\n")
        for m in np.flatnonzero(passes):
            handle.write(",".join(repr(float(v)) for v in values[m]) + "\n")
    summary = {"members": int(len(values)), "passed": int(passes.sum()), "acceptance_rate": float(passes.mean()),
               "predicted_acceptance_rate": float(np.mean(predicted <= config.cutoff)),
               "targets": names, "cutoff": config.cutoff, "cut_on": config.cut_on,
               "failed_by_target": {n: int(np.sum(direct[:, j] > config.cutoff)) for j, n in enumerate(names)}}
    with open(where / "summary.json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    return summary


def effects(scenario_path, baseline_path, years=None):
    """Rows of each headline and input indicator's effect (scenario minus baseline) over an
    ensemble, from the comparison engine (analysis.comparison): the mean over members, a 90%
    interval from replicate noise alone (as for one parameter set), the 90% interval over the
    members with their noise (ensemble_low, ensemble_high), which adds the parameters'
    uncertainty, the members' effects' own 5th-95th percentiles, and the probability of the
    effect's sign."""
    from analysis import comparison
    compared = comparison.load_comparison([baseline_path, scenario_path], baseline=str(baseline_path), years=years,
                                          ensemble=True, mixed="refuse")
    if compared.sources[compared.baseline].replicates < 2:
        raise load.InputError(f"{baseline_path}: needs at least 2 replicates")
    name = compared.scenarios[0]
    rows = []
    for indicator in comparison.HEADLINE + comparison.INPUTS:
        row = comparison.effect(compared, name, indicator)
        if row is None or math.isnan(row["difference"]):
            continue
        rows.append({"indicator": indicator.key, "label": indicator.label, "members": row["members"],
                     "baseline_mean": row["baseline"], "effect_mean": row["difference"],
                     "noise_low": row["noise_low"], "noise_high": row["noise_high"], "ensemble_low": row["low"],
                     "ensemble_high": row["high"], "members_low": row["members_low"],
                     "members_high": row["members_high"], "probability_of_sign": row["probability_of_sign"],
                     "paired": compared.pairs[name]["paired"]})
    if not rows:
        raise load.InputError(f"{scenario_path}: no headline indicator in both sweeps")
    return rows


def _write_measures_csv(path, config, names, values, means, sds):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*config.parameters, *(f"{n}_mean" for n in names), *(f"{n}_sd" for n in names)])
        for row in range(len(values)):
            writer.writerow([*(f"{v:.10g}" for v in values[row]), *(f"{v:.10g}" for v in means[row]),
                             *(f"{v:.10g}" for v in sds[row])])


def _png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def status(folder):
    """Writes DIR/status.html: the non-implausible share by wave, the kept region's pairs
    plot and the last wave's leave-one-out diagnostics. Returns its path."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder = Path(folder)
    config = read_config(folder / "calibrate.ini")
    summaries = []
    for path in sorted(folder.glob("wave_[0-9][0-9]/summary.json")):
        with open(path, encoding="utf-8") as handle:
            summaries.append(json.load(handle))
    if not summaries:
        _fail(f"{folder}: no wave has been fitted yet; run `python3 -m analysis calibrate next {folder}` after wave 1")
    images = []
    figure, axes = plt.subplots(figsize=(6, 3.5))
    axes.semilogy([s["wave"] for s in summaries], [max(s["non_implausible_share"], 1e-6) for s in summaries], "o-")
    axes.set_xlabel("wave")
    axes.set_ylabel("non-implausible share of the box")
    axes.set_xticks([s["wave"] for s in summaries])
    images.append(("Non-implausible share by wave", _png(figure)))
    plt.close(figure)
    last = summaries[-1]
    kept = np.load(folder / f"wave_{last['wave']:02d}" / "non_implausible.npy")
    keys = list(config.parameters)
    if len(kept):
        sample = kept[:2000]
        k = len(keys)
        figure, grid = plt.subplots(k, k, figsize=(2 * k + 1, 2 * k + 1), squeeze=False)
        for i in range(k):
            for j in range(k):
                axis = grid[i][j]
                if i == j:
                    axis.hist(sample[:, i], bins=20, range=(0, 1), color="grey")
                else:
                    axis.scatter(sample[:, j], sample[:, i], s=2, alpha=0.3)
                    axis.set_xlim(0, 1)
                    axis.set_ylim(0, 1)
                if i == k - 1:
                    axis.set_xlabel(keys[j].split(".")[-1], fontsize=7)
                if j == 0:
                    axis.set_ylabel(keys[i].split(".")[-1], fontsize=7)
                axis.tick_params(labelsize=6)
        figure.tight_layout()
        images.append((f"Non-implausible region after wave {last['wave']} (each parameter over its range, 0 to 1)",
                       _png(figure)))
        plt.close(figure)
    names = list(last["leave_one_out"])
    if names:
        columns = min(4, len(names))
        rows = math.ceil(len(names) / columns)
        figure, grid = plt.subplots(rows, columns, figsize=(3.2 * columns, 3 * rows), squeeze=False)
        for index, name in enumerate(names):
            data = np.load(folder / f"wave_{last['wave']:02d}" / f"loo_{name}.npz")
            axis = grid[index // columns][index % columns]
            axis.errorbar(data["simulated"], data["predicted"], yerr=3 * np.sqrt(data["variance"]), fmt="o", ms=3)
            ends = [min(data["simulated"].min(), data["predicted"].min()), max(data["simulated"].max(),
                                                                                data["predicted"].max())]
            axis.plot(ends, ends, color="grey")
            axis.axhline(last["leave_one_out"][name]["observed"], color="red", linestyle=":")
            axis.set_title(f"{name}\n{last['leave_one_out'][name]['within_3_sd']:.0%} within 3 sd", fontsize=7)
            axis.tick_params(labelsize=6)
        for index in range(len(names), rows * columns):
            grid[index // columns][index % columns].axis("off")
        figure.supxlabel("simulated")
        figure.supylabel("emulator, left out (±3 sd)")
        figure.tight_layout()
        images.append((f"Leave-one-out diagnostics of wave {last['wave']}'s emulators (red: the observed figure)",
                       _png(figure)))
        plt.close(figure)
    table = "".join(f"<tr><td>{s['wave']}</td><td>{s['runs_this_wave']}</td><td>{s['runs']}</td>"
                    f"<td>{s['non_implausible_share']:.4g}</td><td>{s['runs_within_cutoff']}</td>"
                    f"<td>{s['best_run_max_implausibility']:.2f}</td></tr>" for s in summaries)
    body = (f"<h1>Calibration {folder.name}</h1><p>Cut-off {config.cutoff:g} on the {config.cut_on.replace('_', ' ')} "
            f"implausibility over {len(last['targets'])} targets; {len(keys)} parameters.</p>"
            "<table border=1 cellpadding=4><tr><th>wave</th><th>runs</th><th>runs so far</th>"
            "<th>non-implausible share</th><th>runs within the cut-off</th><th>best run's largest I</th></tr>"
            f"{table}</table>")
    body += "".join(f"<h2>{title}</h2><img src='data:image/png;base64,{data}'>" for title, data in images)
    path = folder / "status.html"
    partial = path.with_name("status.html.part")
    partial.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{folder.name}</title></head>"
                       f"<body>{body}</body></html>", encoding="utf-8")
    partial.replace(path)
    return path


def main(argv, years_type):
    parser = argparse.ArgumentParser(prog="python3 -m analysis calibrate",
                                     description="History matching: waves of ittsim sweeps, emulators, implausibility.")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("init", help="write wave 1 from a calibration config")
    start.add_argument("config", metavar="CONFIG.ini")
    start.add_argument("-o", "--output", metavar="DIR", help="the calibration folder (default: CONFIG without .ini)")
    step = commands.add_parser("next", help="fit the last wave's emulators and write the next wave")
    step.add_argument("folder", metavar="DIR")
    show = commands.add_parser("status", help="write DIR/status.html")
    show.add_argument("folder", metavar="DIR")
    draw = commands.add_parser("ensemble", help="draw a posterior ensemble from the last wave's region")
    draw.add_argument("folder", metavar="DIR")
    draw.add_argument("-n", "--members", type=int, default=200, help="members to draw (default 200)")
    draw.add_argument("--set", action="append", default=[], metavar="group.name=value",
                      help="replaces the config's [set] for the ensemble runs, e.g. population.scale=1 (repeatable)")
    check = commands.add_parser("verify", help="check the ensemble's runs against every target")
    check.add_argument("folder", metavar="DIR")
    effect = commands.add_parser("effects", help="a scenario's effects over an ensemble, with parameter uncertainty")
    effect.add_argument("scenario", metavar="SCENARIO_SWEEP.h5", help="merged list sweep of the scenario over the members")
    effect.add_argument("baseline", metavar="BASELINE_SWEEP.h5", help="the same members and seed, baseline scenario")
    effect.add_argument("--years", type=years_type, metavar="FIRST:LAST",
                        help="academic years (default: every year after the warm-up)")
    effect.add_argument("-o", "--output", metavar="FILE.csv", help="also write the table as CSV")
    args = parser.parse_args(argv)
    try:
        if args.command == "init":
            folder, targets = init(args.config, args.output)
            print(f"{folder}: wave 1 written for {len(targets)} targets; run it with\n"
                  f"  ittsim sweep {wave_folder(folder, 1) / 'sweep.ini'} -o {wave_folder(folder, 1) / 'run'}\n"
                  f"then: python3 -m analysis calibrate next {folder}")
        elif args.command == "next":
            summary = next_wave(args.folder)
            print(f"wave {summary['wave']}: {summary['runs']} runs, {summary['runs_within_cutoff']} within the cut-off "
                  f"by direct simulation; non-implausible share {summary['non_implausible_share']:.4g}")
            for name, loo in summary["leave_one_out"].items():
                print(f"  {name:<40} leave-one-out within 3 sd: {loo['within_3_sd']:.0%}")
            if summary["next_wave"]:
                wave = wave_folder(args.folder, summary["next_wave"])
                print(f"next: ittsim sweep {wave / 'sweep.ini'} -o {wave / 'run'}")
            else:
                print("no non-implausible point is left: the model cannot meet these targets within the ranges given")
        elif args.command == "ensemble":
            if args.members < 1:
                parser.error("--members: at least 1")
            settings = {}
            for item in args.set:
                key, equals, value = item.partition("=")
                if not equals or "." not in key:
                    parser.error(f"--set '{item}': expected group.name=value")
                settings[key.strip()] = value.strip()
            target, count, predicted = ensemble(args.folder, args.members, settings)
            print(f"{target}: {count} members; the emulators expect {predicted:.0%} to pass. Run it with\n"
                  f"  ittsim sweep {target / 'sweep.ini'} -o {target / 'run'}\n"
                  f"then: python3 -m analysis calibrate verify {args.folder}")
        elif args.command == "verify":
            summary = verify(args.folder)
            print(f"{summary['passed']} of {summary['members']} members pass every target by direct simulation "
                  f"(acceptance {summary['acceptance_rate']:.0%}; the emulators predicted "
                  f"{summary['predicted_acceptance_rate']:.0%}); posterior.csv holds them")
        elif args.command == "effects":
            rows = effects(args.scenario, args.baseline, args.years)
            print(f"{'indicator':<40} {'baseline':>12} {'effect':>12} {'90% (replicates)':>24} {'90% (members and noise)':>24}")
            for row in rows:
                print(f"{row['label']:<40} {row['baseline_mean']:>12.4g} {row['effect_mean']:>+12.4g} "
                      f"{row['noise_low']:>+11.4g} to {row['noise_high']:<+9.4g} "
                      f"{row['ensemble_low']:>+11.4g} to {row['ensemble_high']:<+9.4g}")
            if args.output:
                partial = Path(args.output + ".part")
                with open(partial, "w", encoding="utf-8", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
                    writer.writeheader()
                    writer.writerows(rows)
                partial.replace(args.output)
        else:
            print(f"written: {status(args.folder)}")
    except load.InputError as error:
        print(f"analysis calibrate: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"analysis calibrate: error: {error}", file=sys.stderr)
        return 3
    return 0
