#!/usr/bin/python3
"""Checks the decision page's part on what each scenario's spending is made of against the
results file, for the report tests (test_report.sh on report.html, test_report_exports.sh on
decision.html).

Usage: check_decision_costs.py PAGE.html RESULTS.h5 ANALYSIS_DIR LANGS EXPECT
  LANGS   comma-separated languages the page must hold (ja,en)
  EXPECT  "table": a cost table per language whose every number is the mean computed here
          from the file with h5py (not from the report's code); "table+warning": the same and
          a budget warning line per language naming the scenario and policy the file's
          budget_warnings names; "not-recorded": no table, the not-recorded line instead.
Every heading and label is looked up in analysis/labels.py, so a label missing in one
language fails here. Exit 1 with one line per problem.
"""
import html.parser
import re
import sys

import h5py
import numpy as np

page_path, h5_path, analysis, langs, expect = sys.argv[1:6]
sys.dont_write_bytecode = True
sys.path.insert(0, analysis)
import labels  # noqa: E402

KINDS = ("fixed", "running", "per_contact", "coaching")
page = open(page_path, encoding="utf-8").read()
bad = []


def language_part(lang):
    """The decision page in `lang`: in report.html's <div class="page"> or decision.html's
    <section> of that language, from the decision heading to the next heading or language."""
    m = re.search(rf'<(div class="page" id="page-{lang}"|section lang="{lang}")', page)
    if not m:
        bad.append(f"{lang}: no part of the page in this language")
        return ""
    part = page[m.start():]
    start = part.find(f"<h2>{labels.Text(lang)('h_decision')}</h2>")
    end = re.compile(r'<h2>|<section|<div class="page"').search(part, start + 4)
    return part[start:end.start() if end else None]


class Rows(html.parser.HTMLParser):
    """The rows of <table class="costs">: (attributes of the <tr>, texts of its cells)."""

    def __init__(self):
        super().__init__()
        self.rows, self.header, self.inside, self.cell = [], [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("class") == "costs"
        elif self.inside and tag == "tr":
            self.rows.append((attrs, []))
        elif self.inside and tag in ("td", "th"):
            self.cell = ""
        elif self.inside and tag == "span" and attrs.get("style", "").startswith("width:"):
            self.rows[-1][0].setdefault("bars", []).append(attrs["style"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def expected():
    """{(scenario, policy or None for the total): [fixed, running, per contact, coaching] in
    million yen}: means over the finished runs whose costs are all known."""
    with h5py.File(h5_path, "r") as f:
        scenarios = text(f["scenario"][()])
        names = np.array(text(np.ravel(f["policy_name"][()]))).reshape(f["policy_name"].shape)
        costs = np.stack([f[f"policy_cost_{k}_by_policy"][()] for k in KINDS], axis=-1)
        ok = f["run_ok"][()] == 1
        for k in KINDS + ("total",):
            ok &= np.isfinite(f[f"final_policy_cost_{k}"][()])
    out = {}
    for i, s in enumerate(scenarios):
        total = np.zeros(len(KINDS))
        for slot, name in enumerate(names[i]):
            if slot > 0 and not name:
                continue
            use = ok[i] & np.all(np.isfinite(costs[i, :, slot, :]), axis=1)
            means = costs[i, use, slot, :].mean(axis=0) / 1e6
            out[(s, name or "(base)")] = means
            total += means
        out[(s, None)] = total
    return out, scenarios, names


def same(cell, want):
    """The cell shows `want` (million yen) at the cell's own precision."""
    cell = cell.replace(",", "").replace("−", "-")
    small = re.fullmatch(r"([<>]) (-?0\.0*1)", cell)
    if small:
        bound = float(small.group(2))
        return 0 < want < bound if small.group(1) == "<" else bound < want < 0
    try:
        shown = float(cell)
    except ValueError:
        return False
    decimals = len(cell.split(".")[1]) if "." in cell else 0
    return abs(shown - want) <= 0.5 * 10 ** -decimals + 1e-9


for lang in langs.split(","):
    tr = labels.Text(lang)
    part = language_part(lang)
    if not part:
        continue
    if f"<h3>{tr('h_costs')}</h3>" not in part:
        bad.append(f"{lang}: no heading {tr('h_costs')!r} on the decision page")
    if expect == "not-recorded":
        if tr("costs_not_recorded") not in part:
            bad.append(f"{lang}: no line saying costs per policy are not recorded")
        if 'class="costs"' in part:
            bad.append(f"{lang}: a cost table although the file records no costs per policy")
        continue
    parser = Rows()
    parser.feed(part)
    if not parser.rows:
        bad.append(f"{lang}: no cost table on the decision page")
        continue
    head = parser.rows[0][1]
    want_head = [tr("th_cost_item")] + [tr(f"k_{k}") for k in KINDS] + [tr("k_total"),
                                                                        tr("th_cost_bar")]
    if head != want_head:
        bad.append(f"{lang}: header {head}, expected {want_head}")
    want, scenarios, names = expected()
    seen = set()
    for attrs, cells in parser.rows[1:]:
        s, policy = attrs.get("data-scenario"), attrs.get("data-policy")
        key = (s, policy)
        seen.add(key)
        if key not in want:
            bad.append(f"{lang}: row {key} is not in the file")
            continue
        label = (s if policy is None else tr("base_slot") if policy == "(base)" else policy)
        if cells[0] != label:
            bad.append(f"{lang}: row {key} labelled {cells[0]!r}, expected {label!r}")
        values = list(want[key]) + [float(np.sum(want[key]))]
        for column, cell, w in zip(want_head[1:], cells[1:], values):
            if not same(cell, w):
                bad.append(f"{lang}: {key} {column}: shows {cell!r}, the file's mean is {w:.6f}")
        if policy is None and np.any(want[key] > 0) and not attrs.get("bars"):
            bad.append(f"{lang}: {s}: no bar although it spends")
    # Every scenario's total; every slot of a scenario with policies.
    missing = [k for k in want if k not in seen
               and (k[1] is None or sum(1 for j in want if j[0] == k[0]) > 2)]
    if missing:
        bad.append(f"{lang}: rows missing: {missing}")
    if tr("costs_not_recorded") in part:
        bad.append(f"{lang}: says costs are not recorded although they are")
    warnings = re.findall(r'<p class="warn budget">(.*?)</p>', part)
    if expect == "table+warning":
        lead = tr("budget_warning", scenario="", policy="", most="", cap="", over="",
                  runs="")[:12]
        with h5py.File(h5_path, "r") as f:
            attr = f.attrs["budget_warnings"]
        attr = attr.decode() if isinstance(attr, bytes) else str(attr)
        scenario, policy = re.match(r"scenario '(.*?)', policy '(.*?)'", attr).groups()
        if not any(w.startswith(lead) and scenario in w and policy in w for w in warnings):
            bad.append(f"{lang}: no budget warning line starting {lead!r} naming {scenario} "
                       f"and {policy}: {warnings}")
    elif warnings:
        bad.append(f"{lang}: budget warnings shown although the file has none: {warnings}")

for b in bad[:30]:
    print(f"decision costs: {page_path}: {b}", file=sys.stderr)
sys.exit(1 if bad else 0)
