"""The report's decision page: policies ranked by their effect on certifications, yen per
additional certification with Fieller's interval, a plain-language sentence each, what
each scenario's spending is made of (costs per policy and kind, budget warnings), the
effects under parameter uncertainty, and the chosen outcome as small multiples; as a
section of report.html and as the static one-page print page behind decision.pdf.
report.py computes the comparison and draws the figures; this module lays them out."""
import base64
import os
import re

import labels
import posterior as po
import renkei_data as rd
from html_parts import esc, figure_html, figure_name, fmt, table

# The metrics the page decides by (report.py compares every metric of FOREST_METRICS too).
COST_METRIC = "policy_cost_total"
# The name of slot 0 of policy_name: spending at the lever values without any policy.
BASE_SLOT = "(base)"
CERT_METRIC = "certifications_end"
RANK_METRIC = CERT_METRIC  # `renkei compare --rank-by` default
CERT_SERIES = "certifications"  # the weekly series of the small multiples


def fieller(dc, dg, level):
    """Fieller's interval for mean(dc) / mean(dg) from paired differences at `level`; (nan,
    nan) when it is unbounded (the gain is not clearly away from 0 at that level)."""
    import numpy as np
    from scipy import stats
    n = dc.size
    if n < 2:
        return np.nan, np.nan
    mc, mg = float(dc.mean()), float(dg.mean())
    cov = np.cov(np.vstack([dc, dg]), ddof=1) / n
    scc, scg, sgg = float(cov[0, 0]), float(cov[0, 1]), float(cov[1, 1])
    t = float(stats.t.ppf(0.5 + level / 2.0, n - 1))
    a = mg * mg - t * t * sgg
    b = mc * mg - t * t * scg
    c = mc * mc - t * t * scc
    if a <= 0:
        return np.nan, np.nan
    root = np.sqrt(max(b * b - a * c, 0.0))
    return (b - root) / a, (b + root) / a


def decision_rows(ds, rows, base_index, policy_indices, names, post=None):
    """One row per policy for the decision table, best first: the effect on
    certifications_end and on spending (the comparison rows), yen per additional
    certification with Fieller's interval at the same level, and the policy's effects over
    the posterior draws (`post`, from posterior_results; None without draws)."""
    import numpy as np
    by = {(r["metric"], r["policy"]): r for r in rows}
    cert, cost = rd.finals(ds, CERT_METRIC), rd.finals(ds, COST_METRIC)
    out = []
    for j in policy_indices:
        g, c = by[(CERT_METRIC, names[j])], by[(COST_METRIC, names[j])]
        both = (np.isfinite(cert[base_index]) & np.isfinite(cert[j])
                & np.isfinite(cost[base_index]) & np.isfinite(cost[j]))
        dg = cert[j][both] - cert[base_index][both]
        dc = cost[j][both] - cost[base_index][both]
        ratio = lo = hi = np.nan
        if g["significant"] and g["diff"] > 0:
            ratio = c["diff"] / g["diff"]
            lo, hi = fieller(dc, dg, g["level"])
        out.append({"policy": names[j], "rank": g["rank"], "gain": g, "cost": c,
                    "ratio": ratio, "ratio_lo": lo, "ratio_hi": hi,
                    "post": posterior_effect(post, CERT_METRIC, names[j]),
                    "post_cost": posterior_effect(post, COST_METRIC, names[j])})
    return sorted(out, key=lambda d: (d["rank"] if d["rank"] != "" else 1e9, d["policy"]))


def end_date(ds, base_index):
    """The run's end date (`[run] end` of the baseline's resolved scenario), which the finals
    refer to; the first day of the last recorded week if the scenario text lacks it."""
    try:
        import tomllib
        run = tomllib.loads(str(ds["scenario_toml"].values[base_index])).get("run", {})
        if "end" in run:
            return str(run["end"])
    except (ImportError, ValueError, KeyError):
        pass
    return str(ds["time"].values[-1])[:10]


