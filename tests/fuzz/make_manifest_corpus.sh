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
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../cli/lib.sh
source "$SRC/tests/cli/lib.sh"  # make_scenario and write_push_scenario, as the tests use them
renkei=$(realpath "${1:-$SRC/build/ci/renkei}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
make_scenario "$WORK/base.toml" base
write_push_scenario push.toml
cp "$SRC/tests/data/sweeps/runner_grid.toml" "$SRC/tests/data/sweeps/runner_resume.toml" .

# manifest_of SWEEP NAME: starts the sweep's first shard, stops it once the manifest exists.
manifest_of() {
  local sweep=$1 name=$2 parts=$WORK/$2.h5.parts
  "$renkei" sweep "$sweep" -o "$WORK/$name.h5" --shard 0/2 -j 1 -q >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    [[ -s $parts/manifest.txt ]] && break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -s $parts/manifest.txt ]] || { echo "$0: $sweep wrote no manifest" >&2; exit 1; }
  sed -e "s|$WORK|/tmp/work|g" -e "s|$SRC|@SRC@|g" "$parts/manifest.txt" >"$out/$name.txt"
}

out=$SRC/tests/fuzz/corpus_manifest
mkdir -p "$out"
manifest_of "$SRC/tests/data/sweeps/good_grid.toml" good_grid
manifest_of runner_grid.toml runner_grid
manifest_of runner_resume.toml runner_resume
wc -c "$out"/*.txt
