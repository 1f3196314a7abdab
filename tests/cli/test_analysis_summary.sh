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

# The default path: every final metric. A metric whose own name ends in _mean
# (survey_employees_mean, per-run variable final_survey_employees_mean) must be found as
# itself, not taken for the summary of a metric `survey_employees`.
out=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/a.h5") || fail "summary.py without --metric failed"
header=$(head -n 1 <<<"$out")
grep -q " survey_employees_mean mean \[" <<<"$header" || fail "no survey_employees_mean column in: $header"
grep -q " survey_employees mean \[" <<<"$header" && fail "phantom metric survey_employees in: $header"
grep -q " certifications_end mean \[" <<<"$header" || fail "no certifications_end column in: $header"
out=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/a.h5" --csv) || fail "summary.py --csv failed"
cols=$(head -n 1 <<<"$out" | tr ',' '\n' | wc -l)
# Each final metric Y has exactly one final_Y_quantile variable; --csv gives it three
# columns (mean and the outer quantiles).
want=$(( 3 * $(h5ls "$WORK/a.h5" | grep -c '^final_.*_quantile ') + 1 ))
[[ $cols -eq $want ]] || fail "expected $want columns (scenario + three per final metric), got $cols"
head -n 1 <<<"$out" | grep -q ",survey_employees_mean_mean,survey_employees_mean_q0.05,survey_employees_mean_q0.95," ||
  fail "--csv header lacks the survey_employees_mean columns: $(head -n 1 <<<"$out")"
[[ $(sed -n 2p <<<"$out" | tr ',' '\n' | wc -l) -eq $want ]] || fail "--csv row does not have $want cells: $(sed -n 2p <<<"$out")"
set +e
err=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/a.h5" --metric survey_employees 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "expected exit 2 for the phantom metric survey_employees, got $rc"

echo "not hdf5" >"$WORK/bad.h5"
set +e
err=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/bad.h5" 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "expected exit 2 for a non-renkei file, got $rc"
grep -q "bad.h5" <<<"$err" || fail "error does not name the file: $err"
grep -q "not a renkei output file" <<<"$err" || fail "unclear error: $err"
note "ok"
