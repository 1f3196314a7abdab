#!/usr/bin/env bash
# Writes the renkei(1) man page (roff) to stdout from the help texts of the built program,
# so that the page says exactly what `renkei --help` and `renkei COMMAND --help` say.
# Usage: scripts/manpage.sh PATH/TO/renkei VERSION
set -euo pipefail
renkei=$1
version=$2
export TBB_VERSION=0

# Help text as roff: no-fill, backslashes and leading dots/quotes escaped.
verbatim() {
  printf '.nf\n'
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n'
}

commands=$("$renkei" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')

cat <<ROFF
.TH RENKEI 1 "" "renkei $version" "User Commands"
.SH NAME
renkei \\- agent-based simulator of regional SME collaboration and the Shin-Renkei policy program
.SH SYNOPSIS
.B renkei
.I command
.RI [ options ]
.SH DESCRIPTION
renkei simulates collaboration among small and medium-sized firms in Tohoku and the
Shin-Renkei support program, runs policy scenarios as Monte Carlo ensembles with common
random numbers, and writes the results as one netCDF-4/HDF5 file. This page is generated
from the program's own help texts.
ROFF
"$renkei" --help | verbatim
printf '.SH COMMANDS\n'
for c in $commands; do
  printf '.SS %s\n' "$c"
  "$renkei" "$c" --help | verbatim
done
cat <<'ROFF'
.SH EXIT STATUS
0 success; 2 bad input or usage (nothing is written); 1 failure while running.
.SH FILES
Scenario files (TOML) and the analysis scripts summary.py and report.py (run them with
/usr/bin/python3) are installed under share/renkei next to the program's prefix.
.SH SEE ALSO
ncdump(1), cdo(1), h5dump(1)
ROFF
