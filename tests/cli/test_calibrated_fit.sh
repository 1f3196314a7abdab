#!/usr/bin/env bash
# The shipped calibrated file reproduces its own fit table: a fresh run of the point (the
# calibration's world, burn-in and end date; other seeds) gives, for every calibrated target,
# a simulated mean within sampling error of the mean scenarios/calibrated/tohoku2005_report.txt
# recorded for it. A model change that shifts the fit without a recalibration fails here.
#
# Tolerance from sampling error: the report's mean is over its R1 = 40 runs, this test's over
# R2 runs; a run's SD is estimated from the report's 90 % band, (hi - lo) / 3.29 (normal), so
# the difference of the two means has SE sd * sqrt(1/R1 + 1/R2); |z| < 4 per item (with about
# 25 items, a false alarm has probability about 25 * 6e-5 = 0.2 % per seed, and the seed is
# fixed). For a share the run's SD is at least the binomial SD of one survey, sqrt(p(1-p)/n):
# the band of a share near 0 (Q1 "planning", 0.1 % of 311) is too coarse, after rounding to
# 0.1 points, to estimate it. An item with no spread at all must match to 1e-9.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

report="$SRC/scenarios/calibrated/tohoku2005_report.txt"
[[ -f $report ]] || fail "no calibration report at $report"
R2=24
cat >"$WORK/point.toml" <<EOF
[scenario]
name = "baseline"
description = "The calibrated point, on the calibration's calendar (to 2005-12-31)"
extends = "$SRC/scenarios/baseline.toml"

[run]
end = 2005-12-31
seed = 77001
EOF
expect_rc 0 "run of the point" run "$WORK/point.toml" --point -n "$R2" -j 2 -q -o "$WORK/point.h5"
expect_rc 0 "survey of the point" survey "$WORK/point.h5" --targets "$SRC/scenarios/targets/tohoku2005.toml"
cp "$WORK/out" "$WORK/survey.txt"

/usr/bin/python3 - "$report" "$WORK/survey.txt" "$R2" <<'PY' || fail "the point no longer reproduces its fit table (see above)"
import re, sys
report, survey, r2 = sys.argv[1], sys.argv[2], int(sys.argv[3])
row = re.compile(r"^(.{45})\s+(\d+)\s+\S+\s+\[[^\]]*\]\s+(-?[\d.]+)\s+\[\s*(-?[\d.]+),\s*(-?[\d.]+)\]\s+\S+\s+\S+\s+\S+\s+(\w[\w-]*)\s*$")

def table(path, start, stop):
    rows, on = {}, False
    for line in open(path, encoding="utf-8"):
        if line.startswith(start):
            on = True
            continue
        if on and stop and line.startswith(stop):
            break
        m = row.match(line.rstrip("\n")) if on else None
        if m:
            rows[m.group(1).strip()] = (float(m.group(3)), float(m.group(4)), float(m.group(5)), m.group(6),
                                        int(m.group(2)))
    return rows

ref = table(report, "Fit of the point estimate", "Posterior-predictive check")
now = table(survey, "Simulated survey", None)
if not ref:
    sys.exit("no fit table in the report")
r1, bad, checked = 40, [], 0
for label, (mean, lo, hi, role, n) in ref.items():
    if role != "target" or label not in now:
        continue
    checked += 1
    sd = (hi - lo) / 3.29
    if n > 0 and 0.0 <= mean <= 100.0:
        p = min(max(mean / 100.0, 0.5 / n), 1.0 - 0.5 / n)
        sd = max(sd, 100.0 * (p * (1.0 - p) / n) ** 0.5)
    got = now[label][0]
    if sd == 0:
        ok = abs(got - mean) < 1e-9
        z = 0.0 if ok else float("inf")
    else:
        z = (got - mean) / (sd * (1 / r1 + 1 / r2) ** 0.5)
        ok = abs(z) < 4
    print(f"{label:45s} report {mean:8.2f}  now {got:8.2f}  z {z:6.2f}  {'ok' if ok else 'OFF'}")
    if not ok:
        bad.append(label)
if checked < 20:
    sys.exit(f"only {checked} calibrated targets found in both tables")
if bad:
    sys.exit("off: " + ", ".join(bad))
PY
note "ok"
