# renkei sweep --slurm-script writes a job-array script; its body, run by hand as array
# tasks 0 and 1, then its merge step, gives exactly the unsharded result.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

run_push_study 1 >/dev/null
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml
expect_rc 0 "unsharded sweep" sweep sweep.toml -o ref.h5 -j 2 -q

expect_rc 0 "write the script" sweep sweep.toml -o out.h5 --slurm-script job.sh --array 2 --time 01:30:00 --cpus 2
expect_in "$WORK/out" "bash job.sh submit" "how to submit"
[[ -x job.sh ]] || fail "the script should be executable"
for line in "#SBATCH --array=0-1" "#SBATCH --time=01:30:00" "#SBATCH --cpus-per-task=2" "#SBATCH --ntasks=1" \
  "#SBATCH --signal=B:TERM@120" '--shard "$SLURM_ARRAY_TASK_ID/$SHARDS" --resume' "--dependency=afterany" \
  "OUT='$WORK/out.h5'"; do
  grep -qF -- "$line" job.sh || fail "job.sh lacks '$line':$(printf '\n')$(cat job.sh)"
done
bash -n job.sh || fail "job.sh is not valid bash"
expect_rc 2 "the script exists" sweep sweep.toml -o out.h5 --slurm-script job.sh --array 2 --time 01:30:00 --cpus 2

# `submit` submits the array, then the merge depending on it, and prints both job ids (a
# stand-in sbatch on PATH answers as `sbatch --parsable` does and records its arguments).
mkdir -p fakebin
cat >fakebin/sbatch <<'FAKE'
#!/bin/bash
n=$(( $(cat "$SBATCH_LOG" 2>/dev/null | wc -l) + 1 ))
echo "$*" >>"$SBATCH_LOG"
echo "$((4000 + n));cluster"
FAKE
chmod +x fakebin/sbatch
PATH="$WORK/fakebin:$PATH" SBATCH_LOG="$WORK/sbatch.log" bash job.sh submit >submit.out 2>submit.err ||
  fail "submit failed: $(cat submit.err)"
grep -qF "submitted array job 4001 (2 tasks) and merge job 4002" submit.out || fail "submit does not print both job ids: $(cat submit.out)"
grep -qF -- "--dependency=afterany:4001" sbatch.log || fail "the merge does not depend on the array: $(cat sbatch.log)"

# A merge with a shard missing names that shard and the exact command that reruns it.
SLURM_ARRAY_TASK_ID=0 SLURM_CPUS_PER_TASK=1 bash job.sh >/dev/null 2>task0.err || fail "array task 0 failed: $(cat task0.err)"
set +e
bash job.sh merge >merge1.out 2>merge1.err
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "a merge with missing runs exited $rc, expected 1: $(cat merge1.err)"
grep -qF "1 of 2 shards to run again: 1." merge1.err || fail "the failed merge does not name shard 1: $(cat merge1.err)"
grep -qF "sbatch --array=1 '$WORK/job.sh'" merge1.err || fail "the failed merge does not give the resubmit command: $(cat merge1.err)"
grep -qF "bash '$WORK/job.sh' merge" merge1.err || fail "the failed merge does not say how to merge again: $(cat merge1.err)"
[[ ! -e out.h5 ]] || fail "a failed merge must not write the result file"

# Short walltimes: the lead shrinks to a tenth; below five minutes the script is refused.
expect_rc 0 "ten-minute walltime" sweep sweep.toml -o short.h5 --slurm-script short.sh --array 2 --time 10 --cpus 1
grep -qF "#SBATCH --time=00:10:00" short.sh || fail "--time 10 is not ten minutes: $(grep SBATCH short.sh)"
grep -qF "#SBATCH --signal=B:TERM@60" short.sh || fail "--time 10: the signal lead is not 60 s: $(grep SBATCH short.sh)"
expect_rc 2 "two-minute walltime" sweep sweep.toml -o short.h5 --slurm-script short2.sh --array 2 --time 2:00 --cpus 1
expect_in "$WORK/err" "at least 00:05:00" "two-minute walltime"
expect_rc 2 "walltime in hours" sweep sweep.toml -o short.h5 --slurm-script short3.sh --array 2 --time 2h --cpus 1
expect_in "$WORK/err" "DAYS-HOURS:MINUTES:SECONDS" "walltime in hours"

for i in 0 1; do
  SLURM_ARRAY_TASK_ID=$i SLURM_CPUS_PER_TASK=1 bash job.sh >task$i.out 2>task$i.err ||
    fail "array task $i failed: $(cat task$i.err)"
done
[[ ! -e out.h5 ]] || fail "array tasks must not write the result file"
# A requeued task (same id again) finds its runs committed and does nothing.
SLURM_ARRAY_TASK_ID=1 bash job.sh >/dev/null 2>task1b.err || fail "a requeued array task failed: $(cat task1b.err)"
bash job.sh merge >merge.out 2>merge.err || fail "the merge step failed: $(cat merge.err)"
same_datasets ref.h5 out.h5 || fail "the job array's result differs from the unsharded sweep in: $(differing_datasets ref.h5 out.h5)"
set +e
bash job.sh >/dev/null 2>noid.err
rc=$?
set -e
[[ $rc -ne 0 ]] && grep -qF "SLURM_ARRAY_TASK_ID" noid.err || fail "without SLURM_ARRAY_TASK_ID the script should stop and say why"

note "MPI variant"
expect_rc 0 "write the MPI script" sweep sweep.toml -o out2.h5 --slurm-script mpi.sh --array 2 --time 2-00:00:00 --cpus 4 --mpi-ranks 8
grep -qF "#SBATCH --ntasks=8" mpi.sh || fail "MPI script lacks --ntasks=8"
grep -qF "srun --mpi=pmix" mpi.sh || fail "MPI script lacks srun --mpi=pmix"
bash -n mpi.sh || fail "mpi.sh is not valid bash"
note "ok"
