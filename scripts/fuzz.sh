#!/usr/bin/env bash
# Builds the libFuzzer targets of the scenario and sweep parsers and of the checkpoint and
# output readers with clang (AddressSanitizer and UBSan) and runs each for a bounded time from
# its seed corpus in tests/fuzz/. A crash, a
# sanitizer report, a leak, an input slower than the timeout or one over the memory limit
# stops the run with a non-zero exit, and libFuzzer saves the input in ARTIFACTS/: add it to
# tests/fuzz/regressions/TARGET/ with the fix, and ctest replays it from then on.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET [ARTIFACTS]]   (defaults: 30, .ci/artifacts/fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
artifacts=${2:-.ci/artifacts/fuzz}
bash scripts/install-deps.sh clang libclang-rt-14-dev
mkdir -p "$artifacts"
build=build-fuzz
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DITTSIM_FUZZ=ON -DITTSIM_WARNINGS_AS_ERRORS=ON -DITTSIM_BUILD_BENCHMARKS=OFF -DITTSIM_MPI=OFF \
  -DITTSIM_TEST_SLURM=OFF -DITTSIM_TEST_ANALYSIS=OFF > "$artifacts/configure.log" || { cat "$artifacts/configure.log"; exit 1; }
targets=(scenario sweep checkpoint output)
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"
for target in "${targets[@]}"; do
  # Text files for the parsers; HDF5 files of a tiny world (up to about 600 KB) for the readers.
  # For the readers, malloc returns null for a request it cannot meet, as glibc's does, and
  # libFuzzer's limit on one malloc is lifted: HDF5 asks for what a damaged file's sizes say
  # and fails cleanly when it gets nothing (the same inputs give exit 2 in a normal build).
  # Our own allocations (operator new) still abort on failure, and the RSS limit holds.
  # Their time limit is above the 60 s a reader gives HDF5 in a child before refusing a file.
  max_len=16384
  timeout=30
  allocation=(-malloc_limit_mb=2048)
  asan_options=
  if [[ $target == checkpoint || $target == output ]]; then
    max_len=1048576
    timeout=90
    allocation=(-malloc_limit_mb=16777216)
    asan_options=allocator_may_return_null=1
  fi
  # New inputs go to a scratch corpus; the seed corpus in the repository is only read.
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
  echo "fuzz: $target for $seconds s"
  seeds=("tests/fuzz/$target")
  [[ -d tests/fuzz/regressions/$target ]] && seeds+=("tests/fuzz/regressions/$target")
  ASAN_OPTIONS=$asan_options LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp "$build/bin/fuzz_$target" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 "${allocation[@]}" -max_len="$max_len" \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 2> "$artifacts/$target.log" || {
    tail -n 60 "$artifacts/$target.log"
    echo "fuzz: $target: a finding; the input is in $artifacts/" >&2
    exit 1
  }
  grep -E "^(Done|stat::(number_of_executed_units|new_units_added|peak_rss_mb))" "$artifacts/$target.log"
  rm -rf "$corpus"
  trap - EXIT
done
echo "fuzz: no findings"
