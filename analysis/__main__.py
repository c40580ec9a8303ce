"""python3 -m analysis COMMAND ...: the analysis tools' command line.

    /usr/bin/python3 -m analysis report FILE.h5... -o DIR [--years FIRST:LAST] [--baseline NAME]
        [--region NAME] [--ensemble] [--mid KEY=SHARE]...
    /usr/bin/python3 -m analysis compare BASELINE.h5 SCENARIO.h5... [--years FIRST:LAST] [--region NAME]
        [--ensemble] [--mid KEY=SHARE]... [--refuse-mixed] [--format text|markdown|csv]
    /usr/bin/python3 -m analysis sensitivity SWEEP.h5 -o DIR [--baseline SWEEP.h5] [--years FIRST:LAST]
        [--measures NAME,...] [--bootstrap N] [--seed S]
    /usr/bin/python3 -m analysis screening SCENARIO.ini -o SWEEP.ini [--spread 0.25] [--trajectories R]
        [--replicates N] [--seed S] [--set group.name=value]...
    /usr/bin/python3 -m analysis calibrate init CONFIG.ini [-o DIR] | next DIR | status DIR
        | ensemble DIR [-n N] [--set group.name=value]... | verify DIR

Run from the repository root with Debian's /usr/bin/python3 (python3-h5py, -numpy, -pandas,
-matplotlib, -openpyxl; calibrate also -scipy and -sklearn). Exit codes: 0 success, 2 bad input (a file named and what is wrong with it; the
report's folder is then left as it was), 3 a failure to write.
"""

import argparse
import sys

from analysis import compare, folders


def _years(text):
    try:
        first, last = (int(part) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected FIRST:LAST academic years, e.g. 2024:2031") from None
    if first > last:
        raise argparse.ArgumentTypeError(f"'{text}': the first year comes after the last")
    return first, last


def report_main(argv):
    from analysis import report  # matplotlib is loaded only for reports

    parser = argparse.ArgumentParser(prog="python3 -m analysis report",
                                     description="Write an HTML report (plots embedded), its plots as PNG and its "
                                                 "tables as CSV, from run outputs and merged sweeps.")
    parser.add_argument("files", nargs="+", metavar="FILE.h5", help="ittsim run outputs and/or merged sweeps")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for index.html, figures/, tables/")
    parser.add_argument("--years", type=_years, metavar="FIRST:LAST",
                        help="academic years the headline numbers average over (default: every year after the warm-up)")
    parser.add_argument("--baseline", metavar="NAME", help="scenario the others are compared with (default: "
                                                           "'baseline' if given, else the first file's)")
    parser.add_argument("--region", metavar="NAME", help="narrow the report to one region, e.g. 'North East'")
    parser.add_argument("--ensemble", action="store_true",
                        help="the files are merged list sweeps over the calibrated ensemble, one a scenario")
    parser.add_argument("--mid", type=compare.mid_argument, action="append", default=[], metavar="KEY=SHARE",
                        help="override a headline indicator's minimum important difference (a share of its level)")
    args = parser.parse_args(argv)
    code, index = folders.command_result("report", f"the report {args.output}", lambda: report.build_report(
        args.files, args.output, years=args.years, baseline=args.baseline, region=args.region,
        ensemble=args.ensemble, mids=dict(args.mid)))
    if code:
        return code
    print(f"report written: {index}")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "report":
        return report_main(rest)
    if command == "compare":
        return compare.main(rest, _years)
    if command == "sensitivity":
        from analysis import sensitivity
        return sensitivity.main(rest, _years)
    if command == "screening":
        from analysis import screening
        return screening.main(rest)
    if command == "calibrate":
        from analysis import history_matching
        return history_matching.main(rest, _years)
    print(f"analysis: unknown command '{command}'; expected report, compare, sensitivity, screening or calibrate",
          file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
