#!/usr/bin/env bash
# `renkei survey`: the simulated questionnaire of a small run against the study's targets:
# a row per item with the study's interval and the simulated band, the items the model does
# not simulate listed, a verdict line; a run whose calendar misses the fieldwork says so; bad
# input (unknown scenario, a file that is not renkei output, a missing targets file) exits 2.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" baseline
expect_rc 0 "run" run "$WORK/base.toml" -n 3 -j 2 -o "$WORK/study.h5" -q
# The default targets sit beside the scenario's file: this one is in $WORK, so name them.
expect_rc 2 "default targets missing" survey "$WORK/study.h5"
expect_in "$WORK/err" "pass --targets" "missing targets"
expect_rc 0 "survey" survey "$WORK/study.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml"
for label in "Q1 collaborating now" "Q2 technical cooperation" "Q3 mutual trust (informal)" \
             "partner: same industry, same prefecture" "Q10 knew it, expect something" \
             "mean employees" "Tohoku certifications by 2005-12-15"; do
  expect_in "$WORK/out" "$label" "survey row"
done
expect_in "$WORK/out" "not simulated (no mechanism in the model): Q2 other" "not-modelled list"
expect_in "$WORK/out" "verdict: " "verdict"
# 31 items before Q7, Q11 and Q13 were simulated, plus the 11 Q7 motives and Q7's no answer,
# Q11's four measures, Q13's two reasons and the funnel ratio.
grep -qE "^verdict: [0-9]+ of 50 items inside" "$WORK/out" || fail "verdict counts 50 items$(show_output)"
expect_in "$WORK/out" "Q7 wider sales channels and markets" "Q7 row"
# The simulated respondents of 3 replicates: each about 31 % of 1,000 mailed.
row=$(grep -E '^respondents ' "$WORK/out") || fail "no respondents row$(show_output)"
sim=$(awk '{ print $(NF-5) }' <<<"$row")
awk -v s="$sim" 'BEGIN { exit !(s > 25 && s < 37) }' || fail "respondents share $sim % is not near 31 %: $row"

expect_rc 2 "unknown scenario" survey "$WORK/study.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml" --of baselin
expect_in "$WORK/err" "did you mean 'baseline'" "unknown scenario"
echo "not hdf5" >"$WORK/plain.txt"
expect_rc 2 "not renkei output" survey "$WORK/plain.txt"
expect_in "$WORK/err" "plain.txt" "not renkei output"

# A run that starts after the fieldwork has no survey.
make_scenario "$WORK/late.toml" late '
start = 2005-06-01'
expect_rc 0 "late run" run "$WORK/late.toml" -n 2 -j 2 -o "$WORK/late.h5" -q
expect_rc 0 "survey of a late run" survey "$WORK/late.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml"
expect_in "$WORK/out" "no simulated survey in this file" "late run"
