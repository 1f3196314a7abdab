# CDO reads the weekly series after the documented one-line conversion (docs/output.md):
# ncpdq puts time first (CDO requires it) and -C leaves out the string coordinate
# `scenario`, which CDO cannot use as an axis. `cdo sinfon` then lists the variables with
# the decoded calendar.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
command -v cdo >/dev/null || { note "SKIPPED: cdo not found (Debian package cdo)"; exit 77; }
command -v ncpdq >/dev/null || { note "SKIPPED: ncpdq not found (Debian package nco)"; exit 77; }

run_push_study 2

# The command of docs/output.md, verbatim apart from the file names.
ncpdq -O -C -a time,scenario,replicate -v time,certifications,certifications_mean,aware_mean study.h5 cdo.nc \
  >ncpdq.txt 2>&1 || fail "ncpdq failed: $(head -20 ncpdq.txt)"
cdo -s sinfon cdo.nc >sinfon.txt 2>&1 || fail "cdo sinfon failed: $(head -20 sinfon.txt)"
for v in certifications certifications_mean aware_mean; do
  grep -qE ": $v\s*$" sinfon.txt || fail "cdo sinfon does not list $v: $(cat sinfon.txt)"
done
grep -qF 'time : 53 steps' sinfon.txt || fail "cdo sinfon: not 53 time steps: $(cat sinfon.txt)"
grep -qF 'RefTime =  2005-04-01 00:00:00  Units = days  Calendar = proleptic_gregorian' sinfon.txt ||
  fail "cdo sinfon: time axis not decoded: $(cat sinfon.txt)"
grep -qF '2006-03-31 00:00:00' sinfon.txt || fail "cdo sinfon: last date missing: $(cat sinfon.txt)"
# The values survive: the last certifications_mean of scenario push, read back by CDO.
want=$(/usr/bin/python3 -c "import h5py; f=h5py.File('study.h5'); print('%.6g' % f['certifications_mean'][1, -1])" 2>/dev/null || true)
if [[ -n $want ]]; then
  # One value per line, scenario i on line i + 1 (point i of CDO's generic grid).
  got=$(cdo -s outputf,%.6g,1 -seltimestep,53 -selname,certifications_mean cdo.nc 2>/dev/null | sed -n 2p)
  [[ $got == "$want" ]] || fail "cdo reads certifications_mean[push, last] as '$got', expected $want"
fi
note "ok"
