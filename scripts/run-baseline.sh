#!/usr/bin/env bash
# The main job: installs what is missing, builds ittsim, runs scenarios/baseline.ini into
# results/baseline.h5 and prints its summary. Extra arguments go to `ittsim run`
# (for example --replicates 10 or --set run.years=5).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$(nproc)" --target ittsim
mkdir -p results
build/bin/ittsim run scenarios/baseline.ini -o results/baseline.h5 --threads "$(nproc)" "$@"
