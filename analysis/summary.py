#!/usr/bin/python3
"""Print the per-scenario final metrics of a renkei output file as a table.

Usage: /usr/bin/python3 analysis/summary.py RESULTS.h5 [--metric NAME ...] [--csv]

Reads the netCDF-4/HDF5 file written by `renkei run` with xarray (Debian's packages) and
prints, for each scenario, the ensemble mean and the stored quantile band of each final
metric (final_<name>_mean / final_<name>_quantile); with --csv, one column per number
(<name>_mean, <name>_q<lo>, <name>_q<hi>). Exits 2 with a message naming the file
if it is not renkei output.

That band is over the replicates: it mixes chance with, when the replicates ran with
posterior draws of the parameters (`parameter_draw`), the parameters' uncertainty. For such
files a second table separates the two per scenario and metric, by the formulas of
`renkei compare`'s posterior section (analysis/posterior.py): the mean over draws of the
draws' means, the range of E[Y | parameters] over the posterior at the level of the stored
band (0.05–0.95: 90 %), the SD of the parameters and the SD of chance (within a draw); with
--csv, five more columns per metric. A file without draws gets a note that its band covers
chance only.
"""
import argparse
import csv
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import posterior as po  # noqa: E402  (found next to this script)
import renkei_data as rd  # noqa: E402

PROG = "summary.py"


def fail(message):
    rd.fail(PROG, message)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--metric", action="append", help="final metric name (repeatable)")
    parser.add_argument("--csv", action="store_true", help="comma-separated output")
    args = parser.parse_args()
    try:
        ds = rd.open_results(args.path)
        rd.require(ds, args.path, ["quantile"])
    except rd.RenkeiDataError as e:
        fail(str(e))
    available = rd.final_metric_names(ds)
    metrics = args.metric or available
    unknown = [m for m in metrics if m not in available]
    if unknown:
        fail(f"unknown metric(s) {', '.join(unknown)}; available: {', '.join(available)}")
    q = rd.quantile_levels(ds)
    names = rd.scenario_names(ds)
    try:
        draw = po.draw_labels(ds, args.path)
    except rd.RenkeiDataError as e:
        fail(str(e))
    # The posterior range at the level of the stored band, so the two intervals compare.
    level = float(q[-1] - q[0]) if q.size > 1 and q[-1] > q[0] else 0.9
    post = ({m: parameter_split(ds, m, draw, level) for m in metrics}
            if draw is not None else None)
    if args.csv:
        # One number per cell, ten significant digits (as `renkei compare --csv`).
        w = csv.writer(sys.stdout, lineterminator="\n")
        extra = POSTERIOR_COLUMNS if post else []
        w.writerow(["scenario"] + [f"{m}_{s}" for m in metrics
                                   for s in ["mean", f"q{q[0]:g}", f"q{q[-1]:g}"] + extra])
        for i, name in enumerate(names):
            row = [name]
            for m in metrics:
                band = ds[f"final_{m}_quantile"].values[i]
                row += [number(ds[f"final_{m}_mean"].values[i]), number(band[0]), number(band[-1])]
                if post:
                    e = post[m][i]
                    row += [number(e[k]) if e else "" for k in POSTERIOR_KEYS]
            w.writerow(row)
        return
    header = ["scenario"] + [f"{m} mean [{q[0]:g},{q[-1]:g}]" for m in metrics]
    print("  ".join(header))
    for i, name in enumerate(names):
        cells = [name]
        for m in metrics:
            mean = float(ds[f"final_{m}_mean"].values[i])
            band = ds[f"final_{m}_quantile"].values[i]
            cells.append(f"{mean:.4g} [{band[0]:.4g},{band[-1]:.4g}]")
        print("  ".join(cells))
    print()
    if post is None:
        print(f"Parameter uncertainty: not included (the file has no posterior draws); the "
              f"band [{q[0]:g},{q[-1]:g}] covers chance only.")
        return
    print_parameter_split(names, metrics, post, draw, level, q)


# The columns of the parameter split, after each metric's band (--csv), and the keys of
# posterior.draw_effect that fill them.
POSTERIOR_COLUMNS = ["draws_mean", "param_range_lo", "param_range_hi", "sd_parameters",
                     "sd_chance"]
POSTERIOR_KEYS = ["mean", "range_lo", "range_hi", "sd_parameter", "sd_within"]


def parameter_split(ds, metric, draw, level):
    """Per scenario, posterior.draw_effect of the metric's finals (against 0) over the
    replicates of that scenario that finished: the mean over draws, the range of E[Y | θ]
    over the posterior, SD parameters and SD chance. None where fewer than two draws have a
    finished run."""
    import numpy as np
    values = rd.finals(ds, metric)
    out = []
    for row in values:
        ok = np.isfinite(row)
        if np.unique(draw[ok]).size < 2:
            out.append(None)
            continue
        out.append(po.draw_effect(row[ok], np.zeros(int(ok.sum())), draw[ok], level))
    return out


def print_parameter_split(names, metrics, post, draw, level, q):
    import numpy as np
    per_draw = np.bincount(np.unique(draw, return_inverse=True)[1])
    each = (f"{per_draw.min()}" if per_draw.min() == per_draw.max()
            else f"{per_draw.min()}–{per_draw.max()}")
    print(f"Parameter uncertainty ({np.unique(draw).size} posterior draws, "
          f"{each} replicates each): E[Y | parameters] over the "
          f"posterior, mean over draws and its {100 * level:.4g} % range (normal "
          f"approximation), then the SD of the parameters and of chance; the band "
          f"[{q[0]:g},{q[-1]:g}] above is over replicates and holds both.")
    header = ["scenario"] + [f"{m} draws-mean [range] sd-param sd-chance" for m in metrics]
    print("  ".join(header))
    for i, name in enumerate(names):
        cells = [name]
        for m in metrics:
            e = post[m][i]
            if e is None:
                cells.append("n/a (fewer than two draws)")
                continue
            cells.append(f"{e['mean']:.4g} [{e['range_lo']:.4g},{e['range_hi']:.4g}] "
                         f"{e['sd_parameter']:.4g} {e['sd_within']:.4g}")
        print("  ".join(cells))
    if all(e is None or np.isnan(e["sd_within"]) for m in metrics for e in post[m]):
        print("With one replicate per draw, chance and parameters cannot be told apart "
              "(nan): run with --replicates-per-draw 2.")


def number(x):
    """A CSV cell: ten significant digits, empty for NaN (no successful replicate)."""
    x = float(x)
    return f"{x:.10g}" if x == x else ""


if __name__ == "__main__":
    main()
