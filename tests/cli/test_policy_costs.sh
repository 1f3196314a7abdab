#!/usr/bin/env bash
# Costs by policy, end to end: a run writes policy_cost_<kind>_by_policy and policy_name (with
# the policy dimension and the names' digest), whose slots add up, kind by kind, to the run's
# final_policy_cost_<kind>; two policies on one lever share its per-contact charges in
# proportion to their changes; `renkei compare` shows the costs by policy in its text and
# --json, and an interval on yen per additional certification in its text and --csv. A budget
# cap counts the policy's own charges; when the per-contact charges attributed to it take it
# past the cap, the file's attribute budget_warnings says so.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" baseline
make_scenario "$WORK/two.toml" two '
[[policy]]
name = "push a"
start = 2005-06-03
cost_fixed_yen = 1.0e6
cost_per_year_yen = 1.0e7
budget_cap_yen = 3.0e6
[policy.add]
information.push_rate = 0.01

[[policy]]
name = "push b"
start = 2005-07-01
cost_per_year_yen = 5.0e6
[policy.add]
information.push_rate = 0.03

[[policy]]
name = "places"
start = 2005-06-03
cost_fixed_yen = 2.0e6
[policy.add]
program.coaching_capacity = 2'
cd "$WORK"

expect_rc 0 "run" run base.toml two.toml -n 3 -j 2 -q -o study.h5
/usr/bin/python3 - study.h5 <<'PY' || fail "the run's costs by policy (see above)"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
text = lambda v: [x.decode() if isinstance(x, bytes) else x for x in np.ravel(f[v][...])]
bad = []
if list(f["policy"][...]) != [0, 1, 2, 3]:
    bad.append(f"policy slots {list(f['policy'][...])}")
names = text("policy_name")
if names != ["(base)", "", "", "", "(base)", "push a", "places", "push b"]:
    bad.append(f"policy_name {names}")
if "renkei_sha256" not in f["policy_name"].attrs:
    bad.append("policy_name has no renkei_sha256")
kinds = ("fixed", "running", "per_contact", "coaching")
for kind in kinds:
    v = f[f"policy_cost_{kind}_by_policy"]
    if v.shape != (2, 3, 4) or v.attrs["units"] != b"yen":
        bad.append(f"policy_cost_{kind}_by_policy shape {v.shape}, units {v.attrs.get('units')}")
c = np.stack([f[f"policy_cost_{kind}_by_policy"][...] for kind in kinds], axis=-1)
for k, kind in enumerate(("fixed", "running", "per_contact", "coaching")):
    final = f[f"final_policy_cost_{kind}"][...]
    sums = np.nansum(c[:, :, :, k], axis=2)
    if not np.allclose(sums, final, rtol=1e-12, atol=1e-6):
        bad.append(f"{kind}: slots add up to {sums}, final {final}")
if not np.all(np.isnan(c[0, :, 1:, :])):
    bad.append("the baseline has values beyond its base slot")
two = c[1]
if not np.all(two[:, 1, 0] == 1e6) or not np.all(two[:, 2, 0] == 2e6):
    bad.append(f"fixed charges {two[:, :, 0]}")
if np.any(two[:, 3, 3] != 0) or np.any(two[:, 1, 3] != 0) or np.any(two[:, 2, 3] <= 0):
    bad.append(f"coaching charges {two[:, :, 3]}")
if np.any(two[:, 2, 2] != 0) or np.any(two[:, 1, 2] <= 0) or np.any(two[:, 3, 2] <= 0):
    bad.append(f"per-contact charges {two[:, :, 2]}")
warning = f.attrs.get("budget_warnings", b"")
warning = warning.decode() if isinstance(warning, bytes) else str(warning)
if "scenario 'two', policy 'push a'" not in warning or "in 3 of 3 runs" not in warning:
    bad.append(f"budget_warnings {warning!r}")
own = two[:, 1, 0] + two[:, 1, 1]
if not (np.all(own <= 3e6 * (1 + 1e-12)) and np.all(own + two[:, 1, 2] > 3e6)):
    bad.append(f"push a: own charges {own}, per contact {two[:, 1, 2]}")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

expect_rc 0 "compare" compare study.h5
expect_in out "policy costs by policy and kind" "compare: the table of costs by policy"
expect_in out "push b" "compare: a policy's row"
expect_in out "CI (delta method)" "compare: the interval on yen per additional certification"
expect_in out "budget warnings (the file's attribute budget_warnings): scenario 'two', policy 'push a'" "compare: the budget warning"
expect_rc 0 "compare --json" compare study.h5 --json
/usr/bin/python3 - out <<'PY' || fail "compare --json: costs_by_policy (see above)"
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc.get("costs_by_policy", [])
bad = []
if [(r["scenario"], r["policy"]) for r in rows] != [("baseline", "(base)"), ("two", "(base)"), ("two", "push a"), ("two", "places"), ("two", "push b")]:
    bad.append(f"rows {rows}")
totals = {c["scenario"]: c for c in doc["costs"]}
for kind in ("policy_cost_fixed", "policy_cost_running", "policy_cost_per_contact", "policy_cost_coaching"):
    s = sum(r[kind] for r in rows if r["scenario"] == "two")
    if abs(s - totals["two"][kind]) > 2:  # whole yen, rounded row by row
        bad.append(f"{kind}: rows add up to {s}, the scenario's {totals['two'][kind]}")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
expect_rc 0 "compare --csv" compare study.h5 --csv
expect_in out "yen_per_certification,yen_per_certification_lo,yen_per_certification_hi" "compare --csv: the interval's columns"
note "ok"
