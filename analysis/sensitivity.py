"""Global sensitivity analysis of a merged Morris or Saltelli sweep (docs/CALIBRATION.md,
Sensitivity; the designs are described in docs/HPC.md).

    /usr/bin/python3 -m analysis sensitivity SWEEP.h5 -o DIR [--baseline SWEEP.h5]
        [--years FIRST:LAST] [--measures NAME,...] [--bootstrap N] [--seed S]

A measure is a series of the sweep's /yearly group averaged over the chosen academic years,
then over each point's replicates. For a Morris sweep (design = morris) every measure gets
the elementary effects' mean of absolute values mu*, mean mu and standard deviation sigma
(Morris 1991; mu* from Campolongo, Cariboni and Saltelli 2007), in the measure's units per
whole range of the parameter. For a Saltelli sweep (design = saltelli) it gets first-order
indices S1 (Saltelli et al. 2010, Table 2 (b)) and total-order indices ST (Jansen 1999, as
Saltelli et al. 2010, Table 2 (f)). Intervals are 95% percentile bootstraps over trajectories
or base samples. With --baseline, the measures are the differences (this sweep minus the
baseline sweep, replicate by replicate), so the indices say which parameters move a
scenario's effect.

Replicate noise is shown as its own share: the variance a point's mean carries from its
replicates (the mean over points of the replicates' variance, over the replicate count) over
the variance of the point means between points. S1 and ST are shares of that whole variance,
noise included, so a measure whose noise share is large has indices that say little.
"""

import argparse
import configparser
import contextlib
import csv
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from analysis import folders, load

ENTRIES = {"indices.csv", "noise.csv", "ranking.csv", "figures"}
PLOTTED_MEASURES_AT_MOST = 12
HEATMAP_PARAMETERS_AT_MOST = 30


@dataclass
class Design:
    """What the sweep file (the merged file's `sweep` attribute) says about its design."""
    kind: str
    parameters: list
    ranges: dict  # parameter: (low, high)
    trajectories: int = 0
    levels: int = 0
    base_samples: int = 0
    common_random_numbers: bool = False


@dataclass
class Measures:
    """Point means of each measure and the replicate variance they carry."""
    names: list
    means: np.ndarray            # [point, measure], NaN for points not complete
    replicate_variance: np.ndarray  # [point, measure]: variance between replicates (ddof 1)
    replicates: int
    complete: np.ndarray            # [point]: the point ran to the end


@dataclass
class Result:
    rows: list = field(default_factory=list)   # indices.csv
    noise: list = field(default_factory=list)  # noise.csv
    used: int = 0                              # trajectories or base samples used
    dropped: int = 0                           # with a point not complete


def _design(path, attributes, parameters):
    text = attributes.get("sweep")
    if not isinstance(text, str):
        raise load.InputError(f"{path}: no 'sweep' attribute (the sweep file); is it a file merged by ittsim merge?")
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",), comment_prefixes=("#",), interpolation=None)
    parser.optionxform = str
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise load.InputError(f"{path}: its 'sweep' attribute does not read as a sweep file: {error}") from None
    sweep = parser["sweep"] if parser.has_section("sweep") else {}
    kind = sweep.get("design", "grid").strip()
    if kind not in ("morris", "saltelli"):
        raise load.InputError(f"{path}: a sweep of design '{kind}'; sensitivity needs design = morris (screening) or "
                              "design = saltelli (Sobol indices), see docs/HPC.md")
    vary = parser["vary"] if parser.has_section("vary") else {}
    ranges = {}
    for parameter in parameters:
        try:
            low, high = (float(part) for part in vary[parameter].split(":"))
        except (KeyError, ValueError):
            raise load.InputError(f"{path}: [vary] of its sweep file gives no range low:high for {parameter}") from None
        ranges[parameter] = (low, high)

    def whole(key, default):
        try:
            return int(sweep.get(key, default))
        except ValueError:
            raise load.InputError(f"{path}: [sweep] {key} = '{sweep.get(key)}' is not a whole number") from None

    return Design(kind=kind, parameters=parameters, ranges=ranges, trajectories=whole("trajectories", 0),
                  levels=whole("levels", 4), base_samples=whole("samples", 0),
                  common_random_numbers=sweep.get("common_random_numbers", "false").strip() == "true")


