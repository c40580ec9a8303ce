"""Scenario differences from a baseline, paired by replicate.

Usage (from the repository root, with Debian's python3 and python3-h5py):

    /usr/bin/python3 -m analysis.compare BASELINE.h5 SCENARIO.h5 [...] [--years 2024:2031] [--markdown]

For every scenario file and headline indicator, each replicate's value (the mean of the
yearly series over the chosen academic years; the last of them for stocks) is differenced
with the baseline replicate of the same index, which shares its random streams. The table
gives the mean difference over replicates and its 90% interval (Student's t on the paired
differences), beside the baseline's mean.
"""

import argparse
import math
import sys

import h5py
import numpy as np

# (series, label, how years are combined): "mean" of a flow or rate over the years, or the
# "last" value of a stock.
INDICATORS = [
    ("placement_weeks_offered", "placement weeks offered a year", "mean"),
    ("schools_hosting", "schools hosting", "mean"),
    ("trainees_unplaced", "trainees ever unplaced a year", "mean"),
    ("withdrawals", "withdrawals a year", "mean"),
    ("qts_awarded", "QTS awarded a year", "mean"),
    ("new_teachers_employed", "new teachers employed a year", "mean"),
    ("retention_1y", "retention after 1 year", "mean"),
    ("teachers_in_post", "teachers in post (last year)", "last"),
    ("mentor_training_hours_mean", "mentor training hours (last year)", "last"),
    ("lead_mentors", "lead mentors (last year)", "last"),
    ("networks", "networks (last year)", "last"),
    ("cross_school_ties", "cross-school CPD ties a year", "mean"),
    ("school_effectiveness_mean", "school effectiveness, sd (last year)", "last"),
    ("accredited_providers", "accredited providers (last year)", "last"),
    ("public_cost_gbp", "public cost a year, GBP", "mean"),
]

# Student's t 0.95 quantiles for 1 ... 30 degrees of freedom (two-sided 90% intervals).
T95 = [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
       1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697]


class InputError(Exception):
    pass


def replicate_values(path, years):
    """Each headline indicator of a file, one value per replicate: its yearly series over the
    chosen years, combined as INDICATORS says."""
    with h5py.File(path, "r") as f:
        names = sorted(k for k in f.keys() if k.startswith("replicate_"))
        if not names:
            raise InputError(f"{path}: no replicate groups; is this an ittsim output file?")
        values = {series: [] for series, _, _ in INDICATORS}
        for name in names:
            yearly = f[name]["yearly"]
            academic_year = yearly["academic_year"][:]
            chosen = (academic_year >= years[0]) & (academic_year <= years[1])
            if not chosen.any():
                raise InputError(f"{path}: no academic year in {years[0]}:{years[1]}")
            for series, _, how in INDICATORS:
                if series not in yearly:
                    raise InputError(f"{path}: no yearly series '{series}' (written by an older ittsim?)")
                data = yearly[series][:][chosen].astype(float)
                values[series].append(data[-1] if how == "last" else np.nanmean(data))
        return {series: np.array(v) for series, v in values.items()}


def interval(differences):
    n = len(differences)
    mean = float(np.mean(differences))
    if n < 2:
        return mean, math.nan, math.nan
    half = T95[min(n - 1, len(T95)) - 1] * float(np.std(differences, ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def fmt(value):
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}"


def compare(baseline, scenarios, years, markdown):
    base_values = replicate_values(baseline, years)
    lines = []
    for scenario in scenarios:
        values = replicate_values(scenario, years)
        lines.append(f"### {scenario} minus {baseline}, academic years {years[0]}-{years[1]}" if markdown
                     else f"{scenario} minus {baseline}, academic years {years[0]}-{years[1]}")
        if markdown:
            lines += ["", "| indicator | baseline | difference | 90% interval | change |", "|---|---:|---:|---:|---:|"]
        for series, label, _ in INDICATORS:
            base, other = base_values[series], values[series]
            if len(base) != len(other):
                raise InputError(f"{scenario} has {len(other)} replicates and {baseline} {len(base)}: pair them by running both with the same run.replicates")
            mean, low, high = interval(other - base)
            base_mean = float(np.mean(base))
            relative = f"{100 * mean / base_mean:+.1f}%" if base_mean != 0 and not math.isnan(base_mean) else "n/a"
            if markdown:
                lines.append(f"| {label} | {fmt(base_mean)} | {fmt(mean)} | {fmt(low)} to {fmt(high)} | {relative} |")
            else:
                lines.append(f"  {label:40s} {fmt(base_mean):>12s} {fmt(mean):>12s}  [{fmt(low)}, {fmt(high)}]  {relative}")
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m analysis.compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline")
    parser.add_argument("scenarios", nargs="+")
    parser.add_argument("--years", default="2024:2100", help="first:last academic year (default 2024:2100)")
    parser.add_argument("--markdown", action="store_true", help="write Markdown tables")
    args = parser.parse_args(argv)
    try:
        first, last = (int(part) for part in args.years.split(":"))
    except ValueError:
        print(f"--years '{args.years}': expected FIRST:LAST, e.g. 2024:2031", file=sys.stderr)
        return 2
    try:
        print(compare(args.baseline, args.scenarios, (first, last), args.markdown))
    except (InputError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
