# shellcheck shell=bash
# A private single-node Slurm cluster for tests: munged, slurmctld and slurmd, all with their
# key, sockets, ports, state and logs inside one directory, so that nothing on the machine
# (its own munge or Slurm, if any) is used or touched. Meant to be sourced:
#
#   source tests/scripts/slurm_cluster.sh
#   dir=$(mktemp -d)
#   trap 'slurm_cluster_stop "$dir"; rm -rf "$dir"' EXIT
#   slurm_cluster_start "$dir"       # exports SLURM_CONF; sbatch, squeue, sinfo now use it
#
# $dir/jobcomp.txt gets a line per finished job (or array task) with its exit code, which
# outlives the job records (purged 4 s after the end, see MinJobAge below). Starting also
# unsets SLURM_*, SBATCH_* etc. in the caller's shell, so that only this cluster is seen.
#
# Needs slurm-wlm and munge (Slurm 22.05 has no auth/none any more, hence munge). Tested with
# Slurm 22.05 as root; as another user the daemons run as that user.

SLURM_CLUSTER_NODE=${SLURM_CLUSTER_NODE:-ittsim-node}
SLURM_CLUSTER_START_TIMEOUT=${SLURM_CLUSTER_START_TIMEOUT:-60}

_slurm_cluster_log() { echo "slurm_cluster: $*" >&2; }

# Prints the daemons' logs, to explain a failure.
_slurm_cluster_dump_logs() {
  local dir=$1 f
  for f in "$dir/munged.log" "$dir/slurmctld.log" "$dir/slurmd.log"; do
    [[ -f $f ]] || continue
    echo "----- $f (last 40 lines) -----" >&2
    tail -n 40 "$f" >&2 || true
  done
}

# True when a TCP port is in use (listening or in any other state) on this machine.
_slurm_cluster_port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n $(ss -Htan "( sport = :$port )" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# Prints a free TCP port below the kernel's ephemeral range (32768+), so that no outgoing
# connection takes it between this check and the daemon's bind; skips the ports given.
_slurm_cluster_free_port() {
  local port taken tries
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + RANDOM % 12000))
    for taken in "$@"; do [[ $port == "$taken" ]] && continue 2; done
    _slurm_cluster_port_in_use "$port" || { echo "$port"; return 0; }
  done
  return 1
}

