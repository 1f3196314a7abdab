#!/usr/bin/env bash
# `renkei sensitivity`: tiny real sweeps (Morris and Saltelli designs on the small world)
# analysed end to end. The pull rate drives program awareness while survey.plan_trust is read
# only by the simulated questionnaire, so on awareness the pull rate ranks first by mu* and
# plan_trust has mu* = 0 and ST = 0 exactly (its runs share random streams and outputs).
# Bad input exits 2 with a message: unknown metric (did you mean), a grid design (no method),
# a file that is not a sweep result. --salib-export writes files numpy.loadtxt reads.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

run_renkei sweep --help
if grep -q "not built yet" "$WORK/err"; then
  note "renkei sweep is not built yet: skipped"
  exit 77
fi

make_scenario "$WORK/base.toml" base
cd "$WORK"
cat >morris.toml <<'EOF2'
[sweep]
name = "cli_morris"
scenarios = ["base.toml"]
replicates = 2
seed = 5
outputs = ["aware_share_end", "certifications_end"]

[design]
kind = "morris"
samples = 4
levels = 4
seed = 3

[[parameter]]
key = "information.pull_rate"
min = 0.001
max = 0.05
distribution = "log_uniform"

[[parameter]]
key = "survey.plan_trust"
min = 0.3
max = 0.7
EOF2
expect_rc 0 "Morris sweep" sweep morris.toml -o morris.h5 -j 2 -q
expect_rc 0 "Morris analysis" sensitivity morris.h5 --bootstrap 200 --seed 4
cp "$WORK/out" morris_table.txt
expect_in "$WORK/out" "scenario 'base', output aware_share_end" "Morris table"
expect_in "$WORK/out" "4 of 4 trajectories used" "Morris trajectories"
row=$(grep -A4 "output aware_share_end" morris_table.txt | grep -E '^information.pull_rate ') ||
  fail "no pull_rate row$(show_output)"
[[ $(awk '{ print $NF }' <<<"$row") == 1 ]] || fail "pull_rate does not rank first by mu*: $row"
# survey.plan_trust is read only by the questionnaire: it cannot move awareness at all.
row=$(grep -A4 "output aware_share_end" morris_table.txt | grep -E '^survey.plan_trust ') || fail "no plan_trust row"
[[ $(awk '{ print $3 }' <<<"$row") == 0 ]] || fail "plan_trust has mu* != 0 on awareness: $row"

# Same seed, same intervals; one replicate only is accepted.
expect_rc 0 "Morris analysis again" sensitivity morris.h5 --bootstrap 200 --seed 4
cmp -s "$WORK/out" morris_table.txt || fail "the same bootstrap seed gave another table"
expect_rc 0 "one replicate" sensitivity morris.h5 --replicate 1 --output certifications_end
expect_in "$WORK/out" "replicate 1 only" "--replicate"
expect_rc 2 "replicate out of range" sensitivity morris.h5 --replicate 2
expect_in "$WORK/err" "--replicate must be in [0, 2)" "--replicate out of range"

# Unknown metric: did you mean.
expect_rc 2 "unknown metric" sensitivity morris.h5 --output aware_share_ned
expect_in "$WORK/err" "did you mean 'aware_share_end'?" "unknown metric"
expect_rc 2 "unknown scenario" sensitivity morris.h5 --scenario bse
expect_in "$WORK/err" "did you mean 'base'?" "unknown scenario"

# SALib export of the Morris design.
expect_rc 0 "SALib export" sensitivity morris.h5 --salib-export salib --output aware_share_end
for f in problem.json X.txt Y_aware_share_end.txt; do [[ -s salib/$f ]] || fail "--salib-export: no salib/$f"; done
[[ $(wc -l <salib/X.txt) -eq 12 ]] || fail "X.txt: expected 12 rows (4 trajectories x 3 points)"
[[ $(awk '{ print NF }' salib/X.txt | sort -u) == 2 ]] || fail "X.txt: expected 2 columns per row"
[[ $(wc -l <salib/Y_aware_share_end.txt) -eq 12 ]] || fail "Y: expected 12 values"
expect_in salib/problem.json '"num_vars": 2' "problem.json"
expect_in salib/problem.json '"names": ["information.pull_rate", "survey.plan_trust"]' "problem.json"
if /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  /usr/bin/python3 - <<'EOF2' || fail "numpy cannot read the SALib export"
import json, numpy as np
p = json.load(open("salib/problem.json"))
X = np.loadtxt("salib/X.txt", ndmin=2)
Y = np.loadtxt("salib/Y_aware_share_end.txt")
assert X.shape == (12, p["num_vars"]), X.shape
assert Y.shape == (12,), Y.shape
for j, (lo, hi) in enumerate(p["bounds"]):
    assert (X[:, j] >= lo).all() and (X[:, j] <= hi).all()
