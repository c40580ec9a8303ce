"""The calibration targets, read from the targets file calibration/england.ini (format in
docs/CALIBRATION.md), which the benchmark's check, `ittsim measure` and the tests read too,
so that plots show the same targets."""

import configparser
from pathlib import Path

from analysis import load

TARGETS = Path(__file__).resolve().parent.parent / "calibration" / "england.ini"


def _number(section, key, path):
    try:
        return float(section[key])
    except (KeyError, ValueError):
        raise load.InputError(f"{path}: [{section.name}] {key} = '{section.get(key)}': expected a number") from None


def targets(path=TARGETS):
    """{name: {"what", "reference", "low", "high", "observation_sd", "discrepancy_sd", "source"}}
    for every target of the file."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#",), comment_prefixes=("#",), interpolation=None)
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, configparser.Error) as error:
        raise load.InputError(f"{path}: cannot read the calibration targets: {error}") from None
    found = {}
    for name in parser.sections():
        if name == "calibration":
            continue
        section = parser[name]
        try:
            low, high = (float(part) for part in section["band"].split(":"))
        except (KeyError, ValueError):
            raise load.InputError(f"{path}: [{name}] band = '{section.get('band')}': expected LOW:HIGH") from None
        found[name] = {"what": section.get("description", name), "reference": _number(section, "observed", path),
                       "low": low, "high": high, "observation_sd": _number(section, "observation_sd", path),
                       "discrepancy_sd": _number(section, "discrepancy_sd", path), "source": section.get("source", "")}
    if not found:
        raise load.InputError(f"{path}: no calibration target")
    return found
