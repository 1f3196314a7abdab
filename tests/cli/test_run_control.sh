#!/usr/bin/env bash
# Run-count control: `renkei run --until-halfwidth METRIC=H --max-replicates N --batch B`
# refuses bad values (exit 2), prints one line per round and the outcome, records the rule in
# the file, and the file holds exactly the replicates run: identical datasets to a plain
# `renkei run -n <that count>`.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

write_push_pair

# ---- bad values: exit 2 with the reason and nothing written ----
expect_rc 2 "no '='" run base.toml push.toml --until-halfwidth foo --max-replicates 4 -o bad.h5
expect_in "$WORK/err" "--until-halfwidth 'foo' has no '='" "missing '=' explained"
expect_rc 2 "unknown metric" run base.toml push.toml --until-halfwidth certifications_edn=2 --max-replicates 4 -o bad.h5
expect_in "$WORK/err" "did you mean 'certifications_end'?" "did-you-mean for a misspelt metric"
expect_rc 2 "H = 0" run base.toml push.toml --until-halfwidth certifications_end=0 --max-replicates 4 -o bad.h5
expect_in "$WORK/err" "must be > 0" "H <= 0 refused"
expect_rc 2 "H negative" run base.toml push.toml --until-halfwidth certifications_end=-2 --max-replicates 4 -o bad.h5
expect_rc 2 "no cap" run base.toml push.toml --until-halfwidth certifications_end=2 -o bad.h5
expect_in "$WORK/err" "needs --max-replicates" "missing --max-replicates explained"
expect_rc 2 "one scenario" run base.toml --until-halfwidth certifications_end=2 --max-replicates 4 -o bad.h5
expect_in "$WORK/err" "at least two scenarios" "a single scenario refused"
expect_rc 2 "-n with the rule" run base.toml push.toml --until-halfwidth certifications_end=2 --max-replicates 4 -n 3 -o bad.h5
expect_rc 2 "--batch alone" run base.toml push.toml --batch 3 -o bad.h5
expect_in "$WORK/err" "add --until-halfwidth" "--batch without the rule explained"
expect_rc 2 "unknown --baseline" run base.toml push.toml --until-halfwidth certifications_end=2 --max-replicates 4 --baseline bse -o bad.h5
expect_in "$WORK/err" "did you mean 'base'?" "did-you-mean for --baseline"
expect_rc 2 "batch 0" run base.toml push.toml --until-halfwidth certifications_end=2 --max-replicates 4 --batch 0 -o bad.h5
[[ ! -e bad.h5 ]] || fail "a refused run left bad.h5 behind"

# ---- a target that cannot be met: rounds of 2, 2 and 1 up to the cap of 5 ----
expect_rc 0 "run to the cap" run base.toml push.toml --until-halfwidth aware_share_end=1e-12 --max-replicates 5 --batch 2 -j 2 -o capped.h5
for round in "round 1: 2 replicates" "round 2: 4 replicates" "round 3: 5 replicates"; do
  expect_in "$WORK/err" "$round" "one line per round"
done
expect_in "$WORK/err" "('push' vs 'base'), target 1e-12" "the round names the widest policy and the target"
expect_in "$WORK/err" "run control: aware_share_end half-width <= 1e-12 at 95 %: not met at 5 replicates" "final outcome"
expect_in "$WORK/out" "wrote capped.h5 (10 runs)" "the run count"
expect_rc 0 "plain run of 5" run base.toml push.toml -n 5 -j 1 -q -o plain5.h5
same_datasets capped.h5 plain5.h5 ||
  fail "the controlled run of 5 replicates differs from -n 5: $(differing_datasets capped.h5 plain5.h5 | head -10 | tr '\n' ' ')"
note "5 replicates under the rule = -n 5 (every dataset identical)"

# ---- a target met at once: stops after the first round, the file holds 2 replicates ----
expect_rc 0 "met at once" run base.toml push.toml --until-halfwidth certifications_end=1e9 --max-replicates 40 --batch 2 --level 0.9 -o met.h5
expect_in "$WORK/err" "run control: certifications_end half-width <= 1e+09 at 90 %: met at 2 replicates" "met after one round"
[[ $(grep -c '^round ' "$WORK/err") -eq 1 ]] || fail "more than one round for a target met at once$(show_output)"
expect_rc 0 "plain run of 2" run base.toml push.toml -n 2 -q -o plain2.h5
same_datasets met.h5 plain2.h5 ||
  fail "the controlled run of 2 replicates differs from -n 2: $(differing_datasets met.h5 plain2.h5 | head -10 | tr '\n' ' ')"
h5dump -A -a /run_control met.h5 >attr.txt 2>&1 || fail "no run_control attribute in met.h5: $(head -c 1000 attr.txt)"
grep -qF 'met at 2 replicates' attr.txt || fail "run_control attribute: $(head -c 1000 attr.txt)"
h5dump -A -a /replicates met.h5 | grep -qF '"2"' || fail "the replicates attribute is not the count run"

# --quiet prints nothing, the rule still works.
expect_rc 0 "quiet" run base.toml push.toml --until-halfwidth certifications_end=1e9 --max-replicates 4 --batch 2 -q -o quiet.h5
expect_empty "$WORK/err" "--quiet run control"
note "ok"
