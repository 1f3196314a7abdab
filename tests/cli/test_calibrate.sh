#!/usr/bin/env bash
# `renkei calibrate`: a small-budget ABC-SMC calibration of three parameters (and one fixed)
# on the small world writes the calibrated parameter file (a valid parent scenario), the
# posterior draws (a CSV `renkei run --parameter-draws` accepts) and the report with the
# stopping rule, ESS, identification, correlations, the point's fit and the posterior-
# predictive check; a run stopped by its cap says loudly that the rule was not met; a rerun
# resumes from the checkpoint without new simulations and writes the same files; a bad
# calibration file exits 2 naming file, line and key.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" baseline
cat >"$WORK/cal.toml" <<TOML
[calibration]
name = "small"
scenario = "base.toml"
targets = "$SRC/scenarios/targets/tohoku2005.toml"
output = "res/small.toml"
draws_output = "res/small_draws.csv"
draws = 10
validation_replicates = 4
predictive_replicates = 4

[abc]
particles = 16
max_generations = 2
min_epsilon_decrease = 0.05
seed = 5

[[parameter]]
key = "population.open_share"
min = 0.4
max = 0.65

[[parameter]]
key = "survey.frame_centre_employees"
min = 60
max = 200
scale = "log"

[[parameter]]
key = "information.initial_aware"
min = 0.05
max = 0.35

[[parameter]]
key = "program.consult_rate"
fix = 0.6
source = "test: held at a documented value"
TOML
expect_rc 0 "calibrate" calibrate "$WORK/cal.toml" -j 2
expect_in "$WORK/out" "population.open_share" "posterior table"
expect_in "$WORK/out" "Fit of the point estimate (4 runs" "fit table"
expect_in "$WORK/out" "Posterior-predictive check (4 runs, one per posterior draw" "predictive table"
expect_in "$WORK/out" "posterior-predictive check: " "predictive verdict"
expect_in "$WORK/out" "verdict: " "fit verdict"
expect_in "$WORK/out" "targets inside the study's 95 % sampling interval" "targets counted"
expect_in "$WORK/out" "inputs and identities (reproduced by construction, not counted)" "inputs apart"
expect_in "$WORK/out" "point estimate: the posterior's representative, particle " "point choice"
expect_in "$WORK/out" "or epsilon shrinks by < 5 %; safety caps: 2 generations" "the rule stated"
# Two generations cannot show a stalled epsilon (the first decrease is measured at 2): the
# cap stops the run, and it says so on stderr, in the report and in the calibrated file.
expect_in "$WORK/out" "stopping rule met: NO" "cap flagged in the report"
expect_in "$WORK/err" "WARNING: the stopping rule" "cap flagged on stderr"
expect_in "$WORK/err" "ESS " "ESS per generation"
grep -q "^# WARNING: stopping rule NOT met" "$WORK/res/small.toml" || fail "cap not flagged in the calibrated file"
grep -q "^consult_rate = 0.6  # fixed, not estimated: test: held at a documented value" "$WORK/res/small.toml" ||
  fail "fixed parameter not written: $(cat "$WORK/res/small.toml")"
expect_in "$WORK/out" "fixed (not estimated):" "fixed listed"
expect_in "$WORK/out" "posterior correlations (weighted Pearson, search space) with |r| > 0.5:" "correlations"
expect_in "$WORK/out" "full posterior correlation matrix" "correlation matrix"
[[ -f $WORK/res/small.toml && -f $WORK/res/small_draws.csv && -f $WORK/res/small_report.txt ]] ||
  fail "calibrate did not write its three files$(show_output)"
[[ $(head -1 "$WORK/res/small_draws.csv") == "population.open_share,survey.frame_centre_employees,information.initial_aware" ]] ||
  fail "draws header: $(head -1 "$WORK/res/small_draws.csv")"
[[ $(wc -l <"$WORK/res/small_draws.csv") -eq 11 ]] || fail "draws: expected a header and 10 rows"
cp "$WORK/res/small.toml" "$WORK/first.toml"
cp "$WORK/res/small_draws.csv" "$WORK/first.csv"

