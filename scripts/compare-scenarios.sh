#!/usr/bin/env bash
# The scenario-comparison report in one command: builds ittsim if needed, runs each scenario
# (default: baseline, market_review and collaboration, England) with the same seed and
# replicates into results/, and writes the report to report/index.html (plots in
# report/figures/, tables as CSV in report/tables/).
# Usage: scripts/compare-scenarios.sh [--replicates R] [--years FIRST:LAST] [--output DIR] [SCENARIO...]
#   SCENARIO is a file name in scenarios/ without .ini; the first is the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
replicates=8
years=2024:2031
output=report
scenarios=()
while (($#)); do
  case $1 in
    --replicates) replicates=$2; shift 2 ;;
    --years) years=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    -*) echo "compare-scenarios: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
((${#scenarios[@]})) || scenarios=(baseline market_review collaboration)
for scenario in "${scenarios[@]}"; do
  [[ -f scenarios/$scenario.ini ]] || { echo "compare-scenarios: no scenarios/$scenario.ini" >&2; exit 2; }
done

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --parallel "$(nproc)" --target ittsim
mkdir -p results
files=()
for scenario in "${scenarios[@]}"; do
  echo "compare-scenarios: running $scenario ($replicates replicates)"
  build/bin/ittsim run "scenarios/$scenario.ini" -o "results/$scenario.h5" --replicates "$replicates" \
    --threads "$(nproc)" --quiet
  files+=("results/$scenario.h5")
done
/usr/bin/python3 -m analysis report "${files[@]}" -o "$output" --years "$years" --baseline "${scenarios[0]}"
