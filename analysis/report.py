#!/usr/bin/python3
"""Write figures and a self-contained HTML report of a renkei output file.

Usage: /usr/bin/python3 analysis/report.py RESULTS.h5 [-o OUTDIR] [--baseline NAME] [--alpha A]
                                           [--lang both|ja|en] [--cjk-font FILE] [--pdf|--no-pdf]

The page is in Japanese and English by default (Japanese first, a switch on the page), every
text from analysis/labels.py, scenarios named by the file's display_name_en/_ja when present;
Japanese figures need a font with Japanese glyphs (fonts-ipafont-gothic), else exit 2.

Writes into OUTDIR (default: `<stem>_report/` next to the file) every figure as PNG and SVG,
the policy comparison as comparison.csv (the columns of `renkei compare --csv`),
comparison.json, comparison_excel.csv (UTF-8 with BOM) and comparison.xlsx (with Debian's
python3-openpyxl; skipped with a note without it), report.html, which embeds every figure as
a base64 data URI so that it opens anywhere on its own, and, when Chromium is on PATH, the
decision page as one A4 page: decision.html (static) and decision.pdf (--pdf: required, exit
2 without Chromium; --no-pdf: not made). Prints the path of report.html.

Contents: fan charts of key weekly series per scenario (ensemble mean and stored quantile
band); a forest plot of each policy's effect on the final metrics against the baseline
(paired by replicate, since replicate r of every scenario shares its random streams; failed
runs skipped); when the replicates ran with posterior draws (`parameter_draw`), each
policy's effect on certifications and spending split into chance and parameter uncertainty,
P(beats baseline) over the posterior and how stable the ranking is (analysis/posterior.py,
the formulas of `renkei compare`), else a plain note that parameter uncertainty is not
included; the awareness funnel at the end date (with consultations when recorded); cost
against effect; the comparison table; provenance. Only ensemble summaries and per-replicate finals are read, so files
written with --no-replicate-series work too. Exits 2 with a message naming the file if it
is not renkei output, and with the list of scenarios if --baseline names none of them.

The decision page (report.html's first section, decision.html and decision.pdf) is laid out
by analysis/decision.py; this script computes what it shows and writes every file.
"""
import argparse
import csv
import io
import os
import sys
import warnings

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjk_font  # noqa: E402  (found next to this script)
import exports  # noqa: E402
import labels  # noqa: E402
import renkei_data as rd  # noqa: E402
from decision import (BASE_SLOT, CERT_METRIC, CERT_SERIES, COST_METRIC,  # noqa: E402
                      RANK_METRIC, build_print_html, decision_html, decision_rows,
                      end_date, posterior_effect, posterior_results)
from html_parts import esc, figure_html, figure_name, fmt, fmt_p, table  # noqa: E402

PROG = "report.py"

# Weekly series of the fan charts and of the outcome choice on the decision page: (series,
# scale, label key of the unit when it differs from the file's). Titles: labels.py, "s_<series>".
FAN_SERIES = [
    ("collab_share", 1.0, None),
    ("cross_industry", 1.0, None),
    ("aware", 1.0, None),
    ("understand", 1.0, None),
    ("expect", 1.0, None),
    ("certifications", 1.0, None),
    ("applications", 1.0, "apps_per_13"),
    ("policy_cost", 1e-6, "million_yen"),
]
ROLLING_WEEKS = 13
# The outcomes one can choose on the decision page, certifications first (the default).
OUTCOME_ORDER = ["certifications", "applications", "aware", "understand", "expect",
                 "collab_share", "cross_industry", "policy_cost"]

# Final metrics of the forest plot and the comparison table, in display order.
FOREST_METRICS = [
    "certifications_end",
    "certifications_first_dec",
    "cross_industry_end",
    "collab_share_end",
    "aware_share_end",
    "understand_share_end",
    "formations_total",
    "outcome_mean_end",
]

# Funnel stages (label keys "st_<stage>"). Files of newer binaries also record consultations
# at the program's windows, the stage before an application; older files lack it, so the
# stage is shown only when present.
FUNNEL_STAGES = ["firms", "aware", "understand", "expect", "applications", "certifications"]
CONSULT_STAGE = "consultations"
# The program's funnel finals (label keys "fin_<metric>").
FUNNEL_FINALS = ["consultations_total", "applications_total",
                 "consultations_per_certification_fy1", "requirements_met_share_end"]


def fail(message):
    rd.fail(PROG, message)


# ---------------------------------------------------------------- statistics

def holm(pvalues):
    """Holm step-down adjusted p-values; NaN entries (no test possible) stay NaN and do not
    count towards the number of hypotheses."""
    import numpy as np
    p = np.asarray(pvalues, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(p))
    m = len(tested)
    running = 0.0
    for rank, i in enumerate(tested[np.argsort(p[tested], kind="stable")]):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def paired_effect(base, policy, level):
    """Mean paired difference policy − base over replicates where both are finite, its
    two-sided t-test p-value and the t-interval at confidence `level`, and the numbers
    `renkei compare` reports beside them (Welch interval, P(mean d > 0), share d > 0), by
    the same formulas (docs/compare.md)."""
    import numpy as np
    from scipy import stats
    both = np.isfinite(base) & np.isfinite(policy)
    d = policy[both] - base[both]
    n = int(d.size)
    nan = np.nan
    out = {"n": n, "base_mean": nan, "policy_mean": nan, "diff": nan, "sd": nan, "se": nan,
           "df": nan, "lo": nan, "hi": nan, "t": nan, "p": nan, "welch_lo": nan,
           "welch_hi": nan, "welch_df": nan, "hw_ratio": nan, "prob_positive": nan,
           "share_positive": nan}
    if n == 0:
        return out
    out.update(base_mean=float(base[both].mean()), policy_mean=float(policy[both].mean()),
               diff=float(d.mean()), share_positive=float(np.sum(d > 0)) / n)
    if n < 2:
        return out
    sd = float(d.std(ddof=1))
    se = sd / np.sqrt(n)
    out.update(sd=sd, se=se, df=float(n - 1))
    if se == 0.0:
        # Identical differences in every replicate: no sampling variation to test against.
        sign = np.sign(out["diff"])
        out.update(lo=out["diff"], hi=out["diff"], p=1.0 if sign == 0 else 0.0,
                   t=nan if sign == 0 else sign * np.inf, prob_positive=0.5 + sign / 2)
    else:
        half = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * se
        t = out["diff"] / se
        out.update(lo=out["diff"] - half, hi=out["diff"] + half, t=t,
                   p=float(2.0 * stats.t.sf(abs(t), n - 1)),
                   prob_positive=float(stats.t.cdf(t, n - 1)))
    # Welch's unpaired interval on the same replicates (what the pairing is measured against).
    vp = float(policy[both].var(ddof=1)) / n
    vb = float(base[both].var(ddof=1)) / n
    wse = np.sqrt(vp + vb)
    if wse > 0.0:
        wdf = (vp + vb) ** 2 / (vp ** 2 / (n - 1) + vb ** 2 / (n - 1))
        wh = float(stats.t.ppf(0.5 + level / 2.0, wdf)) * wse
        out.update(welch_df=wdf, hw_ratio=(out["hi"] - out["lo"]) / 2.0 / wh)
    else:
        wh = 0.0
    out.update(welch_lo=out["diff"] - wh, welch_hi=out["diff"] + wh)
    return out


