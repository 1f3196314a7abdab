#!/usr/bin/env bash
# Builds a libFuzzer target (the `fuzz` preset, clang) and runs it.
# Usage: scripts/fuzz.sh [seconds] [scenario|world|targets]   (default 60, scenario)
# New interesting inputs go to build/fuzz/corpus[_TARGET]; crashing inputs to
# build/fuzz/findings/. Replay one: build/fuzz/tests/fuzz/renkei_fuzz_TARGET FILE
# FUZZ_NO_BUILD=1 skips the build (fuzz_brief.sh builds every target once first).
set -euo pipefail

seconds=${1:-60}
target=${2:-scenario}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [seconds] [scenario|world|targets]  (seconds: a positive whole number, default 60)" >&2
  exit 2
fi
case $target in
  scenario) seeds=tests/fuzz/corpus; extra=(-dict=tests/fuzz/scenario.dict -max_len=8192); work=build/fuzz/corpus ;;
  world) seeds=tests/fuzz/corpus_world; extra=(-dict=tests/fuzz/world.dict -max_len=4096); work=build/fuzz/corpus_world ;;
  targets) seeds=tests/fuzz/corpus_targets; extra=(-dict=tests/fuzz/targets.dict -max_len=4096); work=build/fuzz/corpus_targets ;;
  *) echo "$0: unknown target '$target': use scenario, world or targets" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz --target "renkei_fuzz_$target"
fi

findings=build/fuzz/findings
mkdir -p "$work" "$findings"
# The first corpus directory receives new inputs; the committed seeds stay untouched.
exec "build/fuzz/tests/fuzz/renkei_fuzz_$target" "$work" "$seeds" \
  "${extra[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$findings/$target-" -print_final_stats=1
