#!/usr/bin/env bash
# Policies say what they change: every shipped scenario passes `renkei check` (bounds and
# declared direction on the calibrated baseline and on every posterior draw); a copy of any
# shipped policy with its intents reversed is refused with exit 2, naming the lever and its
# values before and after; a draw on which a policy leaves its bounds is refused by `check`
# and `run` alike; `check --diff` shows each lever before and after, its dates and the costs.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

draws="$SRC/scenarios/calibrated/tohoku2005_draws.csv"
expect_rc 0 "check of every shipped scenario" check -q "$SRC"/scenarios/*.toml
expect_rc 0 "check of every shipped scenario on every draw" check -q --parameter-draws "$draws" "$SRC"/scenarios/*.toml

# A copy of the scenarios folder, so that the copies' `extends` and world paths resolve.
cp -r "$SRC/scenarios" "$WORK/scenarios"
inverted=0
for f in "$WORK"/scenarios/*.toml; do
  grep -q '^\[policy.intent\]' "$f" || continue
  sed -i 's/= "raise"$/= "RAISE"/; s/= "lower"$/= "raise"/; s/= "RAISE"$/= "lower"/' "$f"
  name=$(basename "$f")
  expect_rc 2 "$name with its intents reversed" check "$f"
  expect_in "$WORK/err" "declares it will" "$name reversed: the intent"
  expect_in "$WORK/err" "$f:" "$name reversed: file and line"
  # Every lever of the file is named, with its value before and after.
  for lever in $(sed -n '/^\[policy.intent\]/,/^\[/{s/^\([a-z_]*\.[a-z_]*\) = .*/\1/p}' "$f"); do
    expect_in "$WORK/err" "$lever" "$name reversed: lever $lever named"
  done
  grep -q "moves it from [-0-9.e]* to [-0-9.e]*" "$WORK/err" || fail "$name reversed: no before/after values$(show_output)"
  cp "$SRC/scenarios/$name" "$f"
  inverted=$((inverted + 1))
done
[[ $inverted -ge 12 ]] || fail "only $inverted shipped scenarios declare intents"

# The defect this check exists for: an absolute value below the calibrated one, declared a raise.
cat >"$WORK/scenarios/stricter.toml" <<'TOML'
[scenario]
name = "stricter"
extends = "baseline.toml"
[[policy]]
name = "exchange"
start = 2006-04-01
[policy.set]
program.acceptance_intercept = 0.4
[policy.intent]
program.acceptance_intercept = "raise"
TOML
expect_rc 2 "an absolute value below the calibrated one, declared a raise" check "$WORK/scenarios/stricter.toml"
expect_in "$WORK/err" "program.acceptance_intercept" "stricter: the lever"
expect_in "$WORK/err" "to 0.4" "stricter: the new value"

# A change that holds on the calibrated point but leaves its bounds on some posterior draw.
cat >"$WORK/scenarios/clearer.toml" <<'TOML'
[scenario]
name = "clearer"
extends = "baseline.toml"
[[policy]]
name = "clearer"
start = 2006-04-01
[policy.add]
information.clarity_manufacturing = 0.1
TOML
expect_rc 0 "a change within bounds on the calibrated point" check -q --point "$WORK/scenarios/clearer.toml"
expect_rc 2 "the same change past 1 on a draw (check)" check --parameter-draws "$draws" "$WORK/scenarios/clearer.toml"
expect_in "$WORK/err" "posterior draw" "draws: the draw named"
expect_in "$WORK/err" "outside its bounds [0, 1]" "draws: the bounds"
expect_in "$WORK/err" "tohoku2005_draws.csv:" "draws: the file and line of the draw"
mkdir "$WORK/outdir"
expect_rc 2 "the same change past 1 on a draw (run)" run "$WORK/scenarios/baseline.toml" "$WORK/scenarios/clearer.toml" \
  -n 2 -j 1 --parameter-draws "$draws" -o "$WORK/outdir/r.h5"
expect_in "$WORK/err" "outside its bounds" "run with draws: the bounds"
[[ -z "$(ls -A "$WORK/outdir")" ]] || fail "run with draws: files were written: $(ls -A "$WORK/outdir")"

# What a scenario changes.
expect_rc 0 "check --diff" check --diff "$SRC/scenarios/baseline.toml" "$SRC/scenarios/consulting_windows.toml" \
  "$SRC/scenarios/interregional_exchange.toml"
expect_in "$WORK/out" "scenario 'consulting_windows' against baseline 'baseline'" "diff: header"
expect_in "$WORK/out" "information.clarity_manufacturing" "diff: a lever"
expect_in "$WORK/out" "close 43 % of gap to 1" "diff: the change"
expect_in "$WORK/out" "2006-04-01" "diff: the start"
expect_in "$WORK/out" "¥15 M a year" "diff: the running cost"
expect_in "$WORK/out" "assumption:" "diff: the cost's source"
expect_in "$WORK/out" "scenario 'interregional_exchange'" "diff: the second scenario"
# interregional_exchange: +0.4 on the calibrated value, whatever it is.
before=$(awk '/program.acceptance_intercept/ && /[+]0.4/ {print $7}' "$WORK/out")
after=$(awk '/program.acceptance_intercept/ && /[+]0.4/ {print $8}' "$WORK/out")
[[ -n $before && -n $after ]] || fail "diff: no acceptance row$(show_output)"
awk -v a="$before" -v b="$after" 'BEGIN { d = b - a; exit !(d > 0.3999 && d < 0.4001) }' ||
  fail "diff: acceptance moves from $before to $after, not by +0.4"
expect_rc 0 "check --diff with draws" check --diff --parameter-draws "$draws" "$SRC/scenarios/baseline.toml" \
  "$SRC/scenarios/consulting_windows.toml"
expect_in "$WORK/out" "100 of 100" "diff with draws: moves as declared on every draw"
expect_rc 2 "check --diff with one file" check --diff "$SRC/scenarios/baseline.toml"
expect_in "$WORK/err" "--diff needs a baseline" "diff with one file"
note "ok ($inverted shipped scenarios reversed and refused)"
