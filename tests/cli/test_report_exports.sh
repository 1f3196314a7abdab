#!/usr/bin/env bash
# analysis/report.py's exports: comparison.json, comparison_excel.csv (UTF-8 with BOM, CRLF)
# and comparison.xlsx hold the values of comparison.csv (JSON numbers, booleans and nulls;
# the XLSX's cells as numbers with number formats, a unit row, a frozen header); every
# figure is written as PNG and SVG; decision.pdf (headless Chromium, when installed) is one
# A4 page that embeds the Japanese font, and its print page shows the costs per policy in both
# languages; without Chromium on PATH the report still writes everything else and exits 0
# (one note on stderr), and with --pdf exits 2 saying why; without openpyxl it skips the XLSX
# with one note and still writes the rest.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

require_python xarray h5netcdf h5py matplotlib scipy
HAVE_OPENPYXL=0
"$PY" -c "import openpyxl" 2>/dev/null && HAVE_OPENPYXL=1
CHROMIUM=$(command -v chromium || true)
REPORT=$SRC/analysis/report.py

run_push_study 3

# run_report ARGS... — like run_renkei, for report.py (PATH and PYTHONPATH as set by the caller).
run_report() {
  set +e
  "$PY" "$REPORT" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  RC=$?
  set -e
}

# 1. Both languages (the default), the PDF made because Chromium is found.
run_report study.h5 -o rep
[[ $RC -eq 0 ]] || fail "report.py exited $RC$(show_output)"
for f in comparison.csv comparison.json comparison_excel.csv report.html; do
  [[ -s rep/$f ]] || fail "rep/$f missing or empty$(show_output)"
done
if [[ $HAVE_OPENPYXL -eq 1 ]]; then
  [[ -s rep/comparison.xlsx ]] || fail "rep/comparison.xlsx missing although openpyxl is installed$(show_output)"
else
  note "python3-openpyxl not installed: the XLSX checks are skipped"
fi
if [[ -n $CHROMIUM ]]; then
  [[ -s rep/decision.pdf && -s rep/decision.html ]] || fail "Chromium is on PATH but decision.pdf or decision.html is missing$(show_output)"
  if grep -q "<script" rep/decision.html; then fail "decision.html has a script (it must be static)"; fi
else
  note "chromium not installed: the PDF checks are skipped"
  expect_in err "decision.pdf not made: no Chromium on PATH" "note about the missing PDF"
fi

"$PY" - rep "$HAVE_OPENPYXL" "$SRC/analysis" study.h5 <<'EOF' || fail "exports differ from comparison.csv (see above)"
import csv, io, json, math, os, sys
import h5py

outdir, have_xlsx = sys.argv[1], sys.argv[2] == "1"
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[3])
import exports

bad = []
rows = list(csv.reader(open(os.path.join(outdir, "comparison.csv"), newline="")))
header, cells = rows[0], rows[1:]
if len(cells) < 9:
    bad.append(f"comparison.csv has {len(cells)} rows, expected one per metric (9)")


def same(column, cell, value):
    """A typed export value equals the CSV's text cell."""
    kind = exports.column_type(column)
    if cell == "":
        return value is None or value == ""
    if kind == "string":
        return value == cell
    if kind == "boolean":
        return value is (cell == "1") or value == (cell == "1")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return float(value) == float(cell)


# comparison.json: strict JSON (no NaN), same rows and values, metadata.
def no_constants(name):
    raise ValueError(f"non-standard JSON constant {name}")


doc = json.loads(open(os.path.join(outdir, "comparison.json"), encoding="utf-8").read(),
                 parse_constant=no_constants)
if doc.get("schema") != "renkei-report-comparison/1":
    bad.append(f"json: schema {doc.get('schema')!r}")
if [c["name"] for c in doc["columns"]] != header:
    bad.append("json: columns differ from comparison.csv's header")
units = {c["name"]: c["unit"] for c in doc["columns"]}
if units.get("mean_diff") != "row" or units.get("yen_per_certification") != "yen" or units.get("p") != "probability":
    bad.append(f"json: column units wrong: {units}")
if len(doc["rows"]) != len(cells):
    bad.append(f"json: {len(doc['rows'])} rows, csv {len(cells)}")
for row, cell_row in zip(doc["rows"], cells):
    for column, cell in zip(header, cell_row):
        if not same(column, cell, row.get(column, "MISSING")):
            bad.append(f"json: {cell_row[2]}/{column}: {row.get(column, 'MISSING')!r} vs csv {cell!r}")
with h5py.File(sys.argv[4], "r") as f:
    version = f.attrs["renkei_version"]
    version = version.decode() if isinstance(version, bytes) else str(version)
src = doc["source"]
if src["file"] != "study.h5" or src["renkei_version"] != version:
    bad.append(f"json: source {src}, expected study.h5 and renkei {version}")
