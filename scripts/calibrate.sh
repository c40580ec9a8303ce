#!/usr/bin/env bash
# History matching end to end on this machine, for problems small enough to run here:
# writes wave 1 from CONFIG, then runs each wave's sweep and fits the next, and writes the
# status page. On a cluster, run the same steps with the waves' sweeps as Slurm arrays or
# under MPI (docs/CALIBRATION.md, History matching).
# Usage: scripts/calibrate.sh CONFIG.ini [WAVES (default 3)] [DIR (default: CONFIG without .ini)]
#   environment: ITTSIM (default build/bin/ittsim), SHARDS (parallel sweep processes, default nproc)
set -euo pipefail
if (($# < 1)); then
  sed -n '2,8p' "$0" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
config=$1
waves=${2:-3}
dir=${3:-${config%.ini}}
export ITTSIM=${ITTSIM:-$root/build/bin/ittsim}
shards=${SHARDS:-$(nproc)}
python=(/usr/bin/python3 -m analysis calibrate)
cd_root() { (cd "$root" && "$@"); }
config=$(realpath "$config")
dir=$(realpath -m "$dir")

if [[ ! -f $dir/calibrate.ini ]]; then
  cd_root "${python[@]}" init "$config" -o "$dir"
fi
for ((wave = 1; wave <= waves; wave++)); do
  folder=$(printf '%s/wave_%02d' "$dir" "$wave")
  [[ -f $folder/summary.json ]] && continue
  if [[ ! -f $folder/sweep.ini ]]; then
    echo "calibrate: no $folder/sweep.ini (no non-implausible point was left after wave $((wave - 1)))" >&2
    break
  fi
  pids=()
  for ((shard = 0; shard < shards; shard++)); do
    "$ITTSIM" sweep "$folder/sweep.ini" -o "$folder/run" --shard "$shard" --shards "$shards" --quiet &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  cd_root "${python[@]}" next "$dir"
done
cd_root "${python[@]}" status "$dir"
