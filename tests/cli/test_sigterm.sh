#!/usr/bin/env bash
# A run stopped by SIGTERM or Ctrl-C (SIGINT) removes its partial output and dies of the same
# signal: nothing is left under the output name or as a temporary file.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/s.toml" small
cd "$WORK"

for sig in TERM INT; do
  rm -f out.h5*
  "$RENKEI" run s.toml -n 1000000 -j 2 -q -o out.h5 >long.out 2>long.err </dev/null &
  pid=$!
  CLI_PIDS+=("$pid")
  for _ in $(seq 40); do
    compgen -G 'out.h5.tmp-*' >/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.3
  kill -0 "$pid" 2>/dev/null || fail "the long run ended before SIG$sig: $(head -c 2000 long.err)"
  kill -"$sig" "$pid"
  set +e
  wait "$pid" 2>/dev/null
  status=$?
  set -e
  want=$((128 + $(kill -l "$sig")))
  [[ $status -eq $want ]] || fail "after SIG$sig the run exited $status, expected $want"
  leftovers=$(compgen -G 'out.h5*' || true)
  [[ -z $leftovers ]] || fail "SIG$sig left files behind: $leftovers"
done
note "ok"
