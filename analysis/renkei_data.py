"""Loading and validation of renkei output files, shared by the analysis scripts.

The scripts report bad input the same way: a message naming the file and exit status 2
(the convention of `renkei` itself). The helpers here raise `RenkeiDataError` with such a
message; each script turns it into `<script>: error: <message>` and exit 2 via `fail`.
Only the ensemble summaries (X_mean, X_quantile, final_Y_*) and the per-replicate finals
(final_Y, run_ok) are needed by the scripts, so files written with
`--no-replicate-series` (no X(scenario, replicate, time) variables) work throughout.
"""
import os
import sys
import weakref

import numpy as np


class RenkeiDataError(Exception):
    """Bad input: the message names the file (or option) and says what is wrong."""


def fail(prog, message):
    """Print `prog: error: message` to stderr and exit 2 (bad input or usage)."""
    print(f"{prog}: error: {message}", file=sys.stderr)
    sys.exit(2)


def import_xarray():
    """xarray with the h5netcdf engine; Debian's packages live under /usr/bin/python3 only."""
    try:
        import h5netcdf  # noqa: F401  (the engine xarray needs)
        import xarray as xr
    except ImportError as e:
        raise RenkeiDataError(
            f"cannot import {e.name}: run with /usr/bin/python3 "
            "(Debian's python3-xarray and python3-h5netcdf)") from e
    _cache_unlimited_sizes()
    return xr


def _cache_unlimited_sizes():
    """Make h5netcdf compute each unlimited dimension's size once per read-only file.

    A renkei file's replicate axis is unlimited (it grows as replicates finish). h5netcdf
    (1.1) takes such a dimension's size as the largest extent of every variable attached to
    it, recomputed each time any variable's shape is asked for: opening a file of n variables
    costs n² dataset lookups (15 of the 17 s spent opening a two-scenario study of 550
    variables), and every later read pays n more. A file opened read-only cannot change, so
    the size is remembered per dimension object (weakly: it goes with the file). Writable
    files and h5netcdf versions without this property keep the library's own computation.
    """
    from h5netcdf import dimensions
    cls = dimensions.Dimension
    original = cls.__dict__.get("size")
    if not isinstance(original, property) or getattr(original.fget, "_renkei_cached", False):
        return
    sizes = weakref.WeakKeyDictionary()

    def size(self):
        if self._parent._root._writable:
            return original.fget(self)
        try:
            return sizes[self]
        except KeyError:
            value = sizes[self] = original.fget(self)
            return value

    size._renkei_cached = True
    cls.size = property(size, doc=original.__doc__)


def open_results(path):
    """Open a renkei output file with xarray (lazily), or raise RenkeiDataError naming it.

    A file is renkei output if it opens as netCDF-4/HDF5, carries the `renkei_version`
    global attribute (the C++ reader refuses files without it too) and has a `scenario`
    dimension.
    """
    xr = import_xarray()
    if not os.path.exists(path):
        raise RenkeiDataError(f"{path}: no such file")
    if os.path.isdir(path):
        raise RenkeiDataError(f"{path}: is a directory, not a renkei output file")
    try:
        ds = xr.open_dataset(path, engine="h5netcdf")
    except PermissionError:
        raise RenkeiDataError(f"{path}: permission denied") from None
    except Exception as e:  # not HDF5, or HDF5 that is not netCDF-4 compatible
        raise RenkeiDataError(
            f"{path}: not a renkei output file ({e.__class__.__name__}: {e})") from None
    if "renkei_version" not in ds.attrs or "scenario" not in ds.dims:
        ds.close()
        raise RenkeiDataError(
            f"{path}: not a renkei output file (no renkei_version attribute or scenario dimension)")
    return ds


def require(ds, path, names):
    """Raise RenkeiDataError if any of the variables `names` is missing from the file."""
    missing = [n for n in names if n not in ds.variables]
    if missing:
        raise RenkeiDataError(
            f"{path}: renkei output without the variable(s) {', '.join(missing)} "
            f"(written by renkei {ds.attrs.get('renkei_version', '?')}; rerun the study "
            "with this version)")


def scenario_names(ds):
    """The scenario names in file order, as str."""
    return [str(s) for s in ds["scenario"].values]


def display_names(ds, lang, path="the file"):
    """The scenarios' names for readers in `lang` ("en", "ja"): the string variable
    display_name_<lang> over (scenario) when the file carries it, else the scenario id; an
    empty entry also falls back to the id. A variable of another shape is refused (a damaged
    file), since silently showing ids would hide that."""
    ids = scenario_names(ds)
    var = f"display_name_{lang}"
    if var not in ds.variables:
        return ids
    values = ds[var].values
    if tuple(ds[var].dims) != ("scenario",) or values.shape != (len(ids),):
        raise RenkeiDataError(
            f"{path}: {var} is not one name per scenario (dimensions {tuple(ds[var].dims)}); "
            "the file is damaged: rerun the study with renkei run")
    out = []
    for sid, v in zip(ids, values):
        text = v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
        out.append(text.strip() or sid)
    return out


