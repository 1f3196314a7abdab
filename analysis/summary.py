#!/usr/bin/python3
"""Print the per-scenario final metrics of a renkei output file as a table.

Usage: /usr/bin/python3 analysis/summary.py RESULTS.h5 [--metric NAME ...] [--csv]

Reads the netCDF-4/HDF5 file written by `renkei run` with xarray (Debian's packages) and
prints, for each scenario, the ensemble mean and the stored quantile band of each final
metric (final_<name>_mean / final_<name>_quantile); with --csv, one column per number
(<name>_mean, <name>_q<lo>, <name>_q<hi>). Exits 2 with a message naming the file
if it is not renkei output.
"""
import argparse
import csv
import os
import sys

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import renkei_data as rd  # noqa: E402  (found next to this script)

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
    if args.csv:
        # One number per cell, ten significant digits (as `renkei compare --csv`).
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["scenario"] + [f"{m}_{s}" for m in metrics
                                   for s in ("mean", f"q{q[0]:g}", f"q{q[-1]:g}")])
        for i, name in enumerate(names):
            row = [name]
            for m in metrics:
                band = ds[f"final_{m}_quantile"].values[i]
                row += [number(ds[f"final_{m}_mean"].values[i]), number(band[0]), number(band[-1])]
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


def number(x):
    """A CSV cell: ten significant digits, empty for NaN (no successful replicate)."""
    x = float(x)
    return f"{x:.10g}" if x == x else ""


if __name__ == "__main__":
    main()
