#!/usr/bin/python3
"""Checks that a renkei result file opens in xarray with both netCDF engines.

Usage: xarray_check.py FILE START_DATE STEP_DAYS [--value NAME I,J,K VALUE]...

Opens FILE with xarray (engines h5netcdf and netcdf4) and checks the named dimensions,
the decoding of time to datetime64 from START_DATE in steps of STEP_DAYS, that every
numeric variable reads as the raw HDF5 values (h5py), string variables and global
attributes as str, that `replicate` is unlimited, and the given values (NaN allowed).
Exits 0 if all holds; otherwise prints what failed to stderr and exits 1.
"""
import sys

import h5py
import netCDF4
import numpy as np
import xarray as xr

DIMS = ("scenario", "replicate", "time", "quantile", "policy")


def fail(msg):
    print(f"xarray_check: {msg}", file=sys.stderr)
    sys.exit(1)


def same(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def parse_values(args):
    values = []
    if len(args) % 4 != 0:
        fail("expected --value NAME I,J,K VALUE groups")
    for i in range(0, len(args), 4):
        if args[i] != "--value":
            fail(f"unexpected argument {args[i]!r}")
        index = tuple(int(x) for x in args[i + 2].split(",")) if args[i + 2] else ()
        values.append((args[i + 1], index, float(args[i + 3])))
    return values


def check_engine(path, engine, start, step_days, values):
    with xr.open_dataset(path, engine=engine) as ds:
        for d in DIMS:
            if d not in ds.dims:
                fail(f"{engine}: dimension {d!r} missing (have {dict(ds.dims)})")
        time = ds["time"].values
        if not np.issubdtype(time.dtype, np.datetime64):
            fail(f"{engine}: time decoded as {time.dtype}, not datetime64")
        expected = np.datetime64(start, "ns") + np.arange(ds.dims["time"]) * np.timedelta64(
            step_days, "D")
        if not np.array_equal(time, expected):
            fail(f"{engine}: time is {time[:3]}..., expected {expected[:3]}...")
        for name, value in ds.attrs.items():
            if not isinstance(value, str):
                fail(f"{engine}: global attribute {name!r} reads as {type(value).__name__}")
        for name in ("scenario", "run_error", "scenario_toml"):
            if not all(isinstance(x, str) for x in ds[name].values.ravel()):
                fail(f"{engine}: {name} does not read as str")
        with h5py.File(path, "r") as raw:
            for name, var in ds.variables.items():
                if name == "time" or var.dtype.kind not in "iuf":
                    continue
                if not same(var.values, raw[name][()]):
                    fail(f"{engine}: {name} differs from the HDF5 values")
                if var.dims != tuple(n for n in var.dims if n in DIMS):
                    fail(f"{engine}: {name} has unnamed dimensions {var.dims}")
        for name, index, value in values:
            got = float(ds[name].values[index])
            if not same(got, value):
                fail(f"{engine}: {name}{list(index)} = {got}, expected {value}")
        if ds["run_ok"].dtype != np.int8:
            fail(f"{engine}: run_ok is {ds['run_ok'].dtype}, expected int8 (no masking)")


def main(argv):
    if len(argv) < 4:
        fail(__doc__)
    path, start, step_days = argv[1], argv[2], int(argv[3])
    values = parse_values(argv[4:])
    for engine in ("h5netcdf", "netcdf4"):
        check_engine(path, engine, start, step_days, values)
    with netCDF4.Dataset(path) as nc:
        if not nc.dimensions["replicate"].isunlimited():
            fail("netCDF4: replicate is not unlimited")
    print("xarray_check: ok")


if __name__ == "__main__":
    main(sys.argv)
