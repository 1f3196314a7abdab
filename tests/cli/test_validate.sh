#!/usr/bin/env bash
# `renkei validate`: a run against held-out published figures. A figure inside the run's
# 5-95 % band is "inside", one far above it "OUTSIDE (above the band)"; figures about another
# world or a scenario the run lacks are listed as not compared; the shipped validation file
# loads; bad validation files and wrong-kind files exit 2 naming the file, line and key.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/baseline.toml" baseline
expect_rc 0 "a small run" run "$WORK/baseline.toml" -n 4 -j 2 -q --point -o "$WORK/run.h5"

cat >"$WORK/val.toml" <<'TOML'
[validation]
name = "test_figures"

[[item]]
label = "nothing certified before the program"
series = "certifications"
date = 2005-04-08
value = 0
scenario = "baseline"
world_file = "small_world.toml"
scope = "test"
confidence = "official"
source = "the program started in April 2005"

[[item]]
label = "an absurd count"
series = "certifications"
date = 2006-03-31
value = 1000000
scenario = "baseline"
world_file = "small_world.toml"
scope = "test"
confidence = "derived"
source = "made up to fail"

[[item]]
label = "another world"
series = "certifications"
date = 2006-03-31
value = 118
scenario = "baseline"
world_file = "japan9.toml"
scope = "test"
confidence = "official"
source = "study"

[[item]]
label = "another scenario"
series = "certifications"
date = 2006-03-31
value = 1
scenario = "push_delivery"
world_file = "small_world.toml"
scope = "test"
confidence = "official"
source = "none"
TOML
expect_rc 0 "validate" validate "$WORK/run.h5" "$WORK/val.toml"
expect_in "$WORK/out" "nothing certified before the program (test, 2005-04-08, official): published 0.0; run 0.0" "inside item"
grep -q "published 0.0; run 0.0 .*: inside$" "$WORK/out" || fail "the zero figure is not inside$(show_output)"
expect_in "$WORK/out" "published 1000000.0" "outside item"
expect_in "$WORK/out" "OUTSIDE (above the band)" "outside verdict"
expect_in "$WORK/out" "not compared: about world japan9.toml; this run's is small_world.toml" "other world"
expect_in "$WORK/out" "not compared: no scenario 'push_delivery' in this run" "other scenario"
expect_in "$WORK/out" "1 of 2 compared figures inside; 2 not about this run" "summary"

# The shipped file loads and speaks only about the Tohoku and nine-block worlds.
expect_rc 0 "the shipped validation file" validate "$WORK/run.h5" "$SRC/scenarios/validation/shin_renkei_published.toml"
expect_in "$WORK/out" "0 of 0 compared figures inside" "shipped file on a small world"

# Bad input: exit 2, file:line and the key.
sed 's/^series = "certifications"$/seris = "certifications"/' "$WORK/val.toml" >"$WORK/bad.toml"
expect_rc 2 "a misspelt key" validate "$WORK/run.h5" "$WORK/bad.toml"
expect_in "$WORK/err" "bad.toml:" "misspelt key: the file"
expect_in "$WORK/err" "item.seris" "misspelt key: the key"
sed 's/^confidence = "derived"$/confidence = "rumour"/' "$WORK/val.toml" >"$WORK/bad2.toml"
expect_rc 2 "an unknown confidence" validate "$WORK/run.h5" "$WORK/bad2.toml"
expect_in "$WORK/err" "unknown confidence 'rumour'" "unknown confidence"
expect_rc 2 "a scenario file given as the result" validate "$WORK/baseline.toml" "$WORK/val.toml"
expect_rc 2 "one file only" validate "$WORK/run.h5"
expect_in "$WORK/err" "give a result file and a validation file" "one file only"
note "ok"