def compare(ds, metrics, base_index, policy_indices, alpha):
    """Effects of every policy on every metric, with the correction of `renkei compare`
    (its default --family metric): per metric the p-values are Holm-adjusted across the
    policies, and the intervals are at the Bonferroni level 1 − alpha/m (m policies with a
    test), the simultaneous intervals of Holm's first step: an interval that excludes 0
    therefore always goes with a Holm rejection. Also the ranking by Δ certifications_end
    and the yen per additional certification, as `renkei compare` computes them."""
    import numpy as np
    names = rd.scenario_names(ds)
    ok = rd.run_ok(ds)
    rows = []
    for metric in metrics:
        values = rd.finals(ds, metric)
        unit = str(ds[f"final_{metric}"].attrs.get("units", ""))
        # m counts the policies with at least two pairs (those that get a p-value).
        pairs = [int(np.sum(np.isfinite(values[base_index]) & np.isfinite(values[j])))
                 for j in policy_indices]
        m = max(1, sum(1 for n in pairs if n >= 2))
        level = 1.0 - alpha / m
        effects = [paired_effect(values[base_index], values[j], level) for j in policy_indices]
        adjusted = holm([e["p"] for e in effects])
        for j, e, p_holm in zip(policy_indices, effects, adjusted):
            usable = int(np.sum(ok[base_index] & ok[j]))
            e.update(metric=metric, unit=unit, policy=names[j], baseline=names[base_index],
                     level=level, family_size=m, p_holm=float(p_holm), usable=usable,
                     replicates=int(ok.shape[1]), dropped=usable - e["n"],
                     significant=bool(np.isfinite(p_holm) and p_holm < alpha))
            rows.append(e)
    rank_and_cost(rows, [names[j] for j in policy_indices])
    cost_interval(ds, rows, names, base_index, policy_indices)
    return rows


def ratio_interval(num, den, level):
    """mean(num) / mean(den) of paired differences with its delta-method interval, as
    stats::ratio_interval (sim/stats/paired.cpp) computes it: se = sqrt((s_n^2 − 2 q s_nd +
    q^2 s_d^2) / n) / |mean(den)|, q ± t_{(1+level)/2, n−1} · se. (ratio, lo, hi); NaN with
    fewer than 2 pairs or a mean denominator of 0."""
    import numpy as np
    from scipy import stats
    n = len(num)
    if n < 2 or float(np.mean(den)) == 0.0:
        return np.nan, np.nan, np.nan
    mx, my = float(np.mean(num)), float(np.mean(den))
    q = mx / my
    sxx = float(np.var(num, ddof=1))
    syy = float(np.var(den, ddof=1))
    sxy = float(np.sum((num - mx) * (den - my))) / (n - 1)
    var = max(0.0, sxx - 2.0 * q * sxy + q * q * syy)
    se = np.sqrt(var / n) / abs(my)
    h = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * se
    return q, q - h, q + h


def cost_interval(ds, rows, names, base_index, policy_indices):
    """Adds `yen_per_cert_lo` and `yen_per_cert_hi` to every row of each policy: the
    delta-method interval of yen per additional certification over the replicates where
    both metrics are known in both runs, at the gain's interval level; only where
    `yen_per_cert` is given (a significant gain), as `renkei compare` does."""
    import numpy as np
    have = f"final_{COST_METRIC}" in ds and f"final_{CERT_METRIC}" in ds
    cost = rd.finals(ds, COST_METRIC) if have else None
    cert = rd.finals(ds, CERT_METRIC) if have else None
    by = {(r["metric"], r["policy"]): r for r in rows}
    for j in policy_indices:
        lo = hi = np.nan
        gain = by.get((CERT_METRIC, names[j]))
        if have and gain is not None:
            both = (np.isfinite(cost[base_index]) & np.isfinite(cost[j])
                    & np.isfinite(cert[base_index]) & np.isfinite(cert[j]))
            dc = cost[j][both] - cost[base_index][both]
            dg = cert[j][both] - cert[base_index][both]
            _, lo, hi = ratio_interval(dc, dg, gain["level"])
        for r in rows:
            if r["policy"] == names[j]:
                shown = np.isfinite(r.get("yen_per_cert", np.nan))
                r["yen_per_cert_lo"] = lo if shown else np.nan
                r["yen_per_cert_hi"] = hi if shown else np.nan


def policy_costs(ds, path="the file"):
    """Mean spending per run by scenario, policy and kind from policy_cost_<kind>_by_policy:
    rows (scenario, policy, runs, [fixed, running, per_contact, coaching], total), each
    scenario's base first; None when the file does not record them (RenkeiDataError when
    they are damaged). Over a scenario's rows each kind adds up to the mean of its
    final_policy_cost_<kind>, averaged over the same runs (finished, every kind known)."""
    import numpy as np
    arrays = rd.policy_cost_arrays(ds, path)
    if arrays is None:
        return None
    names, values = arrays
    ok = rd.run_ok(ds)
    kinds = [f"policy_cost_{k}" for k in rd.COST_KINDS] + [COST_METRIC]
    for k in kinds:
        if f"final_{k}" in ds:
            ok = ok & np.isfinite(rd.finals(ds, k))
    out = []
    for i, scenario in enumerate(rd.scenario_names(ds)):
        for slot in range(values.shape[2]):
            name = str(names[i, slot])
            if slot > 0 and not name:
                continue
            v = values[i, :, slot, :]
            use = ok[i] & np.all(np.isfinite(v), axis=1)
            n = int(use.sum())
            means = [float(v[use, k].mean()) if n else np.nan for k in range(len(rd.COST_KINDS))]
            out.append((scenario, name or BASE_SLOT, n, means, float(sum(means))))
    return out


