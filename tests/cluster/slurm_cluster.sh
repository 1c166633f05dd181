# A single-node Slurm cluster in a folder of its own, for tests: its own munged (key, socket,
# pid and log files in the folder), slurmctld and slurmd on free ports, proctrack/linuxproc and
# task/none (no cgroups, which containers rarely allow). Sourced by a test script:
#
#   source slurm_cluster.sh
#   slurm_cluster_can_start || exit 77        # prints why not (not root, packages missing, no /proc)
#   slurm_cluster_start "$dir" || exit 77     # exports SLURM_CONF; or prints each daemon's state
#                                             # and log, and sets slurm_cluster_failure to why
#   ...sbatch, squeue...
#   slurm_cluster_stop                        # also from a trap: stops what it started
#
# The cluster comes up one daemon at a time, each waited for by what proves it works (munge
# encodes and decodes, slurmctld answers a ping, the node is idle), so a cluster that does not
# come up names the first daemon that did not and what it says: that it exited (with its
# status), or that it runs but does not answer. Every daemon is stopped by its own pid, never by
# name: other clusters may run on the machine.

slurm_cluster_pids=()
slurm_cluster_names=()
slurm_cluster_logs=()
slurm_cluster_status=()
slurm_cluster_failure=""

slurm_cluster_can_start() {
  if [[ $(id -u) != 0 ]]; then
    echo "SKIP: a Slurm cluster needs root (slurmd runs jobs as their users); run as root"
    return 1
  fi
  local program
  for program in munged mungekey munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo; do
    if ! command -v "$program" >/dev/null; then
      echo "SKIP: $program is missing: install Debian's slurm-wlm and munge (tools/install-deps.sh --tests)"
      return 1
    fi
  done
  if [[ ! -r /proc/self/status ]]; then
    echo "SKIP: /proc is not mounted here; munged and slurmd (proctrack/linuxproc) read it"
    return 1
  fi
}

# Starts daemon `name` (the command after it) in the background, its stdout and stderr in
# `log`.out; `log`.log is the log file its configuration names.
slurm_cluster_daemon() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log.out" 2>&1 &
  slurm_cluster_pids+=($!)
  slurm_cluster_names+=("$name")
  slurm_cluster_logs+=("$log")
}

# True when daemon `i` (an index into slurm_cluster_pids) has exited; its status is then in
# slurm_cluster_status[i] (a pid is waited for only once).
slurm_cluster_exited() {
  local i=$1
  [[ -n ${slurm_cluster_status[i]:-} ]] && return 0
  kill -0 "${slurm_cluster_pids[i]}" 2>/dev/null && return 1
  wait "${slurm_cluster_pids[i]}" 2>/dev/null
  slurm_cluster_status[i]=$?
}

# The last line daemon `i` wrote, to its log file or its output.
slurm_cluster_last_words() {
  cat "${slurm_cluster_logs[$1]}".out "${slurm_cluster_logs[$1]}".log 2>/dev/null | grep . | tail -n 1
}

# What became of every daemon started: running (its process state) or exited (its status),
# and the end of its output and of its log file.
slurm_cluster_report() {
  local i file
  for i in "${!slurm_cluster_pids[@]}"; do
    if slurm_cluster_exited "$i"; then
      echo "--- ${slurm_cluster_names[i]}: exited with status ${slurm_cluster_status[i]}"
    else
      echo "--- ${slurm_cluster_names[i]} (pid ${slurm_cluster_pids[i]}): running," \
        "$(ps -o stat=,wchan= -p "${slurm_cluster_pids[i]}" | tr -s ' ')"
    fi
    for file in "${slurm_cluster_logs[i]}".out "${slurm_cluster_logs[i]}".log; do
      if [[ ! -e $file ]]; then
        echo "$file: not written"
      elif [[ ! -s $file ]]; then
        echo "$file: empty"
      else
        echo "$file:"
        tail -n 25 "$file"
      fi
    done
  done
}

