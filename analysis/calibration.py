"""The calibration targets, read from docs/CALIBRATION.md (whose table the benchmark
program checks the baseline against), so that plots show the same targets."""

import re
from pathlib import Path

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "CALIBRATION.md"

_ROW = re.compile(r"^\|\s*`(?P<name>[a-z0-9_]+)`\s*\|\s*(?P<what>[^|]+)\|\s*(?P<reference>[0-9.,]+)\s*\|"
                  r"\s*(?P<low>[0-9.,]+)\s*[–-]\s*(?P<high>[0-9.,]+)\s*\|")


def _number(text):
    return float(text.replace(",", ""))


def targets(document=DOCUMENT):
    """{name: {"what", "reference", "low", "high"}} for every row of the targets table."""
    found = {}
    for line in Path(document).read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            found[match["name"]] = {"what": match["what"].strip(), "reference": _number(match["reference"]),
                                    "low": _number(match["low"]), "high": _number(match["high"])}
    if not found:
        raise ValueError(f"{document}: no calibration targets table found")
    return found