def write_policy_costs(path, costs):
    """costs_by_policy.csv: one row per scenario and policy (the base first), mean yen per
    run by kind, as `renkei compare --json` gives them under costs_by_policy."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["scenario", "policy", "runs", "policy_cost_fixed", "policy_cost_running",
                    "policy_cost_per_contact", "policy_cost_coaching", "policy_cost_total"])
        for scenario, name, n, means, total in costs:
            w.writerow([scenario, name, n] + [csv_number(x, "yen") for x in means + [total]])


def rank_and_cost(rows, policies):
    """Adds `rank` (competition ranking by the mean Δ of RANK_METRIC, largest first, as in
    `renkei compare`) and `yen_per_cert` (Δ cost / Δ certifications, only for a
    significant gain) to every row of each policy."""
    import numpy as np
    by = {(r["metric"], r["policy"]): r for r in rows}
    gains = [by[(RANK_METRIC, p)]["diff"] if (RANK_METRIC, p) in by else np.nan
             for p in policies]
    order = sorted(range(len(policies)), key=lambda i: -gains[i])
    rank = {}
    for k, i in enumerate(order):
        tied = k > 0 and gains[order[k - 1]] == gains[i]
        rank[policies[i]] = rank[policies[order[k - 1]]] if tied else k + 1
    for r in rows:
        r["rank"] = rank.get(r["policy"], "")
        cost, gain = by.get((COST_METRIC, r["policy"])), by.get((CERT_METRIC, r["policy"]))
        r["yen_per_cert"] = np.nan
        if cost and gain and gain["significant"] and gain["diff"] > 0:
            r["yen_per_cert"] = cost["diff"] / gain["diff"]


# ---------------------------------------------------------------- figures

# Okabe & Ito's colour-blind-safe palette (black is kept for the baseline).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"]
LINE_STYLES = ["-", "--", ":", "-."]


def scenario_colors(names, baseline):
    """Colour per scenario: black for the baseline, Okabe–Ito for the policies (distinct for
    colour-blind readers); beyond seven policies the colours repeat with another line style
    (scenario_styles)."""
    colors, k = {}, 0
    for name in names:
        if name == baseline:
            colors[name] = "black"
        else:
            colors[name] = OKABE_ITO[k % len(OKABE_ITO)]
            k += 1
    return colors


def scenario_styles(names, baseline):
    styles, k = {}, 0
    for name in names:
        if name == baseline:
            styles[name] = "-"
        else:
            styles[name] = LINE_STYLES[(k // len(OKABE_ITO)) % len(LINE_STYLES)]
            k += 1
    return styles


def rolling_sum(values, window):
    """Trailing sum over `window` steps along the last axis; NaN until the window is full."""
    import numpy as np
    out = np.full(values.shape, np.nan)
    if values.shape[-1] >= window:
        c = np.cumsum(np.nan_to_num(values), axis=-1)
        c = np.concatenate([np.zeros(values.shape[:-1] + (1,)), c], axis=-1)
        out[..., window - 1:] = c[..., window:] - c[..., :-window]
    return out


def date_axis(ax):
    import matplotlib.dates as mdates
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def series_values(ds, series, scale):
    """(mean, lower band, upper band) of a weekly series, each (scenario, time), scaled; the
    applications as a rolling sum (weekly counts are too noisy to read)."""
    import numpy as np
    q = rd.quantile_levels(ds)
    lo_i, hi_i = int(np.argmin(q)), int(np.argmax(q))
    mean = np.asarray(ds[f"{series}_mean"].values, dtype=float) * scale
    band = np.asarray(ds[f"{series}_quantile"].values, dtype=float) * scale
    lo, hi = band[:, lo_i, :], band[:, hi_i, :]
    if series == "applications":
        mean, lo, hi = (rolling_sum(x, ROLLING_WEEKS) for x in (mean, lo, hi))
    return mean, lo, hi


def series_unit(ds, tr, series, unit_key):
    return tr(unit_key) if unit_key else tr.unit(ds[f"{series}_mean"].attrs.get("units", ""))


def shown_series(ds):
    """The FAN_SERIES that are not zero everywhere (a panel of zeros says nothing)."""
    return [f for f in FAN_SERIES if not all_zero(ds[f"{f[0]}_mean"].values)]


def fig_fan(ds, names, baseline, colors, tr, dn):
    import matplotlib.pyplot as plt
    import numpy as np
    time = ds["time"].values
    q = rd.quantile_levels(ds)
    styles = scenario_styles(names, baseline)
    shown = shown_series(ds)
    if not shown:
        return placeholder(tr("fig_all_zero_series"))
    ncols = 2
    nrows = (len(shown) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(12, 2.9 * nrows), sharex=True,
                             squeeze=False)
    for ax, (series, scale, unit_key) in zip(axes.flat, shown):
        mean, lo, hi = series_values(ds, series, scale)
        for i, name in enumerate(names):
            ax.fill_between(time, lo[i], hi[i], color=colors[name], alpha=0.15, linewidth=0)
            ax.plot(time, mean[i], color=colors[name], label=dn[name], linestyle=styles[name],
                    linewidth=2.0 if name == baseline else 1.3)
        ax.set_title(tr(f"s_{series}"), fontsize=10)
        ax.set_ylabel(series_unit(ds, tr, series, unit_key), fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        date_axis(ax)
    for ax in list(axes.flat)[len(shown):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(len(names), 4), fontsize=8,
               frameon=False)
    fig.suptitle(tr("fig_fan_title", lo=f"{q.min():g}", hi=f"{q.max():g}"), fontsize=11)
    legend_rows = (len(names) + 3) // 4
    fig.tight_layout(rect=(0, 0.03 * legend_rows + 0.01, 1, 0.97))
    return fig


def all_zero(values):
    """True if every finite value is 0 (or none is finite): a panel with nothing to show."""
    import numpy as np
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return v.size == 0 or bool(np.all(v == 0))


def fig_small_multiples(ds, names, baseline, colors, tr, dn, order, series=CERT_SERIES):
    """One panel per policy (in `order`, the decision ranking): its ensemble mean and band of
    `series` against the baseline's (grey), on a shared scale, instead of every scenario's
    line on one axis."""
    import matplotlib.pyplot as plt
    import numpy as np
    policies = list(order)
    if not policies:
        return placeholder(tr("fig_no_policy"))
    _, scale, unit_key = next(f for f in FAN_SERIES if f[0] == series)
    time = ds["time"].values
    q = rd.quantile_levels(ds)
    mean, lo, hi = series_values(ds, series, scale)
    b = names.index(baseline)
    ncols = min(4, len(policies))
    nrows = (len(policies) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(max(3.2 * ncols, 7.0), 2.4 * nrows + 0.9),
                             sharex=True, sharey=True, squeeze=False)
    for ax, name in zip(axes.flat, policies):
        i = names.index(name)
        ax.fill_between(time, lo[b], hi[b], color="0.6", alpha=0.25, linewidth=0)
        ax.plot(time, mean[b], color="0.35", linewidth=1.2, label=dn[baseline])
        ax.fill_between(time, lo[i], hi[i], color=colors[name], alpha=0.25, linewidth=0)
        ax.plot(time, mean[i], color=colors[name], linewidth=1.6, label=dn[name])
        ax.set_title(dn[name], fontsize=9)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        date_axis(ax)
    for ax in list(axes.flat)[len(policies):]:
        ax.set_visible(False)
    fig.suptitle(tr("fig_sm_title", series=tr(f"s_{series}"),
                    unit=series_unit(ds, tr, series, unit_key), baseline=dn[baseline],
                    lo=f"{q.min():g}", hi=f"{q.max():g}"), fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    return fig


def metric_label(ds, metric, tr):
    """A final metric in words, its variable name (as in comparison.csv) and its unit."""
    units = ds[f"final_{metric}"].attrs.get("units", "")
    words = f"{tr('m_' + metric)} ({metric})" if tr.has("m_" + metric) else metric
    return f"{words} [{tr.unit(units)}]" if units else words


def fig_forest(ds, rows, metrics, policies, alpha, tr, dn):
    import matplotlib.pyplot as plt
    import numpy as np
    if not policies:
        return placeholder(tr("fig_no_policy"))
    if not metrics:
        return placeholder(tr("fig_all_zero_metrics"))
    per_panel = 0.38 * len(policies) + 0.9
    fig, axes = plt.subplots(len(metrics), 1, figsize=(9, per_panel * len(metrics) + 0.6),
                             squeeze=False)
    y = np.arange(len(policies))[::-1]
    for ax, metric in zip(axes[:, 0], metrics):
        sub = [r for r in rows if r["metric"] == metric]
        for yi, r in zip(y, sub):
            if not np.isfinite(r["diff"]):
                ax.text(0.0, yi, tr("fig_no_pairs"), va="center", fontsize=7, color="grey")
                continue
            if np.isfinite(r["lo"]):
                ax.hlines(yi, r["lo"], r["hi"], color="tab:blue", linewidth=1.6)
            ax.plot(r["diff"], yi, "o", color="tab:blue",
                    markerfacecolor="tab:blue" if r["significant"] else "white")
        ax.axvline(0.0, color="grey", linewidth=0.8, linestyle="--")
        ax.set_yticks(y)
        ax.set_yticklabels([dn[p] for p in policies], fontsize=8)
        ax.set_ylim(-0.7, len(policies) - 0.3)
        ax.set_title(f"Δ {metric_label(ds, metric, tr)}", fontsize=9, loc="left")
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", alpha=0.3)
    level = rows[0]["level"] if rows else 1 - alpha
    fig.suptitle(tr("fig_forest_title", level=f"{100 * level:.4g}", alpha=f"{alpha:g}"),
                 fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    return fig


def has_consultations(ds):
    return "consultations_mean" in ds.variables


def funnel_stages(ds):
    """The funnel's stages; the consultation stage only if the file records it."""
    stages = list(FUNNEL_STAGES)
    if has_consultations(ds):
        stages.insert(stages.index("applications"), CONSULT_STAGE)
    return stages


