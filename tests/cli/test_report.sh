#!/usr/bin/env bash
# analysis/report.py: a two-scenario study gives a self-contained report.html (every figure
# embedded as a PNG data URI, scenario names, comparison table, provenance), non-blank PNGs
# and a comparison that pairs replicates and skips failed runs; files without replicate
# series work; a non-renkei file and an unknown --baseline exit 2 with a clear message. The
# decision page shows each scenario's costs per policy and kind (the file's means) and its budget
# warnings in both languages, says so when the file records no costs per policy, and damaged
# cost variables exit 2 naming the variable.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

require_python xarray h5netcdf h5py matplotlib scipy
REPORT=$SRC/analysis/report.py

run_push_study 4

# run_report ARGS... — like run_renkei, for report.py.
run_report() {
  set +e
  # --no-pdf: decision.pdf (Chromium, a few seconds a run) is checked in test_report_exports.sh.
  "$PY" "$REPORT" --no-pdf "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
}

run_report study.h5 -o rep
[[ $RC -eq 0 ]] || fail "report.py exited $RC$(show_output)"
[[ $(cat out) == "$WORK/rep/report.html" ]] || fail "report.py did not print the report's path$(show_output)"
[[ -s rep/report.html ]] || fail "rep/report.html missing or empty"
html=rep/report.html
for alt in "fan charts" "forest plot" "awareness funnel" "cost against effect"; do
  grep -qF "<img src=\"data:image/png;base64," "$html" || fail "no embedded PNG in report.html"
  grep -qE "<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{200,}\" alt=\"$alt\">" "$html" \
    || fail "report.html does not embed the '$alt' figure as a PNG data URI"
done
grep -qF "<td>base</td>" "$html" || fail "scenario 'base' not in the tables of report.html"
grep -qF "<td>push</td>" "$html" || fail "scenario 'push' not in the tables of report.html"
grep -qF "<th>Δ mean</th>" "$html" || fail "comparison table missing from report.html"
grep -qF "Information pushed to firms from July 2005" "$html" || fail "scenario description missing"
grep -qF "<td>renkei_version</td>" "$html" || fail "provenance section missing"
if grep -qE '<(img|script|link)[^>]*(src|href)="(https?:|file:|[a-z_]+\.png)' "$html"; then
  fail "report.html refers to external files or scripts"
fi

# PNGs: each written file is what the HTML embeds, and none is blank (one colour).
"$PY" - rep <<'EOF' || fail "figure check failed (see above)"
import base64, io, os, re, sys
import matplotlib.image as mpimg
import numpy as np

outdir = sys.argv[1]
html = open(os.path.join(outdir, "report.html"), encoding="utf-8").read()
embedded = [base64.b64decode(m) for m in re.findall(r'data:image/png;base64,([A-Za-z0-9+/=]+)', html)]
bad = []
for name in ("fan_charts.png", "forest.png", "funnel.png", "cost_effect.png"):
    path = os.path.join(outdir, name)
    if not os.path.isfile(path):
        bad.append(f"{name} not written")
        continue
    data = open(path, "rb").read()
    if data not in embedded:
        bad.append(f"{name} is not the figure embedded in report.html")
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    if pixels.ndim != 3 or min(pixels.shape[:2]) < 100:
        bad.append(f"{name}: unexpected image shape {pixels.shape}")
    elif np.all(pixels == pixels[0, 0]):
        bad.append(f"{name} is blank (every pixel the same)")
