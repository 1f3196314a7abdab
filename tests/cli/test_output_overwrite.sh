#!/usr/bin/env bash
# An existing output file is replaced only with --force; without it, the run is refused
# (exit 2, the message says --force) and the file is left byte for byte as it was.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/s.toml" small
cd "$WORK"

echo "precious contents, not an HDF5 file" >out.h5
cp out.h5 before.h5

expect_rc 2 "existing output without --force" run s.toml -n 2 -j 1 -o out.h5
expect_in "$WORK/err" "--force" "existing output without --force"
expect_in "$WORK/err" "out.h5" "existing output without --force"
cmp -s out.h5 before.h5 || fail "existing output without --force: the file was changed"
leftovers=$(compgen -G 'out.h5.tmp*' || true)
[[ -z $leftovers ]] || fail "existing output without --force: temporary left behind: $leftovers"

expect_rc 0 "existing output with --force" run s.toml -n 2 -j 1 -q -o out.h5 --force
cmp -s out.h5 before.h5 && fail "with --force: the file was not replaced"
h5ls out.h5 >/dev/null 2>&1 || fail "with --force: the new file is not HDF5"
[[ -n "$(datasets out.h5)" ]] || fail "with --force: the new file holds no datasets"
leftovers=$(compgen -G 'out.h5.tmp*' || true)
[[ -z $leftovers ]] || fail "with --force: temporary left behind: $leftovers"

# A directory in the way is refused even with --force.
mkdir dir.h5
expect_rc 2 "output is a directory" run s.toml -n 2 -j 1 -o dir.h5 --force
expect_in "$WORK/err" "dir.h5" "output is a directory"

note "ok"
