# analysis/summary.py: prints the final-metric table of a renkei file; rejects other files
# with exit 2 and a message naming the file.
source "$(dirname "$0")/lib.sh"
cli_setup "$@"
/usr/bin/python3 -c "import xarray, h5netcdf" 2>/dev/null || { echo "SKIPPED: no xarray"; exit 77; }

make_small_world "$WORK/small_world.toml"
make_scenario "$WORK/base.toml" base
run_renkei run "$WORK/base.toml" -n 2 -j 2 -o "$WORK/a.h5" -q
[[ $RC -eq 0 ]] || { show_output; fail "run failed"; }

out=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/a.h5" --metric certifications_end) || fail "summary.py failed"
grep -q "certifications_end" <<<"$out" || fail "no metric column in: $out"
grep -q "^base " <<<"$out" || fail "no row for scenario 'base' in: $out"

echo "not hdf5" >"$WORK/bad.h5"
set +e
err=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/bad.h5" 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "expected exit 2 for a non-renkei file, got $rc"
grep -q "bad.h5" <<<"$err" || fail "error does not name the file: $err"
grep -q "not a renkei output file" <<<"$err" || fail "unclear error: $err"
note "ok"
