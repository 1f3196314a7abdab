#!/usr/bin/env bash
# Builds a libFuzzer target (the `fuzz` preset, clang) and runs it.
# Usage: scripts/fuzz.sh [seconds] [scenario|world|targets|sweep|calibration|results|ledger|manifest]
#        (default 60, scenario). `results` hands HDF5 files to compare, survey, validate and
#        sensitivity (seeds: tests/fuzz/corpus_results, made by tests/fuzz/make_results_corpus.sh).
# New interesting inputs go to build/fuzz/corpus[_TARGET]; crashing inputs to
# build/fuzz/findings/. Replay one: build/fuzz/tests/fuzz/renkei_fuzz_TARGET FILE
# FUZZ_NO_BUILD=1 skips the build (fuzz_brief.sh builds every target once first).
# FUZZ_PRESET=NAME builds and runs in build/NAME instead (the test suite uses ci-asan, whose
# unit tests share the instrumented libraries); corpora and findings go there too.
# The memory limit is 1024 MB of RSS (FUZZ_RSS_MB to change it): more is a finding.
set -euo pipefail

seconds=${1:-60}
target=${2:-scenario}
preset=${FUZZ_PRESET:-fuzz}
build=build/$preset
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [seconds] [scenario|world|targets|sweep|calibration|results|ledger|manifest]  (seconds: a positive whole number, default 60)" >&2
  exit 2
fi
case $target in
  scenario) seeds=tests/fuzz/corpus; extra=(-dict=tests/fuzz/scenario.dict -max_len=8192); work=$build/corpus ;;
  world) seeds=tests/fuzz/corpus_world; extra=(-dict=tests/fuzz/world.dict -max_len=4096); work=$build/corpus_world ;;
  targets) seeds=tests/fuzz/corpus_targets; extra=(-dict=tests/fuzz/targets.dict -max_len=4096); work=$build/corpus_targets ;;
  sweep) seeds=tests/fuzz/corpus_sweep; extra=(-dict=tests/fuzz/sweep.dict -max_len=4096); work=$build/corpus_sweep ;;
  calibration) seeds=tests/fuzz/corpus_calibration; extra=(-dict=tests/fuzz/calibration.dict -max_len=8192); work=$build/corpus_calibration ;;
  # Seeds are real outputs up to 200 kB; no single allocation may pass 512 MB (the readers
  # bound theirs at 256 MiB).
  # libhdf5 crashes on some crafted metadata before renkei can check anything: the fuzzer
  # runs in fork mode, goes on after a crash, and tests/fuzz/triage_results.sh then fails
  # only for crashes in renkei's own code (out-of-memory and timeouts always count).
  results) seeds=tests/fuzz/corpus_results; work=$build/corpus_results
    extra=(-max_len=262144 -malloc_limit_mb=512 -detect_leaks=0 -fork=1 -ignore_crashes=1 -ignore_ooms=0
      -ignore_timeouts=0) ;;
  # Chunk bodies of a sweep's OUT.parts/ without their SHA-256 trailer (the harness adds it).
  ledger) seeds=tests/fuzz/corpus_ledger; extra=(-max_len=8192); work=$build/corpus_ledger ;;
  # Parts manifests; "@SRC@" in an input stands for the source directory. Inputs may pass
  # the 16 kB line bound.
  manifest) seeds=tests/fuzz/corpus_manifest; extra=(-dict=tests/fuzz/manifest.dict -max_len=20480); work=$build/corpus_manifest ;;
  *) echo "$0: unknown target '$target': use scenario, world, targets, sweep, calibration, results, ledger or manifest" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target "renkei_fuzz_$target"
fi

findings=$build/findings
mkdir -p "$work" "$findings"
# The first corpus directory receives new inputs; the committed seeds stay untouched.
rc=0
if [ "$target" = results ]; then
  # Fork mode: the flag alone does not reach the children's exit-time leak check.
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
"$build/tests/fuzz/renkei_fuzz_$target" "$work" "$seeds" \
  "${extra[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb="${FUZZ_RSS_MB:-1024}" \
  -artifact_prefix="$findings/$target-" -print_final_stats=1 || rc=$?
if [ "$target" = results ]; then
  # In fork mode libFuzzer exits 1 after any crash it went on from: the triage decides.
  rc=0
  bash tests/fuzz/triage_results.sh "$findings" || rc=1
fi
exit $rc
