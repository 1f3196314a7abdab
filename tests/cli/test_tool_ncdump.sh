# The classic netCDF tools decode the output's dates: every text attribute is NC_CHAR (as
# netCDF-C writes them), so `ncdump -t` and `ncks --cal` print calendar dates, not day
# offsets (which they print for NC_STRING units).
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
command -v ncdump >/dev/null || { note "SKIPPED: ncdump not found (Debian package netcdf-bin)"; exit 77; }

run_push_study 2

ncdump -h study.h5 >header.txt 2>&1 || fail "ncdump -h failed: $(head -20 header.txt)"
grep -qF 'time:units = "days since 2005-04-01" ;' header.txt || fail "time:units is not a char attribute: $(grep 'time:units' header.txt)"
if grep -qE '^\s*string [a-z_:]+ =|string :' header.txt; then
  fail "NC_STRING attributes left: $(grep -E 'string [a-z_:]+ =|string :' header.txt | head -5)"
fi
grep -qF ':Conventions = "CF-1.8" ;' header.txt || fail "global Conventions is not a char attribute"

ncdump -t -v time study.h5 >time.txt 2>&1 || fail "ncdump -t failed: $(head -20 time.txt)"
grep -qF '"2005-04-01", "2005-04-08"' time.txt || fail "ncdump -t does not decode the dates: $(tail -5 time.txt)"
grep -qF '"2006-03-31" ;' time.txt || fail "ncdump -t: last date 2006-03-31 missing: $(tail -3 time.txt)"

if command -v ncks >/dev/null; then
  ncks --cal -H -v time -d time,0,1 study.h5 >ncks.txt 2>&1 || fail "ncks --cal failed: $(head ncks.txt)"
  grep -qF 'time = "2005-04-01", "2005-04-08" ;' ncks.txt || fail "ncks --cal does not decode the dates: $(cat ncks.txt)"
else
  note "ncks not found (Debian package nco): its half of this test was not run"
fi
note "ok"
