"""The Python module `ittsim`: its runs equal the command line's, its errors carry the file,
line and key, the GIL is released while it runs, and the documented example works."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

import ittsim

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.ini"
SMALL = {"population.regions": 1, "run.years": 2}


def command_line_run(tmp_path, seed, replicates):
    output = tmp_path / "cli.h5"
    subprocess.run([os.environ.get("ITTSIM", str(ROOT / "build" / "bin" / "ittsim")), "run", str(BASELINE), "-o",
                    str(output), "--quiet", "--seed", str(seed), "--replicates", str(replicates),
                    *[f"--set={key}={value}" for key, value in SMALL.items()]], check=True)
    return output


def test_run_equals_the_command_line(tmp_path):
    scenario = ittsim.Scenario.load(BASELINE, set=SMALL)
    result = scenario.run(replicates=2, threads=2, seed=7)
    output = command_line_run(tmp_path, seed=7, replicates=2)
    with h5py.File(output, "r") as f:
        for replicate in range(2):
            yearly = result.yearly[result.yearly["replicate"] == replicate]
            weekly = result.weekly[result.weekly["replicate"] == replicate]
            group = f[f"replicate_{replicate:04d}"]
            assert set(group["yearly"]) == set(yearly.columns) - {"replicate"}
            for name, dataset in group["yearly"].items():
                np.testing.assert_array_equal(yearly[name].to_numpy(), dataset[()], err_msg=name)
                assert yearly[name].dtype == dataset.dtype, name
            for name, dataset in group["weekly"].items():
                np.testing.assert_array_equal(weekly[name].to_numpy(), dataset[()], err_msg=name)
    assert "seed = 7  # run(seed=)" in result.scenario


def test_threads_do_not_change_results_and_output_writes_the_file(tmp_path):
    scenario = ittsim.Scenario.load(BASELINE, set=SMALL)
    one, two = scenario.run(replicates=1, threads=1), scenario.run(replicates=1, threads=2)
    assert one.yearly.equals(two.yearly) and one.weekly.equals(two.weekly)
    written = tmp_path / "module.h5"
    assert scenario.run(replicates=1, output=written) is None
    with h5py.File(written, "r") as f:
        np.testing.assert_array_equal(f["replicate_0000/yearly/qts_awarded"][()], one.yearly["qts_awarded"].to_numpy())


def test_a_validation_error_is_an_exception_naming_file_line_and_key(tmp_path):
    bad = tmp_path / "bad.ini"
    bad.write_text(f"extends = {BASELINE}\n[population]\nscale = 0.5\nmentor_shar = 0.2\n")
    with pytest.raises(ittsim.InputError) as raised:
        ittsim.Scenario.load(bad)
    message = str(raised.value)
    assert str(bad) in message and ":4" in message and "mentor_shar" in message
    assert (raised.value.file, raised.value.line, raised.value.key) == (str(bad), 4, "population.mentor_shar")
    assert isinstance(raised.value, ValueError)
    with pytest.raises(ittsim.InputError, match="population.regions") as raised:
        ittsim.Scenario.load(BASELINE, set={"population.regions": 0})
    assert raised.value.key == "population.regions" and raised.value.line is None
    with pytest.raises(ittsim.InputError, match="threads"):
        ittsim.Scenario.load(BASELINE, set=SMALL).run(threads=0)


def test_params_is_the_parameter_table():
    table = ittsim.params()
    assert list(table.columns) == ["key", "group", "name", "default", "unit", "type", "minimum", "maximum",
                                   "description"]
    years = table.set_index("key").loc["run.years"]
    assert years["default"] == "10" and years["type"] == "integer" and years["minimum"] == 1
    assert table["key"].is_unique and len(table) > 100


def test_the_gil_is_released_while_running():
    scenario = ittsim.Scenario.load(BASELINE, set={**SMALL, "run.years": 3})
    done = threading.Event()
    worker = threading.Thread(target=lambda: (scenario.run(replicates=2), done.set()))
    ticks = 0
    started = time.monotonic()
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    elapsed = time.monotonic() - started
    # The main thread ran throughout: about one tick a millisecond, not a handful.
    assert ticks > 0.3 * elapsed * 1000


def test_the_documented_example_runs(tmp_path):
    figure = tmp_path / "sweep.png"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "python_example.py"), "--output", str(figure),
                           "--years", "2", "--replicates", "1"], capture_output=True, text=True, env=os.environ)
    assert done.returncode == 0, done.stderr
    assert figure.stat().st_size > 10_000
    assert "placement.mentor_time_cost" in done.stdout
