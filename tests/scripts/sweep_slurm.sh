#!/usr/bin/env bash
# Runs a sweep as a real Slurm job array (3 shards, at most 2 at once) on a private
# single-node Slurm started on localhost, through the shipped scripts/slurm/sweep.sbatch,
# and requires the merged result to equal a serial run of the same sweep outside /provenance.
# Usage: sweep_slurm.sh ITTSIM SWEEP_INI
set -euo pipefail
if (($# != 2)); then
  echo "usage: $0 ITTSIM SWEEP_INI" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# Absolute paths: the jobs run in the submit directory, the checks elsewhere.
ittsim=$(realpath "$1")
sweep=$(realpath "$2")
# shellcheck source-path=SCRIPTDIR source=slurm_cluster.sh
source "$here/slurm_cluster.sh"

tmp=$(mktemp -d)
trap 'slurm_cluster_stop "$tmp"; rm -rf "$tmp"' EXIT
# Turn Ctrl-C and kill into an exit, so that the EXIT trap cancels jobs and stops daemons.
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== starting a single-node Slurm in $tmp"
slurm_cluster_start "$tmp"

echo "== sbatch --wait: 3 array tasks, at most 2 at once"
cd "$root"
status=0
jobid=$(sbatch --parsable --wait --array=0-2%2 --cpus-per-task=1 --mem=512M \
  --export="ALL,ITTSIM=$ittsim,SWEEP=$sweep,SWEEP_DIR=$tmp/slurm-sweep" \
  --output="$tmp/job-%A_%a.out" scripts/slurm/sweep.sbatch) || status=$?
jobid=${jobid%%;*}
failed=0
if ((status != 0)); then
  echo "FAIL: sbatch --wait exited with status $status" >&2
  failed=1
else
  for task in 0 1 2; do
    [[ -f $tmp/job-${jobid}_$task.out ]] || {
      echo "FAIL: no log for array task $task" >&2
      failed=1
    }
    # sbatch --wait misses a task that failed while others still ran once its record is
    # purged; the job completion log keeps every task's state and exit code.
    line=$(grep -F " ArrayJobId=$jobid ArrayTaskId=$task " "$tmp/jobcomp.txt" || true)
    [[ $line == *" JobState=COMPLETED "* && $line == *" ExitCode=0:0 "* ]] || {
      echo "FAIL: array task $task did not complete with exit code 0: ${line:-no record}" >&2
      failed=1
    }
  done
fi
if ((failed)); then
  for log in "$tmp"/job-*.out "$tmp/jobcomp.txt"; do
    [[ -f $log ]] || continue
    echo "----- $log -----" >&2
    cat "$log" >&2
  done
  exit 1
fi
echo "== array job $jobid: 3 tasks completed with exit code 0"

echo "== merging the Slurm shards"
"$ittsim" merge "$tmp/slurm-sweep" -o "$tmp/slurm.h5"
echo "== running the same sweep serially"
"$ittsim" sweep "$sweep" -o "$tmp/serial-sweep" --quiet
"$ittsim" merge "$tmp/serial-sweep" -o "$tmp/serial.h5"
echo "== comparing"
h5diff --exclude-path /provenance "$tmp/serial.h5" "$tmp/slurm.h5"
echo "identical outside /provenance: 3-shard Slurm array and serial sweep"
