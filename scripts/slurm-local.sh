#!/usr/bin/env bash
# A throw-away single-node Slurm cluster in one directory, to try `renkei sweep
# --slurm-script` job arrays (and their merge job) for real on one machine.
#
#   scripts/slurm-local.sh start DIR   # munged, slurmctld and slurmd; waits until the node is idle
#   export SLURM_CONF=DIR/slurm.conf   # then sbatch, squeue, sinfo talk to this cluster
#   scripts/slurm-local.sh stop DIR    # stops the three daemons (DIR is kept; remove it yourself)
#
# Everything lives in DIR: a fresh munge key, slurm.conf, state, spool, logs, pid files and
# munged's socket, so nothing in /etc is read or changed and a system-wide Slurm or munge (if
# any) is left alone. The daemons run as the current user (SlurmUser); jobs can then run only
# as that user, which is all a test needs. Needs Debian's `slurm-wlm` and `munge` packages.
#
# Environment: SLURM_LOCAL_PORT (default: the first free pair of ports from 6817) sets the
# slurmctld port; slurmd uses the next one. SLURM_LOCAL_WAIT (default 60) is how many
# seconds `start` waits for the node to become idle.
#
# Exit status: 0 ok; 1 a daemon did not start or the node did not become idle (the message
# ends with the tails of the logs); 2 usage or missing programs; 3 (start only) the daemons
# started but this machine does not let them run (e.g. a container without the needed
# permissions) — the message says which daemon and why.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|status DIR" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
cmd=$1
mkdir -p "$2"
DIR=$(realpath "$2")
CONF=$DIR/slurm.conf

die() {
  echo "slurm-local: $*" >&2
  exit 1
}

