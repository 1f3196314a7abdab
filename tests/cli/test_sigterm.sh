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
  start_long_run s.toml out.h5
  pid=$LONG_PID
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
