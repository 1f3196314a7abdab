# analysis/summary.py: prints the final-metric table of a renkei file; with posterior draws,
# also the parameter uncertainty apart from chance (checked against the formulas computed
# here); rejects other files with exit 2 and a message naming the file.
source "$(dirname "$0")/lib.sh"
cli_setup "$@"
/usr/bin/python3 -c "import xarray, h5netcdf" 2>/dev/null || { echo "SKIPPED: no xarray"; exit 77; }

make_small_world "$WORK/small_world.toml"
make_scenario "$WORK/base.toml" base
run_renkei run "$WORK/base.toml" -n 4 -j 2 -o "$WORK/a.h5" -q
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
# columns (mean and the outer quantiles), and five more when the runs used posterior draws.
per=3
[[ $(h5ls "$WORK/a.h5" | grep -c '^parameter_draw ') -gt 0 ]] && per=8
want=$(( per * $(h5ls "$WORK/a.h5" | grep -c '^final_.*_quantile ') + 1 ))
[[ $cols -eq $want ]] || fail "expected $want columns (scenario + $per per final metric), got $cols"
head -n 1 <<<"$out" | grep -q ",survey_employees_mean_mean,survey_employees_mean_q0.05,survey_employees_mean_q0.95," ||
  fail "--csv header lacks the survey_employees_mean columns: $(head -n 1 <<<"$out")"
[[ $(sed -n 2p <<<"$out" | tr ',' '\n' | wc -l) -eq $want ]] || fail "--csv row does not have $want cells: $(sed -n 2p <<<"$out")"
set +e
err=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/a.h5" --metric survey_employees 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "expected exit 2 for the phantom metric survey_employees, got $rc"

# Parameter uncertainty. Without draws, a note says the band is chance only; with draws
# (written here into a copy: replicates 0,1 in draw 7 and 2,3 in draw 9), a second table and
# five more --csv columns per metric, equal to the law-of-total-variance split written out
# below independently of analysis/posterior.py.
/usr/bin/python3 -c "
import sys
sys.path.insert(0, '$SRC/analysis')
import renkei_data  # its xarray opens renkei files without h5netcdf's quadratic dimension sizes
xr = renkei_data.import_xarray()
ds = xr.open_dataset('$WORK/a.h5', engine='h5netcdf').load()
ds.drop_vars([v for v in ['parameter_draw'] if v in ds.variables]).to_netcdf('$WORK/nodraws.h5', engine='h5netcdf')
" || fail "could not write a copy without parameter_draw"
out=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/nodraws.h5" --metric certifications_end) || fail "summary.py failed"
grep -q "^Parameter uncertainty: not included (the file has no posterior draws)" <<<"$out" ||
  fail "no note that parameter uncertainty is not included: $out"
cp "$WORK/a.h5" "$WORK/draws.h5"
/usr/bin/python3 - "$WORK/draws.h5" <<'EOF' || fail "could not write parameter_draw with h5py"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    if "parameter_draw" in f:
        f["parameter_draw"][...] = [7, 7, 9, 9]
    else:
        v = f.create_dataset("parameter_draw", data=np.array([7, 7, 9, 9], dtype=np.int32))
        v.dims[0].attach_scale(f["replicate"])
    # Distinct values, so that both parts of the variance are non-zero.
    f["final_certifications_end"][0, :] = [10.0, 14.0, 30.0, 31.0]
EOF
out=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/draws.h5" --metric certifications_end) || fail "summary.py on draws failed"
grep -q "^Parameter uncertainty (2 posterior draws, 2 replicates each)" <<<"$out" || fail "no parameter-uncertainty table: $out"
csv=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/draws.h5" --metric certifications_end --csv) || fail "summary.py --csv on draws failed"
/usr/bin/python3 - "$csv" "$out" <<'EOF' || fail "parameter split wrong (see above)"
import csv, io, math, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
r = rows[0]
x = {7: [10.0, 14.0], 9: [30.0, 31.0]}
means = [sum(v) / len(v) for v in x.values()]
mean = sum(means) / 2
var_means = sum((m - mean) ** 2 for m in means) / 1
within = sum((a - m) ** 2 for v, m in zip(x.values(), means) for a in v) / 2
sd_param = math.sqrt(max(0.0, var_means - 0.5 * within))
z = 1.6448536269514722  # the 95 % normal quantile: the stored band 0.05-0.95 spans 90 %
want = {"draws_mean": mean, "sd_chance": math.sqrt(within), "sd_parameters": sd_param,
        "param_range_lo": mean - z * sd_param, "param_range_hi": mean + z * sd_param}
bad = [f"{k}: {r.get('certifications_end_' + k)!r}, expected {v:.10g}" for k, v in want.items()
       if not math.isclose(float(r.get("certifications_end_" + k) or "nan"), v, rel_tol=1e-9)]
if len(r) != 1 + 8:
    bad.append(f"{len(r)} columns, expected 9: {list(r)}")
if f"{mean:.4g} [{mean - z * sd_param:.4g},{mean + z * sd_param:.4g}]" not in sys.argv[2]:
    bad.append("the text table does not show the mean over draws and its range")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

echo "not hdf5" >"$WORK/bad.h5"
set +e
err=$(/usr/bin/python3 "$SRC/analysis/summary.py" "$WORK/bad.h5" 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "expected exit 2 for a non-renkei file, got $rc"
grep -q "bad.h5" <<<"$err" || fail "error does not name the file: $err"
grep -q "not a renkei output file" <<<"$err" || fail "unclear error: $err"
note "ok"
