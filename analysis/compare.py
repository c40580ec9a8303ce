"""Scenario differences from a baseline, paired by replicate: the headline table of the
report, as text, Markdown or CSV.

    /usr/bin/python3 -m analysis compare BASELINE.h5 SCENARIO.h5 [...] [--years FIRST:LAST]
        [--region NAME] [--ensemble] [--mid KEY=SHARE]... [--format text|markdown|csv]

Numbers come from analysis.comparison, the engine the report uses, so the two agree: the
same years (by default every year after the warm-up), the same pairing of replicates, the
same intervals and verdicts.
"""

import argparse
import math
import sys

from analysis import comparison
from analysis.load import InputError


number, signed, percent = comparison.number, comparison.signed, comparison.percent


def interval_text(row, low="low", high="high"):
    value_low, value_high = row.get(low, math.nan), row.get(high, math.nan)
    if value_low is None or (isinstance(value_low, float) and math.isnan(value_low)):
        return "n/a"
    return f"{signed(value_low)} to {signed(value_high)}"


def headline_rows(compared, name, frame):
    """Display rows of one scenario's headline table: strings, in HEADLINE's order."""
    rows = []
    for row in frame[frame["scenario"] == name].to_dict("records"):
        shown = {"outcome": row["indicator"], "unit": row["unit"],
                 compared.baseline: number(row.get("baseline", math.nan)),
                 name: number(row.get("level", math.nan)), "change": signed(row.get("difference", math.nan))}
        if compared.ensemble:
            shown["90% interval, noise only"] = interval_text(row, "noise_low", "noise_high")
            shown["90% interval, noise and parameters"] = interval_text(row)
            probability = row.get("probability_of_sign", math.nan)
            shown["P(sign)"] = "n/a" if probability is None or math.isnan(probability) else f"{probability:.2f}"
        else:
            shown["90% interval"] = interval_text(row)
        shown["change %"] = percent(row.get("change_percent", math.nan))
        shown["MID"] = number(row.get("mid", math.nan))
        shown["verdict"] = row["verdict"]
        if row["key"] == comparison.COST_PER_TEACHER:
            shown[compared.baseline] = shown[name] = shown["change %"] = shown["MID"] = ""
        rows.append(shown)
    return rows


def render(columns, rows, style):
    if style == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(columns))) + "|"]
        lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
        return lines
    widths = [max(len(str(c)), *(len(str(row[c])) for row in rows)) for c in columns]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(columns, widths)))]
    lines += ["  ".join(str(row[c]).ljust(w) if i == 0 else str(row[c]).rjust(w)
                        for i, (c, w) in enumerate(zip(columns, widths))) for row in rows]
    return lines


def text(compared, style="text"):
    """The comparison as text or Markdown: the years, the pairing, then for each scenario what
    it changed and its headline table, then the inputs."""
    lines = [comparison.years_text(compared)]
    if compared.region:
        lines.append(f"Region: {compared.region}.")
    lines += compared.notes
    frame = comparison.headline(compared)
    levers = comparison.levers(compared)
    inputs = comparison.table(compared, comparison.INPUTS)
    decomposition = comparison.table(compared, comparison.DECOMPOSITION)
    for name in compared.scenarios:
        heading = f"{name} minus {compared.baseline}"
        lines += ["", f"### {heading}" if style == "markdown" else heading, ""]
        changed = levers[levers["scenario"] == name]
        lines.append("Changed: " + ("; ".join(f"{r['parameter']} {r['baseline_value']} -> {r['scenario_value']} "
                                              f"({r['from']})" for r in changed.to_dict("records"))
                                    or "nothing (same settings as the baseline)"))
        lines.append("")
        rows = headline_rows(compared, name, frame)
        lines += render(list(rows[0]), rows, style)
        where = comparison.displacement_sentence(compared, decomposition, name)
        if where:
            lines += ["", where]
        mine = inputs[inputs["scenario"] == name] if not inputs.empty else inputs
        if not mine.empty:
            lines += ["", "Inputs and intermediate indicators (no verdict):", ""]
            rows = [{"indicator": r["indicator"], compared.baseline: number(r["baseline"]), name: number(r["level"]),
                     "change": signed(r["difference"]), "90% interval": interval_text(r),
                     "change %": percent(r["change_percent"])} for r in mine.to_dict("records")]
            lines += render(list(rows[0]), rows, style)
    lines += ["", *comparison.caveats(compared, levers)]
    return "\n".join(lines)


def mid_argument(text_):
    key, equals, value = text_.partition("=")
    try:
        return key.strip(), float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text_}': expected KEY=SHARE, e.g. teachers_in_post=0.002") from None


def main(argv, years_type):
    parser = argparse.ArgumentParser(prog="python3 -m analysis compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", metavar="BASELINE.h5")
    parser.add_argument("scenarios", nargs="+", metavar="SCENARIO.h5")
    parser.add_argument("--years", type=years_type, metavar="FIRST:LAST",
                        help="academic years compared (default: every year after the warm-up)")
    parser.add_argument("--region", metavar="NAME", help="one region's figures, e.g. 'North East'")
    parser.add_argument("--ensemble", action="store_true", help="the files are merged list sweeps over the "
                                                                "calibrated ensemble")
    parser.add_argument("--mid", type=mid_argument, action="append", default=[], metavar="KEY=SHARE",
                        help="override a headline indicator's minimum important difference (a share of its level)")
    parser.add_argument("--refuse-mixed", action="store_true", help="stop when replicate counts differ, rather than "
                                                                    "pairing the replicates they share")
    parser.add_argument("--format", choices=("text", "markdown", "csv"), default="text")
    parser.add_argument("--markdown", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        compared = comparison.load_comparison([args.baseline, *args.scenarios], baseline=args.baseline,
                                              years=args.years, region=args.region, ensemble=args.ensemble,
                                              mixed="refuse" if args.refuse_mixed else "pair", mids=dict(args.mid))
        style = "markdown" if args.markdown else args.format
        if style == "csv":
            sys.stdout.write(comparison.headline(compared).to_csv(index=False))
        else:
            print(text(compared, style))
    except (InputError, OSError) as error:
        print(f"analysis compare: error: {error}", file=sys.stderr)
        return 2
    return 0