# Waits up to `seconds` until `probe` (the command after them) succeeds. Fails, setting
# slurm_cluster_failure, as soon as a daemon started has exited (saying its status and last
# line), or when the time is up (saying what the probe last printed): `what` names what the
# probe waits for.
slurm_cluster_wait() {
  local what=$1 seconds=$2 start=$SECONDS i said
  shift 2
  while ! said=$("$@" 2>&1); do
    for i in "${!slurm_cluster_pids[@]}"; do
      if slurm_cluster_exited "$i"; then
        slurm_cluster_failure="${slurm_cluster_names[i]} exited with status"
        slurm_cluster_failure+=" ${slurm_cluster_status[i]} before $what: $(slurm_cluster_last_words "$i")"
        return 1
      fi
    done
    if ((SECONDS - start >= seconds)); then
      slurm_cluster_failure="$what: not after $seconds s, though every daemon runs: ${said%%$'\n'*}"
      return 1
    fi
    sleep 1
  done
}

# The probes: each prints why not when it fails.
slurm_cluster_munge_works() {
  munge -n -S "$1" | unmunge -S "$1" >/dev/null
}

slurm_cluster_controller_answers() {
  local said
  said=$(timeout 10 scontrol ping 2>&1)
  [[ $said == *"is UP"* ]] || echo "scontrol ping: ${said:-no answer in 10 s}"
  [[ $said == *"is UP"* ]]
}

slurm_cluster_node_idle() {
  [[ $(timeout 10 sinfo -h -N -o %T 2>&1) == idle* ]] && return 0
  timeout 10 scontrol show node nngrade-node 2>&1 | grep -oE 'State=[^ ]+|Reason=.*'
  return 1
}

# Two ports nothing listens on now.
slurm_cluster_free_ports() {
  python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

slurm_cluster_start() {
  local dir=$1
  mkdir -p "$dir"/{munge,state,spool}
  chmod 711 "$dir/munge"
  slurm_cluster_failure=""
  if ! mungekey --create --keyfile="$dir/munge/munge.key" >"$dir/munge/mungekey.out" 2>&1; then
    slurm_cluster_failure="mungekey failed: $(tail -n 1 "$dir/munge/mungekey.out")"
    return 1
  fi
  slurm_cluster_daemon munged "$dir/munge/munged" munged --foreground --force \
    --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/munged.seed"
  if ! slurm_cluster_wait "munge works" 30 slurm_cluster_munge_works "$dir/munge/munge.socket"; then
    slurm_cluster_report
    return 1
  fi
  local ports cpus memory_mb
  read -r -a ports < <(slurm_cluster_free_ports)
  cpus=$(nproc)
  memory_mb=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024))
  cat >"$dir/slurm.conf" <<CONF
ClusterName=nngradetest
SlurmctldHost=$(hostname)(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=verbose
SlurmdDebug=verbose
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
MinJobAge=3600
NodeName=nngrade-node NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=test Nodes=nngrade-node Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurm_cluster_daemon slurmctld "$dir/slurmctld" slurmctld -D -i -f "$SLURM_CONF"
  if ! slurm_cluster_wait "slurmctld answers" 60 slurm_cluster_controller_answers; then
    slurm_cluster_report
    return 1
  fi
  slurm_cluster_daemon slurmd "$dir/slurmd" slurmd -D -f "$SLURM_CONF" -N nngrade-node
  if ! slurm_cluster_wait "the node is idle" 60 slurm_cluster_node_idle; then
    slurm_cluster_report
    return 1
  fi
}

# The state of job `id` (COMPLETED, FAILED, ...), or of all its array tasks, one per line.
slurm_job_states() {
  scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2
}

# Waits until job `id` (and every task of it) has ended; false after `seconds`.
slurm_wait_job() {
  local id=$1 seconds=$2 start=$SECONDS
  while ((SECONDS - start < seconds)); do
    local states
    states=$(slurm_job_states "$id")
    if [[ -n $states ]] && ! grep -qE 'PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED' <<<"$states"; then
      return 0
    fi
    sleep 2
  done
  return 1
}

slurm_cluster_stop() {
  local i pid running=()
  for i in "${!slurm_cluster_pids[@]}"; do
    slurm_cluster_exited "$i" || running+=("${slurm_cluster_pids[i]}")
  done
  for pid in "${running[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${running[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  slurm_cluster_pids=()
  slurm_cluster_names=()
  slurm_cluster_logs=()
  slurm_cluster_status=()
}
