# Shared helpers of the command-line tests, sourced by every tests/cli/test_*.sh.
#
# A script calls `cli_setup "$@"` first: it takes the two arguments CTest passes
# (<path-to-renkei> <source-dir>), makes a scratch directory that is removed on exit, and
# sets RENKEI, SRC and WORK. Failures go through `fail`, which names the script and exits 1.
# Runs are kept small (a 5 % Tohoku world, one year of burn-in, one simulated year) so that
# the whole suite takes well under a minute.

# shellcheck shell=bash
set -euo pipefail

TEST_NAME=$(basename "${BASH_SOURCE[1]:-$0}" .sh)

fail() {
  echo "FAIL ($TEST_NAME): $*" >&2
  exit 1
}

note() {
  echo "$TEST_NAME: $*"
}

cli_setup() {
  [[ $# -ge 2 ]] || fail "usage: bash $TEST_NAME.sh <path-to-renkei> <source-dir>"
  RENKEI=$(realpath "$1")
  SRC=$(realpath "$2")
  [[ -x $RENKEI ]] || fail "renkei executable '$RENKEI' missing or not executable"
  [[ -f $SRC/scenarios/baseline.toml ]] || fail "'$SRC' is not the source directory (no scenarios/baseline.toml)"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/renkei-$TEST_NAME.XXXXXX")
  trap cli_cleanup EXIT
  # oneTBB prints a banner on stderr when TBB_VERSION=1 is inherited; the tests read stderr.
  export TBB_VERSION=0
}

# Background jobs started by a script are registered here and killed (by pid) on exit.
CLI_PIDS=()
cli_cleanup() {
  local pid
  for pid in "${CLI_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${CLI_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}

# run_renkei ARGS... — runs renkei without letting `set -e` stop the script; leaves the exit
# status in RC and the output in $WORK/out and $WORK/err.
run_renkei() {
  set +e
  "$RENKEI" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
}

# show_output — the last command's stdout and stderr, for failure messages.
show_output() {
  printf '\n--- stdout ---\n%s\n--- stderr ---\n%s\n' "$(head -c 4000 "$WORK/out")" "$(head -c 4000 "$WORK/err")"
}

# expect_rc WANT DESCRIPTION ARGS... — runs renkei ARGS and requires exit status WANT.
expect_rc() {
  local want=$1 what=$2
  shift 2
  run_renkei "$@"
  [[ $RC -eq $want ]] || fail "$what: 'renkei $*' exited $RC, expected $want$(show_output)"
}

# expect_in FILE TEXT DESCRIPTION — FILE ($WORK/out or $WORK/err) contains TEXT literally.
expect_in() {
  grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $(basename "$1")$(show_output)"
}

# expect_empty FILE DESCRIPTION
expect_empty() {
  [[ ! -s $1 ]] || fail "$2: $(basename "$1") is not empty$(show_output)"
}

# make_small_world PATH — the Tohoku world at 5 % scale (about 900 manufacturing firms):
# the real file, so that the tests follow its format as it evolves.
make_small_world() {
  sed -E 's/^scale[[:space:]]*=[[:space:]]*[0-9.eE+-]+/scale = 0.05/' "$SRC/scenarios/worlds/tohoku.toml" >"$1"
  grep -qx 'scale = 0.05' "$1" || fail "could not set [world] scale in a copy of scenarios/worlds/tohoku.toml"
}

# make_scenario PATH NAME [EXTRA_TOML] — a scenario extending scenarios/baseline.toml on the
# small world, one simulated year after 52 weeks of burn-in. EXTRA_TOML is appended (e.g.
# [[policy]] tables). The small world is made on first use.
make_scenario() {
  local path=$1 name=$2 extra=${3:-}
  [[ -f $WORK/small_world.toml ]] || make_small_world "$WORK/small_world.toml"
  cat >"$path" <<EOF
[scenario]
name = "$name"
description = "Small test scenario: 5 % world, one year"
extends = "$SRC/scenarios/baseline.toml"

[run]
world = "$WORK/small_world.toml"
burn_in_weeks = 52
end = 2006-03-31
$extra
EOF
}

# datasets FILE — every dataset path in an HDF5 file, one per line (h5ls -r).
datasets() {
  h5ls -r "$1" 2>/dev/null | awk '$2 == "Dataset" { print $1 }'
}

# same_datasets A B — exit 0 if both files hold the same datasets with identical values and
# attributes; only the root (global) attributes, such as `created` and `threads`, may differ.
same_datasets() {
  [[ "$(datasets "$1")" == "$(datasets "$2")" ]] || return 1
  h5diff -q --exclude-attribute / "$1" "$2" >/dev/null 2>&1
}

# differing_datasets A B — the datasets whose values differ, one per line.
differing_datasets() {
  h5diff --exclude-attribute / "$1" "$2" 2>&1 | sed -n 's/^dataset: <\([^>]*\)>.*/\1/p' || true
}

# start_long_run SCENARIO OUTPUT — starts a run far longer than any test waits, in the
# background (pid in LONG_PID), and returns once its temporary output file exists (at most
# 2 s) plus 0.3 s for some runs to reach it. Fails if the run already ended.
start_long_run() {
  "$RENKEI" run "$1" -n 1000000 -j 2 -q -o "$2" >long.out 2>long.err </dev/null &
  LONG_PID=$!
  CLI_PIDS+=("$LONG_PID")
  local _
  for _ in $(seq 40); do
    compgen -G "$2.tmp-*" >/dev/null && break
    kill -0 "$LONG_PID" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.3
  kill -0 "$LONG_PID" 2>/dev/null || fail "the long run ended before it was stopped: $(head -c 2000 long.err)"
}

# write_push_pair — in $WORK: base.toml (make_scenario) and push.toml (information pushed to
# firms from July 2005); cd $WORK.
write_push_pair() {
  make_scenario "$WORK/base.toml" base
  write_push_scenario "$WORK/push.toml"
  cd "$WORK"
}

# write_push_scenario PATH — the "push" scenario: base.toml (beside it) with information pushed
# to firms from July 2005. Needs no cli_setup (tests/fuzz/make_results_corpus.sh uses it).
write_push_scenario() {
  cat >"$1" <<'EOF'
[scenario]
name = "push"
description = "Information pushed to firms from July 2005"
extends = "base.toml"

[[policy]]
name = "push delivery"
start = 2005-07-01
[policy.set]
information.push_rate = 0.02
EOF
}

# run_push_study N — write_push_pair, then both run together with N replicates into
# $WORK/study.h5.
run_push_study() {
  write_push_pair
  expect_rc 0 "run of two scenarios" run base.toml push.toml -n "$1" -j 2 -q -o study.h5
}

# require_python MODULE... — skips the test (exit 77) unless /usr/bin/python3 imports every
# module (the analysis scripts need Debian's packages); sets PY.
require_python() {
  PY=/usr/bin/python3
  local list
  list=$(IFS=,; echo "$*")
  if ! "$PY" -c "import ${list//,/, }" 2>/dev/null; then
    note "SKIPPED: $PY cannot import $*"
    exit 77
  fi
}