EOF2
fi

# Saltelli: Sobol indices.
cat >saltelli.toml <<'EOF2'
[sweep]
name = "cli_sobol"
scenarios = ["base.toml"]
outputs = ["aware_share_end"]

[design]
kind = "saltelli"
samples = 6
seed = 2

[[parameter]]
key = "information.pull_rate"
min = 0.001
max = 0.05
distribution = "log_uniform"

[[parameter]]
key = "survey.plan_trust"
min = 0.3
max = 0.7
EOF2
expect_rc 0 "Saltelli sweep" sweep saltelli.toml -o saltelli.h5 -j 2 -q
expect_rc 0 "Sobol analysis" sensitivity saltelli.h5 --bootstrap 100 --confidence 0.9
expect_in "$WORK/out" "S1 90% CI" "Sobol table"
expect_in "$WORK/out" "6 of 6 base samples used" "Sobol base samples"
# plan_trust cannot change awareness: A and AB_2 rows give equal outputs, ST = 0 exactly.
row=$(grep -E '^survey.plan_trust ' "$WORK/out") || fail "no plan_trust row$(show_output)"
[[ $(awk '{ print $6 }' <<<"$row") == 0.0000 ]] || fail "ST of plan_trust on awareness is not 0: $row"

# A grid supports no index: exit 2 naming the kinds that do; export still works.
cat >grid.toml <<'EOF2'
[sweep]
name = "cli_grid"
scenarios = ["base.toml"]

[design]
kind = "grid"

[[parameter]]
key = "information.pull_rate"
values = [0.001, 0.01]
EOF2
expect_rc 0 "grid sweep" sweep grid.toml -o grid.h5 -j 2 -q
expect_rc 2 "grid analysis" sensitivity grid.h5
expect_in "$WORK/err" "'grid' design" "grid refusal"
expect_in "$WORK/err" 'kind = "saltelli"' "grid refusal"
expect_rc 0 "grid export" sensitivity grid.h5 --salib-export grid_salib
[[ -s grid_salib/Y_certifications_end.txt ]] || fail "grid export: no Y file"

# A policy's effect (--versus): a twin of the baseline under another name has the same runs
# replicate by replicate, so its paired effect is exactly 0 at every point and every mu* is 0;
# any mispairing of points or replicates would show. A one-scenario sweep has nothing to pair.
make_scenario "$WORK/twin.toml" twin
sed -e 's/name = "cli_morris"/name = "cli_pair"/' -e 's/scenarios = \["base.toml"\]/scenarios = ["base.toml", "twin.toml"]/' \
  morris.toml >pair.toml
expect_rc 0 "paired sweep" sweep pair.toml -o pair.h5 -j 2 -q
expect_rc 0 "effect analysis" sensitivity pair.h5 --versus base --output aware_share_end --bootstrap 50
expect_in "$WORK/out" "scenario 'twin' minus 'base' (paired by replicate), output aware_share_end" "--versus header"
grep -q "scenario 'base' minus" "$WORK/out" && fail "--versus analysed the baseline against itself"
rows=$(grep -A4 "minus 'base'" "$WORK/out" | grep -E '^(information.pull_rate|survey.plan_trust) ') || fail "no effect rows"
while read -r row; do
  [[ $(awk '{ print $3 }' <<<"$row") == 0 ]] || fail "identical twin has a non-zero effect mu*: $row"
done <<<"$rows"
expect_rc 2 "unknown versus" sensitivity pair.h5 --versus bse
expect_in "$WORK/err" "did you mean 'base'?" "unknown --versus"
expect_rc 2 "versus alone" sensitivity morris.h5 --versus base
expect_in "$WORK/err" "leaves no other scenario" "--versus on a one-scenario sweep"

# Not a sweep result: a run output, a text file, a missing file.
expect_rc 0 "plain run" run base.toml -n 1 -j 1 -q -o run.h5
expect_rc 2 "run output" sensitivity run.h5
expect_in "$WORK/err" "is not a sweep result" "run output refused"
echo "not hdf5" >text.h5
expect_rc 2 "text file" sensitivity text.h5
expect_in "$WORK/err" "text.h5" "text file named"
expect_rc 2 "missing file" sensitivity missing.h5
expect_in "$WORK/err" "missing.h5" "missing file named"
expect_rc 2 "bad confidence" sensitivity morris.h5 --confidence 1.5
note "ok"
