# A sweep's result opens in xarray (engine h5netcdf) with named dimensions, the design as a
# (point, factor) table, the finals as (scenario, point, replicate) and the sweep's
# attributes; renkei's own reader accepts it by its marker.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

/usr/bin/python3 -c "import xarray, h5netcdf" 2>/dev/null || { note "skipped: /usr/bin/python3 lacks xarray or h5netcdf"; exit 77; }
run_push_study 1 >/dev/null
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml
expect_rc 0 "sweep" sweep sweep.toml -o out.h5 -j 2 -q

/usr/bin/python3 - out.h5 <<'PY' || fail "xarray check failed"
import sys
import numpy as np
import xarray as xr

ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
assert dict(ds.sizes) == {"scenario": 2, "point": 4, "factor": 2, "replicate": 3}, dict(ds.sizes)
assert ds["design"].dims == ("point", "factor")
assert ds["final_collab_share_end"].dims == ("scenario", "point", "replicate")
assert ds["run_ok"].dims == ("scenario", "point", "replicate") and ds["run_ok"].dtype == np.int8
assert ds["run_ok"].values.all()
assert (ds["run_error"].values == "").all()
assert list(ds["scenario_name"].values) == ["base", "push"], ds["scenario_name"].values
assert list(ds["factor_name"].values) == ["meetings.rate_personal", "population.open_share"]
assert ds["seed_replicate"].dtype == np.uint64 and list(ds["seed_replicate"].values) == [0, 1, 2]
assert ds["point_group"].dtype == np.int32 and (ds["point_group"].values == -1).all()
assert sorted(map(tuple, ds["design"].values.tolist())) == [(0.01, 0.5), (0.01, 0.7), (0.04, 0.5), (0.04, 0.7)]
a = ds.attrs
assert a["renkei_format"] == "renkei-sweep 1"
assert a["design_kind"] == "grid" and a["design_second_order"] == "0"
assert a["sweep_name"] == "runner_grid" and a["seed"] == "20050401" and a["replicates"] == "3"
assert "[design]" in a["sweep_toml"] and "git_commit" in a and "renkei_version" in a
share = ds["final_collab_share_end"]
assert np.isfinite(share.values).all() and ((share >= 0) & (share <= 1)).all()
# Selecting by name works the xarray way.
named = ds.assign_coords(scenario=ds["scenario_name"].values, factor=ds["factor_name"].values)
assert named["design"].sel(factor="population.open_share").shape == (4,)
assert named["final_firms"].sel(scenario="push").shape == (4, 3)
PY
note "ok"
