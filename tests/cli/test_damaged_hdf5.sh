#!/usr/bin/env bash
# A results file on which libhdf5 itself loops (a damaged global heap, found by fuzzing the
# result readers: tests/data/damaged/heap_loop.h5) is refused with exit 2 by every command
# that reads results, within the read check's time limit, instead of hanging the command.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

file="$SRC/tests/data/damaged/heap_loop.h5"
export RENKEI_READ_CHECK_SECONDS=3
for cmd in compare survey sensitivity; do
  start=$(date +%s)
  expect_rc 2 "$cmd on a file that makes libhdf5 loop" "$cmd" "$file"
  expect_in "$WORK/err" "the HDF5 library did not finish reading it within 3 s: the file is damaged" "$cmd"
  [ $(($(date +%s) - start)) -lt 60 ] || fail "$cmd took over a minute with a 3 s limit"
done
expect_rc 2 "validate on the same file" validate "$file" "$SRC/scenarios/validation/shin_renkei_published.toml"
expect_in "$WORK/err" "the HDF5 library did not finish" "validate"

# The limit's override is checked like any other input.
RENKEI_READ_CHECK_SECONDS=soon expect_rc 2 "a bad RENKEI_READ_CHECK_SECONDS" compare "$file"
expect_in "$WORK/err" "RENKEI_READ_CHECK_SECONDS: 'soon' is not a positive number of seconds" "bad limit"

note "ok"
