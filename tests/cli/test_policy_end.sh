#!/usr/bin/env bash
# Policies that stop, end to end: `renkei params SCENARIO` shows the values a scenario resolves
# to (those of `renkei check`), `--levers` dates each policy's change and its stop (end date or
# budget cap), and a run records the costs by kind, the cap that bound and the display names
# (the scenario id where none is given).
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" baseline
make_scenario "$WORK/ends.toml" ends '
[[policy]]
name = "push"
start = 2005-07-01
end = 2005-12-31
ramp_weeks = 4
[policy.add]
information.push_rate = 0.01

[[policy]]
name = "briefings"
start = 2005-06-03
cost_fixed_yen = 1.0e6
cost_per_year_yen = 2.6e7
budget_cap_yen = 3.0e6
[policy.add]
information.briefing_rate = 0.001'
sed -i 's/^description = .*/&\ndisplay_name_ja = "終了する施策"/' "$WORK/ends.toml"
cd "$WORK"

# Every resolved value of `params SCENARIO` is the one `check` prints (6 significant digits).
expect_rc 0 "check" check ends.toml
cp out resolved.toml
expect_rc 0 "params SCENARIO" params ends.toml
/usr/bin/python3 - resolved.toml out <<'PY' || fail "params SCENARIO disagrees with check (see above)"
import sys, tomllib
doc = tomllib.load(open(sys.argv[1], "rb"))
bad, n = [], 0
for line in open(sys.argv[2]):
    if " = " not in line:
        continue
    key, rest = line[2:].split(" = ", 1)
    group, name = key.split(".", 1)
    want = doc[group][name]
    got = rest.split()[0]
    got = {"true": True, "false": False}.get(got, got)
    n += 1
    if isinstance(want, bool) or isinstance(got, bool):
        ok = want == got
    else:
        ok = abs(float(got) - want) <= 5e-6 * max(abs(want), 1e-300)
    if not ok:
        bad.append(f"{key}: params {got}, check {want}")
if n < 50:
    bad.append(f"only {n} parameters listed")
print("\n".join(bad[:10]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
expect_in out "* population.open_share = " "params SCENARIO: a calibrated value is marked as differing from the default"

expect_rc 0 "params --levers" params ends.toml --levers
expect_in out "information.push_rate = 0  (per firm-week)" "levers: the resolved value"
expect_in out "    2005-07-01 (full from 2005-07-22)  'push' add 0.01 over 4 weeks: 0 -> 0.01" "levers: the change and its ramp"
expect_in out "    2006-01-06  'push' stops (it ends on 2005-12-31): 0.01 -> 0" "levers: the end"
# The cap: ¥1 M + 4 steps of ¥0.498 M stay within ¥3 M, the fifth would not (step 13 = 2005-07-01).
expect_in out "    2005-07-01  'briefings' stops (its budget cap of 3000000 yen is reached)" "levers: the cap"
expect_rc 2 "--levers without a scenario" params --levers
expect_in err "--levers needs a scenario" "params --levers alone"

expect_rc 0 "run" run base.toml ends.toml -n 2 -j 2 -q -o study.h5
/usr/bin/python3 - study.h5 <<'PY' || fail "the run's records of costs, caps and names (see above)"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
names = lambda v: [x.decode() if isinstance(x, bytes) else x for x in f[v][...]]
bad = []
if names("display_name_en") != ["baseline", "ends"] or names("display_name_ja") != ["baseline", "終了する施策"]:
    bad.append(f"display names {names('display_name_en')} {names('display_name_ja')}")
kinds = sum(f[f"final_policy_cost_{k}"][...] for k in ("fixed", "running", "per_contact", "coaching"))
total = f["final_policy_cost_total"][...]
if not np.allclose(kinds, total, rtol=1e-12, atol=0):
    bad.append(f"kinds {kinds} vs total {total}")
fixed_running = f["final_policy_cost_fixed"][1] + f["final_policy_cost_running"][1]
if not (np.all(fixed_running <= 3e6 * (1 + 1e-12)) and np.all(fixed_running > 2.9e6)):
    bad.append(f"the capped policy's own charges {fixed_running}")
if list(f["final_policy_caps_bound"][1]) != [1, 1] or list(f["final_policy_cap_bound_week"][1]) != [13, 13]:
    bad.append(f"cap records {f['final_policy_caps_bound'][...]} {f['final_policy_cap_bound_week'][...]}")
if not np.all(np.isnan(f["final_policy_cap_bound_week"][0])) or np.any(f["final_policy_caps_bound"][0] != 0):
    bad.append("the baseline has a cap record")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
note "ok"