# Waits up to $2 seconds for the file $1 to exist and be non-empty.
_slurm_cluster_wait_file() {
  local file=$1 deadline=$((SECONDS + $2))
  until [[ -s $file ]]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# True while the process $1 exists, is not a zombie and is the program $2 (guards against
# the pid having been reused by another process).
_slurm_cluster_alive() {
  local pid=$1 name=$2 stat comm
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  comm=${stat#*(}; comm=${comm%)*}
  [[ ${stat##*) } != Z* && $comm == "$name" ]]
}

slurm_cluster_start() {
  local dir=${1:?usage: slurm_cluster_start DIR}
  local conf ctld_port slurmd_port host shorthost cpus user mem deadline state

  if ! command -v munged >/dev/null || ! command -v slurmctld >/dev/null \
    || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null; then
    _slurm_cluster_log "munged, slurmctld, slurmd and sbatch are needed (munge, slurm-wlm)"
    return 1
  fi
  dir=$(cd "$dir" && pwd) || return 1
  conf=$dir/slurm.conf
  # munged wants the socket's directory searchable by all but writable only by its owner.
  chmod 0711 "$dir" || return 1
  mkdir -p "$dir/state" "$dir/spool" || return 1

  # The test must see only this cluster: variables of an enclosing Slurm job (when the test
  # runs inside one) or a user's SBATCH_ACCOUNT etc. would leak into sbatch and the jobs.
  local var
  for var in $(compgen -e); do
    case $var in SLURM_* | SBATCH_* | SALLOC_* | SRUN_* | SQUEUE_* | SINFO_* | SCONTROL_*)
      unset "$var" ;;
    esac
  done

  # munge: a fresh key and a daemon on our own socket.
  (umask 077 && head -c 1024 /dev/urandom >"$dir/munge.key") || return 1
  munged --socket="$dir/munge.socket" --key-file="$dir/munge.key" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" \
    --seed-file="$dir/munged.seed" || {
    _slurm_cluster_log "munged failed to start"
    _slurm_cluster_dump_logs "$dir"
    return 1
  }
  if ! _slurm_cluster_wait_file "$dir/munged.pid" 10 || [[ ! -S $dir/munge.socket ]]; then
    _slurm_cluster_log "munged did not come up"
    _slurm_cluster_dump_logs "$dir"
    return 1
  fi

  if ! ctld_port=$(_slurm_cluster_free_port) \
    || ! slurmd_port=$(_slurm_cluster_free_port "$ctld_port"); then
    _slurm_cluster_log "no free TCP port found"
    return 1
  fi
  host=$(hostname)
  shorthost=$(hostname -s)
  cpus=$(nproc)
  user=$(id -un)
  # slurmd drains a node that has less memory than configured: at most half of it.
  mem=$(awk '/^MemTotal:/ { print int($2 / 2048) }' /proc/meminfo) || return 1
  ((mem > 4096)) && mem=4096

  # Only what differs from the defaults, or must not touch /etc, /var or the system daemons.
  cat >"$conf" <<EOF || return 1
ClusterName=ittsimtest
# slurmctld only runs where its short hostname matches SlurmctldHost.
SlurmctldHost=$shorthost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# Keep the system's SPANK plugins (/etc/slurm/plugstack.conf) out.
PlugStackConfig=$dir/plugstack.conf
# No cgroups: works in containers and without systemd.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
# A line per finished job or array task, with JobState, ArrayJobId, ArrayTaskId, ExitCode.
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
# Cores and memory are consumable, so that --cpus-per-task and --mem are honoured.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
# sbatch --wait polls every 2 s only while MinJobAge <= 4 (else it backs off to 32 s). The
# price: records of array tasks that ended early may be purged before sbatch --wait sees
# them, so its exit status can miss a failed task; check jobcomp.txt (above) instead.
# (MinJobAge=0, "never purge" in the man page, is rejected by 22.05 and becomes 2.)
MinJobAge=4
# A node that registers comes back into service by itself; cancelled jobs die fast.
ReturnToService=2
KillWait=5
InactiveLimit=0
# Debian has no /bin/mail by default; slurmctld logs an error without one.
MailProg=/bin/true
NodeName=$SLURM_CLUSTER_NODE NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$SLURM_CLUSTER_NODE Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$dir/plugstack.conf" || return 1
  export SLURM_CONF=$conf

  # -c: a fresh cluster, no saved state to look for.
  slurmctld -c -f "$conf" || {
    _slurm_cluster_log "slurmctld failed to start"
    _slurm_cluster_dump_logs "$dir"
    return 1
  }
  slurmd -f "$conf" -N "$SLURM_CLUSTER_NODE" || {
    _slurm_cluster_log "slurmd failed to start"
    _slurm_cluster_dump_logs "$dir"
    return 1
  }

  # The node is usable once slurmd has registered and slurmctld reports it idle.
  deadline=$((SECONDS + SLURM_CLUSTER_START_TIMEOUT))
  while :; do
    state=$(sinfo -h -n "$SLURM_CLUSTER_NODE" -o %t 2>/dev/null) || state=
    [[ $state == idle ]] && break
    if ((SECONDS >= deadline)); then
      _slurm_cluster_log "node $SLURM_CLUSTER_NODE not idle after ${SLURM_CLUSTER_START_TIMEOUT}s (state: '${state}')"
      _slurm_cluster_dump_logs "$dir"
      return 1
    fi
    sleep 0.2
  done
  _slurm_cluster_log "up in $dir (slurmctld port $ctld_port, slurmd port $slurmd_port, $cpus CPUs)"
}

# Sends SIGTERM to the daemon recorded in pid file $2 (program $3), SIGKILL after 10 s.
_slurm_cluster_kill() {
  local dir=$1 pidfile=$1/$2 name=$3 pid i
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  _slurm_cluster_alive "$pid" "$name" || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do
    _slurm_cluster_alive "$pid" "$name" || return 0
    sleep 0.1
  done
  _slurm_cluster_log "$name ($pid) ignored SIGTERM for 10 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    _slurm_cluster_alive "$pid" "$name" || return 0
    sleep 0.1
  done
  _slurm_cluster_log "warning: $name ($pid) still running"
}

_slurm_cluster_stop() {
  local dir=$1 conf=$1/slurm.conf pid deadline
  [[ -d $dir ]] || return 0
  pid=$(cat "$dir/slurmctld.pid" 2>/dev/null)
  # Jobs still running (an interrupted test) would outlive slurmd: cancel them first and
  # give them KillWait (5 s) and a margin to go.
  if [[ -f $conf ]] && _slurm_cluster_alive "$pid" slurmctld; then
    SLURM_CONF=$conf timeout 10 scancel --quiet --user="$(id -un)" 2>/dev/null
    deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
      [[ -z $(SLURM_CONF=$conf timeout 5 squeue -h -o %i 2>/dev/null) ]] && break
      sleep 0.2
    done
  fi
  _slurm_cluster_kill "$dir" slurmd.pid slurmd
  _slurm_cluster_kill "$dir" slurmctld.pid slurmctld
  _slurm_cluster_kill "$dir" munged.pid munged
}

# Stops the daemons that slurm_cluster_start DIR started, by the pids in their pid files.
# Always returns 0 and tolerates a half-started cluster, so that it is safe in an EXIT trap
# under set -e.
slurm_cluster_stop() {
  local dir=${1:-}
  [[ -n $dir ]] || return 0
  (set +e; _slurm_cluster_stop "$dir")
  return 0
}