def funnel_values(ds):
    """(scenario, stage) array in the order of funnel_stages: firms, aware, understand,
    expect at the last step, consultations (if recorded) and applications summed over all
    recorded steps, certifications at the last step."""
    import numpy as np
    last = lambda s: np.asarray(ds[f"{s}_mean"].values, dtype=float)[:, -1]  # noqa: E731
    summed = lambda s: np.nansum(np.asarray(ds[f"{s}_mean"].values, dtype=float), axis=1)  # noqa: E731
    columns = [np.asarray(ds["final_firms_mean"].values, dtype=float), last("aware"),
               last("understand"), last("expect")]
    if has_consultations(ds):
        columns.append(summed("consultations"))
    columns += [summed("applications"), last("certifications")]
    return np.stack(columns, axis=1)


def funnel_finals(ds):
    """(metric, per-scenario ensemble means) of the funnel's final metrics the file holds
    (none in files written before the consultation stage existed)."""
    import numpy as np
    return [(m, np.asarray(ds[f"final_{m}_mean"].values, dtype=float))
            for m in FUNNEL_FINALS if f"final_{m}_mean" in ds.variables]


def fig_funnel(ds, names, colors, values, stages, tr, dn):
    import matplotlib.pyplot as plt
    import numpy as np
    end = np.datetime_as_string(ds["time"].values[-1], unit="D")
    fig, ax = plt.subplots(figsize=(11 + 1.2 * (len(stages) - len(FUNNEL_STAGES)), 4.8))
    width = 0.8 / len(names)
    x = np.arange(len(stages))
    for i, name in enumerate(names):
        pos = x - 0.4 + width * (i + 0.5)
        bars = ax.bar(pos, np.nan_to_num(values[i]), width, color=colors[name],
                      label=dn[name])
        if len(names) <= 6:
            ax.bar_label(bars, labels=[f"{v:.0f}" if v >= 100 else f"{v:.3g}" for v in values[i]],
                         fontsize=6.5, padding=2, rotation=90)
    ax.set_yscale("symlog", linthresh=1.0)
    # Headroom (a factor of 10 on the log part) for the value labels and the legend.
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    ax.set_ylim(0, max(top, 1.0) * 10)
    ax.set_xticks(x)
    ax.set_xticklabels([tr(f"st_{s}") for s in stages], fontsize=9)
    ax.set_ylabel(tr("fig_funnel_ylabel"), fontsize=9)
    ax.set_title(tr("fig_funnel_title", end=end), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, ncol=min(len(names), 4), frameon=False, loc="upper right")
    fig.tight_layout()
    return fig


def fig_cost(ds, rows, policies, colors, tr, dn):
    import matplotlib.pyplot as plt
    import numpy as np
    if not policies:
        return placeholder(tr("fig_no_policy"))
    cost = {r["policy"]: r for r in rows if r["metric"] == COST_METRIC}
    cert = {r["policy"]: r for r in rows if r["metric"] == CERT_METRIC}
    fig, ax = plt.subplots(figsize=(8, 5.5))
    for name in policies:
        c, e = cost[name], cert[name]
        if not (np.isfinite(c["diff"]) and np.isfinite(e["diff"])):
            continue
        x, y = c["diff"] / 1e6, e["diff"]
        xerr = [[x - c["lo"] / 1e6], [c["hi"] / 1e6 - x]] if np.isfinite(c["lo"]) else None
        yerr = [[y - e["lo"]], [e["hi"] - y]] if np.isfinite(e["lo"]) else None
        ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", color=colors[name], capsize=3,
                    label=dn[name])
        ax.annotate(dn[name], (x, y), textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.axhline(0.0, color="grey", linewidth=0.8, linestyle="--")
    ax.axvline(0.0, color="grey", linewidth=0.8, linestyle="--")
    ax.set_xlabel(f"Δ {tr('m_' + COST_METRIC)} ({COST_METRIC}) [{tr('million_yen')}]",
                  fontsize=9)
    ax.set_ylabel(f"Δ {metric_label(ds, CERT_METRIC, tr)}", fontsize=9)
    level = cert[policies[0]]["level"]
    ax.set_title(tr("fig_cost_title", level=f"{100 * level:.4g}"), fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def placeholder(text):
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 1.5))
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11)
    ax.set_axis_off()
    return fig


def save(fig, outdir, name):
    """Write the figure as OUTDIR/name (PNG) and as the same name with .svg (vector, text as
    paths: slides need no font); return (PNG bytes for embedding, SVG bytes)."""
    import matplotlib.pyplot as plt
    out = []
    for fmt_, kw in (("png", {"dpi": 110}), ("svg", {"metadata": {"Date": None}})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt_, **kw)
        data = buf.getvalue()
        with open(os.path.join(outdir, os.path.splitext(name)[0] + "." + fmt_), "wb") as f:
            f.write(data)
        out.append(data)
    plt.close(fig)
    return tuple(out)


# ---------------------------------------------------------------- HTML


CSS = """
body { font-family: "DejaVu Sans", "IPAGothic", "Noto Sans CJK JP", sans-serif; max-width: 1150px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.sig td { background: #eef6ee; }
figure { margin: 1em 0; } img { max-width: 100%; }
figcaption { font-size: 0.85em; color: #555; }
nav.langswitch { position: sticky; top: 0; text-align: right; background: #fff; padding: 0.3em 0; }
nav.langswitch button { font: inherit; padding: 0.2em 0.8em; border: 1px solid #888; background: #fff; }
nav.langswitch button[aria-pressed="true"] { background: #0072B2; color: #fff; }
[hidden] { display: none !important; }
p.chooser select { font: inherit; }
p.warn { background: #fff4e0; border-left: 4px solid #E69F00; padding: 0.5em; }
p.note { font-size: 0.85em; color: #555; }
table.costs tr.total td { font-weight: bold; border-top: 2px solid #999; }
table.costs tr.part td:first-child { padding-left: 1.5em; }
table.costs td.bar { width: 14em; } table.costs td.bar span, span.swatch { display: inline-block;
  height: 0.8em; vertical-align: middle; }
span.swatch { width: 0.8em; margin-right: 0.3em; }
pre { background: #f7f7f7; padding: 0.5em; font-size: 0.8em; white-space: pre-wrap; }
"""