def _read(path, years, names):
    """(design, point values [point, parameter], measures, point seeds) of a merged sweep."""
    path = Path(path)
    sweep = load.read_sweep(path)
    design = _design(path, sweep.attributes, sweep.parameters)
    frame = sweep.yearly
    if years is not None:
        first, last = years
        frame = frame[(frame["academic_year"] >= first) & (frame["academic_year"] <= last)]
        if frame.empty:
            raise load.InputError(f"{path}: no academic year in {first}:{last}")
    series = [c for c in frame.columns if c not in {"point", "replicate", "academic_year", *sweep.parameters}]
    if names:
        unknown = [n for n in names if n not in series]
        if unknown:
            raise load.InputError(f"{path}: no yearly series {', '.join(unknown)}; it has {', '.join(sorted(series)[:8])} …")
        series = list(names)
    by_replicate = frame.groupby(["point", "replicate"], sort=True)[series].mean()
    if not names:
        # A series NaN in some run (e.g. a retention not reached in the years run) is no measure.
        series = [s for s in series if by_replicate[s].notna().all()]
        by_replicate = by_replicate[series]
    n = len(sweep.points)
    replicates = sweep.replicates
    means = np.full((n, len(series)), np.nan)
    variance = np.full((n, len(series)), np.nan)
    values = by_replicate.to_numpy(dtype=float).reshape(-1, replicates, len(series))
    complete = sweep.points["status"].to_numpy() == "complete"
    means[complete] = values.mean(axis=1)
    if replicates > 1:
        variance[complete] = values.var(axis=1, ddof=1)
    point_values = sweep.points[sweep.parameters].to_numpy(dtype=float)
    return (design, point_values, Measures(series, means, variance, replicates, complete),
            sweep.points["seed"].to_numpy())


def _difference(path, read, baseline_path, baseline):
    design, values, measures, seeds = read
    base_design, base_values, base_measures, base_seeds = baseline
    if base_design.parameters != design.parameters or base_values.shape != values.shape or \
            not np.allclose(base_values, values, rtol=1e-12, atol=0):
        raise load.InputError(f"{baseline_path}: its points are not those of {path} (another design, parameters or "
                              "seed); run both sweeps from sweep files that differ only in their base scenario")
    if base_measures.replicates != measures.replicates:
        raise load.InputError(f"{baseline_path}: {base_measures.replicates} replicates where {path} has "
                              f"{measures.replicates}")
    names = [n for n in measures.names if n in base_measures.names]
    take = [measures.names.index(n) for n in names]
    base_take = [base_measures.names.index(n) for n in names]
    paired = np.array_equal(seeds, base_seeds)
    # Replicate r of a point uses the same seed in both sweeps, so the replicate differences'
    # variance is the noise of the difference; otherwise the two noises add.
    if paired:
        noise = measures.replicate_variance[:, take]  # a bound: pairing removes common noise
    else:
        noise = measures.replicate_variance[:, take] + base_measures.replicate_variance[:, base_take]
    difference = Measures([f"{n} (difference)" for n in names],
                          measures.means[:, take] - base_measures.means[:, base_take], noise, measures.replicates,
                          measures.complete & base_measures.complete)
    return design, values, difference


def unit_values(values, design):
    """Point values scaled to [0, 1] over each parameter's range."""
    lows = np.array([design.ranges[p][0] for p in design.parameters])
    highs = np.array([design.ranges[p][1] for p in design.parameters])
    return (values - lows) / (highs - lows)


def elementary_effects(unit, outputs, dimensions):
    """Elementary effects [trajectory, parameter, measure] of Morris trajectories: rows
    t(k+1) … t(k+1)+k of unit (parameters scaled to [0, 1]) and outputs ([row, measure]).
    A step whose parameters do not change (an integer parameter's rounding) leaves NaN."""
    block = dimensions + 1
    if len(unit) % block:
        raise load.InputError(f"{len(unit)} points are not whole trajectories of {block}")
    count = len(unit) // block
    effects = np.full((count, dimensions, outputs.shape[1]), np.nan)
    for t in range(count):
        for j in range(dimensions):
            row = t * block + j
            step = unit[row + 1] - unit[row]
            changed = np.flatnonzero(np.abs(step) > 1e-9)
            if len(changed) > 1:
                raise load.InputError(f"points {row} and {row + 1} differ in {len(changed)} parameters; a Morris "
                                      "trajectory changes one at a time")
            if len(changed) == 1:
                i = changed[0]
                effects[t, i] = (outputs[row + 1] - outputs[row]) / step[i]
    return effects


def morris_statistics(effects):
    """(mu*, mu, sigma) [parameter, measure] over trajectories, ignoring NaN effects."""
    with _quiet():
        mu_star = np.nanmean(np.abs(effects), axis=0)
        mu = np.nanmean(effects, axis=0)
        sigma = np.nanstd(effects, axis=0, ddof=1)
    return mu_star, mu, sigma


