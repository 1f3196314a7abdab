# renkei sweep: a sweep killed with -9 or stopped with SIGTERM midway keeps its committed
# chunks; the rerun refuses without --resume or --force, and with --resume runs only the
# missing runs and writes a result identical in its data to the uninterrupted sweep.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" base
sed -i 's/^end = .*/end = 2007-03-31/' "$WORK/base.toml"  # two years: about 0.2 s per run in debug builds, 10 ms optimised
cp "$SRC/tests/data/sweeps/runner_resume.toml" "$WORK/sweep.toml"
cd "$WORK"
TOTAL=36

# Runs held by the chunk files of OUT's parts directory (their names carry first and count).
runs_in_parts() {
  find "$1.parts" -maxdepth 1 -name 'chunk-*.bin' -printf '%f\n' 2>/dev/null |
    sed -n 's/^chunk-[0-9]*-\([0-9]*\)\.bin$/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}

# start_sweep OUT THREADS — the sweep in the background (pid in SWEEP_PID).
start_sweep() {
  "$RENKEI" sweep sweep.toml -o "$1" -j "$2" -q >"$1.out" 2>"$1.err" </dev/null &
  SWEEP_PID=$!
  CLI_PIDS+=("$SWEEP_PID")
}

# wait_for_runs OUT N — until the parts hold at least N runs (at most 120 s: a loaded CI machine
# running other tests beside it); fails if the
# sweep ended first (it must be stopped midway).
wait_for_runs() {
  local _
  for _ in $(seq 12000); do
    (($(runs_in_parts "$1") >= $2)) && break
    kill -0 "$SWEEP_PID" 2>/dev/null || break
    sleep 0.01
  done
  kill -0 "$SWEEP_PID" 2>/dev/null || fail "the sweep into $1 ended before it could be stopped: $(head -c 2000 "$1.err")"
  (($(runs_in_parts "$1") >= $2)) || fail "no runs committed to $1.parts within 120 s"
}

expect_rc 0 "uninterrupted sweep" sweep sweep.toml -o ref.h5 -j 2 -q
[[ -f ref.h5 && ! -e ref.h5.parts ]] || fail "the uninterrupted sweep should leave ref.h5 and no parts directory"

note "kill -9 midway"
start_sweep k9.h5 1
wait_for_runs k9.h5 4
kill -9 "$SWEEP_PID"
wait "$SWEEP_PID" 2>/dev/null || true
[[ ! -e k9.h5 ]] || fail "a killed sweep must not leave a result file"
before=$(runs_in_parts k9.h5)
((before > 0 && before < TOTAL)) || fail "after kill -9 the parts hold $before of $TOTAL runs"
mkdir saved && cp k9.h5.parts/chunk-*.bin saved/

expect_rc 2 "rerun without --resume" sweep sweep.toml -o k9.h5 -j 2 -q
expect_in "$WORK/err" "--resume" "the refusal names --resume"
expect_in "$WORK/err" "--force" "the refusal names --force"
expect_in "$WORK/err" "k9.h5.parts" "the refusal names the parts directory"

expect_rc 0 "resume after kill -9" sweep sweep.toml -o k9.h5 -j 2 -q --resume --keep-parts
same_datasets ref.h5 k9.h5 || fail "resumed sweep differs from the uninterrupted one in: $(differing_datasets ref.h5 k9.h5)"
for f in saved/*.bin; do
  cmp -s "$f" "k9.h5.parts/$(basename "$f")" || fail "the resume changed or removed the committed chunk $(basename "$f")"
done
[[ $(runs_in_parts k9.h5) -eq $TOTAL ]] || fail "the resume ran committed runs again: the parts hold $(runs_in_parts k9.h5) runs for $TOTAL"

note "SIGTERM midway"
start_sweep term.h5 2
wait_for_runs term.h5 4
kill -TERM "$SWEEP_PID"
set +e
wait "$SWEEP_PID"
rc=$?
set -e
[[ $rc -eq 143 ]] || fail "after SIGTERM the sweep exited $rc, expected 143 (128 + SIGTERM): $(cat term.h5.err)"
done_runs=$(runs_in_parts term.h5)
grep -qF "interrupted: $done_runs of $TOTAL runs done; rerun with --resume" term.h5.err ||
  fail "SIGTERM message: expected 'interrupted: $done_runs of $TOTAL runs done; rerun with --resume', got: $(cat term.h5.err)"
[[ ! -e term.h5 ]] || fail "an interrupted sweep must not leave a result file"
[[ -z $(find term.h5.parts -name '.tmp-*') ]] || fail "SIGTERM left temporary files in term.h5.parts"
expect_rc 0 "resume after SIGTERM" sweep sweep.toml -o term.h5 -j 2 -q --resume
same_datasets ref.h5 term.h5 || fail "resumed sweep differs from the uninterrupted one in: $(differing_datasets ref.h5 term.h5)"
[[ ! -e term.h5.parts ]] || fail "the parts directory should be removed once the result is written"

note "--force discards parts of an earlier attempt"
start_sweep forced.h5 1
wait_for_runs forced.h5 2
kill -9 "$SWEEP_PID"
wait "$SWEEP_PID" 2>/dev/null || true
expect_rc 0 "rerun with --force" sweep sweep.toml -o forced.h5 -j 2 -q --force
same_datasets ref.h5 forced.h5 || fail "forced rerun differs: $(differing_datasets ref.h5 forced.h5)"
note "ok"
