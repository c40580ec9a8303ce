"""Fixtures for the analysis tests: small output files made with the ittsim under test
(ITTSIM, else build/bin/ittsim), once per session."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REPLICATES = 3
YEARS = 3


def ittsim():
    binary = Path(os.environ.get("ITTSIM", ROOT / "build" / "bin" / "ittsim"))
    if not binary.exists():
        pytest.fail(f"{binary} not found: build ittsim first (bash scripts/test.sh) or set ITTSIM")
    return str(binary)


def format_7_copy(source, path, breakdowns=()):
    """A copy of a run file as a build before format 8 wrote it: no cohorts group (and none of
    the named yearly_by_phase breakdowns)."""
    shutil.copy(source, path)
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = 7
        for r in range(f.attrs["replicates"]):
            del f[f"replicate_{r:04d}/cohorts"]
            for series in breakdowns:
                del f[f"replicate_{r:04d}/yearly_by_phase/{series}"]
    return path


def run(*arguments):
    subprocess.run([ittsim(), *arguments], check=True, capture_output=True, text=True)


@pytest.fixture(scope="session")
def files(tmp_path_factory):
    """Baseline, market_review and collaboration on the North East for 3 years, 3 replicates;
    a 2 x 2 sweep merged whole, and the same sweep merged with one point missing."""
    folder = tmp_path_factory.mktemp("files")
    made = {}
    for scenario in ("baseline", "market_review", "collaboration"):
        path = folder / f"{scenario}.h5"
        run("run", str(ROOT / "scenarios" / f"{scenario}.ini"), "-o", str(path), "--quiet",
            "--replicates", str(REPLICATES), "--set", "population.regions=1", "--set", f"run.years={YEARS}",
            "--set", "run.start_year=2023")
        made[scenario] = path
    sweep = folder / "sweep.ini"
    sweep.write_text(
        f"[sweep]\nscenario = {ROOT / 'scenarios' / 'baseline.ini'}\nreplicates = 2\nseed = 11\n"
        "[set]\npopulation.regions = 1\nrun.years = 2\n"
        "[vary]\npopulation.mentor_share = 0.1, 0.2\nplacement.mentor_time_cost = 0.5, 1.5\n")
    run("sweep", str(sweep), "-o", str(folder / "sweep"), "--quiet")
    run("merge", str(folder / "sweep"), "-o", str(folder / "sweep.h5"), "--quiet")
    made["sweep"] = folder / "sweep.h5"
    (folder / "sweep" / "points" / "point_000002.h5").unlink()
    run("merge", str(folder / "sweep"), "-o", str(folder / "partial.h5"), "--quiet", "--allow-partial")
    made["partial"] = folder / "partial.h5"
    return made