for b in bad:
    print(f"report: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# The comparison pairs replicate r of push with replicate r of base and leaves out runs
# with run_ok = 0. Mark replicate 0 of push as failed (its finals stay in the file, so only
# run_ok can exclude it) and recompute the paired mean of aware_share_end from the raw
# finals. Push delivery at 0.02/week for 39 weeks reaches 1 - exp(-0.78) ≈ 54 % of the
# unaware firms, an effect of tens of percentage points against a paired SD of about one,
# so with 3 pairs it is significant at the Holm-adjusted 5 % level.
cp study.h5 failed.h5
"$PY" - failed.h5 <<'EOF' || fail "could not mark a failed run with h5py"
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    f["run_ok"][1, 0] = 0
EOF
run_report failed.h5 -o rep_failed --baseline base
[[ $RC -eq 0 ]] || fail "report.py on a file with a failed run exited $RC$(show_output)"
"$PY" - failed.h5 rep_failed/comparison.csv <<'EOF' || fail "comparison numbers wrong (see above)"
import csv, sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    ok = f["run_ok"][()] == 1
    x = f["final_aware_share_end"][()]
rows = {(r["metric"], r["policy"]): r for r in csv.DictReader(open(sys.argv[2]))}
bad = []
r = rows.get(("aware_share_end", "push"))
if r is None:
    bad.append("no aware_share_end row for push in comparison.csv")
else:
    both = ok[0] & ok[1]
    want = float(np.mean(x[1, both] - x[0, both]))
    if int(r["n"]) != 3:
        bad.append(f"aware_share_end: {r['n']} pairs, expected 3 (replicate 0 of push failed)")
    # comparison.csv holds ten significant digits.
    if abs(float(r["mean_diff"]) - want) > 1e-9 * abs(want):
        bad.append(f"aware_share_end: paired mean {r['mean_diff']}, expected {want}")
    if not float(r["ci_lo"]) <= float(r["mean_diff"]) <= float(r["ci_hi"]):
        bad.append(f"aware_share_end: interval [{r['ci_lo']}, {r['ci_hi']}] misses the mean {r['mean_diff']}")
    if r["significant"] != "1" or not float(r["mean_diff"]) > 0.1:
        bad.append(f"aware_share_end: push effect {r['mean_diff']} (Holm p {r['p_adjusted']}) "
                   "not a significant gain of more than 0.1")
for b in bad:
    print(f"report: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# One set of verdicts: the report's comparison.csv starts with the columns of `renkei compare
# --csv` on the same metrics (the posterior columns follow; test_report_posterior.sh checks
# them) and, row by row, has the same numbers, levels and verdicts.
# Three scenarios, so that each metric's family holds two tests and Holm has work to do.
# The weak push also has fixed and running charges and a budget cap that they reach in
# January 2006; its push contacts (¥2,000 each, about ¥10,000 a week) take it past the cap, so
# the file carries budget_warnings.
sed -e 's/name = "push"/name = "push_weak"/' -e 's/push_rate = 0.02/push_rate = 0.004/' \
  -e '/^start = /a cost_fixed_yen = 5.0e5\ncost_per_year_yen = 1.0e6\nbudget_cap_yen = 1.0e6' \
  push.toml >push_weak.toml
expect_rc 0 "run of three scenarios" run base.toml push.toml push_weak.toml -n 3 -j 2 -q -o three.h5
run_report three.h5 -o rep_three
[[ $RC -eq 0 ]] || fail "report.py on three scenarios exited $RC$(show_output)"
# Costs by policy: one row per scenario's base and per policy, adding up to the scenario's mean
# final_policy_cost_total over its finished runs.
"$PY" - rep_three/costs_by_policy.csv three.h5 <<'EOF' || fail "report: costs_by_policy.csv (see above)"
import csv, sys, h5py, numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
f = h5py.File(sys.argv[2], "r")
names = [x.decode() if isinstance(x, bytes) else x for x in f["scenario"][...]]
ok = f["run_ok"][...] == 1
bad = []
if [(r["scenario"], r["policy"]) for r in rows if r["policy"] == "(base)"] != [(n, "(base)") for n in names]:
    bad.append(f"rows {[(r['scenario'], r['policy']) for r in rows]}")
for i, n in enumerate(names):
    mine = [r for r in rows if r["scenario"] == n]
    total = sum(float(r["policy_cost_total"]) for r in mine)
    want = float(np.mean(f["final_policy_cost_total"][i][ok[i]]))
    if abs(total - want) > 2 * len(mine) + 1e-9 * abs(want):
        bad.append(f"{n}: rows add up to {total}, final_policy_cost_total {want}")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
# The decision page says what each scenario's spending is made of, in both languages: the
# numbers are the file's means (computed by the checker from the HDF5), and the budget
# warning is shown.
"$PY" "$SRC/tests/cli/check_decision_costs.py" rep_three/report.html three.h5 "$SRC/analysis" ja,en table+warning \
  || fail "report: the decision page's costs (see above)"
metrics=$("$PY" -c "import csv; print(','.join(dict.fromkeys(r['metric'] for r in csv.DictReader(open('rep_three/comparison.csv')))))")
expect_rc 0 "compare --csv on the report's metrics" compare three.h5 --csv --metric "$metrics"
cp "$WORK/out" compare.csv
"$PY" - rep_three/comparison.csv compare.csv <<'EOF' || fail "report and compare disagree (see above)"
import csv, math, sys
report = list(csv.reader(open(sys.argv[1])))
compare = list(csv.reader(open(sys.argv[2])))
bad = []
ncols = len(compare[0])
if report[0][:ncols] != compare[0]:
    bad.append(f"columns differ:\n report  {report[0][:ncols]}\n compare {compare[0]}")
else:
    key = lambda row: (row[0], row[2])  # policy, metric
    cmp = {key(r): r for r in compare[1:]}
    if sorted(cmp) != sorted(key(r) for r in report[1:]):
        bad.append(f"rows differ: {sorted(cmp)} vs {sorted(key(r) for r in report[1:])}")
    for r in report[1:]:
        c = cmp.get(key(r))
        for name, a, b in zip(report[0][:ncols], r[:ncols], c or []):
            try:
                fa, fb = float(a), float(b)
                # scipy's and Boost's t quantiles agree to about 1e-7 relative at the corrected
                # levels (seen: 1.1e-7 on an interval bound); 1e-6 still catches any real difference.
                same = math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-12)
            except ValueError:
                same = a == b
            if not same:
                bad.append(f"{key(r)} {name}: report {a!r}, compare {b!r}")
for row in report[1:]:
    for cell in row:
        try:
            float(cell)
        except ValueError:
            continue
        digits = cell.split("e")[0].replace("-", "").replace(".", "").lstrip("0")
        if "e+" in cell or len(digits) > 10:
            bad.append(f"badly rounded value {cell!r} in {row[:3]}")
for b in bad[:20]:
    print(f"report/compare: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# The decision page opens the report: a ranked table and one sentence per policy, then the
# certifications small multiples; the yen-per-certification interval (Fieller) covers a known
# ratio; the policy colours are the colour-blind-safe Okabe-Ito palette.
html=rep_three/report.html
"$PY" - "$html" "$SRC/analysis" <<'EOF' || fail "decision page wrong (see above)"
import re, sys
import numpy as np
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[2])
import decision
import report
page = open(sys.argv[1], encoding="utf-8").read()
bad = []
# Both languages by default: Japanese first, then English, each opening with its summary.
if not 0 < page.find('<div class="page" id="page-ja"') < page.find('<div class="page" id="page-en"'):
    bad.append("the page does not hold a Japanese and then an English body")
for lang, head, sentence in (("ja", "意思決定のための要約", "2006-03-31までの認定件数"),
                             ("en", "Decision summary", "certifications by 2006-03-31")):
    html = page[page.find(f'id="page-{lang}"'):]
    html = html[:html.find('<div class="page"', 10) % (len(html) + 1)]
    first = html.find("<h2>")
    if not html.startswith(f"<h2>{head}</h2>", first):
        bad.append(f"{lang}: the report does not open with the decision summary: {html[first:first + 40]!r}")
    for p in ("push", "push_weak"):
        if not re.search(rf"<li>{p}: [^<]*{sentence}", html):
            bad.append(f"{lang}: no plain-language sentence for {p}")
    if 'alt="certifications by policy"' not in html or '<select class="outcome">' not in html:
        bad.append(f"{lang}: no certifications small multiples or no outcome chooser")
rng = np.random.default_rng(1)
dg = 5 + rng.normal(0, 1, 40)
dc = 2e6 * dg + rng.normal(0, 1e5, 40)
lo, hi = decision.fieller(dc, dg, 0.95)
if not lo < 2e6 < hi or not hi - lo < 2e5:
    bad.append(f"Fieller interval [{lo}, {hi}] misses or is too wide for the ratio 2e6")
if not np.isnan(decision.fieller(dc, rng.normal(0, 1, 40), 0.95)[0]):
    bad.append("Fieller interval bounded for a gain that is not away from 0")
colors = report.scenario_colors(["base", "a", "b"], "base")
if colors["base"] != "black" or colors["a"] not in report.OKABE_ITO or colors["a"] == colors["b"]:
    bad.append(f"palette: {colors}")
if not report.all_zero([0.0, np.nan, 0.0]) or report.all_zero([0.0, 1.0]):
    bad.append("all_zero wrong")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# Without replicate series (only summaries and finals) the report still works; the default
# output directory is <stem>_report/ next to the file.
expect_rc 0 "run without replicate series" run base.toml push.toml -n 2 -j 2 -q --no-replicate-series -o slim.h5
if datasets slim.h5 | grep -qx '/collab_share'; then
  fail "slim.h5 holds replicate series although --no-replicate-series was given"
fi
run_report slim.h5
[[ $RC -eq 0 ]] || fail "report.py on a file without replicate series exited $RC$(show_output)"
[[ -s slim_report/report.html ]] || fail "default output directory slim_report/ not used$(show_output)"

# Files without costs per policy (written before them, or sweeps) still get a decision page,
# which says they are not recorded; damaged cost variables (some missing, another shape) are
# refused with the variable's name and exit 2, before the output directory is made.
# strip_vars FILE VAR... — delete variables with h5py, detaching their dimension scales first.
strip_vars() {
  "$PY" - "$@" <<'EOF' || fail "could not delete variables from $1 with h5py"
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    for name in sys.argv[2:]:
        v = f[name]
        for dim in v.dims:
            for scale in list(dim.values()):
                dim.detach_scale(scale)
        del f[name]
EOF
}
cp study.h5 norec.h5
strip_vars norec.h5 policy_name policy_cost_fixed_by_policy policy_cost_running_by_policy \
  policy_cost_per_contact_by_policy policy_cost_coaching_by_policy
run_report norec.h5 -o rep_norec
[[ $RC -eq 0 ]] || fail "report.py on a file without costs per policy exited $RC$(show_output)"
[[ ! -e rep_norec/costs_by_policy.csv ]] || fail "costs_by_policy.csv written for a file without costs per policy"
"$PY" "$SRC/tests/cli/check_decision_costs.py" rep_norec/report.html norec.h5 "$SRC/analysis" ja,en not-recorded \
  || fail "report: a file without costs per policy (see above)"
cp study.h5 partial.h5
strip_vars partial.h5 policy_cost_running_by_policy
run_report partial.h5 -o rep_partial
[[ $RC -eq 2 ]] || fail "a file with some of the cost variables: expected exit 2, got $RC$(show_output)"
expect_in err "partial.h5: policy_cost_running_by_policy is missing although policy_name is present" "a missing cost variable"
[[ ! -e rep_partial ]] || fail "a damaged file still created the output directory"
cp study.h5 damaged.h5
strip_vars damaged.h5 policy_cost_coaching_by_policy
"$PY" - damaged.h5 <<'EOF' || fail "could not write a damaged cost variable with h5py"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    v = f.create_dataset("policy_cost_coaching_by_policy", data=np.zeros(f["run_ok"].shape))
    v.dims[0].attach_scale(f["scenario"])
    v.dims[1].attach_scale(f["replicate"])
EOF
run_report damaged.h5 -o rep_damaged
[[ $RC -eq 2 ]] || fail "a cost variable of the wrong rank: expected exit 2, got $RC$(show_output)"
expect_in err "damaged.h5: policy_cost_coaching_by_policy has dimensions ('scenario', 'replicate'), expected ('scenario', 'replicate', 'policy')" "a cost variable of the wrong rank"
if grep -q Traceback err; then fail "a damaged cost variable gave a traceback$(show_output)"; fi

# Bad input: exit 2 and a message naming the file or listing the scenarios.
echo "not hdf5" >bad.h5
run_report bad.h5 -o rep_bad
[[ $RC -eq 2 ]] || fail "expected exit 2 for a non-HDF5 file, got $RC$(show_output)"
expect_in err "bad.h5: not a renkei output file" "non-HDF5 file"
"$PY" -c "import xarray as xr; xr.Dataset({'x': ('scenario', [1.0])}).to_netcdf('other.h5', engine='h5netcdf')" \
  || fail "could not write a plain netCDF-4 file"
run_report other.h5 -o rep_other
[[ $RC -eq 2 ]] || fail "expected exit 2 for an HDF5 file without renkei_version, got $RC$(show_output)"
expect_in err "other.h5: not a renkei output file (no renkei_version attribute" "HDF5 file that is not renkei output"
run_report missing.h5
[[ $RC -eq 2 ]] || fail "expected exit 2 for a missing file, got $RC$(show_output)"
expect_in err "missing.h5: no such file" "missing file"
run_report study.h5 -o rep2 --baseline nosuch
[[ $RC -eq 2 ]] || fail "expected exit 2 for an unknown --baseline, got $RC$(show_output)"
expect_in err "--baseline 'nosuch': no such scenario; the file holds: base, push" "unknown baseline"
[[ ! -e rep2 ]] || fail "an unknown --baseline still created the output directory"

# Languages. Every label exists in English and Japanese with the same fields; --lang en and
# --lang ja give one language only (and figure files of that language); Japanese figures need
# a font with Japanese glyphs: one without them is refused before anything is written.
"$PY" - "$SRC/analysis" <<'EOF' || fail "label table incomplete (see above)"
import string, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import labels
bad = []
fields = lambda t: sorted({f for _, f, _, _ in string.Formatter().parse(t) if f})  # noqa: E731
for key, (en, ja) in labels.LABELS.items():
    if not en.strip() or not ja.strip():
        bad.append(f"{key}: empty text")
    elif fields(en) != fields(ja):
        bad.append(f"{key}: fields {fields(en)} in English, {fields(ja)} in Japanese")
    elif key not in ("th_p", "no_gain") and en == ja:
        bad.append(f"{key}: not translated ({en!r})")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
run_report study.h5 -o rep_en --lang en
[[ $RC -eq 0 ]] || fail "report.py --lang en exited $RC$(show_output)"
grep -q 'id="page-ja"\|意思決定' rep_en/report.html && fail "--lang en wrote Japanese"
[[ -e rep_en/forest.png && ! -e rep_en/forest_ja.png ]] || fail "--lang en: figure files wrong: $(ls rep_en)"
run_report study.h5 -o rep_ja --lang ja
[[ $RC -eq 0 ]] || fail "report.py --lang ja exited $RC$(show_output)"
grep -qF '<html lang="ja">' rep_ja/report.html || fail "--lang ja: page not marked Japanese"
grep -qF '<h2>意思決定のための要約</h2>' rep_ja/report.html || fail "--lang ja: no Japanese decision summary"
grep -q 'id="page-en"\|Decision summary' rep_ja/report.html && fail "--lang ja wrote English"
[[ -e rep_ja/forest_ja.png && ! -e rep_ja/forest.png ]] || fail "--lang ja: figure files wrong: $(ls rep_ja)"
DEJAVU=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [[ -f $DEJAVU ]]; then
  run_report study.h5 -o rep_nofont --lang ja --cjk-font "$DEJAVU"
  [[ $RC -eq 2 ]] || fail "a font without Japanese glyphs: expected exit 2, got $RC$(show_output)"
  expect_in err "--cjk-font $DEJAVU: the font has no glyph for" "font without Japanese glyphs"
  expect_in err "apt-get install fonts-ipafont-gothic" "how to get a Japanese font"
  [[ ! -e rep_nofont ]] || fail "a refused font still created the output directory"
fi

# Scenario display names: string variables display_name_en / display_name_ja over
# (scenario), stored like the scenario coordinate (variable-length UTF-8, dimension scale
# attached). They replace the ids on the page; an empty entry falls back to the id; the CSV
# keeps the ids; a variable of another shape is refused.
cp study.h5 named.h5
"$PY" - named.h5 <<'EOF' || fail "could not add display names with h5py"
import sys, h5py
with h5py.File(sys.argv[1], "r+") as f:
    scen = [s.decode() for s in f["scenario"][()]]
    names = {"en": {"base": "Baseline (no measure)", "push": "Pushed information"},
             "ja": {"base": "", "push": "情報のプッシュ配信"}}
    for lang, table in names.items():
        if f"display_name_{lang}" in f:  # renkei writes them (ids where a scenario gives none): replace
            f[f"display_name_{lang}"].dims[0].detach_scale(f["scenario"])
            del f[f"display_name_{lang}"]
        v = f.create_dataset(f"display_name_{lang}", data=[table[s] for s in scen],
                             dtype=h5py.string_dtype("utf-8"))
        v.dims[0].attach_scale(f["scenario"])
        v.attrs["long_name"] = f"scenario display name ({lang})"
EOF
run_report named.h5 -o rep_named
[[ $RC -eq 0 ]] || fail "report.py on a file with display names exited $RC$(show_output)"
"$PY" - rep_named/report.html rep_named/comparison.csv <<'EOF' || fail "display names not used (see above)"
import csv, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
ja = page[page.index('id="page-ja"'):page.index('id="page-en"')]
en = page[page.index('id="page-en"'):]
bad = []
if not re.search(r"<li>情報のプッシュ配信: [^<]*", ja) or "<td>情報のプッシュ配信</td>" not in ja:
    bad.append("ja: the sentence or the decision table does not name the policy 情報のプッシュ配信")
if "<td>push</td>" in ja:
    bad.append("ja: a table shows the id 'push' instead of the display name")
if "基準シナリオは <b>base</b>" not in ja:
    bad.append("ja: an empty display name does not fall back to the id 'base'")
if not re.search(r"<li>Pushed information: [^<]*", en) or "baseline <b>Baseline (no measure)</b>" not in en:
    bad.append("en: the sentence or the introduction does not use the English display names")
if "<td>Pushed information (push)</td>" not in en:
    bad.append("en: the provenance table does not show the display name with its id")
if {r["policy"] for r in csv.DictReader(open(sys.argv[2]))} != {"push"}:
    bad.append("comparison.csv does not keep the scenario ids")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
# Damaged: display_name_ja over the replicates instead of the scenarios.
"$PY" -c "
import h5py
with h5py.File('named.h5', 'r+') as f:
    n = f['replicate'].shape[0]
    f['display_name_ja'].dims[0].detach_scale(f['scenario'])
    del f['display_name_ja']
    v = f.create_dataset('display_name_ja', data=['x'] * n, dtype=h5py.string_dtype('utf-8'))
    v.dims[0].attach_scale(f['replicate'])
" || fail "could not damage display_name_ja"
run_report named.h5 -o rep_badname
[[ $RC -eq 2 ]] || fail "a display_name_ja of the wrong shape: expected exit 2, got $RC$(show_output)"
expect_in err "named.h5: display_name_ja is not one name per scenario" "damaged display names"

note "ok"
