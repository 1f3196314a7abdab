#!/usr/bin/env bash
# Makes the seed corpus of the parts manifest's fuzzer (tests/fuzz/corpus_manifest): the
# manifests real sweeps write into OUT.parts/ before their first run, for
# tests/data/sweeps/good_grid.toml (the sweep the harness compares with), runner_grid.toml
# (two scenarios) and runner_resume.toml (a Latin hypercube) on a 5 % world as the command
# tests run them. Each sweep is stopped once its manifest exists: no run is needed. The
# source directory in the paths becomes "@SRC@" (the harness expands it), the scratch
# directory "/tmp/work".
# Usage: tests/fuzz/make_manifest_corpus.sh [RENKEI]   (default build/ci/renkei)
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../cli/lib.sh
source "$src/tests/cli/lib.sh"  # write_push_scenario
renkei=$(realpath "${1:-$src/build/ci/renkei}")
out=$src/tests/fuzz/corpus_manifest
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

sed -E 's/^scale[[:space:]]*=[[:space:]]*[0-9.eE+-]+/scale = 0.05/' "$src/scenarios/worlds/tohoku.toml" >small_world.toml
cat >base.toml <<TOML
[scenario]
name = "base"
description = "Seed scenario: 5 % world, one year"
extends = "$src/scenarios/baseline.toml"

[run]
world = "$work/small_world.toml"
burn_in_weeks = 52
end = 2006-03-31
TOML
write_push_scenario push.toml
cp "$src/tests/data/sweeps/runner_grid.toml" "$src/tests/data/sweeps/runner_resume.toml" .

# manifest_of SWEEP NAME: starts the sweep's first shard, stops it once the manifest exists.
manifest_of() {
  local sweep=$1 name=$2 parts=$work/$2.h5.parts
  "$renkei" sweep "$sweep" -o "$work/$name.h5" --shard 0/2 -j 1 -q >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    [[ -s $parts/manifest.txt ]] && break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -s $parts/manifest.txt ]] || { echo "$0: $sweep wrote no manifest" >&2; exit 1; }
  sed -e "s|$work|/tmp/work|g" -e "s|$src|@SRC@|g" "$parts/manifest.txt" >"$out/$name.txt"
}

mkdir -p "$out"
manifest_of "$src/tests/data/sweeps/good_grid.toml" good_grid
manifest_of runner_grid.toml runner_grid
manifest_of runner_resume.toml runner_resume
wc -c "$out"/*.txt