def saltelli_blocks(unit, outputs, dimensions):
    """Splits a Saltelli sample into f(A) [sample, measure], f(AB_i) [sample, parameter,
    measure] and f(B), checking that AB_i is A with parameter i from B."""
    block = dimensions + 2
    if len(unit) % block:
        raise load.InputError(f"{len(unit)} points are not whole Saltelli blocks of {block}")
    count = len(unit) // block
    rows = unit.reshape(count, block, dimensions)
    a, b = rows[:, 0], rows[:, block - 1]
    for i in range(dimensions):
        expected = a.copy()
        expected[:, i] = b[:, i]
        if not np.allclose(rows[:, 1 + i], expected, atol=1e-9):
            raise load.InputError(f"points 1+{i} of each block are not A with parameter {i} from B; not a Saltelli sample")
    out = outputs.reshape(count, block, outputs.shape[1])
    return out[:, 0], out[:, 1:block - 1], out[:, block - 1]


def sobol_indices(f_a, f_ab, f_b):
    """First-order (Saltelli et al. 2010) and total-order (Jansen 1999) indices [parameter,
    measure], and the output variance [measure]. Outputs are centred on the mean of f(A) and
    f(B) first, which leaves the estimands unchanged and lowers the first-order estimator's
    variance."""
    centre = np.concatenate([f_a, f_b]).mean(axis=0)
    f_a, f_b, f_ab = f_a - centre, f_b - centre, f_ab - centre
    variance = np.concatenate([f_a, f_b]).var(axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = np.mean(f_b[:, None, :] * (f_ab - f_a[:, None, :]), axis=0) / variance
        total = np.mean((f_a[:, None, :] - f_ab) ** 2, axis=0) / (2 * variance)
    return first, total, variance


@contextlib.contextmanager
def _quiet():
    """Silences numpy's warnings of empty slices (a parameter that never moved in a
    trajectory, a measure that never varies): their statistics are NaN, as they should be."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _bootstrap(statistic, count, samples, rng):
    """95% percentile intervals of statistic(indices) over resamples of count units."""
    draws = np.stack([np.stack(statistic(rng.integers(0, count, count))) for _ in range(samples)])
    with _quiet():
        return np.nanpercentile(draws, 2.5, axis=0), np.nanpercentile(draws, 97.5, axis=0)


def analyse(design, values, measures, bootstrap=1000, seed=1):
    """The indices and noise shares of every measure (Result)."""
    k = len(design.parameters)
    block = k + 1 if design.kind == "morris" else k + 2
    count = len(values) // block
    if count * block != len(values):
        raise load.InputError(f"{len(values)} points are not whole {design.kind} blocks of {block} points")
    complete = measures.complete.reshape(count, block).all(axis=1)
    keep = np.repeat(complete, block)
    used = int(complete.sum())
    minimum = 2 if design.kind == "morris" else 4
    if used < minimum:
        raise load.InputError(f"{used} complete {'trajectories' if design.kind == 'morris' else 'base samples'}; at "
                              f"least {minimum} are needed")
    unit = unit_values(values, design)[keep]
    outputs = measures.means[keep]
    rng = np.random.default_rng(seed)
    result = Result(used=used, dropped=count - used)
    between = outputs.var(axis=0, ddof=1)
    noise_of_mean = np.nanmean(measures.replicate_variance[keep], axis=0) / measures.replicates
    with np.errstate(invalid="ignore", divide="ignore"):
        noise_share = noise_of_mean / between
    if design.kind == "morris":
        effects = elementary_effects(unit, outputs, k)
        mu_star, mu, sigma = morris_statistics(effects)
        low, high = _bootstrap(lambda take: morris_statistics(effects[take]), used, bootstrap, rng)
        indices = {"mu_star": mu_star, "mu": mu, "sigma": sigma}
        # The mu* a parameter without effect shows from replicate noise alone (independent
        # seeds): E|N(0, s)| with s the noise of a difference of two point means over the step.
        step = np.nanmedian(np.abs(np.diff(unit, axis=0)).max(axis=1)[np.arange(len(unit) - 1) % (k + 1) != k])
        noise_mu_star = np.sqrt(2 * noise_of_mean) / step * math.sqrt(2 / math.pi)
    else:
        f_a, f_ab, f_b = saltelli_blocks(unit, outputs, k)
        first, total, _ = sobol_indices(f_a, f_ab, f_b)
        low, high = _bootstrap(lambda take: sobol_indices(f_a[take], f_ab[take], f_b[take])[:2], used, bootstrap, rng)
        indices = {"S1": first, "ST": total}
        noise_mu_star = np.full(len(measures.names), np.nan)
    for m, name in enumerate(measures.names):
        result.noise.append({"measure": name, "units_used": used, "replicates": measures.replicates,
                             "variance_between_points": between[m], "replicate_noise_variance": noise_of_mean[m],
                             "noise_share": noise_share[m], "noise_mu_star": noise_mu_star[m]})
        for index_number, (index, table) in enumerate(indices.items()):
            for i, parameter in enumerate(design.parameters):
                result.rows.append({"measure": name, "method": design.kind, "parameter": parameter, "index": index,
                                    "value": table[i, m], "low": low[index_number][i, m],
                                    "high": high[index_number][i, m]})
    return result


def ranking(result, design):
    """Parameters ranked by score: their index (mu* or ST) as a share of the largest for
    each measure that varies, counted only where the index's interval lies wholly above what
    replicate noise alone gives (Morris: noise_mu_star; Saltelli: 0), else 0, averaged over
    those measures; rows of ranking.csv, with measures_above_noise the count of such measures."""
    index = "mu_star" if design.kind == "morris" else "ST"
    noise = {n["measure"]: n for n in result.noise if n["variance_between_points"] > 0}
    table = {}
    for row in result.rows:
        if row["index"] == index and row["measure"] in noise:
            table.setdefault(row["measure"], {})[row["parameter"]] = row
    shares = {p: {} for p in design.parameters}
    above = {p: 0 for p in design.parameters}
    for measure, by_parameter in table.items():
        largest = max((abs(r["value"]) for r in by_parameter.values() if np.isfinite(r["value"])), default=0)
        floor = noise[measure]["noise_mu_star"] if design.kind == "morris" else 0.0
        for parameter, row in by_parameter.items():
            clear = bool(np.isfinite(row["low"]) and row["low"] > (floor if np.isfinite(floor) else 0))
            above[parameter] += clear
            if largest > 0:
                shares[parameter][measure] = abs(row["value"]) / largest if clear else 0.0
    rows = []
    for parameter, by_measure in shares.items():
        rows.append({"parameter": parameter, "score": float(np.mean(list(by_measure.values()))) if by_measure else 0.0,
                     "largest_share": max(by_measure.values(), default=0.0), "measures": len(by_measure),
                     "measures_above_noise": above[parameter],
                     "most_moved_measure": max(by_measure, key=by_measure.get, default="")})
    rows.sort(key=lambda r: (-r["score"], r["parameter"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def _write_csv(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: (f"{row[c]:.6g}" if isinstance(row[c], (float, np.floating)) else row[c])
                             for c in columns})


def _plots(folder, result, design, ranked, measures):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figures = folder / "figures"
    figures.mkdir()
    index = "mu_star" if design.kind == "morris" else "ST"
    top = [r["parameter"] for r in ranked[:HEATMAP_PARAMETERS_AT_MOST]]
    varying = [n["measure"] for n in result.noise if n["variance_between_points"] > 0]
    table = {(r["measure"], r["parameter"]): r["value"] for r in result.rows if r["index"] == index}
    grid = np.array([[abs(table[(m, p)]) for m in varying] for p in top]) if varying else np.zeros((len(top), 0))
    with _quiet():
        grid = grid / np.nanmax(grid, axis=0, keepdims=True) if grid.size else grid
    figure, axes = plt.subplots(figsize=(max(6, 0.3 * len(varying) + 4), max(4, 0.3 * len(top) + 2)))
    image = axes.imshow(np.nan_to_num(grid), aspect="auto", cmap="viridis", vmin=0, vmax=1)
    axes.set_yticks(range(len(top)), top, fontsize=7)
    axes.set_xticks(range(len(varying)), varying, rotation=90, fontsize=6)
    axes.set_title(f"{'μ*' if index == 'mu_star' else 'total-order index'} as a share of the largest, by measure")
    figure.colorbar(image, ax=axes)
    figure.tight_layout()
    figure.savefig(figures / "ranking.png", dpi=100)
    plt.close(figure)
    if len(measures.names) > PLOTTED_MEASURES_AT_MOST:
        return
    for number, name in enumerate(measures.names):
        rows = {(r["parameter"], r["index"]): r for r in result.rows if r["measure"] == name}
        figure, axes = plt.subplots(figsize=(7, 4.5))
        if design.kind == "morris":
            for parameter in design.parameters:
                star, sigma = rows[(parameter, "mu_star")], rows[(parameter, "sigma")]
                axes.errorbar(star["value"], sigma["value"], xerr=[[star["value"] - star["low"]],
                                                                  [star["high"] - star["value"]]], fmt="o")
                axes.annotate(parameter, (star["value"], sigma["value"]), fontsize=7)
            noise = result.noise[number]["noise_mu_star"]
            if np.isfinite(noise):
                axes.axvline(noise, color="grey", linestyle="--", label="μ* of replicate noise alone")
                axes.legend(fontsize=7)
            axes.set_xlabel("μ* (per whole range)")
            axes.set_ylabel("σ")
        else:
            positions = np.arange(len(design.parameters))
            for offset, index_name in ((-0.2, "S1"), (0.2, "ST")):
                values = np.array([rows[(p, index_name)]["value"] for p in design.parameters])
                lows = np.array([rows[(p, index_name)]["low"] for p in design.parameters])
                highs = np.array([rows[(p, index_name)]["high"] for p in design.parameters])
                axes.bar(positions + offset, values, width=0.4, label=index_name,
                         yerr=[np.maximum(values - lows, 0), np.maximum(highs - values, 0)])
            axes.set_xticks(positions, design.parameters, rotation=30, ha="right", fontsize=7)
            axes.set_ylabel("share of variance")
            axes.legend(fontsize=7)
        axes.set_title(f"{name} (replicate noise {result.noise[number]['noise_share']:.0%} of the variance)")
        figure.tight_layout()
        figure.savefig(figures / f"{number:02d}_{name.split(' ')[0]}.png", dpi=100)
        plt.close(figure)


def run(path, output, baseline=None, years=None, names=None, bootstrap=1000, seed=1):
    """Reads the sweep(s), computes every index and writes output whole. Returns (result, ranking)."""
    read = _read(path, years, names)
    if baseline is not None:
        design, values, measures = _difference(path, read, baseline, _read(baseline, years, names))
    else:
        design, values, measures, _ = read
    result = analyse(design, values, measures, bootstrap=bootstrap, seed=seed)
    ranked = ranking(result, design)

    def write(staging):
        _write_csv(staging / "indices.csv", result.rows, ["measure", "method", "parameter", "index", "value", "low", "high"])
        _write_csv(staging / "noise.csv", result.noise, ["measure", "units_used", "replicates", "variance_between_points",
                                                         "replicate_noise_variance", "noise_share", "noise_mu_star"])
        _write_csv(staging / "ranking.csv", ranked, ["rank", "parameter", "score", "largest_share", "measures",
                                                     "measures_above_noise", "most_moved_measure"])
        _plots(staging, result, design, ranked, measures)

    folders.write_whole(Path(output), ENTRIES, "sensitivity analysis", write)
    return result, ranked, design


def main(argv, years_type):
    parser = argparse.ArgumentParser(prog="python3 -m analysis sensitivity",
                                     description="Morris screening or Sobol indices of a merged sweep (design = morris "
                                                 "or saltelli): DIR/indices.csv, noise.csv, ranking.csv, figures/.")
    parser.add_argument("sweep", metavar="SWEEP.h5", help="a merged sweep (ittsim merge)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the tables and figures")
    parser.add_argument("--baseline", metavar="SWEEP.h5", help="a merged sweep of the same points with the baseline "
                                                               "scenario: analyse the differences")
    parser.add_argument("--years", type=years_type, metavar="FIRST:LAST", help="academic years a measure averages "
                                                                               "over (default: all)")
    parser.add_argument("--measures", metavar="NAME,...", help="yearly series to analyse (default: all)")
    parser.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples (default 1000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the bootstrap (default 1)")
    args = parser.parse_args(argv)
    if args.bootstrap < 10:
        parser.error(f"--bootstrap {args.bootstrap}: at least 10 resamples")
    names = [n.strip() for n in args.measures.split(",") if n.strip()] if args.measures else None
    code, done = folders.command_result("sensitivity", args.output, lambda: run(
        args.sweep, args.output, baseline=args.baseline, years=args.years, names=names, bootstrap=args.bootstrap,
        seed=args.seed))
    if code:
        return code
    result, ranked, design = done
    unit = "trajectories" if design.kind == "morris" else "base samples"
    print(f"{design.kind}: {result.used} {unit} used ({result.dropped} left out for points not complete), "
          f"{len(ranked)} parameters, {len({r['measure'] for r in result.rows})} measures")
    print("rank  score  above noise  parameter (the measure it moves most)")
    for row in ranked[:15]:
        print(f"{row['rank']:4d}  {row['score']:.3f}  {row['measures_above_noise']:5d}/{row['measures']:<5d}  "
              f"{row['parameter']} ({row['most_moved_measure']})")
    print(f"written: {args.output}")
    return 0