# A rerun finds the complete checkpoint: same estimates and draws, from any thread count.
expect_rc 0 "calibrate again" calibrate "$WORK/cal.toml" -j 1 -q
expect_in "$WORK/out" "simulations (2 generations resumed from the checkpoint)" "resume"
diff <(grep -v '^# (renkei' "$WORK/first.toml") <(grep -v '^# (renkei' "$WORK/res/small.toml") >/dev/null ||
  fail "the resumed calibration wrote other estimates"
cmp -s "$WORK/first.csv" "$WORK/res/small_draws.csv" || fail "the resumed calibration wrote other draws"

# Keys that do not shape the generations (validation and predictive runs) may change
# without discarding the posterior; a larger cap continues from the checkpoint.
sed -i 's/^validation_replicates = 4/validation_replicates = 3/' "$WORK/cal.toml"
expect_rc 0 "calibrate with other reporting keys" calibrate "$WORK/cal.toml" -j 2 -q
expect_in "$WORK/out" "simulations (2 generations resumed from the checkpoint)" "resume after a reporting edit"
expect_in "$WORK/out" "Fit of the point estimate (3 runs" "the new validation count"
expect_rc 0 "calibrate with a larger cap" calibrate "$WORK/cal.toml" -j 2 -q --generations 8
expect_in "$WORK/out" "(2 generations resumed from the checkpoint)" "continue after a cap"
grep -qE "^stopped: (epsilon shrank|the acceptance rate|epsilon [0-9.]+ of generation)|^stopped: the safety cap max_generations = 8" "$WORK/out" ||
  fail "no stop line$(show_output)"

# The outputs feed the rest of the tool: a scenario extending the calibrated file checks,
# and a run with the draws carries them.
cat >"$WORK/calibrated.toml" <<TOML
[scenario]
name = "calibrated"
extends = "base.toml"
TOML
sed -i 's|^extends = .*|extends = "res/small.toml"|' "$WORK/calibrated.toml"
cat >>"$WORK/calibrated.toml" <<TOML
[run]
world = "$WORK/small_world.toml"
burn_in_weeks = 52
end = 2006-03-31
TOML
expect_rc 0 "check a scenario extending the calibrated file" check "$WORK/calibrated.toml"
expect_rc 0 "run with the posterior draws" run "$WORK/base.toml" -n 2 -j 2 -q -o "$WORK/draws.h5" \
  --parameter-draws "$WORK/res/small_draws.csv"

# Bad input.
cat >"$WORK/bad.toml" <<TOML
[calibration]
name = "bad"
scenario = "base.toml"
targets = "$SRC/scenarios/targets/tohoku2005.toml"
output = "res/bad.toml"
draws_output = "res/bad.csv"

[[parameter]]
key = "population.open_shar"
min = 0.4
max = 0.65
TOML
expect_rc 2 "bad calibration file" calibrate "$WORK/bad.toml"
expect_in "$WORK/err" "bad.toml:9:" "bad key position"
expect_in "$WORK/err" "population.open_share" "did you mean"
expect_rc 2 "missing calibration file" calibrate "$WORK/nope.toml"
expect_rc 2 "bad --particles" calibrate "$WORK/cal.toml" --particles 1
[[ ! -e $WORK/res/bad.toml ]] || fail "a refused calibration wrote output"
sed 's/^predictive_replicates = 4/predictive_replicates = 1/' "$WORK/cal.toml" >"$WORK/bad_pp.toml"
expect_rc 2 "predictive_replicates out of range" calibrate "$WORK/bad_pp.toml"
expect_in "$WORK/err" "calibration.predictive_replicates" "the bad predictive key named"
sed 's/^predictive_replicates = 4/polish_evaluations = 10/' "$WORK/cal.toml" >"$WORK/bad_polish.toml"
expect_rc 2 "a removed key" calibrate "$WORK/bad_polish.toml"
expect_in "$WORK/err" "no longer used" "the removed key explained"
