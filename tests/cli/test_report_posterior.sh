#!/usr/bin/env bash
# analysis/report.py under parameter uncertainty: on a study whose replicates ran with
# posterior draws (two replicates per draw), the report's table of effects over the
# posterior (mean, intervals, SD chance, SD parameters, range, P(beats baseline), share of
# draws first) and its P(row beats column) table print exactly what `renkei compare` prints
# in its posterior section, and comparison.csv holds the same numbers; with one replicate per
# draw both say n/a; a --point file makes the report say that parameter uncertainty is NOT
# included and how to include it; the funnel shows the consultation stage exactly when the
# file records consultations; a damaged parameter_draw exits 2 with a message naming the file.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

require_python xarray h5netcdf h5py matplotlib scipy
REPORT=$SRC/analysis/report.py
cd "$WORK"

run_report() {
  set +e
  # --no-pdf: decision.pdf (Chromium, a few seconds a run) is checked in test_report_exports.sh.
  "$PY" "$REPORT" --no-pdf "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
}

# The real baseline world (about 20 k firms) and two policies, 8 replicates over 4 draws:
# the effects differ between draws, so both parts of the uncertainty are non-trivial.
scen=("$SRC/scenarios/baseline.toml" "$SRC/scenarios/push_delivery.toml" "$SRC/scenarios/partner_introduction.toml")
expect_rc 0 "run with posterior draws" run "${scen[@]}" -n 8 --replicates-per-draw 2 -q -o draws.h5
"$PY" -c "import h5py, sys; sys.exit('parameter_draw' not in h5py.File('draws.h5', 'r'))" ||
  fail "draws.h5 has no parameter_draw: the scenarios' calibration names no posterior draws"

# check_agreement FILE REPORT_DIR — compare's posterior section and the report's tables agree
# cell by cell (the report prints compare's number format) and comparison.csv, formatted as
# compare prints, gives the same numbers.
check_agreement() {
  expect_rc 0 "compare $1" compare "$1"
  cp "$WORK/out" "$2.compare.txt"
  # English only: the report names policies by their English display names, compare by id.
  run_report "$1" -o "$2" --lang en
  [[ $RC -eq 0 ]] || fail "report.py on $1 exited $RC$(show_output)"
  "$PY" - "$2.compare.txt" "$2/report.html" "$2/comparison.csv" "$1" <<'EOF' || fail "report and compare disagree on $1 (see above)"
import csv, html, math, re, sys
import h5py

with h5py.File(sys.argv[4], "r") as f:
    ids = [x.decode() if isinstance(x, bytes) else str(x) for x in f["scenario"][()]]
    names = ([x.decode() if isinstance(x, bytes) else str(x) for x in f["display_name_en"][()]]
             if "display_name_en" in f else ids)
shown = {i: (n or i) for i, n in zip(ids, names)}

text = open(sys.argv[1]).read().splitlines()
page = open(sys.argv[2], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[3])))
bad = []

def cells(line):
    return re.split(r"\s{2,}", line.strip())

def compare_table(after):
    """The table following the line that starts with `after`: header, then rows."""
    start = next((i for i, l in enumerate(text) if l.startswith(after)), None)
    if start is None:
        return None
    i = next(i for i in range(start, len(text)) if text[i].startswith("policy"))
    out = [cells(text[i])]
    for line in text[i + 1:]:
        if not line.strip() or line.startswith("(") or line.startswith("P(row"):
            break
        out.append(cells(line))
    return out

