#!/usr/bin/env bash
# A run killed part way (kill -9: no handler runs) leaves no file under the output name:
# results are written to "<output>.tmp-<pid>" and renamed only when complete. The stale
# temporary may remain (documented); a later run with the same output name must succeed.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/s.toml" small
cd "$WORK"

# Far more replicates than can finish in the few seconds this test waits.
"$RENKEI" run s.toml -n 1000000 -j 2 -q -o out.h5 >long.out 2>long.err </dev/null &
pid=$!
CLI_PIDS+=("$pid")

# Wait (at most 2 s) for the temporary to appear; it is created before the first run starts.
for _ in $(seq 40); do
  compgen -G 'out.h5.tmp-*' >/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
sleep 0.3  # let some runs reach the temporary file
kill -0 "$pid" 2>/dev/null ||
  fail "the long run ended before it was killed (exit status unknown): $(head -c 2000 long.err)"
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
