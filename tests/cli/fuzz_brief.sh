#!/usr/bin/env bash
# A short fuzzing run of the input readers for the test suite: builds the fuzz targets (in
# build/$FUZZ_PRESET, default fuzz; the test suite passes ci-asan, whose libraries its ASan unit
# tests already built) and fuzzes the scenario loader and the HDF5 result readers for N seconds each (default 20),
# then the world, survey targets, sweep and calibration file readers and the sweep ledger's
# chunk decoder and manifest reader for N/2 seconds each. Fails when a fuzzer finds a crash,
# a sanitizer report, an unexpected exception or a broken property (see tests/fuzz/fuzz_*.cpp).
# Usage: bash tests/cli/fuzz_brief.sh [seconds] [source-dir]
set -uo pipefail

seconds=${1:-20}
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

preset=${FUZZ_PRESET:-fuzz}
export FUZZ_PRESET=$preset
(cd "$src" && cmake --preset "$preset" >/dev/null &&
  cmake --build --preset "$preset" --target renkei_fuzz_scenario renkei_fuzz_world renkei_fuzz_targets \
    renkei_fuzz_sweep renkei_fuzz_calibration renkei_fuzz_results renkei_fuzz_ledger \
    renkei_fuzz_manifest) >"$log" 2>&1 || {
  tail -n 60 "$log"
  echo "fuzz_brief: FAILED to build the fuzz targets" >&2
  exit 1
}
half=$(( seconds / 2 > 0 ? seconds / 2 : 1 ))
for target in scenario results world targets sweep calibration ledger manifest; do
  t=$seconds
  [ "$target" = scenario ] || [ "$target" = results ] || t=$half
  FUZZ_NO_BUILD=1 bash "$src/scripts/fuzz.sh" "$t" "$target" >"$log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    tail -n 60 "$log"
    echo "fuzz_brief: $target FAILED (exit $rc); see build/$preset/findings/ in $src" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  # Fork mode (results) prints no final stats: its last progress line counts the inputs.
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+: cov' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
  if [ -z "$runs" ] || [ "$runs" -lt 1 ]; then
    tail -n 30 "$log"
    echo "fuzz_brief: $target FAILED: the fuzzer did not run" >&2
    exit 1
  fi
  echo "fuzz_brief: $target: $runs inputs in ${t}s, no finding"
done
