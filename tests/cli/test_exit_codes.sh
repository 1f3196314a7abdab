#!/usr/bin/env bash
# Exit statuses and help texts of `renkei`: 0 success, 2 usage or bad input (with a message
# that says what was wrong), for every subcommand.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/s.toml" small

expect_rc 2 "no arguments" # prints usage on stderr
expect_in "$WORK/err" "usage: renkei" "no arguments"

expect_rc 0 "--help" --help
expect_in "$WORK/out" "run" "--help"
expect_in "$WORK/out" "check" "--help"

expect_rc 0 "--version" --version
grep -qE '^renkei [0-9]+\.[0-9]+' "$WORK/out" || fail "--version: no 'renkei X.Y' version$(show_output)"
grep -qE 'commit [^ ,)]+' "$WORK/out" || fail "--version: no commit$(show_output)"

expect_rc 2 "unknown command" frobnicate
expect_in "$WORK/err" "frobnicate" "unknown command"
expect_rc 2 "misspelt command" compre
expect_in "$WORK/err" "unknown command 'compre' (did you mean 'compare'?)" "misspelt command"
expect_rc 2 "misspelt option" run "$WORK/s.toml" --replicats 2 -o "$WORK/typo.h5"
expect_in "$WORK/err" "(did you mean '--replicates'?)" "misspelt option"
expect_rc 2 "misspelt compare option" compare "$WORK/none.h5" --corection holm
expect_in "$WORK/err" "(did you mean '--correction'?)" "misspelt compare option"

for cmd in run check params compare; do
  expect_rc 0 "$cmd --help" "$cmd" --help
  expect_in "$WORK/out" "renkei $cmd" "$cmd --help"
done

expect_rc 2 "run without a scenario" run
expect_in "$WORK/err" "no scenario" "run without a scenario"

# Bad option values are refused before anything is loaded or written.
expect_rc 2 "run -n 0" run "$WORK/s.toml" -n 0 -o "$WORK/n0.h5"
expect_in "$WORK/err" "--replicates must be between 1 and" "run -n 0"
expect_rc 2 "run -j 0" run "$WORK/s.toml" -j 0 -o "$WORK/j0.h5"
expect_in "$WORK/err" "--threads must be between 1 and" "run -j 0"
expect_rc 2 "run --seed -1" run "$WORK/s.toml" --seed -1 -o "$WORK/seed.h5"
expect_in "$WORK/err" "--seed must be >= 0" "run --seed -1"
expect_rc 2 "run -n abc" run "$WORK/s.toml" -n abc -o "$WORK/abc.h5"
expect_rc 2 "run --bogus" run "$WORK/s.toml" --bogus -o "$WORK/bogus.h5"
expect_in "$WORK/err" "bogus" "run --bogus"
for f in n0 j0 seed abc bogus; do
  [[ ! -e $WORK/$f.h5 ]] || fail "a refused run created its output file $f.h5"
done

expect_rc 2 "nonexistent scenario" run "$WORK/no_such_scenario.toml" -o "$WORK/none.h5"
expect_in "$WORK/err" "no_such_scenario.toml" "nonexistent scenario"
[[ ! -e $WORK/none.h5 ]] || fail "nonexistent scenario: output file created"
expect_rc 2 "check of a nonexistent scenario" check "$WORK/no_such_scenario.toml"
expect_in "$WORK/err" "no_such_scenario.toml" "check of a nonexistent scenario"

expect_rc 2 "check without a scenario" check
expect_rc 2 "params with a stray argument" params extra.toml

expect_rc 0 "params" params
expect_in "$WORK/out" "meetings.rate_personal" "params"
expect_in "$WORK/out" "information.push_rate" "params"

expect_rc 0 "params --markdown" params --markdown
expect_in "$WORK/out" "meetings.rate_personal" "params --markdown"
grep -q '^|' "$WORK/out" || fail "params --markdown: no markdown table$(show_output)"

note "ok"
