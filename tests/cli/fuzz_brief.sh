#!/usr/bin/env bash
# A short fuzzing run of the scenario loader for the test suite: builds the fuzz preset and
# fuzzes for N seconds (default 20). Fails when the fuzzer finds a crash, a sanitizer report,
# an unexpected exception or a resolved text that does not round-trip.
# Usage: bash tests/cli/fuzz_brief.sh [seconds] [source-dir]
set -uo pipefail

seconds=${1:-20}
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

bash "$src/scripts/fuzz.sh" "$seconds" >"$log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  tail -n 60 "$log"
  echo "fuzz_brief: FAILED (exit $rc); see build/fuzz/findings/ in $src" >&2
  exit 1
fi
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
if [ -z "$runs" ] || [ "$runs" -lt 1 ]; then
  tail -n 30 "$log"
  echo "fuzz_brief: FAILED: the fuzzer did not run" >&2
  exit 1
fi
echo "fuzz_brief: $runs inputs in ${seconds}s, no finding"
