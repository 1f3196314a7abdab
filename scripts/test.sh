#!/usr/bin/env bash
# Sets up (Debian packages), builds and runs the whole test suite:
#   1. CI build (optimised, assertions on, warnings are errors): every test, via CTest;
#   2. ASan+UBSan build (clang): the unit tests (those tagged [slow] excluded for time), then
#      the libFuzzer targets of every reader (scenario, HDF5 results, world, targets, sweep,
#      calibration, the sweep ledger's chunks and manifest), briefly, on the same libraries;
#   3. TSan build: the tests of the parallel parts (tagged [parallel]).
# FUZZ_SECONDS (default 20) sets the scenario and result readers' fuzzing time (the others
# get half each); SKIP_SANITIZERS=1 runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# Each stage's wall time is printed when the next starts, so a slow CI run shows where it went.
stage_start=$SECONDS
stage_name=""
step() {
  [ -n "$stage_name" ] && printf '=== %s: %d s ===\n' "$stage_name" $((SECONDS - stage_start)) >&2
  stage_name=$*
  stage_start=$SECONDS
  printf '\n=== %s ===\n' "$*" >&2
}

step "CI build and full test suite"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  step "ASan+UBSan unit tests"
  cmake --preset ci-asan >/dev/null
  # One build serves both: the layers carry the fuzzers' coverage instrumentation, which the
  # unit tests do not notice (ASan's runtime supplies the callbacks); fuzz_brief.sh then only
  # compiles and links the harnesses.
  cmake --build --preset ci-asan --target renkei_tests
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    build/ci-asan/tests/renkei_tests "~[slow]~[.]" --order decl

  step "Fuzzing the readers of scenario, result, world, targets, sweep, calibration and ledger files"
  FUZZ_PRESET=ci-asan bash tests/cli/fuzz_brief.sh "${FUZZ_SECONDS:-20}"

  step "TSan tests of the parallel parts"
  cmake --preset tsan >/dev/null
  cmake --build --preset tsan --target renkei_tests
  # history_size=7 lets TSan restore the stacks that tests/tsan.supp matches (see there).
  TSAN_OPTIONS="halt_on_error=1 history_size=7 suppressions=$PWD/tests/tsan.supp" \
    build/tsan/tests/renkei_tests "[parallel]"
fi
step "all tests passed"
printf '=== total: %d s ===\n' "$SECONDS" >&2
