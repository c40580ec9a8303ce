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

import numpy as np

from analysis.load import InputError, read_run
from analysis.stats import interval

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

def replicate_values(path, years):
    """Each headline indicator of a file, one value per replicate: its yearly series over the
    chosen years, combined as INDICATORS says."""
    yearly = read_run(path).yearly
    chosen = yearly[(yearly["academic_year"] >= years[0]) & (yearly["academic_year"] <= years[1])]
    if chosen.empty:
        raise InputError(f"{path}: no academic year in {years[0]}:{years[1]}")
    values = {series: [] for series, _, _ in INDICATORS}
    for _, rows in chosen.groupby("replicate"):
        for series, _, how in INDICATORS:
            if series not in rows:
                raise InputError(f"{path}: no yearly series '{series}' (written by an older ittsim?)")
            data = rows[series].to_numpy(dtype=float)
            values[series].append(data[-1] if how == "last" else np.nanmean(data))
    return {series: np.array(v) for series, v in values.items()}


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