def comparison_rows(rows, tr, dn):
    out = []
    for r in rows:
        out.append([r["metric"], dn[r["policy"]], r["n"], fmt(r["base_mean"]),
                    fmt(r["policy_mean"]), fmt(r["diff"]), fmt(r["lo"]), fmt(r["hi"]),
                    fmt_p(r["p"]), fmt_p(r["p_holm"]), tr("yes" if r["significant"] else "no")])
    return out


def cost_rows(rows, policies, tr, dn):
    import numpy as np
    cost = {r["policy"]: r for r in rows if r["metric"] == COST_METRIC}
    cert = {r["policy"]: r for r in rows if r["metric"] == CERT_METRIC}
    out = []
    for name in policies:
        c, e = cost[name], cert[name]
        if np.isfinite(e["diff"]) and e["diff"] > 0 and np.isfinite(c["diff"]):
            per = fmt(c["diff"] / e["diff"] / 1e6)
            if not e["significant"]:
                per += tr("gain_not_sig")
        else:
            per = tr("no_gain")
        lo, hi = c.get("yen_per_cert_lo", np.nan), c.get("yen_per_cert_hi", np.nan)
        ci = f"[{fmt(lo / 1e6)}, {fmt(hi / 1e6)}]" if np.isfinite(lo) and np.isfinite(hi) else "–"
        out.append([dn[name], c["n"], fmt(c["diff"] / 1e6),
                    f"[{fmt(c['lo'] / 1e6)}, {fmt(c['hi'] / 1e6)}]",
                    fmt(e["diff"]), f"[{fmt(e['lo'])}, {fmt(e['hi'])}]", per, ci])
    return out


def policy_cost_rows(costs, dn):
    """The table of spending by policy and kind (million yen, mean per run)."""
    out = []
    for scenario, name, n, means, total in costs:
        out.append([dn.get(scenario, scenario), name, n] + [fmt(x / 1e6) for x in means]
                   + [fmt(total / 1e6)])
    return out


# The columns of `renkei compare --csv` (sim/cli/cmd_compare.cpp, export_rows), in order,
# with the row key or function that fills each here.
CSV_COLUMNS = [
    ("policy", "policy"), ("baseline", "baseline"), ("metric", "metric"), ("unit", "unit"),
    ("replicates", "replicates"), ("usable", "usable"), ("n", "n"), ("dropped_nan", "dropped"),
    ("mean_baseline", "base_mean"), ("mean_policy", "policy_mean"), ("mean_diff", "diff"),
    ("sd_diff", "sd"), ("se_diff", "se"), ("df", "df"), ("family_level", "family_level"),
    ("ci_level", "level"), ("ci_lo", "lo"), ("ci_hi", "hi"), ("welch_lo", "welch_lo"),
    ("welch_hi", "welch_hi"), ("welch_df", "welch_df"), ("half_width_ratio", "hw_ratio"),
    ("t", "t"), ("p", "p"), ("correction", "correction"), ("family", "family"),
    ("family_size", "family_size"), ("p_adjusted", "p_holm"), ("significant", "significant"),
    ("prob_mean_diff_positive", "prob_positive"), ("share_diff_positive", "share_positive"),
    ("rank_by", "rank_by"), ("rank", "rank"), ("yen_per_certification", "yen_per_cert"),
    ("yen_per_certification_lo", "yen_per_cert_lo"),
    ("yen_per_certification_hi", "yen_per_cert_hi"),
]
# Columns in the metric's own unit (written as whole yen when that unit is yen).
IN_UNIT = {"mean_baseline", "mean_policy", "mean_diff", "sd_diff", "se_diff", "ci_lo",
           "ci_hi", "welch_lo", "welch_hi"}


# Effects over the posterior draws (analysis/posterior.py), after compare's columns; `renkei
# compare` prints them as text only. Level: 1 − alpha, not corrected for multiple tests.
POSTERIOR_COLUMNS = [
    ("draws", "draws"), ("draw_pairs", "pairs"), ("draws_with_two", "draws_with_two"),
    ("posterior_level", "level"), ("posterior_mean_diff", "mean"),
    ("posterior_ci_lo", "lo"), ("posterior_ci_hi", "hi"),
    ("known_parameters_ci_lo", "known_lo"), ("known_parameters_ci_hi", "known_hi"),
    ("sd_chance", "sd_within"), ("sd_parameters", "sd_parameter"),
    ("posterior_range_lo", "range_lo"), ("posterior_range_hi", "range_hi"),
    ("prob_beats_baseline", "prob_beats"), ("share_draws_positive", "share_draws_positive"),
    ("share_first", "share_first"),
]
POSTERIOR_IN_UNIT = {"posterior_mean_diff", "posterior_ci_lo", "posterior_ci_hi",
                     "known_parameters_ci_lo", "known_parameters_ci_hi", "sd_chance",
                     "sd_parameters", "posterior_range_lo", "posterior_range_hi"}


def csv_number(x, unit=""):
    """Numbers as `renkei compare --csv` writes them: ten significant digits (93.1, not
    93.099999999999994), yen as whole yen (249500000, not 2.495e+08), empty if undefined."""
    import math
    x = float(x)
    if not math.isfinite(x):
        return ""
    if unit.startswith("yen"):
        text = f"{x:.0f}"
        return "0" if text == "-0" else text
    return f"{x:.10g}"


def posterior_cells(post, row):
    """The POSTERIOR_COLUMNS of one comparison row: filled for the metrics judged over the
    posterior (certifications_end, policy_cost_total) when the file has draws, else empty."""
    e = posterior_effect(post, row["metric"], row["policy"])
    if e is None:
        return [""] * len(POSTERIOR_COLUMNS)
    out = []
    for column, key in POSTERIOR_COLUMNS:
        value = e.get(key, float("nan"))
        if isinstance(value, int):
            out.append(str(value))
        else:
            out.append(csv_number(value, row["unit"] if column in POSTERIOR_IN_UNIT else ""))
    return out


def csv_table(rows, alpha, post=None):
    """The comparison table as comparison.csv writes it: (header, rows of text cells), the
    columns of `renkei compare --csv`, then POSTERIOR_COLUMNS. The other exports
    (analysis/exports.py) are made from these cells, so every file holds the same numbers."""
    header = [c for c, _ in CSV_COLUMNS] + [c for c, _ in POSTERIOR_COLUMNS]
    cells = []
    for r in rows:
        fixed = {"family_level": 1.0 - alpha, "correction": "holm", "family": "metric",
                 "rank_by": RANK_METRIC}
        out = []
        for column, key in CSV_COLUMNS:
            value = fixed[key] if key in fixed else r[key]
            if isinstance(value, bool):
                out.append("1" if value else "0")
            elif isinstance(value, str):
                out.append(value)
            elif column in IN_UNIT:
                out.append(csv_number(value, r["unit"]))
            elif column.startswith("yen_per_certification"):
                out.append(csv_number(value, "yen"))
            elif isinstance(value, int):
                out.append(str(value))
            else:
                out.append(csv_number(value))
        cells.append(out + posterior_cells(post, r))
    return header, cells


