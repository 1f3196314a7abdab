"""Policy effects under parameter uncertainty, as `renkei compare` computes them.

When replicate r of every scenario ran with a posterior draw (`parameter_draw`), the paired
differences d = policy − baseline are grouped by draw: their spread within a draw is chance
(the model's own randomness), the spread of the draws' mean effects beyond it is what the
parameters leave uncertain (law of total variance). These functions transcribe
sim/stats/posterior.cpp line for line, so that the report and `renkei compare` print the
same numbers; change both together (tests/cli/test_report_posterior.sh checks they agree).
"""
import math

import numpy as np

import renkei_data as rd


def _by_draw(d, draw):
    """The differences grouped by draw label, in label order (a std::map in the C++)."""
    return [(label, d[draw == label]) for label in np.unique(draw)]


def _nan_effect(out):
    for key in ("sd_within", "sd_parameter", "prob_beats", "known_lo", "known_hi",
                "range_lo", "range_hi"):
        out[key] = math.nan
    return out


def draw_effect(policy, baseline, draw, level):
    """stats::draw_effect: the mean over draws of each draw's mean effect and its t-interval
    over the draw means, the pooled within-draw SD (chance), the SD of E[d|θ] by moments
    (parameters), the central `level` range of E[d|θ] (normal approximation), P(E[d|θ] > 0)
    and the share of draws whose mean d > 0. Needs pairs from at least two draws."""
    from scipy import stats
    d = np.asarray(policy, dtype=float) - np.asarray(baseline, dtype=float)
    draw = np.asarray(draw, dtype=float)
    groups = _by_draw(d, draw)
    if len(groups) < 2:
        raise ValueError("draw_effect: needs pairs from at least two draws")
    means = np.array([g.mean() for _, g in groups])
    sizes = np.array([g.size for _, g in groups], dtype=float)
    within_ss = float(sum(((g - g.mean()) ** 2).sum() for _, g in groups))
    within_df = float((sizes - 1.0).sum())
    D = float(len(groups))
    # Every draw weighs the same: the draws are samples of the posterior, not of the runs.
    mean = float(means.sum() / D)
    var_means = float(((means - mean) ** 2).sum() / (D - 1.0))
    half = float(stats.t.ppf(0.5 + level / 2.0, D - 1.0)) * math.sqrt(var_means / D)
    out = {"draws": int(D), "pairs": int(d.size), "draws_with_two": int((sizes >= 2).sum()),
           "level": level, "mean": mean, "lo": mean - half, "hi": mean + half,
           "share_draws_positive": float((means > 0.0).sum()) / D}
    if out["draws_with_two"] == 0:
        return _nan_effect(out)
    # E[variance of draw means] = Var E[d|θ] + E[1/n_j]·σ²_within (moments, unequal sizes).
    inv_n = float((1.0 / sizes).sum() / D)
    var_within = within_ss / within_df
    out["sd_within"] = math.sqrt(var_within)
    out["sd_parameter"] = math.sqrt(max(0.0, var_means - inv_n * var_within))
    half_w = float(stats.t.ppf(0.5 + level / 2.0, within_df)) * out["sd_within"] / math.sqrt(d.size)
    out["known_lo"], out["known_hi"] = mean - half_w, mean + half_w
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    out["range_lo"] = mean - z * out["sd_parameter"]
    out["range_hi"] = mean + z * out["sd_parameter"]
    # Widened by the mean's own estimation variance, as in posterior.cpp: a parameter spread
    # of 0 by moments means "not told from chance", not certainty.
    sd_beats = math.sqrt(out["sd_parameter"] ** 2 + var_means / D)
    if sd_beats > 0.0:
        out["prob_beats"] = float(stats.norm.cdf(mean / sd_beats))
    else:
        out["prob_beats"] = 1.0 if mean > 0.0 else 0.0 if mean < 0.0 else 0.5
    return out


def share_first(effects, draw):
    """stats::share_first: per policy, the share of draws in which its mean effect is the
    largest of all policies' (ties shared)."""
    share = np.zeros(len(effects))
    if not effects:
        return share
    draw = np.asarray(draw, dtype=float)
    labels = np.unique(draw)
    for label in labels:
        means = np.array([np.asarray(e, dtype=float)[draw == label].mean() for e in effects])
        best = means == means.max()
        share[best] += 1.0 / best.sum()
    return share / labels.size


def usable_replicates(ds, metric):
    """Replicates whose runs finished in every scenario with a finite value: every policy is
    then judged on the same draws (as in `renkei compare`)."""
    values = rd.finals(ds, metric)
    return np.flatnonzero(np.all(np.isfinite(values), axis=0))


def draw_labels(ds, path="the file"):
    """The posterior draw of each replicate, or None when the runs used no draws (a --point
    run, fixed parameters, or a file written before draws were recorded). A parameter_draw
    that is not one value per replicate is a damaged file: saying "no parameter uncertainty"
    then would be wrong, so it is refused."""
    if "parameter_draw" not in ds.variables:
        return None
    var = ds["parameter_draw"]
    draw = np.asarray(var.values, dtype=float)
    nrep = ds.sizes.get("replicate", -1)
    if tuple(var.dims) != ("replicate",) or draw.shape != (nrep,) or not np.isfinite(draw).all():
        raise rd.RenkeiDataError(
            f"{path}: parameter_draw is not one draw number per replicate (dimensions "
            f"{tuple(var.dims)}, {draw.size} values for {nrep} replicates); the file is "
            "damaged: rerun the study with renkei run")
    return draw


def posterior_study(ds, metric, base_index, policy_indices, level, pairwise=True,
                    path="the file"):
    """For `metric`: each policy's draw_effect against the baseline (in policy order), the
    share of draws in which each ranks first and, if asked and some draw has two pairs or
    more, the matrix P(row beats column). None when fewer than two draws are usable."""
    draw = draw_labels(ds, path)
    if draw is None or not policy_indices:
        return None
    reps = usable_replicates(ds, metric)
    labels = draw[reps]
    if np.unique(labels).size < 2:
        return None
    values = rd.finals(ds, metric)[:, reps]
    base = values[base_index]
    effects = [draw_effect(values[j], base, labels, level) for j in policy_indices]
    first = share_first([values[j] - base for j in policy_indices], labels)
    for e, f in zip(effects, first):
        e["share_first"] = float(f)
    matrix = None
    if pairwise and len(policy_indices) >= 2 and effects[0]["draws_with_two"] > 0:
        matrix = [[math.nan if i == j else
                   draw_effect(values[i], values[j], labels, level)["prob_beats"]
                   for j in policy_indices] for i in policy_indices]
    return {"metric": metric, "effects": effects, "pairwise": matrix, "level": level}