def decision_sentence(d, end, baseline, tr, dn):
    """One plain-language sentence per policy (`baseline`: its display name)."""
    import math
    g, c = d["gain"], d["cost"]
    policy = dn[d["policy"]]
    if not math.isfinite(g["diff"]):
        return tr("sent_none", policy=policy)
    common = dict(policy=policy, end=end, baseline=baseline, lo=fmt(g["lo"], 3),
                  hi=fmt(g["hi"], 3), spend=fmt(c["diff"] / 1e6, 3))
    if g["significant"] and g["diff"] > 0:
        ratio_interval = (tr("sent_ratio_interval", lo=fmt(d["ratio_lo"] / 1e6, 3),
                             hi=fmt(d["ratio_hi"] / 1e6, 3))
                          if math.isfinite(d["ratio_lo"]) else "")
        return tr("sent_gain", diff=fmt(g["diff"], 3), ratio=fmt(d["ratio"] / 1e6, 3),
                  ratio_interval=ratio_interval, **common)
    if g["significant"]:
        return tr("sent_loss", diff=fmt(-g["diff"], 3), **common)
    return tr("sent_no_effect", **common)


def posterior_results(ds, base_index, policy_indices, alpha, path="the file"):
    """{metric: posterior_study} for certifications_end (with the pairwise matrix) and
    spending, at level 1 − alpha, the level `renkei compare --level` gives its posterior
    section; None when the replicates did not run with at least two posterior draws."""
    level = 1.0 - alpha
    cert = po.posterior_study(ds, CERT_METRIC, base_index, policy_indices, level, path=path)
    if cert is None:
        return None
    cost = po.posterior_study(ds, COST_METRIC, base_index, policy_indices, level,
                              pairwise=False, path=path)
    names = rd.scenario_names(ds)
    out = {}
    for metric, result in ((CERT_METRIC, cert), (COST_METRIC, cost)):
        if result is None:
            continue
        for j, e in zip(policy_indices, result["effects"]):
            e["policy"] = names[j]
            if metric != RANK_METRIC:
                # Ranking first by spending is no decision criterion; the column stays empty.
                e["share_first"] = float("nan")
        out[metric] = result
    return out


def posterior_effect(post, metric, policy):
    """The draw_effect of `policy` on `metric`, or None (no draws, or another metric)."""
    if not post or metric not in post:
        return None
    return next((e for e in post[metric]["effects"] if e["policy"] == policy), None)


def compare_num(x):
    """A number as `renkei compare` prints it (num() in sim/cli/cmd_compare.cpp): four
    significant digits, exponent form beyond 1e4 or below 1e-3, so that the two outputs
    can be read side by side (and checked digit for digit)."""
    import math
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0.0:
        return "0"
    text = f"{x:.3e}" if abs(x) >= 1e4 or abs(x) < 1e-3 else f"{x:.4g}"
    return text


def compare_interval(lo, hi):
    return f"[{compare_num(lo)}, {compare_num(hi)}]"


def prob_text(e, key="prob_beats", digits=3):
    """A probability as compare prints it; "n/a" where chance and parameters cannot be told
    apart, "—" without draws."""
    import math
    if e is None:
        return "—"
    p = e[key]
    return "n/a" if math.isnan(p) else f"{p:.{digits}f}"


def percent_text(x):
    return f"{100.0 * x:.0f}%"


def sureness(p, tr):
    """Plain words for a probability that a policy beats the baseline."""
    for k, bound in enumerate((0.95, 0.8, 0.5, 0.2)):
        if p >= bound:
            return tr(f"sure_{k}")
    return tr("sure_4")


def certainty_sentence(d, n_policies, baseline, tr, dn):
    """How sure the ranking of one policy is across the posterior, in one sentence."""
    import math
    e = d["post"]
    first = (tr("first_of", n=n_policies, share=percent_text(e["share_first"]))
             if n_policies > 1 else tr("first_only"))
    if math.isnan(e["prob_beats"]):
        return tr("cert_one_rep", policy=dn[d["policy"]],
                  share=percent_text(e["share_draws_positive"]), draws=e["draws"], first=first)
    p = e["prob_beats"]
    which = tr("which_param" if e["sd_parameter"] > e["sd_within"] else "which_chance",
               sp=compare_num(e["sd_parameter"]), sc=compare_num(e["sd_within"]))
    return tr("cert_sentence", policy=dn[d["policy"]], baseline=baseline, sure=sureness(p, tr),
              p=f"{p:.3f}", first=first, which=which)


def no_draws_html(params, tr):
    """The plain statement that the intervals cover chance only, and how to change that."""
    why = {"point estimate (--point)": "why_point",
           "fixed (the scenarios name no posterior draws)": "why_fixed"}.get(params, "why_none")
    return f"<p class=\"warn\">{tr('no_draws', why=tr(why))}</p>"


