#!/usr/bin/env bash
# A two-scenario study opens in xarray (h5netcdf engine) with named dimensions, decoded
# dates and the documented variables, and in the netCDF tools (ncdump -h).
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

PY=/usr/bin/python3
[[ -x $PY ]] || { note "SKIPPED: no $PY"; exit 0; }
command -v ncdump >/dev/null || fail "ncdump not found (Debian package netcdf-bin)"

make_scenario "$WORK/base.toml" base
cat >"$WORK/push.toml" <<'EOF'
[scenario]
name = "push"
description = "Information pushed to firms from October 2005"
extends = "base.toml"

[[policy]]
name = "push delivery"
start = 2005-10-01
[policy.set]
information.push_rate = 0.02
EOF
cd "$WORK"

expect_rc 0 "run of two scenarios" run base.toml push.toml -n 3 -j 2 -q -o study.h5

ncdump -h study.h5 >ncdump.txt 2>&1 || fail "ncdump -h study.h5 failed: $(head -20 ncdump.txt)"
grep -q 'collab_share' ncdump.txt || fail "ncdump -h does not list collab_share"

# The check exits 77 when xarray cannot be imported: the test is then skipped (reported,
# exit 0, since CTest is not told of a skip code here).
set +e
"$PY" - study.h5 <<'EOF'
import sys

try:
    import h5netcdf  # noqa: F401  (the engine)
    import numpy as np
    import xarray
except ImportError as e:
    print(f"cannot import: {e}", file=sys.stderr)
    sys.exit(77)

problems = []
def want(ok, what):
    if not ok:
        problems.append(what)

ds = xarray.open_dataset(sys.argv[1], engine="h5netcdf")
for d in ("scenario", "replicate", "time"):
    want(d in ds.dims, f"dimension {d!r} missing (dims: {dict(ds.sizes)})")
if not problems:
    want(ds.sizes["scenario"] == 2, f"{ds.sizes['scenario']} scenarios, expected 2")
    want(ds.sizes["replicate"] == 3, f"{ds.sizes['replicate']} replicates, expected 3")
    want(ds.sizes["time"] == 53, f"{ds.sizes['time']} weekly steps, expected 53 (2005-04-01 to 2006-03-31)")
    time = ds["time"].values
    want(np.issubdtype(time.dtype, np.datetime64), f"time decoded as {time.dtype}, not datetime64")
    want(time[0] == np.datetime64("2005-04-01"), f"first time {time[0]}, expected 2005-04-01")
    want(bool(np.all(np.diff(time) == np.timedelta64(7, "D"))), "time steps are not 7 days")
    names = [str(x) for x in ds["scenario"].values]
    want(names == ["base", "push"], f"scenario names {names}, expected ['base', 'push']")
want("collab_share" in ds, "variable collab_share missing")
if "collab_share" in ds:
    want(ds["collab_share"].dims == ("scenario", "replicate", "time"),
         f"collab_share dims {ds['collab_share'].dims}, expected (scenario, replicate, time)")
want("certifications_mean" in ds, "variable certifications_mean missing")
if "certifications_mean" in ds:
    want(ds["certifications_mean"].dims == ("scenario", "time"),
         f"certifications_mean dims {ds['certifications_mean'].dims}, expected (scenario, time)")

# Common random numbers: replicate r of both scenarios shares its random streams, and the
# policy starts on 2005-10-01, so the two agree exactly in every step that ends before it
# (time is the first day of a 7-day step) and differ after it.
if not problems and "aware" in ds:
    aware = ds["aware"].values
    before = ds["time"].values + np.timedelta64(7, "D") <= np.datetime64("2005-10-01")
    want(np.array_equal(aware[0][:, before], aware[1][:, before]),
         "aware differs between the scenarios before the policy starts (common random numbers broken)")
    want(not np.array_equal(aware[0][:, ~before], aware[1][:, ~before]),
         "aware is the same with and without push delivery (the policy had no effect)")
elif "aware" not in ds:
    problems.append("variable aware missing")
ds.close()

for p in problems:
    print(f"xarray: {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
status=$?
set -e
if [[ $status -eq 77 ]]; then
  note "SKIPPED: $PY cannot import xarray and h5netcdf"
  exit 0
fi
[[ $status -eq 0 ]] || fail "the file does not read in xarray as documented (see above)"

note "ok"
