# The job array `renkei sweep --slurm-script` writes, submitted for real: a single-node Slurm
# (scripts/slurm-local.sh: munged, slurmctld, slurmd in a scratch directory) runs the array
# tasks and then the merge job that `bash job.sh submit` queues, and the merged file holds
# exactly the data of a local, unsharded sweep.
#
# Skips (exit 77, saying why) when Debian's slurm-wlm/munge are not installed or the daemons
# cannot run here (e.g. a container without the permissions slurmstepd needs). Set
# RENKEI_REQUIRE_SLURM=1 to make those cases failures instead (on a machine known to run it).
# RENKEI_SLURM_WAIT (default 300) bounds, in seconds, the wait for the jobs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

skip() {
  if [[ ${RENKEI_REQUIRE_SLURM:-0} == 1 ]]; then
    fail "RENKEI_REQUIRE_SLURM=1 but: $*"
  fi
  echo "SKIP ($TEST_NAME): $*"
  exit 77
}

for prog in munged mungekey slurmctld slurmd sbatch scontrol sinfo scancel h5diff; do
  command -v "$prog" >/dev/null || skip "'$prog' not found (Debian packages slurm-wlm, munge and hdf5-tools; scripts/setup.sh installs them)"
done

CLUSTER=$WORK/slurm
JOBS=()
# Cancel what this test submitted and stop the daemons before lib.sh removes $WORK (a job
# still running would keep files open there, and the daemons would outlive the test).
slurm_cleanup() {
  if [[ -f $CLUSTER/slurm.conf ]]; then
    if ((${#JOBS[@]})); then
      SLURM_CONF=$CLUSTER/slurm.conf scancel "${JOBS[@]}" 2>/dev/null || true
    fi
    bash "$SRC/scripts/slurm-local.sh" stop "$CLUSTER" >/dev/null 2>&1 || true
  fi
  cli_cleanup
}
trap slurm_cleanup EXIT

set +e
bash "$SRC/scripts/slurm-local.sh" start "$CLUSTER" >"$WORK/start.out" 2>"$WORK/start.err"
rc=$?
set -e
case $rc in
  0) ;;
  2) fail "scripts/slurm-local.sh start: usage or missing program: $(cat "$WORK/start.err")" ;;
  *) skip "a single-node Slurm cannot run here (scripts/slurm-local.sh start exited $rc): $(head -c 3000 "$WORK/start.err")" ;;
esac
export SLURM_CONF=$CLUSTER/slurm.conf
note "cluster up: $(sinfo -h -N -o '%N %T %c CPUs')"

# The sweep of the other sweep tests: 2 scenarios x 4 points x 3 replicates on the 5 % world.
write_push_pair
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml
expect_rc 0 "local sweep" sweep sweep.toml -o ref.h5 -j 2 -q

# One CPU per array task: both tasks fit on a two-core node at once.
expect_rc 0 "write the script" sweep sweep.toml -o out.h5 --slurm-script job.sh --array 2 --time 5:00 --cpus 1
bash job.sh submit >submit.out 2>submit.err || fail "bash job.sh submit failed: $(cat submit.err)"
# "submitted array job 12 (2 tasks) and merge job 13 (starts when the array has ended)"
read -r array_id merge_id < <(sed -n 's/^submitted array job \([0-9][0-9]*\) (2 tasks) and merge job \([0-9][0-9]*\) .*/\1 \2/p' submit.out)
[[ -n ${array_id:-} && -n ${merge_id:-} ]] || fail "submit did not print both job ids: $(cat submit.out submit.err)"
JOBS=("$array_id" "$merge_id")
[[ $array_id != "$merge_id" ]] || fail "submit printed the same id for the array and the merge: $(cat submit.out)"
note "submitted array job $array_id and merge job $merge_id"

# The state of each job of the given ids, one `ID STATE EXITCODE` line each (array tasks as
# ARRAYID_i). scontrol, not sacct: this cluster has no accounting; MinJobAge keeps ended jobs
# listed.
job_states() {
  local id
  for id in "$@"; do
    scontrol -o show job "$id" 2>/dev/null | sed -E \
      -e 's/.*ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+) .*JobState=([A-Z_]+) .*ExitCode=([0-9:]+).*/\1_\2 \3 \4/' \
      -e 's/^JobId=([0-9]+) .*JobState=([A-Z_]+) .*ExitCode=([0-9:]+).*/\1 \2 \3/'
  done
}
# wait_jobs ID... — until every job of these ids has ended (bounded); leaves their final
# states in STATES.
wait_jobs() {
  local wait_s=${RENKEI_SLURM_WAIT:-300} t0=$SECONDS id
  while :; do
    STATES=$(job_states "$@")
    # Ended: no line in a state other than Slurm's terminal ones.
    [[ -n $STATES ]] &&
      ! grep -qvE '^[0-9_]+ (COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|PREEMPTED|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE) ' <<<"$STATES" &&
      break
    # A job pending on a dependency that can no longer be met would wait for ever.
    if for id in "$@"; do scontrol -o show job "$id" 2>/dev/null; done | grep -q 'Reason=DependencyNeverSatisfied'; then
      fail "a job's dependency can never be satisfied:$(printf '\n')$STATES"
    fi
    ((SECONDS - t0 < wait_s)) ||
      fail "jobs $* did not end within $wait_s s:$(printf '\n')$STATES$(printf '\n')$(squeue 2>&1)"
    sleep 2
  done
  note "jobs $* ended after $((SECONDS - t0)) s"
}

