#!/usr/bin/env bash
# Parameter recovery of the program funnel on the full Tohoku world (24,730 firms): the
# calibrated point's own survey (the mean of REPS runs to 2005-12-31: the model's expectation,
# no study noise) becomes a synthetic targets file with the study's bases and SDs, and a
# calibration of the funnel's parameters — how firms learn of the program (initial awareness,
# pull rate), consult a window, pass the market bar and the review — against it must recover
# the point's values: each within 3 posterior SDs of the posterior mean, with the
# identification ratio (posterior SD / prior SD) stated. Every other parameter stays at the
# point, so this tests what the survey can tell about the funnel when the rest is known. A
# parameter "recovered" with an SD ratio of 0.8 or more is not identified: its posterior is
# about its prior, which contains the truth trivially (docs/calibration.md section 5 gives the
# result and what it means).
#
# Too slow for CI (a calibration of a few thousand runs: about 10-20 minutes on 2 cores).
#   tests/recovery/funnel_recovery.sh [WORKDIR]      (RENKEI, REPS, PARTICLES, THREADS)
# Exit status: 0 every parameter recovered, 1 one or more not, 2 a step failed.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RENKEI=${RENKEI:-$SRC/build/release/renkei}
WORK=${1:-$(mktemp -d /tmp/funnel_recovery.XXXXXX)}
REPS=${REPS:-40}
PARTICLES=${PARTICLES:-100}
THREADS=${THREADS:-2}
mkdir -p "$WORK"
[ -x "$RENKEI" ] || { echo "funnel_recovery.sh: no $RENKEI (build the release preset, or set RENKEI)" >&2; exit 2; }
/usr/bin/python3 -c "import h5py, numpy, tomllib" 2>/dev/null ||
  { echo "funnel_recovery.sh: needs /usr/bin/python3 with h5py and numpy" >&2; exit 2; }

cat >"$WORK/truth.toml" <<TOML
[scenario]
name = "baseline"
extends = "$SRC/scenarios/baseline.toml"
[run]
end = 2005-12-31
TOML
"$RENKEI" run "$WORK/truth.toml" -n "$REPS" -j "$THREADS" --point -q --force -o "$WORK/truth.h5" || exit 2
/usr/bin/python3 "$SRC/tests/recovery/synthetic_targets.py" "$WORK/truth.h5" \
  "$SRC/scenarios/targets/tohoku2005.toml" "$WORK/targets.toml" >"$WORK/targets.txt" || exit 2

# The funnel's parameters at the shipped calibration's priors.
cat >"$WORK/funnel.toml" <<TOML
[calibration]
name = "funnel_recovery"
scenario = "$SRC/scenarios/baseline.toml"
targets = "$WORK/targets.toml"
output = "$WORK/calibrated.toml"
draws_output = "$WORK/draws.csv"
end = 2005-12-31
replicates = 1
draws = 400
validation_replicates = 8
predictive_replicates = 8
representative_replicates = 0

[abc]
particles = $PARTICLES
kernel = "global"
quantile = 0.5
min_epsilon = 1.0            # synthetic targets carry no study noise: a perfect fit has d near 1
min_acceptance = 0.05
min_epsilon_decrease = 0.05
max_generations = 10
max_simulations = 5000
seed = 20261206

[[parameter]]
key = "information.initial_aware"
min = 0.08
max = 0.35

[[parameter]]
key = "information.pull_rate"
min = 0.001
max = 0.016
scale = "log"

[[parameter]]
key = "program.consult_rate"
min = 0.003
max = 0.3
scale = "log"

[[parameter]]
key = "formation.market_mean"
min = 0.2
max = 0.9

[[parameter]]
key = "program.acceptance_intercept"
min = -2.0
max = 5.0
TOML
"$RENKEI" calibrate "$WORK/funnel.toml" -j "$THREADS" -q --fresh >"$WORK/report.txt" || exit 2

/usr/bin/python3 - "$SRC/scenarios/calibrated/tohoku2005.toml" "$WORK/funnel.toml" \
  "$WORK/draws.csv" "$WORK/calibrated_report.txt" <<'PY'
import csv, math, re, sys, tomllib
point = tomllib.load(open(sys.argv[1], "rb"))
spec = tomllib.load(open(sys.argv[2], "rb"))
rows = list(csv.DictReader(open(sys.argv[3])))
report = open(sys.argv[4]).read().splitlines()
bad = 0
print(f"{'parameter':32s} {'truth':>10s} {'post. mean':>10s} {'post. SD':>9s} {'|z|':>5s} {'SD ratio':>8s}  verdict")
for p in spec["parameter"]:
    key = p["key"]
    group, name = key.split(".")
    log = p.get("scale") == "log"
    f = math.log if log else (lambda x: x)
    truth = f(point[group][name])
    col = next(c for c in rows[0] if c == key or c.endswith(key))
    v = [f(float(r[col])) for r in rows]
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1))
    ratio = next((m.group(1) for l in report if l.startswith(key + " ")
                  for m in [re.search(r"\s([0-9.]+)\s+[0-9.]+\s+(weakly |not )?identified\s*$", l)] if m), "?")
    z = abs(m - truth) / sd if sd > 0 else math.inf
    ok = z <= 3
    bad += not ok
    scale = " (log)" if log else ""
    try:
        wide = float(ratio) >= 0.8
    except ValueError:
        wide = False
    verdict = "recovered" if ok else "NOT RECOVERED"
    if wide:
        verdict += " (not identified: the posterior is about as wide as the prior, so this says little)"
    print(f"{key + scale:32s} {truth:10.4g} {m:10.4g} {sd:9.3g} {z:5.2f} {ratio:>8s}  {verdict}")
sys.exit(1 if bad else 0)
PY
