#!/usr/bin/env bash
# `renkei survey`: the simulated questionnaire of a small run against the study's targets:
# a row per item with the study's interval and the simulated band, the items the model does
# not simulate listed, a verdict line that counts targets only (inputs and identities
# apart); a run with posterior draws gets the posterior-predictive check; a run whose
# calendar misses the fieldwork says so; bad input (unknown scenario, a file that is not
# renkei output, a missing targets file, a bad role) exits 2.
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
grep -qE "^verdict: [0-9]+ of 32 targets inside" "$WORK/out" || fail "verdict counts the 32 targets (25 calibrated, 7 held out)$(show_output)"
expect_in "$WORK/out" "inputs and identities (reproduced by construction, not counted): " "inputs apart"
expect_in "$WORK/out" "-- inputs and identities" "inputs listed apart"
# The scenario extends the calibrated file, whose posterior draws runs use by default.
expect_in "$WORK/out" "posterior-predictive check: " "predictive check by default"
expect_in "$WORK/out" "Q7 wider sales channels and markets" "Q7 row"
# The simulated respondents of 3 replicates: each about 31 % of 1,000 mailed.
row=$(grep -E '^respondents ' "$WORK/out") || fail "no respondents row$(show_output)"
sim=$(awk '{ print $(NF-7) }' <<<"$row")  # item n study [lo, hi] sim [lo, hi] z inside band role
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

expect_rc 0 "run the point" run "$WORK/base.toml" -n 2 -j 2 -o "$WORK/point.h5" -q --point
expect_rc 0 "survey of the point" survey "$WORK/point.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml"
expect_in "$WORK/out" "band check: " "band check of the point"
expect_in "$WORK/out" "sim 90% band" "sampling band of the point"
grep -qE '^Q1 no answer .* input *$' "$WORK/out" || fail "Q1 no answer not marked as an input$(show_output)"

# Posterior draws: the band is the predictive band over draws x replicates.
printf 'population.open_share,information.initial_aware\n0.45,0.15\n0.55,0.25\n' >"$WORK/draws.csv"
expect_rc 0 "run with draws" run "$WORK/base.toml" -n 4 -j 2 -o "$WORK/draws.h5" -q --parameter-draws "$WORK/draws.csv"
expect_rc 0 "survey with draws" survey "$WORK/draws.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml"
expect_in "$WORK/out" "2 posterior draws: " "draws named"
expect_in "$WORK/out" "pred. 90% band" "predictive band column"
grep -qE "^posterior-predictive check: [0-9]+ of 32 targets' study values inside the simulated 90 % predictive band" "$WORK/out" ||
  fail "no predictive verdict$(show_output)"

# A bad role in the targets file: file, line, key and fix; exit 2.
sed 's/^role = "identity"/role = "identiy"/' "$SRC/scenarios/targets/tohoku2005.toml" >"$WORK/bad_targets.toml"
expect_rc 2 "bad role" survey "$WORK/study.h5" --targets "$WORK/bad_targets.toml"
expect_in "$WORK/err" "bad_targets.toml:" "bad role file"
expect_in "$WORK/err" "item.role" "bad role key"
expect_in "$WORK/err" "unknown role 'identiy'" "bad role value"
expect_in "$WORK/err" "use target" "bad role fix"
