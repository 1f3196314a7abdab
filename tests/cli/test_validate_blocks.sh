#!/usr/bin/env bash
# `renkei validate` by block on the nine-block world: a small japan9 run (2 % of the firms,
# one year of burn-in, four replicates) writes certifications_by_block with all nine block
# ids; the shipped validation file's block table (2005-12-15) is compared block by block and
# nationally; the February-2007 figures are "not compared" (the run ends in March 2006); a
# validation file naming a block the world lacks exits 2 naming the file, line and key.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

sed -E 's/^scale[[:space:]]*=[[:space:]]*[0-9.eE+-]+/scale = 0.02/' "$SRC/scenarios/worlds/japan9.toml" >"$WORK/japan9.toml"
grep -qx 'scale = 0.02' "$WORK/japan9.toml" || fail "could not set [world] scale in a copy of japan9.toml"
cat >"$WORK/japan.toml" <<SCENARIO
[scenario]
name = "baseline"
extends = "$SRC/scenarios/baseline.toml"
[run]
world = "$WORK/japan9.toml"
burn_in_weeks = 52
end = 2006-03-31
SCENARIO
expect_rc 0 "a small nine-block run" run "$WORK/japan.toml" -n 4 -j 2 -q --point -o "$WORK/j.h5"

# The per-block output: (scenario, replicate, block), the nine ids, dated, summing to the total.
/usr/bin/python3 - "$WORK/j.h5" <<'PY' || fail "certifications_by_block is not as documented"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
text = lambda v: v.decode() if isinstance(v, bytes) else v
blocks = [text(b) for b in f["block"][:]]
assert blocks == ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu", "okinawa"], blocks
for name, date, total in (("certifications_by_block", "2005-12-15", "final_certifications_first_dec"),
                          ("certifications_by_block_end", "2006-03-31", "final_certifications_end")):
    d = f[name]
    assert d.shape == (1, 4, 9), d.shape
    assert text(d.attrs["date"]) == date, (name, d.attrs["date"])
    assert np.array_equal(d[0].sum(axis=1), f[total][0]), (name, d[0], f[total][0])
PY

expect_rc 0 "validate by block" validate "$WORK/j.h5" "$SRC/scenarios/validation/shin_renkei_published.toml"
expect_in "$WORK/out" "certifications by block" "block table heading"
for b in hokkaido kanto chubu kinki chugoku shikoku kyushu okinawa national; do
  grep -qE "^- $b \(2005-12-15, official\): published [0-9.]+; run [0-9.]+ \(SD [0-9.]+, 5-95 % \[[0-9.]+, [0-9.]+\], 4 replicates\): (inside|OUTSIDE)" "$WORK/out" ||
    fail "no compared row for block $b$(show_output)"
done
grep -qE "^- kanto \(2007-02-28, secondary\): published 73.0; not compared: no per-block output at 2007-02-28 \(this run has 2005-12-15 and 2006-03-31\)" "$WORK/out" ||
  fail "the February-2007 figure should not be compared on a run ending in March 2006$(show_output)"
expect_in "$WORK/out" "per block: " "per-block summary"

# A block the world does not have: exit 2, file:line, the key and the block ids.
cat >"$WORK/bad.toml" <<'TOML'
[validation]
name = "bad_block"

[[item]]
label = "national"
series = "certifications"
date = 2005-12-15
value = 118
scenario = "baseline"
world_file = "japan9.toml"
scope = "national"
confidence = "official"
source = "study"

[[block_figure]]
block = "atlantis"
date = 2005-12-15
value = 4
scenario = "baseline"
world_file = "japan9.toml"
confidence = "official"
source = "none"
TOML
expect_rc 2 "a block the world lacks" validate "$WORK/j.h5" "$WORK/bad.toml"
expect_in "$WORK/err" "bad.toml:15" "unknown block: file and line"
expect_in "$WORK/err" "block_figure.block" "unknown block: the key"
expect_in "$WORK/err" "no block 'atlantis' in japan9.toml" "unknown block: the message"
expect_in "$WORK/err" "hokkaido, tohoku, kanto" "unknown block: the fix lists the ids"
note "ok"
