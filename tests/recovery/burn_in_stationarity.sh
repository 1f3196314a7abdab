#!/usr/bin/env bash
# Is the baseline's burn-in long enough? The network grows from empty during the burn-in
# (docs/model.md section 3.3), and the survey of April-May 2005 reads the state it reaches; if
# that state still drifts when the burn-in is made longer, the calibration fits a transient, not
# the equilibrium the model claims (docs/model.md section 8, simplification 22). This runs the
# baseline to 2005-12-31 over the posterior draws with burn-ins of 260, 520 (the baseline's),
# 1,040 and REF (2,080) weeks, replicate r of each with draw r, and compares every survey item
# and the start-date state with the longest burn-in (burn_in_table.py: the drift in the study's
# standard errors, paired by draw).
#
# Too slow for CI (four ensembles of REPS runs, about 5 minutes of CPU at REPS = 100).
#   tests/recovery/burn_in_stationarity.sh [WORKDIR]     (RENKEI, REPS, THREADS, REF)
# Exit status: 0 the baseline's burn-in shows no material drift, 1 it does, 2 a step failed.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RENKEI=${RENKEI:-$SRC/build/release/renkei}
WORK=${1:-$(mktemp -d /tmp/burn_in.XXXXXX)}
REPS=${REPS:-100}
THREADS=${THREADS:-2}
REF=${REF:-2080}
mkdir -p "$WORK"
[ -x "$RENKEI" ] || { echo "burn_in_stationarity.sh: no $RENKEI (build the release preset, or set RENKEI)" >&2; exit 2; }
/usr/bin/python3 -c "import h5py, numpy, tomllib" 2>/dev/null ||
  { echo "burn_in_stationarity.sh: needs /usr/bin/python3 with h5py and numpy" >&2; exit 2; }
shipped=$(sed -n 's/^burn_in_weeks *= *\([0-9]*\).*/\1/p' "$SRC/scenarios/baseline.toml")
[ -n "$shipped" ] || { echo "burn_in_stationarity.sh: no burn_in_weeks in scenarios/baseline.toml" >&2; exit 2; }

files=()
for weeks in 260 "$shipped" 1040 "$REF"; do
  out="$WORK/burn_in_$weeks.h5"
  [ -f "$out" ] && { files+=("$weeks=$out"); continue; }
  cat >"$WORK/burn_in_$weeks.toml" <<TOML
[scenario]
name = "burn_in_$weeks"
description = "the baseline with a burn-in of $weeks weeks, to the end of the survey year"
extends = "$SRC/scenarios/baseline.toml"

[run]
end = 2005-12-31
burn_in_weeks = $weeks
TOML
  echo "burn-in $weeks weeks: $REPS runs over the posterior draws" >&2
  "$RENKEI" run "$WORK/burn_in_$weeks.toml" -n "$REPS" -j "$THREADS" -o "$out" -q || exit 2
  files+=("$weeks=$out")
done
/usr/bin/python3 "$SRC/tests/recovery/burn_in_table.py" --targets "$SRC/scenarios/targets/tohoku2005.toml" \
  --tested "$shipped" --reference "$REF" "${files[@]}"