def posterior_table(result, dn, scale=1.0, with_first=True):
    """The rows of compare's posterior table (its columns and number format); `scale`
    converts the unit (yen to million yen for spending)."""
    rows = []
    for e in result["effects"]:
        v = lambda k: e[k] / scale  # noqa: E731
        row = [dn[e["policy"]], compare_num(v("mean")), compare_interval(v("lo"), v("hi")),
               compare_interval(v("known_lo"), v("known_hi")), compare_num(v("sd_within")),
               compare_num(v("sd_parameter")), compare_interval(v("range_lo"), v("range_hi")),
               prob_text(e), percent_text(e["share_draws_positive"])]
        if with_first:
            row.append(percent_text(e["share_first"]))
        rows.append(row)
    return rows


def posterior_html(decisions, post, baseline, end, params, tr, dn):
    """The decision summary's part on parameter uncertainty: the effects on certifications
    and spending split into chance and parameters, P(beats baseline), how often each policy
    ranks first, P(row beats column), and a sentence per policy; or a note that the file
    cannot show it. `baseline` is the display name."""
    out = [f"<h3>{tr('h_posterior')}</h3>"]
    if post is None and params == "posterior draws":
        # Draws were run, but failed runs left fewer than two draws usable in every scenario.
        out.append(f"<p class=\"warn\">{tr('draws_failed')}</p>")
        return "\n".join(out)
    if post is None:
        out.append(no_draws_html(params, tr))
        return "\n".join(out)
    cert = post[CERT_METRIC]
    e0 = cert["effects"][0]
    lvl = f"{100 * cert['level']:.4g}%"
    out.append("<p>" + tr("posterior_intro", draws=e0["draws"], pairs=e0["pairs"],
                          two=e0["draws_with_two"], baseline=esc(baseline), end=esc(end),
                          lvl=lvl) + "</p>")
    header = [tr("th_policy"), tr("th_mean_d"), tr("th_lvl_interval", lvl=lvl),
              tr("th_lvl_known", lvl=lvl), tr("th_sd_chance"), tr("th_sd_param"),
              tr("th_lvl_range", lvl=lvl), tr("th_p_beats_short"), tr("th_draws_pos")]
    out.append(f"<p>{esc(tr('post_cert_table', end=end, metric=CERT_METRIC))}</p>")
    out.append(table(header + [tr("th_first")], posterior_table(cert, dn), numeric_from=1))
    if e0["draws_with_two"] == 0:
        out.append(f"<p>{tr('one_rep_note')}</p>")
    if cert["pairwise"] is not None:
        names = [dn[e["policy"]] for e in cert["effects"]]
        body = [[a] + ["-" if i == k else f"{p:.2f}" for k, p in enumerate(row)]
                for i, (a, row) in enumerate(zip(names, cert["pairwise"]))]
        out.append(f"<p>{esc(tr('pairwise_intro'))}</p>")
        out.append(table([tr("th_policy")] + names, body, numeric_from=1))
    if COST_METRIC in post:
        out.append(f"<p>{esc(tr('post_cost_table', metric=COST_METRIC))}</p>")
        out.append(table(header[:7] + [tr("th_p_costs_more"), tr("th_draws_pos")],
                         posterior_table(post[COST_METRIC], dn, 1e6, with_first=False),
                         numeric_from=1))
    out.append("<ul class=\"decisions\">" + "".join(
        f"<li>{esc(certainty_sentence(d, len(decisions), baseline, tr, dn))}</li>"
        for d in decisions if d["post"] is not None) + "</ul>")
    return "\n".join(out)


def outcome_html(outcomes, figures, lang, baseline, tr):
    """The outcome chooser of the decision page and one small-multiples figure per outcome;
    the page's script shows the chosen one (without a script, the first stays shown)."""
    options = "".join(f'<option value="{esc(s)}">{esc(tr("s_" + s))}</option>'
                      for s in outcomes)
    out = [f'<p class="chooser"><label>{esc(tr("outcome_choose"))} '
           f'<select class="outcome">{options}</select></label></p>']
    for k, series in enumerate(outcomes):
        hidden = "" if k == 0 else " hidden"
        out.append(f'<div class="outcome-fig" data-outcome="{esc(series)}"{hidden}>'
                   + figure_html(figures[figure_name(f"by_policy_{series}", lang)],
                                 f"{series} by policy",
                                 tr("cap_by_policy", series=esc(tr("s_" + series)),
                                    baseline=esc(baseline)))
                   + "</div>")
    return "\n".join(out)