def html_table(marker):
    """The first <table> after `marker` in the report, as lists of cell texts."""
    at = page.find(marker)
    if at < 0:
        return None
    body = page[at:page.index("</table>", at)]
    return [[html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]

def num(x):  # cmd_compare.cpp num(), written out independently of report.py
    if math.isnan(x):
        return "nan"
    if x == 0:
        return "0"
    return f"{x:.3e}" if abs(x) >= 1e4 or abs(x) < 1e-3 else f"{x:.4g}"

want = compare_table("parameter uncertainty: certifications_end over")
got = html_table("(certifications_end):</p>")
if want is None:
    bad.append("renkei compare printed no posterior section")
elif got is None:
    bad.append("the report has no table of effects over the posterior")
else:
    if len(want) != len(got) or len(want) < 3:
        bad.append(f"{len(want) - 1} policies in compare, {len(got) - 1} in the report")
    for w, g in zip(want[1:], got[1:]):
        for name, a, b in zip(want[0], w, g):
            if name == "policy":
                a = shown.get(a, a)
            if a != b:
                bad.append(f"{w[0]} {name}: compare {a!r}, report {b!r}")
    # comparison.csv (ten digits) rounds to what compare prints.
    csv_rows = {r["policy"]: r for r in rows if r["metric"] == "certifications_end"}
    for w in want[1:]:
        r = csv_rows.get(w[0])
        col = dict(zip(want[0], w))
        if r is None:
            bad.append(f"no certifications_end row for {w[0]} in comparison.csv")
            continue
        p = r["prob_beats_baseline"]
        p_text = "n/a" if p == "" else f"{float(p):.3f}"
        sd = num(float(r["sd_parameters"])) if r["sd_parameters"] else "nan"
        sd_w = num(float(r["sd_chance"])) if r["sd_chance"] else "nan"
        for name, mine, theirs in (("P(beats baseline)", p_text, col["P(beats baseline)"]),
                                   ("SD parameters", sd, col["SD parameters"]),
                                   ("SD chance", sd_w, col["SD chance"]),
                                   ("mean d", num(float(r["posterior_mean_diff"])), col["mean d"]),
                                   ("first", f"{100 * float(r['share_first']):.0f}%", col["first"])):
            if mine != theirs:
                bad.append(f"comparison.csv {w[0]} {name}: {mine!r}, compare {theirs!r}")
        # The decision table carries P(beats baseline) too.
        if not re.search(rf"<td>{re.escape(shown.get(w[0], w[0]))}</td>.*?<td class=\"num\">{re.escape(col['P(beats baseline)'])}</td></tr>", page):
            bad.append(f"decision table: no P(beats baseline) {col['P(beats baseline)']} for {w[0]}")
        if not re.search(rf"<li>{re.escape(shown.get(w[0], w[0]))}: [^<]*(over the posterior|draws)[^<]*</li>", page):
            bad.append(f"no sentence on how sure the ranking of {w[0]} is")

want_pw = compare_table("P(row beats column)")
got_pw = html_table("P(row beats column)")
if (want_pw is None) != (got_pw is None):
    bad.append(f"P(row beats column): compare {'has' if want_pw else 'lacks'} it, the report "
               f"{'has' if got_pw else 'lacks'} it")
elif want_pw is not None and [[shown.get(c, c) for c in r] for r in want_pw] != got_pw:
    bad.append(f"P(row beats column): compare {want_pw}, report {got_pw}")
for b in bad[:20]:
    print(f"report/compare: {b}", file=sys.stderr)
print("compare:", *(" | ".join(r) for r in (want or [])), sep="\n  ")
sys.exit(1 if bad else 0)
EOF
}

check_agreement draws.h5 rep
grep -qF "Parameter uncertainty is NOT included" rep/report.html &&
  fail "a study with posterior draws says parameter uncertainty is not included"

# One replicate per draw: chance and parameters cannot be told apart; both say n/a.
cp draws.h5 single.h5
"$PY" -c "
import h5py, numpy as np
with h5py.File('single.h5', 'r+') as f:
    f['parameter_draw'][...] = np.arange(f['parameter_draw'].shape[0], dtype=np.int32)
" || fail "could not rewrite parameter_draw with h5py"
check_agreement single.h5 rep_single
expect_in rep_single/report.html "One replicate per draw: chance and parameters cannot be told apart" "one replicate per draw"