def write_csv(path, header, cells):
    """comparison.csv (csv_table's cells)."""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(cells)


def funnel_html(ds, names, funnel, figures, lang, tr, dn):
    """Section 4: the funnel figure, its numbers and, in files that record them, the
    program's own funnel finals (consultations, applications, requirements met)."""
    stages = funnel_stages(ds)
    consult = tr("cap_funnel_consult") if has_consultations(ds) else ""
    out = [f"<h2>{tr('h_funnel')}</h2>", figure_html(
        figures[figure_name("funnel", lang)], "awareness funnel",
        tr("cap_funnel", consult=consult))]
    out.append(table([tr("th_scenario")] + [tr(f"st_{s}").replace("\n", " ") for s in stages],
                     [[dn[n]] + [fmt(v) for v in funnel[i]] for i, n in enumerate(names)]))
    finals = funnel_finals(ds)
    if finals:
        out.append(f"<p>{tr('funnel_finals_intro')}</p>")
        out.append(table([tr("th_scenario")] + [tr(f"fin_{m}") for m, _ in finals],
                         [[dn[n]] + [fmt(v[i]) for _, v in finals]
                          for i, n in enumerate(names)]))
    else:
        out.append(f"<p>{tr('funnel_no_consult')}</p>")
    return "\n".join(out)


def page_body(ds, path, baseline, alpha, figures, rows, policies, funnel, names, decisions,
              end, post, outcomes, costs, lang):
    """Every section of the report in one language."""
    tr = labels.Text(lang)
    dn = dict(zip(names, rd.display_names(ds, lang)))
    ok = rd.run_ok(ds)
    descriptions = [str(s) for s in ds["scenario_description"].values]
    files = ([str(s) for s in ds["scenario_files"].values] if "scenario_files" in ds
             else [""] * len(names))
    nrep = ds.sizes.get("replicate", 0)
    q = rd.quantile_levels(ds)
    level = rows[0]["level"] if rows else 1.0 - alpha
    parts = [f"<h1>{esc(tr('title', file=os.path.basename(path)))}</h1>",
             "<p>" + tr("intro", path=esc(os.path.abspath(path)), n=len(names), nrep=nrep,
                        baseline=esc(dn[baseline])) + "</p>"]
    parts.append(decision_html(list(decisions), baseline, end, level, figures, post,
                               rd.attr(ds, "parameters", ""), outcomes, lang, tr, dn, costs,
                               rd.attr(ds, "budget_warnings", "")))
    parts.append(f"<h2>{tr('h_series')}</h2>")
    parts.append(figure_html(figures[figure_name("fan_charts", lang)], "fan charts",
                             tr("cap_fan", lo=f"{q.min():g}", hi=f"{q.max():g}",
                                weeks=ROLLING_WEEKS)))
    parts.append(f"<h2>{tr('h_effects')}</h2>")
    parts.append(figure_html(figures[figure_name("forest", lang)], "forest plot",
                             tr("cap_forest", baseline=esc(dn[baseline]),
                                level=f"{100 * level:.4g}", m=len(policies),
                                alpha=f"{alpha:g}")))
    parts.append(f"<h2>{tr('h_table')}</h2>")
    parts.append(table(
        [tr(k, baseline=dn[baseline]) for k in
         ("th_metric", "th_policy", "th_pairs", "th_base_mean", "th_policy_mean", "th_d_mean",
          "th_ci_low", "th_ci_high", "th_p", "th_p_holm", "th_significant")],
        comparison_rows(rows, tr, dn), numeric_from=2,
        row_classes=["sig" if r["significant"] else "" for r in rows]))
    parts.append(f"<p>{tr('csv_note', cost=COST_METRIC)}</p>")
    parts.append(funnel_html(ds, names, funnel, figures, lang, tr, dn))
    parts.append(f"<h2>{tr('h_cost')}</h2>")
    parts.append(figure_html(figures[figure_name("cost_effect", lang)], "cost against effect",
                             tr("cap_cost", cost=COST_METRIC, cert=CERT_METRIC)))
    if policies:
        parts.append(table([tr(k) for k in ("th_policy", "th_pairs", "th_d_cost", "th_ci",
                                             "th_d_cert", "th_ci", "th_cost_per_cert",
                                             "th_cost_per_cert_ci")],
                           cost_rows(rows, policies, tr, dn)))
    if costs:
        parts.append(f"<p>{tr('policy_costs_note')}</p>")
        parts.append(table([tr(k) for k in ("th_scenario", "th_policy_item", "th_runs",
                                             "th_cost_fixed", "th_cost_running",
                                             "th_cost_per_contact", "th_cost_coaching",
                                             "th_cost_total")],
                           policy_cost_rows(costs, dn), numeric_from=2))
    parts.append(f"<h2>{tr('h_provenance')}</h2>")
    prov = [(k, rd.attr(ds, k)) for k in
            ("renkei_version", "git_commit", "master_seed", "replicates", "created",
             "threads", "build_type", "compiler", "hdf5_version", "command_line")]
    parts.append(table([tr("th_attribute"), tr("th_value")], prov, numeric_from=99))
    scen_rows = []
    for i, n in enumerate(names):
        finished = int(ok[i].sum())
        shown = n if dn[n] == n else f"{dn[n]} ({n})"
        scen_rows.append([shown, descriptions[i], finished, nrep - finished])
    parts.append(table([tr(k) for k in ("th_scenario", "th_description", "th_finished",
                                         "th_failed")], scen_rows, numeric_from=2))
    if any(files):
        parts.append(f"<p>{tr('scenario_files')}</p>")
        for n, f in zip(names, files):
            parts.append(f"<pre>{esc(n)}\n{esc(f)}</pre>")
    return "\n".join(parts)


# The page's only script: the language switch and the outcome chooser. The address may
# preselect both (report.html#lang=en&outcome=applications), which is how a link, or the
# browser test, opens a given view. No library, nothing fetched.
SCRIPT = """
(function () {
  function setLang(lang) {
    if (!document.getElementById('page-' + lang)) return;
    document.documentElement.lang = lang;
    document.querySelectorAll('.page').forEach(function (p) {
      p.hidden = p.id !== 'page-' + lang;
    });
    document.querySelectorAll('.langswitch button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    });
  }
  function setOutcome(outcome) {
    document.querySelectorAll('select.outcome').forEach(function (s) {
      if (s.querySelector('option[value="' + outcome + '"]')) s.value = outcome;
    });
    document.querySelectorAll('.outcome-fig').forEach(function (f) {
      f.hidden = f.dataset.outcome !== outcome;
    });
  }
  document.querySelectorAll('.langswitch button').forEach(function (b) {
    b.addEventListener('click', function () { setLang(b.dataset.lang); });
  });
  document.querySelectorAll('select.outcome').forEach(function (s) {
    s.addEventListener('change', function () { setOutcome(s.value); });
  });
  var args = new URLSearchParams(location.hash.slice(1));
  if (args.get('lang')) setLang(args.get('lang'));
  if (args.get('outcome')) {
    // Through the chooser's own change event, as a click would.
    var s = document.querySelector('.page:not([hidden]) select.outcome');
    if (s && s.querySelector('option[value="' + args.get('outcome') + '"]')) {
      s.value = args.get('outcome');
      s.dispatchEvent(new Event('change'));
    }
  }
})();
"""