wait_jobs "$array_id" "$merge_id"
states=$STATES
logs() {  # logs [PREFIX] — the tails of the job logs of PREFIX.h5 (default out)
  local f
  for f in "$WORK/${1:-out}".h5.slurm-*.log; do
    [[ -e $f ]] && printf '\n--- %s ---\n%s\n' "$(basename "$f")" "$(tail -n 20 "$f")"
  done
}
# Both array tasks and the merge finished with exit status 0.
[[ $(grep -c "^${array_id}_[01] COMPLETED 0:0$" <<<"$states") -eq 2 ]] ||
  fail "the array tasks did not both complete with exit 0:$(printf '\n')$states$(logs)"
grep -qx "$merge_id COMPLETED 0:0" <<<"$states" || fail "the merge job did not complete with exit 0:$(printf '\n')$states$(logs)"
# Each array task ran its own shard (its log is named after the array job and task).
for i in 0 1; do
  [[ -f out.h5.slurm-${array_id}_$i.log ]] || fail "no log of array task $i (out.h5.slurm-${array_id}_$i.log)$(logs)"
done
[[ -f out.h5 ]] || fail "the merge job did not write out.h5$(logs)"
[[ ! -e out.h5.parts ]] || fail "the merge left the parts directory behind"

# Every dataset identical, values and attributes; only the root attributes describing the run
# (created, command_line, threads, ...) may differ.
[[ -n $(datasets ref.h5) ]] || fail "the local sweep's file has no datasets"
same_datasets ref.h5 out.h5 ||
  fail "the Slurm job array's result differs from the local sweep in: $(differing_datasets ref.h5 out.h5)"
note "ok: merged result of Slurm jobs $array_id (2 tasks) and $merge_id equals the local sweep ($(datasets ref.h5 | wc -l) datasets)"

note "a shard that did not run: the merge names it, and the resubmit command it prints runs it"
expect_rc 0 "write a second script" sweep sweep.toml -o out2.h5 --slurm-script job2.sh --array 2 --time 5:00 --cpus 1
# Only shard 0 is submitted, as if shard 1 had failed or hit its time limit.
jid=$(sbatch --parsable --array=0 job2.sh 2>sbatch2.err) || fail "sbatch --array=0 job2.sh failed: $(cat sbatch2.err)"
jid=${jid%%;*}
JOBS+=("$jid")
wait_jobs "$jid"
grep -qx "${jid}_0 COMPLETED 0:0" <<<"$STATES" || fail "shard 0 alone did not complete:$(printf '\n')$STATES$(logs out2)"
set +e
bash job2.sh merge >merge2.out 2>merge2.err
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "the merge with shard 1 missing exited $rc, expected 1: $(cat merge2.err)"
[[ ! -e out2.h5 ]] || fail "a failed merge must not write the result file"
resubmit=$(sed -n 's/^  \(sbatch --array=.*\)$/\1/p' merge2.err)
remerge=$(sed -n 's/^  \(bash .* merge\)$/\1/p' merge2.err)
[[ $resubmit == "sbatch --array=1 '$WORK/job2.sh'" ]] || fail "unexpected resubmit advice: $(cat merge2.err)"
[[ $remerge == "bash '$WORK/job2.sh' merge" ]] || fail "unexpected merge advice: $(cat merge2.err)"
# The two commands exactly as printed (their paths are quoted for the shell).
sub=$(eval "$resubmit" 2>sbatch3.err) || fail "'$resubmit' failed: $(cat sbatch3.err)"
jid=$(sed -n 's/^Submitted batch job \([0-9][0-9]*\).*/\1/p' <<<"$sub")
[[ -n $jid ]] || fail "'$resubmit' printed no job id: $sub"
JOBS+=("$jid")
wait_jobs "$jid"
grep -qx "${jid}_1 COMPLETED 0:0" <<<"$STATES" || fail "the resubmitted shard 1 did not complete:$(printf '\n')$STATES$(logs out2)"
eval "$remerge" >merge3.out 2>merge3.err || fail "'$remerge' failed: $(cat merge3.err)"
same_datasets ref.h5 out2.h5 ||
  fail "the resubmitted job array's result differs from the local sweep in: $(differing_datasets ref.h5 out2.h5)"
note "ok: after resubmitting shard 1 as the merge said, the result equals the local sweep"
