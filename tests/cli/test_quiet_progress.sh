#!/usr/bin/env bash
# Output discipline of `run`: the progress line goes to stderr only when it is a terminal,
# so a successful run in a pipe or a batch job prints nothing on stderr; stdout has the
# summary table unless --quiet, which silences everything but errors.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/first.toml" first_scenario
make_scenario "$WORK/second.toml" second_scenario '
[meetings]
rate_personal = 0.09'
cd "$WORK"

# run_renkei redirects stderr to a file: not a terminal.
expect_rc 0 "run, stderr to a file" run first.toml second.toml -n 3 -j 2 -o a.h5
expect_empty "$WORK/err" "run with stderr not a terminal: stderr"
expect_in "$WORK/out" "Ensemble summary" "run: summary table"
expect_in "$WORK/out" "first_scenario" "run: summary table names the first scenario"
expect_in "$WORK/out" "second_scenario" "run: summary table names the second scenario"
expect_in "$WORK/out" "wrote a.h5 (6 runs)" "run: the closing line"
[[ $(grep -c '_scenario' "$WORK/out") -eq 2 ]] || fail "run: expected one table row per scenario$(show_output)"

expect_rc 0 "run --quiet" run first.toml second.toml -n 3 -j 2 -o b.h5 --quiet
expect_empty "$WORK/out" "run --quiet: stdout"
expect_empty "$WORK/err" "run --quiet: stderr"
[[ -f b.h5 ]] || fail "run --quiet wrote no file"
expect_rc 0 "run -q" run first.toml -n 2 -j 1 -o c.h5 -q
expect_empty "$WORK/out" "run -q: stdout"
expect_empty "$WORK/err" "run -q: stderr"

# Errors are printed even with --quiet.
expect_rc 2 "run --quiet onto an existing file" run first.toml -n 2 -j 1 -o c.h5 --quiet
expect_in "$WORK/err" "--force" "run --quiet onto an existing file"

# With a terminal (a pseudo-terminal from script(1), if present) the progress line appears,
# and --quiet still suppresses it.
if command -v script >/dev/null; then
  script -qec "'$RENKEI' run first.toml -n 3 -j 2 -o tty.h5" /dev/null </dev/null >tty.txt 2>&1 ||
    fail "run under a pseudo-terminal failed: $(head -c 2000 tty.txt)"
  grep -q 'runs 3/3' tty.txt || fail "no progress line on a terminal: $(head -c 2000 tty.txt)"
  script -qec "'$RENKEI' run first.toml -n 3 -j 2 -o tty_quiet.h5 -q" /dev/null </dev/null >tty_quiet.txt 2>&1 ||
    fail "run -q under a pseudo-terminal failed: $(head -c 2000 tty_quiet.txt)"
  [[ ! -s tty_quiet.txt ]] || fail "run -q printed on a terminal: $(head -c 2000 tty_quiet.txt)"
else
  note "script(1) not found: the terminal half of this test was not run"
fi

note "ok"
