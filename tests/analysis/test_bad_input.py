"""Damaged and foreign files: `analysis report` refuses each with exit 2 and one message
naming the file, and leaves no report folder (nor anything beside it), and an earlier report
as it was."""

import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest

from conftest import ROOT, YEARS


def analysis_report(*arguments):
    return subprocess.run([sys.executable, "-m", "analysis", "report", *map(str, arguments)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def copy(source, target):
    shutil.copyfile(source, target)
    return target


def truncated(files, folder):
    data = files["baseline"].read_bytes()
    path = folder / "truncated.h5"
    path.write_bytes(data[:len(data) // 2])
    return path


def not_hdf5(files, folder):
    path = folder / "notes.h5"
    path.write_text("replicate,qts_awarded\n0,93\n")
    return path


def foreign_hdf5(files, folder):
    path = folder / "foreign.h5"
    with h5py.File(path, "w") as f:
        f["values"] = np.arange(10)
    return path


def without_replicates(files, folder):
    path = copy(files["baseline"], folder / "no_replicates.h5")
    with h5py.File(path, "r+") as f:
        for name in [k for k in f if k.startswith("replicate_")]:
            del f[name]
    return path


def without_weekly(files, folder):
    path = copy(files["baseline"], folder / "no_weekly.h5")
    with h5py.File(path, "r+") as f:
        del f["replicate_0002/weekly"]
    return path


def yearly_wrong_shape(files, folder):
    path = copy(files["baseline"], folder / "wrong_shape.h5")
    with h5py.File(path, "r+") as f:
        del f["replicate_0001/yearly/qts_awarded"]
        f["replicate_0001/yearly/qts_awarded"] = np.zeros((YEARS, 2), dtype=np.int64)
    return path


def breakdown_wrong_shape(files, folder):
    path = copy(files["baseline"], folder / "wrong_breakdown.h5")
    with h5py.File(path, "r+") as f:
        old = f["replicate_0000/yearly_by_region/placement_weeks_filled"]
        columns = old.attrs["columns"]
        del f["replicate_0000/yearly_by_region/placement_weeks_filled"]
        f["replicate_0000/yearly_by_region/placement_weeks_filled"] = np.zeros((YEARS, 3), dtype=np.int64)
        f["replicate_0000/yearly_by_region/placement_weeks_filled"].attrs["columns"] = columns
    return path


def cohorts_wrong_shape(files, folder):
    path = copy(files["baseline"], folder / "wrong_cohorts.h5")
    with h5py.File(path, "r+") as f:
        old = f["replicate_0002/cohorts/retention_curve"]
        values, attributes = old[()], dict(old.attrs)
        del f["replicate_0002/cohorts/retention_curve"]
        f["replicate_0002/cohorts/retention_curve"] = values.T[:, :YEARS]
        f["replicate_0002/cohorts/retention_curve"].attrs.update(attributes)
    return path


def weekly_infinite(files, folder):
    path = copy(files["baseline"], folder / "infinite.h5")
    with h5py.File(path, "r+") as f:
        f["replicate_0000/weekly/teacher_wellbeing_mean"][3] = np.inf
    return path


def sweep_wrong_shape(files, folder):
    path = copy(files["sweep"], folder / "wrong_sweep.h5")
    with h5py.File(path, "r+") as f:
        stacked = f["yearly/qts_awarded"][()]
        del f["yearly/qts_awarded"]
        f["yearly/qts_awarded"] = stacked[:, :, 0]
    return path


def a_folder(files, folder):
    path = folder / "folder.h5"
    path.mkdir()
    return path


BAD_FILES = [truncated, not_hdf5, foreign_hdf5, without_replicates, without_weekly, yearly_wrong_shape,
             breakdown_wrong_shape, cohorts_wrong_shape, weekly_infinite, sweep_wrong_shape, a_folder]


@pytest.mark.parametrize("make", BAD_FILES, ids=[make.__name__ for make in BAD_FILES])
def test_a_bad_file_exits_2_naming_it_and_leaves_no_report(files, tmp_path, make):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = make(files, inputs)
    out = tmp_path / "out"
    # A good file first: the bad one is met after part of the report is written.
    result = analysis_report(files["baseline"], bad, "-o", out)
    assert result.returncode == 2, result.stderr
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs"]


def test_a_failed_report_leaves_an_earlier_one_as_it_was(files, tmp_path):
    out = tmp_path / "out"
    assert analysis_report(files["baseline"], "-o", out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # The bad sweep is read after the runs' part of the report is written.
    bad = sweep_wrong_shape(files, tmp_path)
    result = analysis_report(files["market_review"], bad, "-o", out)
    assert result.returncode == 2
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wrong_sweep.h5"]
    # A good one replaces it whole.
    assert analysis_report(files["market_review"], "-o", out).returncode == 0
    assert "market_review" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "wrong_sweep.h5"]


def test_a_folder_holding_other_files_is_refused(files, tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "thesis.tex").write_text("months of work")
    result = analysis_report(files["baseline"], "-o", out)
    assert result.returncode == 2
    assert "thesis.tex" in result.stderr and str(out) in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["thesis.tex"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results"]


@pytest.mark.parametrize("make", [truncated, yearly_wrong_shape, without_replicates],
                         ids=["truncated", "yearly_wrong_shape", "without_replicates"])
def test_compare_refuses_a_bad_file_with_exit_2_naming_it(files, tmp_path, make):
    bad = make(files, tmp_path)
    result = subprocess.run([sys.executable, "-m", "analysis", "compare", str(files["baseline"]), str(bad)], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2, result.stderr
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr
    good = subprocess.run([sys.executable, "-m", "analysis", "compare", str(files["baseline"]),
                           str(files["market_review"])], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert good.returncode == 0, good.stderr
    assert "Completing with QTS" in good.stdout
