#!/usr/bin/python3
"""Turns a downloaded "Get Information about Schools" extract into an ittsim scenario.

    /usr/bin/python3 scripts/gias_to_scenario.py edubasealldata20240601.csv -o scenarios/gias.ini \
        [--extends baseline.ini] [--regions 511] [--columns-only gias_columns.csv] [--skip-bad-rows]

The extract is the establishment file of https://get-information-schools.service.gov.uk/Downloads
("All establishment data"), Windows-1252 encoded. The scenario extends a scenario (the baseline by
default) and sets [population] schools_file to the extract, as a path relative to the scenario's
folder. With --columns-only, the columns ittsim reads are first copied into a smaller CSV (some
5 MB instead of 60), which the scenario names instead; rows are not filtered here: ittsim decides
which to keep and `ittsim validate` reports them (docs/ODD.md, School list). Standard library only.
"""

import argparse
import csv
import os
import pathlib
import sys

# The columns ittsim reads (sim/params/schools_file.cpp), spelt as GIAS spells them.
COLUMNS = ["URN", "TypeOfEstablishment (name)", "EstablishmentTypeGroup (name)", "EstablishmentStatus (name)",
           "PhaseOfEducation (name)", "GOR (code)", "GOR (name)", "LA (code)", "LA (name)", "GSSLACode (name)",
           "NumberOfPupils", "Easting", "Northing", "Trusts (code)", "Trusts (name)", "UrbanRural (name)"]


def copy_columns(source, target):
    with open(source, newline="", encoding="cp1252", errors="replace") as data:
        reader = csv.DictReader(data)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            sys.exit(f"{source}: no column {missing[0]!r} in the header: expected a GIAS establishment extract")
        with open(target, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
            writer.writeheader()
            rows = 0
            for row in reader:
                writer.writerow(row)
                rows += 1
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extract", type=pathlib.Path, help="edubasealldata<YYYYMMDD>.csv")
    parser.add_argument("-o", "--output", type=pathlib.Path, required=True, help="scenario file to write")
    parser.add_argument("--extends", default=None, help="scenario to extend (default: scenarios/baseline.ini)")
    parser.add_argument("--regions", type=int, default=None, help="population.regions bit mask (default: the base's)")
    parser.add_argument("--columns-only", type=pathlib.Path, default=None,
                        help="copy only the columns ittsim reads into this CSV and name it in the scenario")
    parser.add_argument("--skip-bad-rows", action="store_true",
                        help="set population.schools_file_skip_bad_rows = 1 (rows lacking pupils or coordinates are left "
                             "out and reported instead of stopping the run)")
    args = parser.parse_args()
    if not args.extract.is_file():
        sys.exit(f"{args.extract}: not found")
    schools_file = args.extract
    args.output.resolve().parent.mkdir(parents=True, exist_ok=True)
    if args.columns_only:
        args.columns_only.resolve().parent.mkdir(parents=True, exist_ok=True)
        rows = copy_columns(args.extract, args.columns_only)
        print(f"{args.columns_only}: {rows} rows, {len(COLUMNS)} columns")
        schools_file = args.columns_only
    folder = args.output.resolve().parent
    base = pathlib.Path(args.extends) if args.extends else pathlib.Path(__file__).resolve().parents[1] / "scenarios/baseline.ini"
    lines = [f"# Schools from {args.extract.name} (DfE Get Information about Schools); written by scripts/gias_to_scenario.py",
             f"extends = {os.path.relpath(base.resolve(), folder)}", "", "[population]",
             f"schools_file = {os.path.relpath(schools_file.resolve(), folder)}"]
    if args.regions is not None:
        lines.append(f"regions = {args.regions}")
    if args.skip_bad_rows:
        lines.append("schools_file_skip_bad_rows = 1")
    args.output.write_text("\n".join(lines) + "\n")
    print(f"{args.output}: written; check it with `ittsim validate {args.output}`")


if __name__ == "__main__":
    main()