# A --point run: the report says plainly that parameter uncertainty is not included, and how
# to include it; comparison.csv leaves the posterior columns empty.
expect_rc 0 "run at the point estimate" run "${scen[0]}" "${scen[1]}" -n 2 --point -q -o point.h5
run_report point.h5 -o rep_point
[[ $RC -eq 0 ]] || fail "report.py on point.h5 exited $RC$(show_output)"
expect_in rep_point/report.html "<b>Parameter uncertainty is NOT included</b>: the replicates ran at the calibrated point estimate" "--point note"
expect_in rep_point/report.html "run <code>renkei run</code> without <code>--point</code>" "how to include parameter uncertainty"
"$PY" - rep_point/comparison.csv <<'EOF' || fail "posterior columns of a --point comparison.csv not empty"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(1 if not rows or any(r["prob_beats_baseline"] or r["sd_parameters"] for r in rows) else 0)
EOF

# The funnel: the consultation stage and the program's funnel finals appear exactly when the
# file records consultations (files of older binaries do not). Both variants are made from
# draws.h5, whichever binary wrote it.
"$PY" - draws.h5 "$SRC/analysis" <<'EOF' || fail "could not write the funnel variants"
import sys
sys.path.insert(0, sys.argv[2])
import renkei_data  # its xarray opens renkei files without h5netcdf's quadratic dimension sizes
xr = renkei_data.import_xarray()
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf").load()
new = ["consultations_total", "applications_total", "consultations_per_certification_fy1",
       "requirements_met_share_end"]
drop = [v for v in ds.variables if v.startswith("consultations")
        or any(v.startswith(f"final_{m}") for m in new)]
ds.drop_vars(drop).to_netcdf("old_funnel.h5", engine="h5netcdf")
if "consultations_mean" not in ds:
    ds["consultations_mean"] = ds["applications_mean"] * 30
    ds["consultations_quantile"] = ds["applications_quantile"] * 30
    for m in new:
        ds[f"final_{m}"] = xr.full_like(ds["final_certifications_end"], 1.0)
        ds[f"final_{m}_mean"] = xr.full_like(ds["final_certifications_end_mean"], 1.0)
ds.to_netcdf("new_funnel.h5", engine="h5netcdf")
EOF
run_report new_funnel.h5 -o rep_new
[[ $RC -eq 0 ]] || fail "report.py on a file with consultations exited $RC$(show_output)"
expect_in rep_new/report.html "<th>consultations (cumulative)</th>" "consultation stage of the funnel"
expect_in rep_new/report.html "<th>consultations per certification (first FY)</th>" "funnel finals"
run_report old_funnel.h5 -o rep_old
[[ $RC -eq 0 ]] || fail "report.py on a file without consultations exited $RC$(show_output)"
grep -qF "<th>consultations (cumulative)</th>" rep_old/report.html &&
  fail "the funnel shows a consultation stage for a file without consultations"
expect_in rep_old/report.html "<th>applications (cumulative)</th>" "funnel of an older file"

# A damaged parameter_draw (not one value per replicate): exit 2, the file named, no output.
"$PY" -c "
import sys
sys.path.insert(0, '$SRC/analysis')
import renkei_data
xr = renkei_data.import_xarray()
ds = xr.open_dataset('draws.h5', engine='h5netcdf').load()
ds['parameter_draw'] = ('scenario', list(range(ds.sizes['scenario'])))
ds.to_netcdf('baddraw.h5', engine='h5netcdf')
" || fail "could not write baddraw.h5"
run_report baddraw.h5 -o rep_bad
[[ $RC -eq 2 ]] || fail "expected exit 2 for a damaged parameter_draw, got $RC$(show_output)"
expect_in err "baddraw.h5: parameter_draw is not one draw number per replicate" "damaged parameter_draw"
grep -q "Traceback" err && fail "report.py printed a traceback$(show_output)"
[[ ! -e rep_bad ]] || fail "a refused file still created the output directory"

note "ok"