if doc["alpha"] != 0.05 or doc["correction"] != "holm" or doc["baseline"] != "base":
    bad.append(f"json: alpha {doc['alpha']}, correction {doc['correction']}, baseline {doc['baseline']}")
scen = {s["id"]: s for s in doc["scenarios"]}
if sorted(scen) != ["base", "push"] or scen["base"]["role"] != "baseline" or \
        set(scen["push"]["display_name"]) != {"en", "ja"}:
    bad.append(f"json: scenarios {doc['scenarios']}")
metrics = {m["id"]: m for m in doc["metrics"]}
if metrics.get("certifications_end", {}).get("name", {}).get("ja") != "終了日までの認定件数" or \
        metrics.get("policy_cost_total", {}).get("unit") != "yen":
    bad.append(f"json: metrics {doc['metrics']}")

# comparison_excel.csv: BOM, CRLF, the name columns, then the same cells.
raw = open(os.path.join(outdir, "comparison_excel.csv"), "rb").read()
if not raw.startswith(b"\xef\xbb\xbf"):
    bad.append(f"excel csv does not start with the UTF-8 BOM: {raw[:3]!r}")
lines = raw.split(b"\n")
if lines[-1] != b"" or not all(l.endswith(b"\r") for l in lines[:-1]):
    bad.append("excel csv: not every line ends with CRLF")
excel = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
k = len(exports.NAME_COLUMNS)
if excel[0] != exports.NAME_COLUMNS + header:
    bad.append(f"excel csv header {excel[0]}")
elif [r[k:] for r in excel[1:]] != cells:
    bad.append("excel csv: cells differ from comparison.csv")
elif not any(r[3] == "終了日までの認定件数" for r in excel[1:]):
    bad.append("excel csv: no Japanese metric name (not read back as UTF-8?)")

# comparison.xlsx: header, unit row, values equal to the CSV's, formats, frozen header.
if have_xlsx:
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(outdir, "comparison.xlsx"))
    ws = wb["comparison"]
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    if sheet[0] != exports.NAME_COLUMNS + header:
        bad.append(f"xlsx header {sheet[0]}")
    if len(sheet) - 2 != len(cells):
        bad.append(f"xlsx: {len(sheet) - 2} data rows, csv {len(cells)}")
    for r, cell_row in zip(sheet[2:], cells):
        for column, cell, value in zip(header, cell_row, r[k:]):
            if not same(column, cell, value):
                bad.append(f"xlsx: {cell_row[2]}/{column}: {value!r} vs csv {cell!r}")
    if ws.freeze_panes != "B3":
        bad.append(f"xlsx: frozen panes at {ws.freeze_panes}, expected B3 (header and units)")
    col = {name: i + 1 for i, name in enumerate(sheet[0])}
    cost_row = next(i for i, r in enumerate(cells, start=3) if r[2] == "policy_cost_total")
    share_row = next(i for i, r in enumerate(cells, start=3) if r[2] == "aware_share_end")
    formats = {
        "yen in millions": ws.cell(cost_row, col["mean_diff"]).number_format,
        "share as %": ws.cell(share_row, col["mean_diff"]).number_format,
        "probability as %": ws.cell(share_row, col["prob_mean_diff_positive"]).number_format,
    }
    if formats["yen in millions"] != "#,##0.00,," or "%" not in formats["share as %"] \
            or "%" not in formats["probability as %"]:
        bad.append(f"xlsx number formats: {formats}")
    if not str(sheet[1][col["mean_diff"] - 1]).startswith("as `unit`"):
        bad.append(f"xlsx unit row: {sheet[1]}")
    if ws.column_dimensions["A"].width is None or ws.column_dimensions["A"].width < 8:
        bad.append("xlsx: column widths not set")
    if "about" not in wb.sheetnames:
        bad.append("xlsx: no sheet 'about'")

# Every figure as PNG and SVG (for slides); the decision page's in both languages.
pngs = sorted(f for f in os.listdir(outdir) if f.endswith(".png"))
for png in pngs:
    svg = os.path.join(outdir, png[:-4] + ".svg")
    if not os.path.isfile(svg) or b"<svg" not in open(svg, "rb").read(2000):
        bad.append(f"{png} has no SVG twin")
for name in ("by_policy_certifications.png", "by_policy_certifications_ja.png", "forest_ja.png"):
    if name not in pngs:
        bad.append(f"figure {name} not written")
