#!/usr/bin/env bash
# Installs what is missing, builds ittsim (with MPI and the Python module) with warnings as
# errors and runs every test, among them a sweep under mpirun and one as a job array on a
# private single-node Slurm, the Python module's and the Python analysis package's tests.
# Usage: scripts/test.sh [BUILD_DIR [CMAKE_OPTION...]]   (default: build)
#   e.g. scripts/test.sh build-sanitize -DITTSIM_SANITIZE=ON -DITTSIM_MPI=OFF -DITTSIM_TEST_SLURM=OFF
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
# OpenMPI for the MPI build; Slurm and munge for the job-array test (no daemon is started
# here: the test starts its own and stops them); pytest and Chromium for the analysis tests;
# pybind11 and Python's headers for the Python module.
bash scripts/install-deps.sh openmpi-bin libopenmpi-dev slurm-wlm munge python3-pytest chromium pybind11-dev python3-dev
# The Slurm and analysis tests are required here (ON: a missing tool fails the configure), not
# AUTO as in a hand build, so that this script cannot pass without them; later options win.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DITTSIM_WARNINGS_AS_ERRORS=ON -DITTSIM_MPI=ON \
  -DITTSIM_TEST_SLURM=ON -DITTSIM_TEST_ANALYSIS=ON -DITTSIM_PYTHON=ON "$@"
cmake --build "$build" --parallel "$(nproc)"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
