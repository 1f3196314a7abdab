"""The report's comparison table for other programs, and the decision page as a PDF.

report.py builds the comparison table once, as the text cells of comparison.csv (the columns
of `renkei compare --csv`, then the posterior columns), and hands it here:

- comparison.json: the same rows with JSON numbers (the CSV's values; empty cells as null,
  `significant` as true/false), each column's type and unit, and what a program needs to
  read them: alpha, correction, baseline, the scenarios' ids and display names in English
  and Japanese, the metrics' names and units, the source file and renkei version;
- comparison_excel.csv: the same cells plus the policy's and metric's names in both
  languages, as UTF-8 with a byte-order mark and CRLF line ends (what Excel needs to read
  Japanese text from a CSV); always written;
- comparison.xlsx (Debian's python3-openpyxl): the same, with a unit row, number formats
  (yen shown in millions with thousands separators, shares and probabilities as per cent),
  column widths, a frozen header and a second sheet describing the file; skipped with one
  line on stderr when openpyxl cannot be imported;
- decision.pdf: the decision page printed by headless Chromium (`print_pdf`) from a static
  print page report.py writes (decision.html), shrunk until it fits on one A4 page.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import tempfile

SCHEMA = "renkei-report-comparison/1"

# Cell types of the comparison columns (every other column is a number).
STRING_COLUMNS = {"policy", "baseline", "metric", "unit", "correction", "family", "rank_by"}
INTEGER_COLUMNS = {"replicates", "usable", "n", "dropped_nan", "family_size", "rank", "draws",
                   "draw_pairs", "draws_with_two"}
BOOLEAN_COLUMNS = {"significant"}
# Units of the columns whose unit does not depend on the row ("row": the row's `unit`).
COLUMN_UNITS = {
    "replicates": "runs", "usable": "pairs", "n": "pairs", "dropped_nan": "pairs",
    "df": "1", "family_level": "fraction", "ci_level": "fraction", "welch_df": "1",
    "half_width_ratio": "1", "t": "1", "p": "probability", "family_size": "tests",
    "p_adjusted": "probability", "prob_mean_diff_positive": "probability",
    "share_diff_positive": "fraction", "rank": "rank", "yen_per_certification": "yen",
    "yen_per_certification_lo": "yen", "yen_per_certification_hi": "yen",
    "draws": "draws", "draw_pairs": "pairs", "draws_with_two": "draws",
    "posterior_level": "fraction", "prob_beats_baseline": "probability",
    "share_draws_positive": "fraction", "share_first": "fraction",
}
# Columns shown as per cent in the XLSX.
PERCENT_COLUMNS = {"family_level", "ci_level", "posterior_level", "prob_mean_diff_positive",
                   "share_diff_positive", "prob_beats_baseline", "share_draws_positive",
                   "share_first"}
# The names added in front of the comparison columns in the Excel exports.
NAME_COLUMNS = ["policy_name_en", "policy_name_ja", "metric_name_en", "metric_name_ja"]
EXCEL_CSV = "comparison_excel.csv"
XLSX = "comparison.xlsx"
JSON = "comparison.json"


def column_unit(column, in_unit):
    """The unit of a column: "row" for those in the metric's own unit (`in_unit`), None for
    text columns."""
    if column in in_unit:
        return "row"
    if column in STRING_COLUMNS or column in BOOLEAN_COLUMNS:
        return None
    return COLUMN_UNITS.get(column, "1")


def column_type(column):
    if column in STRING_COLUMNS:
        return "string"
    if column in INTEGER_COLUMNS:
        return "integer"
    if column in BOOLEAN_COLUMNS:
        return "boolean"
    return "number"


def typed(column, cell):
    """A CSV cell as the JSON/XLSX value: "" → None, numbers parsed, "1"/"0" → bool."""
    kind = column_type(column)
    if kind == "string":
        return cell
    if cell == "":
        return None
    if kind == "boolean":
        return cell == "1"
    if kind == "integer":
        return int(cell)
    return float(cell)


def write_json(path, header, cells, meta, in_unit):
    """comparison.json: `meta` (report.py's description of the study) and the rows."""
    doc = dict(schema=SCHEMA, **meta)
    doc["columns"] = [{"name": c, "type": column_type(c), "unit": column_unit(c, in_unit)}
                      for c in header]
    doc["rows"] = [{c: typed(c, v) for c, v in zip(header, row)} for row in cells]
    with open(path, "w", encoding="utf-8") as f:
        # allow_nan=False: a NaN that slipped through would make the file unreadable by
        # strict parsers, so it stops the report instead.
        json.dump(doc, f, ensure_ascii=False, indent=1, allow_nan=False)
        f.write("\n")


def excel_rows(header, cells, names):
    """The header and rows of the Excel exports: NAME_COLUMNS first (from `names`, which maps
    (policy id, metric) to the four names), then the comparison columns."""
    ip, im = header.index("policy"), header.index("metric")
    rows = [list(names[(row[ip], row[im])]) + list(row) for row in cells]
    return NAME_COLUMNS + list(header), rows


def write_excel_csv(path, header, cells, names):
    """comparison_excel.csv: UTF-8 with BOM, CRLF, the same cells as comparison.csv plus the
    names in both languages."""
    head, rows = excel_rows(header, cells, names)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(head)
        w.writerows(rows)


def have_openpyxl():
    """None if openpyxl can be imported, else why not."""
    try:
        import openpyxl  # noqa: F401
    except ImportError as e:
        return f"cannot import openpyxl ({e}); install Debian's python3-openpyxl (scripts/setup.sh)"
    return None


def display_width(text):
    """Columns a text takes in a spreadsheet cell: wide (CJK) characters count twice."""
    return sum(2 if ord(c) >= 0x1100 and not 0xFF61 <= ord(c) <= 0xFFDC else 1
               for c in str(text))


def number_format(column, unit, in_unit):
    """The XLSX number format of a cell of `column` in a row of `unit`."""
    yen = unit.startswith("yen")
    if column.startswith("yen_per_certification") or (column in in_unit and yen):
        return '#,##0.00,,'  # yen shown in millions (two trailing commas: ÷ 10⁶)
    if column in PERCENT_COLUMNS or (column in in_unit and unit.startswith("share")):
        return "0.0%"
    if column in INTEGER_COLUMNS:
        return "0"
    if column in ("t", "df", "welch_df", "half_width_ratio"):
        return "0.00"
    if column in in_unit:
        return "#,##0.0###"
    return "General"


def unit_text(column, in_unit):
    """The XLSX unit row."""
    unit = column_unit(column, in_unit)
    if column.startswith("yen_per_certification"):
        return "million yen (value in yen)"
    if unit == "row":
        return "as `unit`; yen in millions, shares in %"
    if column in PERCENT_COLUMNS:
        return f"{unit} (%)"
    return unit or ""


def write_xlsx(path, header, cells, names, in_unit, about):
    """comparison.xlsx: sheet `comparison` (header row, unit row, one row per policy and
    metric, the values of comparison.csv as numbers) and sheet `about` (`about`: rows of
    (key, value) describing the study and the units)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    head, rows = excel_rows(header, cells, names)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "comparison"
    ws.append(head)
    ws.append([""] * len(NAME_COLUMNS) + [unit_text(c, in_unit) for c in header])
    iu = head.index("unit")
    for row in rows:
        values = row[:len(NAME_COLUMNS)] + [typed(c, v) for c, v in zip(header, row[len(NAME_COLUMNS):])]
        ws.append(values)
        r = ws.max_row
        for k, column in enumerate(header):
            cell = ws.cell(row=r, column=len(NAME_COLUMNS) + k + 1)
            if column_type(column) in ("number", "integer"):
                cell.number_format = number_format(column, row[iu], in_unit)
    bold, grey = Font(bold=True), Font(italic=True, color="666666")
    fill = PatternFill("solid", fgColor="F0F0F0")
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    for cell in ws[2]:
        cell.font = grey
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for k, column in enumerate(head, start=1):
        shown = [column] + [str(row[k - 1]) for row in rows[:200]]
        width = max(display_width(s) for s in shown) + 2
        ws.column_dimensions[get_column_letter(k)].width = min(max(width, 8), 40)
    ws.freeze_panes = "B3"  # the header and unit rows, and the policy's name
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{ws.max_row}"
    info = wb.create_sheet("about")
    for key, value in about:
        info.append([key, value])
    for cell in info["A"]:
        cell.font = bold
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 100
    wb.save(path)


# ---------------------------------------------------------------- PDF

def find_chromium():
    """Path of a Chromium (or Chrome) on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_pages(data):
    """Number of pages of a PDF written by Chromium (its page objects are plain text)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


class PdfError(Exception):
    pass


def chromium_print(chromium, html_path, pdf_path, timeout=120):
    """Print `html_path` to `pdf_path` with headless Chromium, in a fresh profile and home
    (nothing read from or left in the user's), with every network switch off; PdfError
    with Chromium's last log lines if it fails."""
    with tempfile.TemporaryDirectory(prefix="renkei-chromium-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"))
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage",
               "--host-resolver-rules=MAP * ~NOTFOUND",
               f"--user-data-dir={os.path.join(home, 'profile')}",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
               "file://" + os.path.abspath(html_path)]
        try:
            if os.path.exists(pdf_path):
                os.remove(pdf_path)
            done = subprocess.run(cmd, env=env, capture_output=True, text=True,
                                  timeout=timeout, stdin=subprocess.DEVNULL,
                                  start_new_session=True)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{chromium} did not finish within {timeout} s") from None
        except OSError as e:
            raise PdfError(f"cannot run {chromium} ({e.strerror})") from None
        if done.returncode != 0 or not os.path.isfile(pdf_path):
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            raise PdfError(f"{chromium} exited {done.returncode} without writing the PDF "
                           f"({tail})")


def print_one_page(chromium, make_html, html_path, pdf_path,
                   zooms=(1.0, 0.85, 0.72, 0.6, 0.5, 0.42, 0.35, 0.28)):
    """Write make_html(zoom) to `html_path` and print it, at smaller zooms until the PDF has
    one page; returns (zoom, pages) of the last print (pages > 1 only if even the smallest
    zoom did not fit)."""
    for zoom in zooms:
        with open(html_path, "w", encoding="utf-8") as f:
            f.write(make_html(zoom))
        chromium_print(chromium, html_path, pdf_path)
        with open(pdf_path, "rb") as f:
            pages = pdf_pages(f.read())
        if pages == 1:
            return zoom, pages
    return zoom, pages
