#!/usr/bin/env bash
# Runs a sweep as a real Slurm job array (3 shards, at most 2 at once) on a private
# single-node Slurm started on localhost, through the shipped scripts/slurm/sweep.sbatch;
# then loses two shards' points, resubmits just those array tasks and merges with
# scripts/slurm/merge.sbatch as a dependent job, and requires the merged result to equal a
# serial run of the same sweep outside /provenance; and signals a running task as Slurm does
# before a time limit, which must requeue itself and resume.
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

# Whether array task $2 of job $1 completed with exit code 0, from the job completion log
# (sbatch --wait misses a task that failed while others still ran once its record is purged).
task_completed() {
  local line
  line=$(grep -F " ArrayJobId=$1 ArrayTaskId=$2 " "$tmp/jobcomp.txt" || true)
  [[ $line == *" JobState=COMPLETED "* && $line == *" ExitCode=0:0 "* ]] || {
    echo "FAIL: array task $2 of job $1 did not complete with exit code 0: ${line:-no record}" >&2
    return 1
  }
}

show_logs_and_fail() {
  for log in "$tmp"/*.out "$tmp/jobcomp.txt"; do
    [[ -f $log ]] || continue
    echo "----- $log -----" >&2
    cat "$log" >&2
  done
  exit 1
}

echo "== sbatch --wait: 3 array tasks, at most 2 at once"
cd "$root"
export="ALL,ITTSIM=$ittsim,SWEEP=$sweep,SWEEP_DIR=$tmp/slurm-sweep,SHARDS=3"
status=0
jobid=$(sbatch --parsable --wait --array=0-2%2 --cpus-per-task=1 --mem=512M --export="$export" \
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
    task_completed "$jobid" "$task" || failed=1
  done
fi
((failed == 0)) || show_logs_and_fail
echo "== array job $jobid: 3 tasks completed with exit code 0"

# A retry of some tasks must run exactly their shards: lose the points of shards 0 and 2
# (p mod 3), resubmit tasks 0 and 2 only, and merge with the shipped merge job once they end.
echo "== retrying array tasks 0 and 2, then merging as a dependent job"
points=$tmp/slurm-sweep/points
kept=$(stat -c %i "$points"/point_00000[147].h5)
rm "$points"/point_00000[023568].h5
retry=$(sbatch --parsable --array=0,2 --cpus-per-task=1 --mem=512M --export="$export" \
  --output="$tmp/retry-%A_%a.out" scripts/slurm/sweep.sbatch)
retry=${retry%%;*}
status=0
sbatch --parsable --wait --dependency="afterany:$retry" --mem=512M \
  --export="ALL,ITTSIM=$ittsim,SWEEP_DIR=$tmp/slurm-sweep,OUTPUT=$tmp/slurm.h5" \
  --output="$tmp/merge-%j.out" scripts/slurm/merge.sbatch >/dev/null || status=$?
((status == 0)) || { echo "FAIL: the merge job exited with status $status" >&2; failed=1; }
for task in 0 2; do
  task_completed "$retry" "$task" || failed=1
  grep -q "shard $task of 3 has 3: 0 already complete, 3 run, 0 failed" "$tmp/retry-${retry}_$task.out" || {
    echo "FAIL: retried array task $task did not run shard $task of 3" >&2
    failed=1
  }
done
[[ $(stat -c %i "$points"/point_00000[147].h5) == "$kept" ]] || {
  echo "FAIL: the retry ran shard 1's points again" >&2
  failed=1
}
((failed == 0)) || show_logs_and_fail
echo "== retried tasks 0 and 2 ran shards 0 and 2 of 3; the merge job merged the sweep"

# Slurm's warning before a time limit (--signal=B:USR1@300 in the template), sent at once:
# the task must stop ittsim, requeue itself and, run again, resume its shard.
echo "== signalling a running task as its time limit nears: it requeues and resumes"
requeued=$(sbatch --parsable --array=0 --cpus-per-task=1 --mem=512M --open-mode=append \
  --export="ALL,ITTSIM=$ittsim,SWEEP=$sweep,SWEEP_DIR=$tmp/requeue-sweep,SHARDS=1" \
  --output="$tmp/requeue-%A_%a.out" scripts/slurm/sweep.sbatch)
requeued=${requeued%%;*}
log=$tmp/requeue-${requeued}_0.out
for _ in $(seq 600); do
  compgen -G "$tmp/requeue-sweep/points/point_*.h5" > /dev/null && break
  sleep 0.1
done
scancel --batch --signal=USR1 "${requeued}_0"
for _ in $(seq 300); do
  grep -q "ittsim-sweep: requeueing shard 0" "$log" 2> /dev/null && break
  sleep 0.1
done
# Slurm holds a requeued job back for two minutes; let it start again now, once the node has
# finished cleaning up after its first run (a launch onto a node still completing it fails).
for _ in $(seq 300); do
  [[ $(squeue --noheader --format=%r --jobs "$requeued" 2> /dev/null) == BeginTime &&
     -z $(squeue --noheader --states=RUNNING,COMPLETING 2> /dev/null) &&
     $(sinfo --noheader --format=%t 2> /dev/null) == idle ]] && break
  sleep 0.1
done
sleep 1
scontrol update JobId="${requeued}_0" StartTime=now
for _ in $(seq 240); do
  [[ -z $(squeue --noheader --jobs "$requeued" 2> /dev/null) ]] && break
  sleep 0.5
done
grep -q "time limit near: stopping shard 0" "$log" && grep -q "requeueing shard 0" "$log" || {
  echo "FAIL: the signalled task did not stop and requeue" >&2
  failed=1
}
grep -Eq "shard 0 of 1 has 9: [1-8] already complete" "$log" || {
  echo "FAIL: the requeued task did not resume its shard" >&2
  failed=1
}
task_completed "$requeued" 0 || failed=1
[[ $(find "$tmp/requeue-sweep/points" -name 'point_*.h5' | wc -l) == 9 ]] || {
  echo "FAIL: the requeued task did not complete the sweep" >&2
  failed=1
}
((failed == 0)) || show_logs_and_fail
echo "== the signalled task stopped, requeued itself and resumed its shard to the end"

echo "== running the same sweep serially"
"$ittsim" sweep "$sweep" -o "$tmp/serial-sweep" --quiet
"$ittsim" merge "$tmp/serial-sweep" -o "$tmp/serial.h5"
echo "== comparing"
h5diff --exclude-path /provenance "$tmp/serial.h5" "$tmp/slurm.h5"
echo "identical outside /provenance: 3-shard Slurm array, retried in part and merged by Slurm, and serial sweep"