def build_html(ds, path, langs, **sections):
    """The whole page: one body per language in `langs` (the first shown), and a language
    switch when there are two."""
    first = langs[0]
    title = labels.Text(first)("title", file=os.path.basename(path))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{first}\"><head><meta charset=\"utf-8\">"
             f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"]
    if len(langs) > 1:
        buttons = "".join(
            f'<button type="button" data-lang="{lang}" lang="{lang}" '
            f'aria-pressed="{str(lang == first).lower()}">{labels.LANG_NAMES[lang]}</button>'
            for lang in langs)
        parts.append(f'<nav class="langswitch" aria-label="language / 表示言語">{buttons}</nav>')
    for lang in langs:
        hidden = "" if lang == first else " hidden"
        parts.append(f'<div class="page" id="page-{lang}" lang="{lang}"{hidden}>')
        parts.append(page_body(ds, path, lang=lang, **sections))
        parts.append("</div>")
    parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def draw_figures(ds, outdir, lang, names, baseline, colors, rows, forest_metrics, policies,
                 alpha, funnel, decisions, outcomes):
    """Every figure in one language: ({PNG file name: PNG bytes}, {PNG file name: SVG
    bytes}), each also written to outdir as PNG and SVG."""
    tr = labels.Text(lang)
    dn = dict(zip(names, rd.display_names(ds, lang)))
    forest_rows = [r for r in rows if r["metric"] in forest_metrics]
    order = [d["policy"] for d in decisions]
    figs = {
        "fan_charts": lambda: fig_fan(ds, names, baseline, colors, tr, dn),
        "forest": lambda: fig_forest(ds, forest_rows, forest_metrics, policies, alpha, tr, dn),
        "funnel": lambda: fig_funnel(ds, names, colors, funnel, funnel_stages(ds), tr, dn),
        "cost_effect": lambda: fig_cost(ds, rows, policies, colors, tr, dn),
    }
    for series in outcomes:
        figs[f"by_policy_{series}"] = (lambda s=series: fig_small_multiples(
            ds, names, baseline, colors, tr, dn, order, s))
    out, svgs = {}, {}
    for stem, draw in figs.items():
        name = figure_name(stem, lang)
        # Matplotlib only warns when a glyph is missing and draws a box; a figure of boxes is
        # no figure, so that warning stops the report.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out[name], svgs[name] = save(draw(), outdir, name)
        missing = [str(w.message) for w in caught if "missing from current font" in str(w.message)]
        if missing:
            fail(f"{name}: {missing[0]}; {cjk_font.INSTALL_HINT}")
    return out, svgs


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="renkei output file (netCDF-4/HDF5)")
    parser.add_argument("-o", "--outdir", help="output directory (default: <stem>_report/ "
                        "next to the file)")
    parser.add_argument("--baseline", help="scenario the policies are compared with "
                        "(default: 'baseline' if present, else the first scenario)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="family-wise error rate per metric (default 0.05)")
    parser.add_argument("--lang", choices=["both", "ja", "en"], default="both",
                        help="language of the page and figures: both (default; Japanese "
                        "shown first, a switch on the page for English), ja or en")
    parser.add_argument("--cjk-font", metavar="FILE",
                        help="font file for the Japanese figures (default: found with "
                        "fontconfig, e.g. Debian's fonts-ipafont-gothic)")
    pdf = parser.add_mutually_exclusive_group()
    pdf.add_argument("--pdf", dest="pdf", action="store_const", const="yes", default="auto",
                     help="require decision.pdf (exit 2 if no Chromium is on PATH); by "
                     "default it is made whenever Chromium is found")
    pdf.add_argument("--no-pdf", dest="pdf", action="store_const", const="no",
                     help="do not make decision.pdf (saves Chromium's few seconds)")
    args = parser.parse_args()
    if not 0.0 < args.alpha < 1.0:
        fail(f"--alpha {args.alpha:g}: must lie strictly between 0 and 1")
    langs = {"both": ["ja", "en"], "ja": ["ja"], "en": ["en"]}[args.lang]
    chromium = exports.find_chromium() if args.pdf != "no" else None
    if args.pdf == "yes" and chromium is None:
        fail("--pdf: no Chromium on PATH (looked for chromium, chromium-browser, "
             "google-chrome); install Debian's chromium (scripts/setup.sh), or leave out --pdf")

    import matplotlib
    matplotlib.use("Agg")
    if "ja" in langs:
        # Before anything is written: Japanese figures without a CJK font would show boxes.
        try:
            cjk_font.use_in_matplotlib(cjk_font.find(args.cjk_font))
        except cjk_font.FontError as e:
            fail(f"--lang {args.lang}: {e}")

    try:
        ds = rd.open_results(args.path)
        series_vars = [f"{s}_{k}" for s, *_ in FAN_SERIES for k in ("mean", "quantile")]
        final_vars = [f"final_{m}" for m in FOREST_METRICS + [COST_METRIC]]
        rd.require(ds, args.path, ["time", "quantile", "run_ok", "scenario_description",
                                   "final_firms_mean", "applications_mean"]
                   + series_vars + final_vars)
        names = rd.scenario_names(ds)
        for lang in langs:
            rd.display_names(ds, lang, args.path)  # a damaged name variable is refused here
        baseline = args.baseline if args.baseline is not None else rd.default_baseline(ds)
        base_index = rd.pick_scenario(ds, baseline)
        policy_indices = [i for i in range(len(names)) if i != base_index]
        # Before the output directory exists: a damaged parameter_draw leaves nothing behind.
        post = posterior_results(ds, base_index, policy_indices, args.alpha, args.path)
        costs = policy_costs(ds, args.path)  # damaged cost variables are refused here too
    except rd.RenkeiDataError as e:
        fail(str(e))

    outdir = os.path.abspath(args.outdir) if args.outdir else os.path.join(
        os.path.dirname(os.path.abspath(args.path)),
        os.path.splitext(os.path.basename(args.path))[0] + "_report")
    try:
        os.makedirs(outdir, exist_ok=True)
    except OSError as e:
        fail(f"{outdir}: cannot create the output directory ({e.strerror})")
    if not os.access(outdir, os.W_OK):
        fail(f"{outdir}: output directory is not writable")

    policies = [names[i] for i in policy_indices]
    rows = compare(ds, FOREST_METRICS + [COST_METRIC], base_index, policy_indices, args.alpha)
    colors = scenario_colors(names, baseline)
    funnel = funnel_values(ds)
    # Panels of metrics that are zero in every run and scenario say nothing; the table and
    # comparison.csv keep them.
    forest_metrics = [m for m in FOREST_METRICS if not all_zero(rd.finals(ds, m))]
    decisions = decision_rows(ds, rows, base_index, policy_indices, names, post)
    end = end_date(ds, base_index)
    shown = {s for s, *_ in shown_series(ds)}
    outcomes = [s for s in OUTCOME_ORDER if s in shown] or [CERT_SERIES]

    figures, svgs = {}, {}
    try:
        for lang in langs:
            png, svg = draw_figures(ds, outdir, lang, names, baseline, colors, rows,
                                    forest_metrics, policies, args.alpha, funnel, decisions,
                                    outcomes)
            figures.update(png)
            svgs.update(svg)
        header, cells = csv_table(rows, args.alpha, post)
        write_csv(os.path.join(outdir, "comparison.csv"), header, cells)
        if costs:
            write_policy_costs(os.path.join(outdir, "costs_by_policy.csv"), costs)
        else:
            remove_stale(outdir, "costs_by_policy.csv")
        write_exports(ds, args.path, outdir, header, cells, baseline, args.alpha, post)
        report = os.path.join(outdir, "report.html")
        with open(report, "w", encoding="utf-8") as f:
            f.write(build_html(ds, args.path, langs, baseline=baseline, alpha=args.alpha,
                               figures=figures, rows=rows, policies=policies, funnel=funnel,
                               names=names, decisions=decisions, end=end, post=post,
                               outcomes=outcomes, costs=costs))
        if chromium is not None:
            level = rows[0]["level"] if rows else 1.0 - args.alpha
            make_html = lambda zoom: build_print_html(  # noqa: E731
                ds, args.path, langs, zoom, baseline=baseline, decisions=decisions, end=end,
                level=level, post=post, svgs=svgs, nrep=ds.sizes.get("replicate", 0),
                costs=costs)
            write_pdf(chromium, make_html, outdir, required=args.pdf == "yes")
        else:
            # A decision.pdf of an earlier run would no longer match the other files.
            remove_stale(outdir, "decision.pdf", "decision.html")
            if args.pdf == "auto":
                print(f"{PROG}: note: decision.pdf not made: no Chromium on PATH (install "
                      "Debian's chromium; --no-pdf silences this note)", file=sys.stderr)
    except OSError as e:
        fail(f"{e.filename or outdir}: cannot write ({e.strerror})")
    ds.close()
    print(report)


def remove_stale(outdir, *names):
    """Remove files of an earlier report that this one does not rewrite."""
    for name in names:
        path = os.path.join(outdir, name)
        if os.path.isfile(path):
            os.remove(path)


def write_pdf(chromium, make_html, outdir, required):
    """decision.html and decision.pdf, one A4 page. A Chromium that fails is an error (exit
    1) when --pdf asked for the PDF, else a note on stderr."""
    html_path = os.path.join(outdir, "decision.html")
    pdf_path = os.path.join(outdir, "decision.pdf")
    try:
        zoom, pages = exports.print_one_page(chromium, make_html, html_path, pdf_path)
    except exports.PdfError as e:
        if required:
            print(f"{PROG}: error: decision.pdf: {e}", file=sys.stderr)
            sys.exit(1)
        print(f"{PROG}: note: decision.pdf not made: {e}", file=sys.stderr)
        remove_stale(outdir, "decision.pdf")
        return
    if pages != 1:
        print(f"{PROG}: warning: decision.pdf has {pages} pages even at {zoom:g} of the size "
              "(too many policies for one page)", file=sys.stderr)


def metric_names(metrics):
    """{metric: (English name, Japanese name)} from labels.py, the id where it has none."""
    en, ja = labels.Text("en"), labels.Text("ja")
    return {m: (en("m_" + m), ja("m_" + m)) if en.has("m_" + m) else (m, m) for m in metrics}


def both_display_names(ds, path):
    """{lang: display names} for English and Japanese (ids where a variable is damaged: the
    languages shown were checked before, and the exports should not fail on the other)."""
    out = {}
    for lang in ("en", "ja"):
        try:
            out[lang] = rd.display_names(ds, lang, path)
        except rd.RenkeiDataError:
            out[lang] = rd.scenario_names(ds)
    return out


def write_exports(ds, path, outdir, header, cells, baseline, alpha, post):
    """comparison.json, comparison_excel.csv and (with openpyxl) comparison.xlsx, from the
    cells of comparison.csv (analysis/exports.py)."""
    names = rd.scenario_names(ds)
    dnames = both_display_names(ds, path)
    im, iu = header.index("metric"), header.index("unit")
    units = dict((row[im], row[iu]) for row in cells)
    mnames = metric_names(units)
    in_unit = IN_UNIT | POSTERIOR_IN_UNIT
    source = {"file": os.path.basename(path), "path": os.path.abspath(path)}
    for k in ("renkei_version", "git_commit", "created", "master_seed", "replicates"):
        v = ds.attrs.get(k)
        # Numbers stay numbers (numpy scalars are not JSON); the rest as text.
        source[k] = (None if v is None else int(v) if k in ("master_seed", "replicates")
                     and str(v).isdigit() else str(v))
    meta = {
        "source": source,
        "alpha": alpha,
        "correction": "holm",
        "family": "metric",
        "intervals": "paired Student t at the Bonferroni level 1 - alpha/m per metric "
                     "(m policies with a test), the level in ci_level",
        "rank_by": RANK_METRIC,
        "baseline": baseline,
        "posterior": ({"level": 1.0 - alpha, "metrics": sorted(post)} if post else None),
        "scenarios": [{"id": n, "role": "baseline" if n == baseline else "policy",
                       "display_name": {"en": dnames["en"][i], "ja": dnames["ja"][i]}}
                      for i, n in enumerate(names)],
        "metrics": [{"id": m, "unit": units[m], "name": {"en": mnames[m][0], "ja": mnames[m][1]}}
                    for m in units],
    }
    exports.write_json(os.path.join(outdir, exports.JSON), header, cells, meta, in_unit)
    ip = header.index("policy")
    dn = {lang: dict(zip(names, dnames[lang])) for lang in dnames}
    row_names = {(row[ip], row[im]): (dn["en"][row[ip]], dn["ja"][row[ip]], *mnames[row[im]])
                 for row in cells}
    exports.write_excel_csv(os.path.join(outdir, exports.EXCEL_CSV), header, cells, row_names)
    why = exports.have_openpyxl()
    xlsx = os.path.join(outdir, exports.XLSX)
    if why:
        print(f"{PROG}: note: {exports.XLSX} not written: {why}; {exports.EXCEL_CSV} (UTF-8 "
              "with BOM) opens in Excel instead", file=sys.stderr)
        remove_stale(outdir, exports.XLSX)
        return
    about = [("file", source["path"]), ("renkei_version", source["renkei_version"] or ""),
             ("git_commit", source["git_commit"] or ""), ("created", source["created"] or ""),
             ("baseline", f"{baseline} ({dn['en'][baseline]} / {dn['ja'][baseline]})"),
             ("alpha", alpha),
             ("correction", "Holm per metric over the policies; intervals at the Bonferroni "
                            "level 1 - alpha/m (column ci_level), as renkei compare"),
             ("units", "cells hold the numbers of comparison.csv: amounts in yen are shown in "
                       "millions (format #,##0.00,,) but hold yen; shares and probabilities "
                       "hold fractions, shown as per cent"),
             ("same rows", "comparison.csv, comparison_excel.csv, comparison.json")]
    about += [(f"scenario {n}", f"{dn['en'][n]} / {dn['ja'][n]}"
               + (" (baseline)" if n == baseline else "")) for n in names]
    exports.write_xlsx(xlsx, header, cells, row_names, in_unit, about)


if __name__ == "__main__":
    main()