def decision_summary(decisions, base, end, level, tr, dn, list_attrs=""):
    """The decision page's core, shared by the report and the print page: the introduction,
    the ranked table and one sentence per policy."""
    return ["<p>" + tr("decision_intro", end=esc(end), baseline=esc(base),
                       level=f"{100 * level:.4g}") + "</p>",
            decision_table(decisions, tr, dn),
            f"<ul{list_attrs}>" + "".join(
                f"<li>{esc(decision_sentence(d, end, base, tr, dn))}</li>" for d in decisions)
            + "</ul>"]


def decision_html(decisions, baseline, end, level, figures, post, params, outcomes, lang, tr,
                  dn, costs, budget):
    """The decision page: policies ranked by their effect on certifications, yen per extra
    certification, P(beats baseline) over the posterior, a sentence each, what each
    scenario's spending is made of (`costs`, with the file's `budget` warnings), the effects
    under parameter uncertainty (or a plain note that they are not included), and the chosen
    outcome as small multiples."""
    out = [f"<h2>{tr('h_decision')}</h2>"]
    if not decisions:
        out.append(f"<p>{tr('only_baseline')}</p>")
        return "\n".join(out)
    base = dn[baseline]
    out += decision_summary(decisions, base, end, level, tr, dn, ' class="decisions"')
    out.append(cost_breakdown_html(costs, decision_order(baseline, decisions), base, budget,
                                   tr, dn))
    out.append(posterior_html(decisions, post, base, end, params, tr, dn))
    out.append(outcome_html(outcomes, figures, lang, base, tr))
    return "\n".join(out)


# Colours of the kinds of spending in the decision page's cost bars (Okabe–Ito, like the
# figures; the table's headers carry the same swatches, so no separate legend is needed).
KIND_COLORS = {"fixed": "#0072B2", "running": "#56B4E9", "per_contact": "#E69F00",
               "coaching": "#009E73"}


# One entry of the writer's budget_warnings attribute (sim/io/h5_writer.cpp), entries joined
# by "; ". Parsed so that both languages can say it in words; anything else is shown as is.
BUDGET_WARNING = re.compile(
    r"scenario '(?P<scenario>.*?)', policy '(?P<policy>.*?)': with the per-contact and "
    r"coaching charges attributed to it, .*? in (?P<over>\d+) of (?P<runs>\d+) runs, up to "
    r"(?P<most>[-+0-9.e]+) yen against its cap of (?P<cap>[-+0-9.e]+)")


def yen_decimals(largest):
    """Decimals of million yen that give the largest amount (yen) three significant digits,
    one at least (¥525.0 M, ¥2.03 M), three at most."""
    import math
    m = abs(float(largest)) / 1e6
    if not m > 0 or math.isinf(m):
        return 1
    return min(3, max(1, 2 - math.floor(math.log10(m))))


def million_yen(x, decimals=None):
    """Yen as million yen with `decimals` (default: yen_decimals of x itself), thousands
    separated; a nonzero amount too small for them as "< 0.01" rather than a misleading 0."""
    import math
    m = float(x) / 1e6
    if math.isnan(m):
        return "—"
    if m == 0.0:
        return "0"
    d = yen_decimals(x) if decimals is None else decimals
    if abs(m) < 0.5 * 10.0 ** -d:
        return f"< {10.0 ** -d:.{d}f}" if m > 0 else f"> −{10.0 ** -d:.{d}f}"
    return f"{m:,.{d}f}".replace("-", "−")


def cost_bar(means, scale):
    """A stacked bar of the kinds (positive parts only: a negative share is a saving credited
    to a policy, shown in the numbers), `scale` yen being the full width."""
    spans = []
    for kind, v in zip(rd.COST_KINDS, means):
        if scale > 0 and v == v and v > 0:
            spans.append(f'<span style="width:{100.0 * v / scale:.2f}%;'
                         f'background:{KIND_COLORS[kind]}"></span>')
    return "".join(spans)


