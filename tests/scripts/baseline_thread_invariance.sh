#!/usr/bin/env bash
# Runs a scenario on 1 and 2 threads and requires identical output outside /provenance.
# Usage: baseline_thread_invariance.sh ITTSIM SCENARIO
set -euo pipefail
ittsim=$1
scenario=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$ittsim" run "$scenario" -o "$work/threads1.h5" --threads 1 --quiet
"$ittsim" run "$scenario" -o "$work/threads2.h5" --threads 2 --quiet
h5diff --exclude-path /provenance "$work/threads1.h5" "$work/threads2.h5"
echo "identical outside /provenance: $work/threads1.h5 $work/threads2.h5"
