"""Small helpers for the report's HTML pages (report.py, decision.py): numbers as the tables
show them, escaping, tables, embedded figures and their file names."""
import base64
import html


def fmt(x, digits=4):
    """A number for the tables: whole numbers in full, others to `digits` significant
    digits, NaN (no data) as a dash."""
    x = float(x)
    if x != x:
        return "—"
    if x.is_integer() and abs(x) < 1e7:
        return str(int(x))
    return f"{x:.{digits}g}"


def fmt_p(p):
    import math
    if p is None or math.isnan(p):
        return "—"
    return "< 0.0001" if p < 1e-4 else f"{p:.4f}"


def esc(text):
    return html.escape(str(text))


def table(header, rows, numeric_from=1, row_classes=None):
    out = ["<table>", "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>"]
    for i, row in enumerate(rows):
        cells = []
        for k, cell in enumerate(row):
            cls = ' class="num"' if k >= numeric_from else ""
            cells.append(f"<td{cls}>{esc(cell)}</td>")
        tr = f'<tr class="{row_classes[i]}">' if row_classes and row_classes[i] else "<tr>"
        out.append(tr + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def figure_html(png, alt, caption):
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
            f"<figcaption>{caption}</figcaption></figure>")


def figure_name(stem, lang):
    """File name of a figure: English keeps the plain names, Japanese adds `_ja`."""
    return f"{stem}.png" if lang == "en" else f"{stem}_{lang}.png"