# The last lines of every log in DIR/log, for failure messages.
log_tails() {
  local f
  for f in "$DIR"/log/*.log; do
    [[ -s $f ]] || continue
    printf '\n--- %s (last 15 lines) ---\n' "$f"
    tail -n 15 "$f"
  done
}

pid_of() {  # pid_of NAME — the pid in DIR/run/NAME.pid if that process is alive
  local f=$DIR/run/$1.pid pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop_daemons() {
  local name pid i
  # slurmd first (it may have jobs), then the controller, then munged that both use.
  for name in slurmd slurmctld munged; do
    pid=$(pid_of "$name") || continue
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "slurm-local: $name (pid $pid) ignored SIGTERM for 5 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/run/$name.pid"
  done
  # A job still running keeps its slurmstepd (which outlives slurmd by design) until the job
  # ends; `stop` is meant for a cluster whose jobs have ended (cancel them first: scancel).
}

port_free() {  # port_free PORT — nothing listens on 127.0.0.1:PORT
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_config() {
  local user port cpus mem node_line
  user=$(id -un)
  port=${SLURM_LOCAL_PORT:-}
  if [[ -z $port ]]; then
    port=6817
    until port_free "$port" && port_free $((port + 1)); do
      port=$((port + 2))
      ((port < 6917)) || die "no free pair of TCP ports in 6817-6916; set SLURM_LOCAL_PORT"
    done
  fi
  # The node as slurmd itself sees it (CPUs, sockets, cores, threads, memory); its name is
  # replaced by `localhost` so the configuration does not depend on the host name.
  node_line=$(slurmd -C 2>/dev/null | head -n 1) || true
  [[ $node_line == NodeName=* ]] || die "'slurmd -C' did not describe this node: $node_line"
  cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$node_line")
  mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$node_line")
  [[ -n $cpus && -n $mem ]] || die "could not read CPUs and RealMemory from 'slurmd -C': $node_line"
  # A little less memory than the machine has: a node whose RealMemory exceeds what slurmd
  # finds is drained as invalid, and the figure varies slightly between boots.
  mem=$((mem * 95 / 100))
  cat >"$CONF" <<EOF
# Single-node Slurm made by scripts/slurm-local.sh for trying renkei's job arrays.
ClusterName=renkei-local
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket.2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups (often unavailable in containers): processes tracked through /proc, no binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# No accounting database.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
# Cores are the consumable resource, memory is not: array tasks that ask for no memory can
# share the node.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
# No mail (Debian's default mail program is not installed).
MailProg=/bin/true
# A node that was down (e.g. after a restart) becomes usable again by itself.
ReturnToService=2
# Finished jobs stay visible to squeue/scontrol for 10 minutes (no accounting to ask).
MinJobAge=600
$(sed -E 's/^NodeName=[^ ]+/NodeName=localhost/; s/RealMemory=[0-9]+/RealMemory='"$mem"'/; s/ *UpTime=.*//' <<<"$node_line") State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  local prog
  for prog in munged mungekey slurmctld slurmd sinfo sbatch; do
    command -v "$prog" >/dev/null ||
      { echo "slurm-local: '$prog' not found; install Debian's slurm-wlm and munge" >&2; exit 2; }
  done
  if pid_of slurmctld >/dev/null || pid_of slurmd >/dev/null || pid_of munged >/dev/null; then
    die "a cluster already runs from $DIR; stop it first: $0 stop $DIR"
  fi
  mkdir -p "$DIR"/{munge,state,spool,log,run}
  # munged refuses directories others may write to and a key others may read; clients of
  # any user must reach its socket (execute permission on the directory).
  chmod 711 "$DIR"/munge
  chmod 700 "$DIR"/state "$DIR"/spool
  chmod 755 "$DIR"/log "$DIR"/run
  rm -f "$DIR"/munge/munge.key
  mungekey --create --keyfile="$DIR/munge/munge.key" ||
    die "could not create a munge key in $DIR/munge"
  write_config
  export SLURM_CONF=$CONF

  # munged with its own key and socket (and its files) in DIR. --force: it would otherwise
  # refuse a socket directory under a world-writable /tmp on some systems.
  munged --force --socket="$DIR/munge/munge.socket.2" --key-file="$DIR/munge/munge.key" \
    --pid-file="$DIR/run/munged.pid" --log-file="$DIR/log/munged.log" \
    --seed-file="$DIR/munge/munged.seed" >"$DIR/log/munged.out" 2>&1 ||
    { cat "$DIR/log/munged.out" >&2; die "munged did not start$(log_tails)"; }
  munge -n -S "$DIR/munge/munge.socket.2" | unmunge -S "$DIR/munge/munge.socket.2" >/dev/null 2>&1 ||
    die "munged started but cannot encode and decode a credential$(log_tails)"

  # -i: ignore any state left from an earlier start in DIR (a fresh cluster, job ids from 1).
  slurmctld -i -f "$CONF" >"$DIR/log/slurmctld.out" 2>&1 ||
    { cat "$DIR/log/slurmctld.out" >&2; stop_daemons; die "slurmctld did not start$(log_tails)"; }
  # -N: this slurmd is node `localhost` whatever the host is called.
  slurmd -N localhost -f "$CONF" >"$DIR/log/slurmd.out" 2>&1 ||
    { cat "$DIR/log/slurmd.out" >&2; stop_daemons; die "slurmd did not start$(log_tails)"; }

  local wait=${SLURM_LOCAL_WAIT:-60} waited=0 state=""
  while ((waited < wait * 2)); do
    state=$(sinfo -h -N -n localhost -o '%T' 2>/dev/null || true)
    [[ $state == idle ]] && break
    pid_of slurmctld >/dev/null || { stop_daemons; die "slurmctld exited while starting$(log_tails)"; }
    pid_of slurmd >/dev/null || { stop_daemons; die "slurmd exited while starting$(log_tails)"; }
    sleep 0.5
    waited=$((waited + 1))
  done
  if [[ $state != idle ]]; then
    local reason
    reason=$(sinfo -h -N -n localhost -o '%T %E' 2>&1 || true)
    stop_daemons
    die "the node did not become idle within $wait s (sinfo: '${reason:-no answer}')$(log_tails)"
  fi

  # The daemons run; do jobs run? A container may let the daemons start but not slurmstepd
  # set up a job (it changes user, groups and limits). One tiny job tells.
  local jid out=$DIR/log/probe-%j.out
  jid=$(sbatch --parsable --wait --time=1 --output="$out" --wrap='echo slurm-local-probe ok' 2>"$DIR/log/probe.err") || true
  jid=${jid%%;*}
  if [[ -z $jid ]] || ! grep -qx 'slurm-local-probe ok' "$DIR/log/probe-$jid.out" 2>/dev/null; then
    local why
    why=$(cat "$DIR/log/probe.err" 2>/dev/null; scontrol show job "$jid" 2>/dev/null | grep -E 'JobState|Reason' || true)
    stop_daemons
    echo "slurm-local: the daemons started but a one-line test job did not run: $why$(log_tails)" >&2
    exit 3
  fi
  echo "slurm-local: single-node cluster up (node localhost idle, a test job ran); use it with"
  echo "  export SLURM_CONF=$CONF"
  echo "stop it with: $0 stop $DIR"
}

case $cmd in
  start) start ;;
  stop)
    [[ -f $CONF ]] || die "no cluster in $DIR (no slurm.conf)"
    stop_daemons
    echo "slurm-local: stopped the cluster in $DIR" ;;
  status)
    for name in munged slurmctld slurmd; do
      if pid=$(pid_of "$name"); then echo "$name: running (pid $pid)"; else echo "$name: not running"; fi
    done
    [[ -f $CONF ]] && SLURM_CONF=$CONF sinfo 2>&1 || true ;;
  *) usage ;;
esac
