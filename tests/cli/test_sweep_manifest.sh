#!/usr/bin/env bash
# A damaged parts manifest (OUT.parts/manifest.txt, which pins the inputs of the runs) is
# refused by `sweep --resume` and `--merge` with exit 2, naming the manifest file, the line
# and the damage: a truncated line, an input listed twice, a digest that is not hexadecimal,
# a line of a megabyte (measured, not echoed). Before, each passed for "a different sweep",
# a non-hex digest for a changed input file, and a long line was copied into the message.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

write_push_pair  # base.toml and push.toml in $WORK (and cd there)
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml
expect_rc 0 "one run of 24 (shard 0/24)" sweep sweep.toml -o out.h5 --shard 0/24 -q
manifest=out.h5.parts/manifest.txt
[[ -f $manifest ]] || fail "the shard left no manifest"
cp "$manifest" manifest.orig
grep -q '^input = [0-9a-f]\{64\} /' manifest.orig || fail "the manifest lists no input file"

damaged() {  # damaged TEXT DESCRIPTION: --resume and --merge refuse, naming the file and TEXT
  local text=$1 what=$2
  expect_rc 2 "resume with $what" sweep sweep.toml -o out.h5 --resume -q
  expect_in "$WORK/err" "the parts manifest '$manifest' is damaged" "$what: the file is named"
  expect_in "$WORK/err" "$text" "$what: the damage is named"
  expect_in "$WORK/err" "--force" "$what: the way out"
  (($(wc -c <"$WORK/err") < 2000)) || fail "$what: a message of $(wc -c <"$WORK/err") bytes"
  expect_rc 2 "merge with $what" sweep sweep.toml -o out.h5 --merge
  expect_in "$WORK/err" "the parts manifest '$manifest' is damaged" "$what (merge)"
  [[ ! -e out.h5 ]] || fail "$what: a result was written"
  cp manifest.orig "$manifest"
}

lines=$(wc -l <manifest.orig)
head -c -7 manifest.orig >"$manifest"
damaged "line $lines: truncated, no end of line" "a truncated last line"

first=$(grep -n '^input = ' manifest.orig | head -n 1 | cut -d: -f1)
grep '^input = ' manifest.orig | head -n 1 >>"$manifest"
damaged "line $((lines + 1)): input '" "an input listed twice"
expect_in "$WORK/err" "is listed twice (also on line $first)" "the first listing is named"

sed -E '0,/^input = [0-9a-f]/s/^input = [0-9a-f]/input = z/' manifest.orig >"$manifest"
damaged "line $first: the sha256 of input '" "a digest that is not hexadecimal"
expect_in "$WORK/err" "not 64 hexadecimal digits" "a non-hex digest is called so"

{ cat manifest.orig; printf 'note = %01000000d\n' 0; } >"$manifest"
damaged "line $((lines + 1)): 1000007 bytes long" "a line of a megabyte"

note "the manifest restored: the shard resumes (nothing left to run)"
expect_rc 0 "resume with the manifest as written" sweep sweep.toml -o out.h5 --shard 0/24 --resume -q
note "ok"
