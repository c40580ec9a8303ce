"""Writes a Morris screening sweep over every parameter of a scenario that a calibration
could move (docs/CALIBRATION.md, Sensitivity).

    /usr/bin/python3 -m analysis screening SCENARIO.ini -o SWEEP.ini [--spread 0.25]
        [--trajectories 10] [--replicates 2] [--seed S] [--set group.name=value]...

Each parameter varies over its scenario value × (1 − spread … 1 + spread), cut to its valid
range (integers rounded inwards). Left out, and listed in the sweep file's comments:
parameters of the [run] group; files, 0/1 and bit-mask parameters, years, weeks of the year and
whole counts of schools, providers, networks, hubs, trainees and runs (switches, dates and
England's published counts, not behaviour); parameters whose value is 0 (no relative spread); and
every parameter of a policy lever off in the scenario (its start_year 0), which cannot act.
The values and ranges are read from `ittsim validate SCENARIO --resolved` and `ittsim params`.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWITCH_UNITS = {"0/1": "a switch", "bit mask": "a switch", "year": "a date", "week": "a date (week of the year)"}
COUNT_UNITS = {"schools", "providers", "networks", "hubs", "runs", "trainees/year"}  # of integers
_PARAMETER = re.compile(r"^  (?P<name>[a-z0-9_]+) = (?P<default>\S+)  \((?P<type>real|integer|path)"
                        r"(?:, (?P<unit>[^,()]+))?, (?:(?P<low>[-0-9.e+]+) to (?P<high>[-0-9.e+]+)|any file)\)$")
_GROUP = re.compile(r"^\[(?P<group>[a-z_]+)\]")
_VALUE = re.compile(r"^(?P<name>[a-z0-9_]+) = (?P<value>.*?)  # (?P<origin>.*)$")


class ScreeningError(Exception):
    pass


def _ittsim(arguments, binary):
    done = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        raise ScreeningError(f"ittsim {' '.join(arguments)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def declared_parameters(params_text):
    """{"group.name": (type, unit, low, high)} from `ittsim params`."""
    found, group = {}, None
    for line in params_text.splitlines():
        if (match := _GROUP.match(line)):
            group = match["group"]
        elif (match := _PARAMETER.match(line)) and group:
            low = float(match["low"]) if match["low"] else None
            high = float(match["high"]) if match["high"] else None
            found[f"{group}.{match['name']}"] = (match["type"], match["unit"] or "", low, high)
    if not found:
        raise ScreeningError("`ittsim params` listed no parameter in the expected form")
    return found


def resolved_values(resolved_text):
    """{"group.name": value text} from `ittsim validate --resolved`."""
    values, group = {}, None
    for line in resolved_text.splitlines():
        if (match := _GROUP.match(line)):
            group = match["group"]
        elif (match := _VALUE.match(line)) and group:
            values[f"{group}.{match['name']}"] = match["value"].strip()
    return values


def _text(value):
    return f"{value:.8g}"


def screening_ranges(declared, values, spread):
    """([(key, low, high)], [(key, why left out)]) for a screening around values."""
    off_groups = {key.split(".")[0] for key, value in values.items()
                  if key.endswith(".start_year") and key.split(".")[0] != "run" and value == "0"}
    varied, left_out = [], []
    for key, (kind, unit, low, high) in declared.items():
        group = key.split(".")[0]
        if group == "run":
            continue
        if group in off_groups:
            left_out.append((key, "its lever is off (start_year = 0)"))
            continue
        if kind == "path" or unit in SWITCH_UNITS or (kind == "integer" and unit in COUNT_UNITS):
            what = "a file" if kind == "path" else SWITCH_UNITS.get(unit, "a count")
            left_out.append((key, f"{what} ({unit})"))
            continue
        value = float(values[key])
        if value == 0:
            left_out.append((key, "0, so no relative spread"))
            continue
        a, b = sorted((value * (1 - spread), value * (1 + spread)))
        a, b = max(a, low), min(b, high)
        if kind == "integer":
            a, b = float(int(-(-a // 1))), float(int(b // 1))
        if b <= a:
            left_out.append((key, "its range leaves no room to vary"))
            continue
        varied.append((key, a, b))
    return varied, left_out


def sweep_text(scenario, varied, left_out, settings, spread, trajectories, replicates, seed):
    lines = [f"# A Morris screening of {scenario}, written by python3 -m analysis screening (analysis/screening.py):",
             f"# {len(varied)} parameters, each over its value × (1 ± {spread:g}) cut to its valid range;",
             f"# {trajectories} trajectories of {len(varied) + 1} points, {replicates} replicates each.", "#",
             "# Left out:"]
    lines += [f"#   {key}: {why}" for key, why in left_out]
    lines += ["", "[sweep]", f"scenario = {scenario}", f"replicates = {replicates}", f"seed = {seed}", "design = morris",
              f"trajectories = {trajectories}", "", "[set]"]
    lines += [f"{key} = {value}" for key, value in settings]
    lines += ["", "[vary]"]
    lines += [f"{key} = {_text(low)}:{_text(high)}" for key, low, high in varied]
    return "\n".join(lines) + "\n"


def main(argv):
    parser = argparse.ArgumentParser(prog="python3 -m analysis screening",
                                     description="Write a Morris screening sweep over a scenario's parameters.")
    parser.add_argument("scenario", metavar="SCENARIO.ini")
    parser.add_argument("-o", "--output", required=True, metavar="SWEEP.ini", help="the sweep file to write")
    parser.add_argument("--spread", type=float, default=0.25, help="relative half-width of each range (default 0.25)")
    parser.add_argument("--trajectories", type=int, default=10, help="Morris trajectories (default 10)")
    parser.add_argument("--replicates", type=int, default=2, help="replicates per point (default 2)")
    parser.add_argument("--seed", type=int, default=20261201, help="the sweep seed (default 20261201)")
    parser.add_argument("--set", action="append", default=[], metavar="group.name=value",
                        help="applied to every point, e.g. population.scale=0.1 (repeatable)")
    parser.add_argument("--ittsim", default=os.environ.get("ITTSIM", str(ROOT / "build" / "bin" / "ittsim")),
                        help="the ittsim program (default: $ITTSIM, else build/bin/ittsim)")
    args = parser.parse_args(argv)
    if not 0 < args.spread < 1:
        parser.error(f"--spread {args.spread}: expected a share between 0 and 1")
    if args.trajectories < 2 or args.replicates < 1:
        parser.error("--trajectories: at least 2; --replicates: at least 1")
    settings = []
    for item in args.set:
        key, equals, value = item.partition("=")
        if not equals or "." not in key:
            parser.error(f"--set '{item}': expected group.name=value")
        settings.append((key.strip(), value.strip()))
    output = Path(args.output)
    try:
        overrides = [a for key, value in settings for a in ("--set", f"{key}={value}")]
        values = resolved_values(_ittsim(["validate", args.scenario, "--resolved", *overrides], args.ittsim))
        varied, left_out = screening_ranges(declared_parameters(_ittsim(["params"], args.ittsim)), values, args.spread)
        set_keys = {key for key, _ in settings}
        varied = [v for v in varied if v[0] not in set_keys]
        scenario = os.path.relpath(Path(args.scenario).resolve(), output.resolve().parent)
        text = sweep_text(scenario, varied, left_out, settings, args.spread, args.trajectories, args.replicates,
                          args.seed)
        partial = output.with_name(output.name + ".part")
        partial.write_text(text, encoding="utf-8")
        try:
            _ittsim(["sweep", str(partial), "-o", str(output.with_suffix(".never")), "--dry-run"], args.ittsim)
        except ScreeningError as error:
            partial.unlink()
            raise ScreeningError(f"the screening sweep does not validate: {error}") from None
        partial.replace(output)
    except ScreeningError as error:
        print(f"analysis screening: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"analysis screening: error: cannot write {output}: {error}", file=sys.stderr)
        return 3
    print(f"{output}: {len(varied)} parameters varied, {len(left_out)} left out, "
          f"{args.trajectories * (len(varied) + 1)} points")
    return 0
