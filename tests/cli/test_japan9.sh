# The coarse nine-block Japan world loads and runs with the same code as the Tohoku world
# (another file, no code change): a 2 % copy of scenarios/worlds/japan9.toml, one year.
source "$(dirname "$0")/lib.sh"
cli_setup "$@"

sed -E 's/^scale[[:space:]]*=[[:space:]]*[0-9.eE+-]+/scale = 0.02/' "$SRC/scenarios/worlds/japan9.toml" >"$WORK/japan9.toml"
grep -qx 'scale = 0.02' "$WORK/japan9.toml" || fail "could not set [world] scale in a copy of japan9.toml"
cat >"$WORK/japan.toml" <<EOF
[scenario]
name = "japan9"
extends = "$SRC/scenarios/baseline.toml"
[run]
world = "$WORK/japan9.toml"
burn_in_weeks = 52
end = 2006-03-31
EOF
run_renkei run "$WORK/japan.toml" -n 2 -j 2 -o "$WORK/j.h5"
[[ $RC -eq 0 ]] || { show_output; fail "the nine-block world did not run"; }
firms=$(/usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); print(int(f['final_firms'][0,0]))" "$WORK/j.h5")
# 2 % of ~367,000 firms (manufacturing and services, all nine blocks).
[[ $firms -gt 5000 && $firms -lt 10000 ]] || fail "unexpected firm count $firms for a 2 % nine-block world"
note "ok ($firms firms)"
