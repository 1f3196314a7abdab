# Progress of `renkei sweep` when stderr is not a terminal (a batch log): full lines at most
# once per --progress-every interval (none for a run shorter than the default minute), nothing
# with --quiet, and under MPI only rank 0 reports, counting every rank's runs.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

run_push_study 1 >/dev/null
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml

# The default interval (60 s) is longer than this sweep: stderr stays empty.
expect_rc 0 "sweep, default interval" sweep sweep.toml -o a.h5 -j 1
expect_empty "$WORK/err" "a sweep shorter than the interval"

# Interval 0: a line per commit, each a whole line (no carriage returns), counts rising to 24.
expect_rc 0 "sweep, a line per commit" sweep sweep.toml -o b.h5 -j 1 --progress-every 0
grep -qE '^renkei: runs [0-9]+/24 \([0-9.]+ %\) after [0-9]+ s, [0-9.]+ runs/s' "$WORK/err" ||
  fail "no progress lines: $(head -5 "$WORK/err")"
grep -q $'\r' "$WORK/err" && fail "progress lines in a log must not use carriage returns"
grep -qE '^renkei: runs 24/24 \(100.0 %\)' "$WORK/err" || fail "no final progress line: $(tail -3 "$WORK/err")"
grep -oE 'runs [0-9]+/' "$WORK/err" | tr -dc '0-9\n' | sort -nc || fail "progress counts do not rise: $(cat "$WORK/err")"

expect_rc 0 "sweep --quiet" sweep sweep.toml -o c.h5 -j 1 --progress-every 0 -q
expect_empty "$WORK/err" "--quiet silences the progress lines"
expect_rc 2 "negative interval" sweep sweep.toml -o d.h5 --progress-every -1
expect_in "$WORK/err" "--progress-every must be between 0 and 86400" "negative interval"

if command -v mpirun >/dev/null && ! "$RENKEI" sweep --help | grep -q "^MPI support: not built"; then
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
  set +e
  mpirun --oversubscribe --allow-run-as-root --mca btl self,vader -np 2 \
    "$RENKEI" sweep sweep.toml -o m.h5 -j 1 --progress-every 0 >mpi.out 2>mpi.err </dev/null
  rc=$?
  set -e
  [[ $rc -eq 0 ]] || fail "mpirun -np 2 exited $rc: $(head -c 3000 mpi.err)"
  # Rank 0 counts the shared parts directory, so the counts rise across both ranks' runs and
  # no rank reports its own share (which would restart from a small count).
  grep -qE '^renkei: runs [0-9]+/24' mpi.err || fail "no progress lines under MPI: $(head -5 mpi.err)"
  grep -oE '^renkei: runs [0-9]+/' mpi.err | tr -dc '0-9\n' | sort -nc ||
    fail "progress counts under MPI do not rise (more than one rank reporting?): $(grep '^renkei: runs' mpi.err)"
else
  note "no MPI: the MPI half of this test was not run"
fi
note "ok"
