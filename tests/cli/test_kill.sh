#!/usr/bin/env bash
# A run killed part way (kill -9: no handler runs) leaves no file under the output name:
# results are written to "<output>.tmp-<pid>" and renamed only when complete. The stale
# temporary may remain (documented); a later run with the same output name must succeed.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/s.toml" small
cd "$WORK"

start_long_run s.toml out.h5
pid=$LONG_PID
kill -9 "$pid"
set +e
wait "$pid" 2>/dev/null  # no "Killed" job notice on stderr
status=$?
set -e
[[ $status -eq 137 ]] || fail "the killed run exited $status, expected 137 (SIGKILL)"

[[ ! -e out.h5 ]] || fail "a killed run left a file under the output name out.h5"
for f in out.h5*; do
  [[ -e $f ]] || continue
  [[ $f == "out.h5.tmp-$pid" ]] || fail "unexpected file '$f' after the kill (expected at most out.h5.tmp-$pid)"
  note "stale temporary $f left behind, as documented"
done

expect_rc 0 "a run after the kill" run s.toml -n 2 -j 2 -q -o out.h5
[[ -f out.h5 ]] || fail "the run after the kill did not create out.h5"
[[ -n "$(datasets out.h5)" ]] || fail "out.h5 written after the kill holds no datasets"

note "ok"
