"""scripts/gias_to_scenario.py turns a GIAS extract into a scenario that ittsim validates."""

import subprocess
import sys

from conftest import ROOT, ittsim

SCRIPT = ROOT / "scripts" / "gias_to_scenario.py"
EXAMPLE = ROOT / "tests" / "data" / "gias_example.csv"


def test_the_example_extract_becomes_a_valid_scenario(tmp_path):
    scenario = tmp_path / "gias.ini"
    columns = tmp_path / "columns.csv"
    made = subprocess.run([sys.executable, str(SCRIPT), str(EXAMPLE), "-o", str(scenario), "--regions", "65",
                           "--extends", str(ROOT / "scenarios" / "baseline.ini"), "--columns-only", str(columns)],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "schools_file = columns.csv" in scenario.read_text()
    header = columns.read_text(encoding="cp1252").splitlines()[0]
    assert header.startswith("URN,") and header.count(",") == 15
    validated = subprocess.run([ittsim(), "validate", str(scenario)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stderr
    assert "343 schools kept (248 primary, 60 secondary, 35 special)" in validated.stdout + validated.stderr


def test_a_file_without_the_columns_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("URN,Name\n1,A school\n")
    made = subprocess.run([sys.executable, str(SCRIPT), str(bad), "-o", str(tmp_path / "x.ini"), "--columns-only",
                           str(tmp_path / "c.csv")], capture_output=True, text=True)
    assert made.returncode != 0
    assert "no column" in made.stderr and "GIAS establishment extract" in made.stderr
    assert not (tmp_path / "x.ini").exists()
