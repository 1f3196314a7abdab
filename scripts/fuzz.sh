#!/usr/bin/env bash
# Builds the libFuzzer target of the scenario loader (the `fuzz` preset, clang) and runs it.
# Usage: scripts/fuzz.sh [seconds]        (default 60)
# New interesting inputs go to build/fuzz/corpus; crashing inputs to build/fuzz/findings/.
# Replay one: build/fuzz/tests/fuzz/renkei_fuzz_scenario build/fuzz/findings/crash-...
set -euo pipefail

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [seconds]  (a positive whole number, default 60)" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target renkei_fuzz_scenario

work=build/fuzz/corpus
findings=build/fuzz/findings
mkdir -p "$work" "$findings"
# The first corpus directory receives new inputs; the committed seeds stay untouched.
exec build/fuzz/tests/fuzz/renkei_fuzz_scenario "$work" tests/fuzz/corpus \
  -dict=tests/fuzz/scenario.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=8192 -artifact_prefix="$findings/" -print_final_stats=1