def cost_breakdown_html(costs, order, baseline, budget, tr, dn):
    """The decision page's part on what each scenario's spending is made of: per scenario (in
    `order`, the baseline then the ranking) a row with its mean total by kind and, under it,
    one row per policy and one for the base, in million yen, with a stacked bar; then the
    file's budget warnings. `costs`: policy_costs (None: a line saying they are not
    recorded); `baseline`: the display name."""
    out = [f"<h3>{tr('h_costs')}</h3>"]
    if costs is None:
        out.append(f"<p class=\"note\">{tr('costs_not_recorded')}</p>")
    else:
        by = {}
        for scenario, name, _, means, total in costs:
            by.setdefault(scenario, []).append((name, means, total))
        scenarios = [s for s in order if s in by] + [s for s in by if s not in order]
        sums = {s: [sum(r[1][k] for r in by[s]) for k in range(len(rd.COST_KINDS))]
                for s in scenarios}
        scale = max([sum(v for v in m if v == v and v > 0) for m in sums.values()] + [0.0])
        # One precision for the whole table, so that its columns line up and add up by eye.
        decimals = yen_decimals(max([abs(sum(m)) for m in sums.values() if sum(m) == sum(m)]
                                    + [0.0]))
        head = "".join(f'<th><span class="swatch" style="background:{KIND_COLORS[k]}">'
                       f"</span>{esc(tr('k_' + k))}</th>" for k in rd.COST_KINDS)
        rows = [f"<tr><th>{esc(tr('th_cost_item'))}</th>{head}<th>{esc(tr('k_total'))}</th>"
                f"<th>{esc(tr('th_cost_bar'))}</th></tr>"]

        def row(cls, attrs, label, means):
            cells = "".join(f'<td class="num">{million_yen(v, decimals)}</td>'
                            for v in list(means) + [sum(means)])
            return (f'<tr class="{cls}" {attrs}><td>{esc(label)}</td>{cells}'
                    f'<td class="bar">{cost_bar(means, scale)}</td></tr>')

        for s in scenarios:
            rows.append(row("total", f'data-scenario="{esc(s)}"', dn.get(s, s), sums[s]))
            if len(by[s]) > 1:
                # The policies first, in the order they start, then the base.
                for name, means, _ in by[s][1:] + by[s][:1]:
                    label = tr("base_slot") if name == BASE_SLOT else name
                    rows.append(row("part", f'data-scenario="{esc(s)}" data-policy="{esc(name)}"',
                                    label, means))
        out.append('<table class="costs">' + "\n".join(rows) + "</table>")
        out.append(f"<p class=\"note\">{tr('costs_intro', baseline=esc(baseline))}</p>")
    out += [f'<p class="warn budget">{w}</p>' for w in budget_warning_lines(budget, tr, dn)]
    return "\n".join(out)


def budget_warning_lines(text, tr, dn):
    """The file's budget_warnings as sentences in the page's language (HTML), one per capped
    policy; the attribute's text as is, under a translated lead, if it is not in the writer's
    form."""
    text = str(text or "").strip()
    if not text:
        return []
    found = list(BUDGET_WARNING.finditer(text))
    if not found or "; ".join(m.group(0) for m in found) != text:
        return [tr("budget_warning_raw", text=esc(text))]
    return [tr("budget_warning", scenario=esc(dn.get(m["scenario"], m["scenario"])),
               policy=esc(m["policy"]), over=m["over"], runs=m["runs"],
               most=million_yen(float(m["most"])), cap=million_yen(float(m["cap"])))
            for m in found]


def decision_order(baseline, decisions):
    """The scenarios in the decision page's order: the baseline, then the ranking."""
    return [baseline] + [d["policy"] for d in decisions]


def decision_table(decisions, tr, dn):
    """The decision page's ranked table (HTML)."""
    import math
    body = []
    for d in decisions:
        g, c = d["gain"], d["cost"]
        verdict = tr(("verdict_more" if g["diff"] > 0 else "verdict_fewer")
                     if g["significant"] else "verdict_none")
        ratio = "—"
        if math.isfinite(d["ratio"]):
            ratio = fmt(d["ratio"] / 1e6, 3)
            ratio += (f" [{fmt(d['ratio_lo'] / 1e6, 3)}, {fmt(d['ratio_hi'] / 1e6, 3)}]"
                      if math.isfinite(d["ratio_lo"]) else f" [{tr('unbounded')}]")
        body.append([d["rank"], dn[d["policy"]], fmt(g["diff"], 3),
                     f"[{fmt(g['lo'], 3)}, {fmt(g['hi'], 3)}]", verdict,
                     fmt(c["diff"] / 1e6, 4), ratio, prob_text(d["post"])])
    return table([tr(k) for k in ("th_rank", "th_policy", "th_d_cert", "th_interval",
                                  "th_effect", "th_d_spend", "th_per_cert", "th_p_beats")],
                 body, numeric_from=2,
                 row_classes=["sig" if d["gain"]["significant"] else "" for d in decisions])


