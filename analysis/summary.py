#!/usr/bin/python3
"""Print the per-scenario final metrics of a renkei output file as a table.

Usage: /usr/bin/python3 analysis/summary.py RESULTS.h5 [--metric NAME ...] [--csv]

Reads the netCDF-4/HDF5 file written by `renkei run` with xarray (Debian's packages) and
prints, for each scenario, the ensemble mean and the stored quantile band of each final
metric (final_<name>_mean / final_<name>_quantile). Exits 2 with a message naming the file
if it is not renkei output.
"""
import argparse
import sys


def fail(message):
    print(f"summary.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--metric", action="append", help="final metric name (repeatable)")
    parser.add_argument("--csv", action="store_true", help="comma-separated output")
    args = parser.parse_args()
    try:
        import xarray as xr
    except ImportError:
        fail("xarray is missing: run with /usr/bin/python3 (Debian's python3-xarray)")
    try:
        ds = xr.open_dataset(args.path, engine="h5netcdf")
    except FileNotFoundError:
        fail(f"{args.path}: no such file")
    except Exception as e:  # not HDF5, or not netCDF-4 compatible
        fail(f"{args.path}: not a renkei output file ({e.__class__.__name__}: {e})")
    if "renkei_version" not in ds.attrs or "scenario" not in ds.dims:
        fail(f"{args.path}: not a renkei output file (no renkei_version attribute or scenario dimension)")
    available = sorted(v[len("final_"):-len("_mean")] for v in ds.data_vars
                       if v.startswith("final_") and v.endswith("_mean"))
    metrics = args.metric or available
    unknown = [m for m in metrics if m not in available]
    if unknown:
        fail(f"unknown metric(s) {', '.join(unknown)}; available: {', '.join(available)}")
    q = ds["quantile"].values
    sep = "," if args.csv else "  "
    header = ["scenario"] + [f"{m} mean [{q[0]:g},{q[-1]:g}]" for m in metrics]
    print(sep.join(header))
    for i, name in enumerate(ds["scenario"].values):
        cells = [str(name)]
        for m in metrics:
            mean = float(ds[f"final_{m}_mean"].values[i])
            band = ds[f"final_{m}_quantile"].values[i]
            cells.append(f"{mean:.4g} [{band[0]:.4g},{band[-1]:.4g}]")
        print(sep.join(cells))


if __name__ == "__main__":
    main()
