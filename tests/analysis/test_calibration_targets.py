"""The targets file is the one declaration of the calibration targets: the analysis package
reads it, and docs/CALIBRATION.md's table (printed by `ittsim measure --format markdown`)
must show the same figures and bands."""

import re

from analysis import calibration
from conftest import ROOT


def test_the_documented_table_shows_the_declared_targets():
    targets = calibration.targets()
    assert len(targets) == 15
    assert targets["retention_1y"]["reference"] == 0.897 and targets["retention_1y"]["low"] == 0.867
    rows = {}
    for line in (ROOT / "docs" / "CALIBRATION.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9_]+)` \| [^|]+\| ([0-9.,]+) \| ([0-9.,]+) – ([0-9.,]+) \|", line)
        if match:
            rows[match[1]] = tuple(float(x.replace(",", "")) for x in match.groups()[1:])
    assert set(rows) == set(targets)
    for name, target in targets.items():
        assert rows[name] == (target["reference"], target["low"], target["high"]), name