for b in bad[:30]:
    print(f"report_exports: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# check_pdf PDF CJK — exactly one A4 page; with CJK=1 the Japanese font is embedded.
check_pdf() {
  "$PY" - "$1" "$2" "$SRC/analysis" <<'EOF' || fail "$1 is wrong (see above)"
import re, shutil, subprocess, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[3])
import cjk_font
from matplotlib import ft2font

data = open(sys.argv[1], "rb").read()
bad = []
if not data.startswith(b"%PDF-"):
    bad.append("not a PDF")
pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
if shutil.which("pdfinfo"):  # poppler-utils, when installed, must agree
    info = subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
if pages != 1:
    bad.append(f"{pages} pages, expected exactly one")
box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", data).group(1).split()]
if abs(box[2] - 595) > 2 or abs(box[3] - 842) > 2:
    bad.append(f"page size {box[2]:.0f} x {box[3]:.0f} pt, expected A4 portrait (595 x 842)")
fonts = sorted({f.decode() for f in re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/<>\[\]]+)", data)})
print(f"report_exports: {sys.argv[1]}: {pages} page, {box[2]:.0f} x {box[3]:.0f} pt, fonts {fonts}")
if sys.argv[2] == "1":
    cjk = ft2font.FT2Font(cjk_font.find()).postscript_name
    if cjk not in fonts:
        bad.append(f"the Japanese font {cjk} is not embedded (fonts: {fonts})")
for b in bad:
    print(f"report_exports: {sys.argv[1]}: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

mkdir -p empty-bin fake-py/openpyxl
echo 'raise ImportError("openpyxl hidden by the test")' >fake-py/openpyxl/__init__.py
if [[ -n $CHROMIUM ]]; then
  check_pdf rep/decision.pdf 1
  # The one-page PDF's print page says what the spending is made of, in both languages, with
  # the file's means (and no budget warning: this study has no cap).
  "$PY" "$SRC/tests/cli/check_decision_costs.py" rep/decision.html study.h5 "$SRC/analysis" ja,en table \
    || fail "decision.html: the costs per policy (see above)"
  # 2. English only with --pdf (a page without Japanese) and openpyxl hidden: the XLSX is
  #    skipped with one note, everything else is written.
  PYTHONPATH=$WORK/fake-py run_report study.h5 -o rep_en --lang en --pdf
  [[ $RC -eq 0 ]] || fail "report.py --lang en --pdf without openpyxl exited $RC$(show_output)"
  check_pdf rep_en/decision.pdf 0
  grep -q 'lang="ja"' rep_en/decision.html && fail "--lang en: decision.html holds Japanese"
  [[ ! -e rep_en/comparison.xlsx ]] || fail "comparison.xlsx written although openpyxl was hidden"
  [[ $(grep -c "comparison.xlsx not written: cannot import openpyxl" err) -eq 1 ]] || fail "no single note about the skipped XLSX$(show_output)"
  [[ -s rep_en/comparison_excel.csv && -s rep_en/comparison.json ]] || fail "without openpyxl the other exports are missing"
  cmp -s rep_en/comparison.csv rep/comparison.csv || fail "comparison.csv differs with and without openpyxl"
fi

# 3. No Chromium on PATH (and no openpyxl): everything else is written, exit 0, one note each;
#    a decision.pdf and comparison.xlsx of an earlier report in the directory are removed.
mkdir -p rep_bare
[[ -e rep/decision.pdf ]] && cp rep/decision.pdf rep_bare/
[[ -e rep/comparison.xlsx ]] && cp rep/comparison.xlsx rep_bare/
PATH=$WORK/empty-bin PYTHONPATH=$WORK/fake-py run_report study.h5 -o rep_bare --lang en
[[ $RC -eq 0 ]] || fail "report.py without Chromium and openpyxl exited $RC$(show_output)"
for f in comparison.csv comparison.json comparison_excel.csv report.html forest.png forest.svg; do
  [[ -s rep_bare/$f ]] || fail "without Chromium and openpyxl: rep_bare/$f missing$(show_output)"
done
[[ ! -e rep_bare/decision.pdf && ! -e rep_bare/comparison.xlsx ]] || fail "rep_bare: a PDF or XLSX was written: $(ls rep_bare)"
[[ $(grep -c "decision.pdf not made: no Chromium on PATH" err) -eq 1 ]] || fail "no single note about the missing Chromium$(show_output)"
[[ $(grep -c "comparison.xlsx not written: cannot import openpyxl" err) -eq 1 ]] || fail "no single note about the skipped XLSX$(show_output)"
cmp -s rep_bare/comparison.csv rep/comparison.csv || fail "comparison.csv differs without Chromium and openpyxl"

# 4. --pdf without Chromium: exit 2 with the reason, before anything is written.
PATH=$WORK/empty-bin run_report study.h5 -o rep_nopdf --pdf
[[ $RC -eq 2 ]] || fail "--pdf without Chromium: expected exit 2, got $RC$(show_output)"
expect_in err "--pdf: no Chromium on PATH" "--pdf without Chromium"
[[ ! -e rep_nopdf ]] || fail "--pdf without Chromium still created the output directory"
run_report study.h5 -o rep_both --pdf --no-pdf
[[ $RC -eq 2 ]] || fail "--pdf with --no-pdf: expected exit 2, got $RC$(show_output)"

note "ok"