def pick_scenario(ds, name, what="--baseline"):
    """Index of scenario `name`; RenkeiDataError listing the scenarios if there is none."""
    names = scenario_names(ds)
    if name not in names:
        raise RenkeiDataError(
            f"{what} {name!r}: no such scenario; the file holds: {', '.join(names)}")
    return names.index(name)


def default_baseline(ds):
    """The scenario called `baseline` if there is one, else the first in the file."""
    names = scenario_names(ds)
    return "baseline" if "baseline" in names else names[0]


def _dims(ds, name):
    """The dimension names of variable `name`, or None if the file has no such variable."""
    return tuple(ds[name].dims) if name in ds.variables else None


def final_metric_names(ds):
    """The final metrics Y, sorted: the variables final_Y over (scenario, replicate) whose
    summary final_Y_mean over (scenario) is stored.

    Names alone are ambiguous: the metric `survey_employees_mean` has the per-replicate
    variable `final_survey_employees_mean`, which looks like the summary of a metric
    `survey_employees`. The dimensions recorded in the file tell a per-run value from a
    summary, so they decide.
    """
    out = []
    for v in ds.data_vars:
        if not v.startswith("final_") or _dims(ds, v) != ("scenario", "replicate"):
            continue
        if _dims(ds, f"{v}_mean") == ("scenario",):
            out.append(v[len("final_"):])
    return sorted(out)


def series_names(ds):
    """The weekly series X with a stored summary X_mean over (scenario, time), sorted.

    Decided by dimensions, not names: a series may itself end in `_mean` (trust_ties_mean,
    whose summary is trust_ties_mean_mean and whose per-run values are trust_ties_mean over
    (scenario, replicate, time)).
    """
    return sorted(v[:-len("_mean")] for v in ds.data_vars
                  if v.endswith("_mean") and not v.startswith("final_")
                  and _dims(ds, v) == ("scenario", "time")
                  and _dims(ds, f"{v[:-len('_mean')]}_quantile") == ("scenario", "quantile", "time"))


def quantile_levels(ds):
    """The stored quantile levels as a float array."""
    return np.asarray(ds["quantile"].values, dtype=float)


def run_ok(ds):
    """Boolean array (scenario, replicate): the runs that finished."""
    return np.asarray(ds["run_ok"].values) == 1


def finals(ds, metric):
    """final_<metric> as a float array (scenario, replicate); failed runs become NaN.

    Failed runs already read as NaN (the writer never stores their values), but run_ok is
    the record of truth, so it is applied here as well.
    """
    values = np.asarray(ds[f"final_{metric}"].values, dtype=float)
    return np.where(run_ok(ds), values, np.nan)


def attr(ds, name, default="(not recorded)"):
    """A global attribute as str, or `default` if the file does not carry it."""
    value = ds.attrs.get(name)
    return default if value is None else str(value)


# The kinds of spending recorded per policy (policy_cost_<kind>_by_policy), in display order.
COST_KINDS = ("fixed", "running", "per_contact", "coaching")
POLICY_COST_VARS = tuple(f"policy_cost_{k}_by_policy" for k in COST_KINDS)


def policy_cost_arrays(ds, path="the file"):
    """(policy_name as a str array (scenario, policy), costs as a float array (scenario,
    replicate, policy, kind) in yen) from the variables of docs/output.md, "Costs by policy";
    None when the file records none of them (written before they existed, or a sweep).

    The writer creates them together, so a file with some but not all of them, or one of
    another shape or type, is damaged: refused with the variable's name rather than shown as
    "not recorded", which would hide that."""
    wanted = ("policy_name",) + POLICY_COST_VARS
    present = [v for v in wanted if v in ds.variables]
    if not present:
        return None
    fix = "the file is damaged: rerun the study with renkei run"
    missing = [v for v in wanted if v not in ds.variables]
    if missing:
        raise RenkeiDataError(
            f"{path}: {missing[0]} is missing although {present[0]} is present (costs per "
            f"policy are written together); {fix}")
    shapes = {"policy_name": ("scenario", "policy")}
    shapes.update((v, ("scenario", "replicate", "policy")) for v in POLICY_COST_VARS)
    for v, dims in shapes.items():
        var = ds[v]
        if tuple(var.dims) != dims:
            raise RenkeiDataError(
                f"{path}: {v} has dimensions {tuple(var.dims)}, expected {dims}; {fix}")
        text = v == "policy_name"
        if (var.dtype.kind in "OSU") != text or (not text and var.dtype.kind not in "fiu"):
            raise RenkeiDataError(
                f"{path}: {v} holds {var.dtype} values, expected "
                f"{'strings' if text else 'numbers (yen)'}; {fix}")
    names = np.asarray(ds["policy_name"].values)
    names = np.vectorize(lambda x: x.decode("utf-8", "replace") if isinstance(x, bytes)
                         else str(x), otypes=[object])(names) if names.size else names
    costs = np.stack([np.asarray(ds[v].values, dtype=float) for v in POLICY_COST_VARS],
                     axis=-1)
    return names, costs
