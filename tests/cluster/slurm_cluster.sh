# A single-node Slurm cluster in a folder of its own, for tests: its own munged (key, socket,
# pid and log files in the folder), slurmctld and slurmd on free ports, proctrack/linuxproc and
# task/none (no cgroups, which containers rarely allow). Sourced by a test script:
#
#   source slurm_cluster.sh
#   slurm_cluster_can_start || exit 77        # prints why not (not root, packages missing)
#   slurm_cluster_start "$dir"                # exports SLURM_CONF; fails naming the log to read
#   ...sbatch, squeue...
#   slurm_cluster_stop                        # also from a trap: stops what it started
#
# Every daemon is stopped by its own pid, never by name: other clusters may run on the machine.

slurm_cluster_pids=()

slurm_cluster_can_start() {
  if [[ $(id -u) != 0 ]]; then
    echo "SKIP: a Slurm cluster needs root (slurmd runs jobs as their users); run as root"
    return 1
  fi
  local program
  for program in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
    if ! command -v "$program" >/dev/null; then
      echo "SKIP: $program is missing: install Debian's slurm-wlm and munge (tools/install-deps.sh --tests)"
      return 1
    fi
  done
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
  mungekey --create --keyfile="$dir/munge/munge.key" || return 1
  munged --foreground --force --key-file="$dir/munge/munge.key" \
    --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
    >"$dir/munge/munged.out" 2>&1 &
  slurm_cluster_pids+=($!)
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
  slurmctld -D -i -f "$SLURM_CONF" >"$dir/slurmctld.out" 2>&1 &
  slurm_cluster_pids+=($!)
  slurmd -D -f "$SLURM_CONF" -N nngrade-node >"$dir/slurmd.out" 2>&1 &
  slurm_cluster_pids+=($!)
  local waited
  for waited in $(seq 1 60); do
    if [[ $(sinfo -h -N -o %T 2>/dev/null) == idle* ]]; then return 0; fi
    sleep 1
  done
  echo "the cluster did not come up in 60 s; sinfo says: $(sinfo -N 2>&1)"
  echo "--- $dir/slurmctld.log"; tail -20 "$dir/slurmctld.log" "$dir/slurmctld.out" 2>/dev/null
  echo "--- $dir/slurmd.log"; tail -20 "$dir/slurmd.log" "$dir/slurmd.out" 2>/dev/null
  return 1
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
  local pid
  for pid in "${slurm_cluster_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${slurm_cluster_pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  slurm_cluster_pids=()
}