# The print page of the decision summary (decision.html → decision.pdf): A4 portrait, no
# script, every figure inline. {zoom} shrinks the whole page when it does not fit on one sheet.
PRINT_CSS = """
@page { size: A4 portrait; margin: 11mm 12mm; }
html { zoom: {zoom}; }
body { font-family: "DejaVu Sans", "IPAGothic", "Noto Sans CJK JP", sans-serif; font-size: 8.5pt;
       color: #222; line-height: 1.3; margin: 0; }
h1 { font-size: 12.5pt; margin: 0 0 1.5mm; } h2 { font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 1mm 0; }
table { border-collapse: collapse; margin: 1.5mm 0; font-size: 7.8pt; width: 100%; }
th, td { border: 0.5pt solid #999; padding: 0.4mm 1.2mm; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.sig td { background: #eef6ee; }
ul { margin: 1mm 0; padding-left: 5mm; } li { margin: 0.6mm 0; }
p.warn { background: #fff4e0; border-left: 1mm solid #E69F00; padding: 1mm 2mm; }
p.note { color: #555; font-size: 7.5pt; }
h3 { font-size: 9pt; margin: 2mm 0 0.5mm; }
table.costs { width: auto; }
table.costs tr.total td { font-weight: bold; border-top: 0.9pt solid #666; }
table.costs tr.part td:first-child { padding-left: 4mm; }
table.costs td.bar { width: 40mm; } table.costs td.bar span, span.swatch { display: inline-block;
  height: 2.4mm; vertical-align: middle; }
span.swatch { width: 2.4mm; margin-right: 1mm; }
img { display: block; width: 100%; max-height: {fig_height}mm; object-fit: contain; margin: 1mm 0; }
section + section { border-top: 0.8pt solid #666; margin-top: 3mm; padding-top: 2mm; }
p.foot { color: #555; font-size: 7pt; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""


def print_section(ds, path, lang, baseline, decisions, end, level, post, svgs, nrep, costs):
    """The decision page of one language for print: title, the ranked table, one sentence
    per policy, what the spending is made of, how sure each is over the posterior (or that
    parameter uncertainty is not included), certifications by policy (SVG), and where the
    rest is."""
    tr = labels.Text(lang)
    names = rd.scenario_names(ds)
    dn = dict(zip(names, rd.display_names(ds, lang)))
    base = dn[baseline]
    out = [f'<section lang="{lang}">',
           f"<h1>{esc(tr('title', file=os.path.basename(path)))}</h1>",
           "<p>" + tr("intro", path=esc(os.path.basename(path)), n=len(names), nrep=nrep,
                      baseline=esc(base)) + "</p>",
           f"<h2>{tr('h_decision')}</h2>"]
    if not decisions:
        out.append(f"<p>{tr('only_baseline')}</p>")
    else:
        out += decision_summary(decisions, base, end, level, tr, dn)
        out.append(cost_breakdown_html(costs, decision_order(baseline, decisions), base,
                                       rd.attr(ds, "budget_warnings", ""), tr, dn))
        params = rd.attr(ds, "parameters", "")
        if post is None:
            key = "draws_failed" if params == "posterior draws" else None
            out.append(f"<p class=\"warn\">{tr(key)}</p>" if key
                       else no_draws_html(params, tr))
        else:
            out.append("<ul>" + "".join(
                f"<li>{esc(certainty_sentence(d, len(decisions), base, tr, dn))}</li>"
                for d in decisions if d["post"] is not None) + "</ul>")
        svg = svgs[figure_name(f"by_policy_{CERT_SERIES}", lang)]
        data = base64.b64encode(svg).decode("ascii")
        out.append(f'<img src="data:image/svg+xml;base64,{data}" alt="certifications by policy">')
    out.append("<p class=\"foot\">" + esc(tr(
        "print_foot", version=rd.attr(ds, "renkei_version"), created=rd.attr(ds, "created"),
        file=os.path.abspath(path))) + "</p>")
    out.append("</section>")
    return "\n".join(out)


def build_print_html(ds, path, langs, zoom=1.0, **sections):
    """decision.html: the decision page of every language in `langs`, one after the other, for
    one A4 page; `zoom` < 1 shrinks it."""
    title = labels.Text(langs[0])("title", file=os.path.basename(path))
    css = (PRINT_CSS.replace("{zoom}", f"{zoom:g}")
           .replace("{fig_height}", "95" if len(langs) == 1 else "52"))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{langs[0]}\"><head><meta charset=\"utf-8\">"
             f"<title>{esc(title)}</title><style>{css}</style></head><body>"]
    parts += [print_section(ds, path, lang, **sections) for lang in langs]
    parts.append("</body></html>\n")
    return "\n".join(parts)
