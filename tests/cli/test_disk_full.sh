#!/usr/bin/env bash
# A run or a sweep merge whose output disk fills up: the error names the system's reason
# ("No space left on device"), the temporary file is removed, and renkei exits 1; it died of
# SIGSEGV in HDF5's exit-time cleanup of the half-closed file. Needs a 4 MiB tmpfs (a small result with checksummed, chunked summaries is about 2 MiB): skipped
# (77) where it cannot be mounted (not root, no mount permission in the container).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

FULL=$WORK/full
mkdir -p "$FULL"
if ! mount -t tmpfs -o size=4m tmpfs "$FULL" 2>/dev/null; then
  note "cannot mount a tmpfs here: skipped"
  exit 77
fi
trap 'umount "$FULL" 2>/dev/null || true; cli_cleanup' EXIT

make_scenario "$WORK/base.toml" base
cd "$WORK"
# A filler leaves 64 KiB free: less than any result file.
head -c $(((4096 - 64) * 1024)) /dev/zero >"$FULL/filler"
expect_rc 1 "a run onto a full disk" run base.toml -n 20 -j 2 -q -o "$FULL/out.h5"
expect_in "$WORK/err" "No space left on device" "the error gives the reason"
[[ $(ls -A "$FULL") == filler ]] || fail "the full disk holds more than the filler: $(ls -A "$FULL")"
rm "$FULL/filler"

note "a stale temporary of a killed run is removed by the next run"
head -c 1000 /dev/zero >"$FULL/small.h5.tmp-4194305"  # above any pid_max: no such process
expect_rc 0 "a small run onto the same disk" run base.toml -n 1 -j 1 -q --no-replicate-series -o "$FULL/small.h5"
expect_in "$WORK/err" "small.h5.tmp-4194305" "the removal is reported"
[[ ! -e $FULL/small.h5.tmp-4194305 ]] || fail "the stale temporary is still there"
rm -f "$FULL/small.h5"

note "a sweep merge onto a full disk"
cp "$SRC/tests/data/sweeps/runner_resume.toml" sweep.toml
expect_rc 0 "the sweep's runs, into parts on the large disk" sweep sweep.toml -o parts.h5 --shard 0/1 -j 2 -q
mv parts.h5.parts "$WORK/keep.parts"
head -c $(((4096 - 64) * 1024)) /dev/zero >"$FULL/filler"
expect_rc 1 "a merge onto a full disk" sweep sweep.toml -o "$FULL/sweep.h5" --merge "$WORK/keep.parts"
expect_in "$WORK/err" "No space left on device" "the merge's error gives the reason"
[[ $(ls -A "$FULL") == filler ]] || fail "the full disk holds more than the filler: $(ls -A "$FULL")"
note "ok"
