#!/usr/bin/env bash
# Installs what is missing, builds ittsim with warnings as errors and runs every test.
# Usage: scripts/test.sh [BUILD_DIR [CMAKE_OPTION...]]   (default: build)
#   e.g. scripts/test.sh build-sanitize -DITTSIM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DITTSIM_WARNINGS_AS_ERRORS=ON "$@"
cmake --build "$build" --parallel "$(nproc)"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
