#!/usr/bin/env bash
# Parameter uncertainty: `renkei run --parameter-draws FILE.csv` refuses bad files with
# file:line:column (exit 2); replicate r of every scenario runs draw r mod D (recorded as
# parameter_draw and the parameter_draws attribute), so two scenarios of one replicate share
# their draw while replicates with different draws differ; `renkei compare` says so.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

PY=/usr/bin/python3
$PY -c 'import h5py, tomllib' 2>/dev/null || { echo "SKIP: /usr/bin/python3 lacks h5py"; exit 77; }

make_scenario "$WORK/base.toml" base
# A twin of the baseline under another name: the same parameters, so in every replicate it
# must give exactly the baseline's results if, and only if, both ran the same draw.
sed 's/^name = "base"/name = "twin"/' "$WORK/base.toml" >"$WORK/twin.toml"
make_scenario "$WORK/push.toml" push '
[[policy]]
name = "push delivery"
start = 2005-07-01
[policy.set]
information.push_rate = 0.02'
cd "$WORK"

# ---- bad files: exit 2, file:line:column, key and the fix; nothing written ----
bad_draws() {  # NAME CONTENT EXPECTED-TEXT
  printf '%b' "$2" >"$1"
  expect_rc 2 "bad draws $1" run base.toml push.toml -n 2 --parameter-draws "$1" -o bad.h5
  expect_in "$WORK/err" "$3" "error for $1"
}
bad_draws unknown.csv 'population.open_share,formation.intercpt\n0.5,-3\n' \
  "unknown.csv:1:23: error: key 'formation.intercpt': not a model parameter (did you mean 'formation.intercept'?)"
bad_draws text.csv 'formation.intercept\n-3\nlow\n' "text.csv:3:1: error: key 'formation.intercept': 'low' is not a number"
bad_draws range.csv 'population.open_share\n0.5\n1.5\n' \
  "range.csv:3:1: error: key 'population.open_share': 1.5 is outside the parameter's range [0, 1]"
bad_draws columns.csv 'population.open_share,formation.intercept\n0.5\n' "columns.csv:2:4: error: row has 1 cell for 2 parameter columns"
bad_draws empty.csv '' "empty.csv:1:1: error: the file is empty"
expect_rc 2 "missing draws file" run base.toml -n 2 --parameter-draws nowhere.csv -o bad.h5
expect_in "$WORK/err" "nowhere.csv: error: cannot read the parameter-draws file: file not found" "missing file"
[[ ! -e bad.h5 ]] || fail "a refused run left bad.h5 behind"

# ---- the draws: draw 0 repeats the scenarios' own formation.intercept, draw 1 moves it ----
expect_rc 0 "fixed parameters" run base.toml twin.toml push.toml -n 3 -j 2 -q --point -o fixed.h5
$PY - <<'EOF' || fail "could not write draws.csv"
import h5py, tomllib
with h5py.File("fixed.h5", "r") as f:
    text = f["scenario_toml"][0].decode()
base = tomllib.loads(text)["formation"]["intercept"]
with open("draws.csv", "w") as out:
    out.write("formation.intercept\n%r\n%r\n" % (base, base + 2.0))
EOF
expect_rc 0 "with draws" run base.toml twin.toml push.toml -n 3 -j 2 --parameter-draws draws.csv -o drawn.h5
expect_rc 0 "with draws, no warm start" run base.toml twin.toml push.toml -n 3 -j 1 -q --no-warm-start --parameter-draws draws.csv -o cold.h5
same_datasets drawn.h5 cold.h5 ||
  fail "warm start changes runs under parameter draws: $(differing_datasets drawn.h5 cold.h5 | head -10 | tr '\n' ' ')"

$PY - <<'EOF' || fail "parameter draws not applied as specified (see above)"
import hashlib
import sys

import h5py
import numpy as np

bad = []
with h5py.File("drawn.h5", "r") as d, h5py.File("fixed.h5", "r") as f:
    attr = d.attrs["parameter_draws"]
    attr = attr.decode() if isinstance(attr, bytes) else attr
    digest = hashlib.sha256(open("draws.csv", "rb").read()).hexdigest()
    if attr != "draws.csv sha256 %s, 2 draws" % digest:
        bad.append("parameter_draws attribute: %r" % attr)
    if "parameter_draws" in f.attrs or "parameter_draw" in f:
        bad.append("a run without draws records draws")
    draw = d["parameter_draw"][:]
    if draw.dtype != np.int32 or list(draw) != [0, 1, 0]:
        bad.append("parameter_draw = %r (%s), expected [0, 1, 0] int32" % (list(draw), draw.dtype))
    if d["parameter_draw"].dims[0][0].name != "/replicate":
        bad.append("parameter_draw is not over the replicate dimension")
    names = [s.decode() for s in d["scenario"][:]]
    if names != ["base", "twin", "push"]:
        bad.append("scenarios %r" % names)
    for var in ("final_collab_share_end", "final_formations_total", "collab_share"):
        x, y = d[var][:], f[var][:]
        # The same draw in both scenarios of a replicate: the twin equals the baseline.
        if not np.array_equal(x[0], x[1]):
            bad.append("%s: base and twin differ within a replicate" % var)
        # Draw 0 is the scenarios' own value: replicates 0 and 2 equal the fixed run ...
        for r in (0, 2):
            if not np.array_equal(x[:, r], y[:, r]):
                bad.append("%s: replicate %d (draw 0) differs from fixed parameters" % (var, r))
        # ... and draw 1 (intercept + 2) changes replicate 1 in every scenario.
        for s in range(3):
            if np.array_equal(x[s, 1], y[s, 1]):
                bad.append("%s: scenario %d replicate 1 (draw 1) equals fixed parameters" % (var, s))
    # More formations with a higher intercept: the draw moved the model the expected way.
    if not (d["final_formations_total"][0, 1] > f["final_formations_total"][0, 1]):
        bad.append("intercept + 2 did not raise formations_total")
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
note "parameter_draw = [0, 1, 0]; base and twin identical per replicate; draw 0 = fixed run, draw 1 differs"

# ---- renkei compare states whether the replicates carry parameter uncertainty ----
expect_rc 0 "compare with draws" compare drawn.h5 --baseline base
expect_in "$WORK/out" "parameter uncertainty: replicates use 2 posterior draws (draws.csv)" "compare note with draws"
expect_rc 0 "compare fixed" compare fixed.h5 --baseline base
expect_in "$WORK/out" "parameter uncertainty: none (the calibrated point estimate alone, run with --point)" \
  "compare note without draws"

# ---- by default, the draws of the calibration the scenarios extend ----
# base.toml extends scenarios/baseline.toml, which extends the calibrated file naming its draws.
expect_rc 0 "default draws" run base.toml push.toml -n 4 -j 2 -q --replicates-per-draw 2 -o default.h5
$PY - <<'PYEOF' || fail "the default run did not use the calibration's draws"
import h5py
with h5py.File("default.h5", "r") as f:
    assert f.attrs["parameters"] in ("posterior draws", b"posterior draws"), f.attrs["parameters"]
    assert "tohoku2005_draws.csv" in str(f.attrs["parameter_draws"]), f.attrs["parameter_draws"]
    assert "2 draws" in str(f.attrs["parameter_draws"]), f.attrs["parameter_draws"]
    assert list(f["parameter_draw"][:]) == [0, 1, 0, 1], list(f["parameter_draw"][:])
PYEOF
expect_rc 0 "compare with two replicates per draw" compare default.h5 --baseline base --metric certifications_end
expect_in "$WORK/out" "parameter uncertainty: certifications_end over 2 posterior draws" "posterior section"
expect_in "$WORK/out" "P(beats baseline)" "posterior section: P(beats baseline)"
expect_in "$WORK/out" "SD parameters" "posterior section: the parameter part"
$PY - <<'PYEOF' || fail "--point did not record the point estimate"
import h5py
with h5py.File("fixed.h5", "r") as f:
    assert str(f.attrs["parameters"]).find("point estimate") >= 0, f.attrs["parameters"]
    assert "parameter_draws" not in f.attrs
PYEOF
expect_rc 2 "--point with --parameter-draws" run base.toml -n 2 --point --parameter-draws draws.csv -o bad.h5
expect_in "$WORK/err" "exclude each other" "--point with --parameter-draws"
expect_rc 2 "--replicates-per-draw with --point" run base.toml -n 2 --point --replicates-per-draw 2 -o bad.h5
expect_in "$WORK/err" "needs posterior draws" "--replicates-per-draw with --point"
# Scenarios that name different draws cannot be paired replicate by replicate.
cat >nodraws.toml <<TOML
[scenario]
name = "nodraws"
extends = "base.toml"
[run]
parameter_draws = ""
TOML
expect_rc 2 "scenarios naming different draws" run base.toml nodraws.toml -n 2 -o bad.h5
expect_in "$WORK/err" "run.parameter_draws" "different draws: the key"
expect_in "$WORK/err" "names no posterior draws" "different draws: what differs"
expect_rc 0 "the same scenarios at the point" run base.toml nodraws.toml -n 2 -q --point -o point2.h5
cat >baddraws.toml <<TOML
[scenario]
name = "baddraws"
extends = "base.toml"
[run]
parameter_draws = "nowhere.csv"
TOML
expect_rc 2 "a scenario naming missing draws" check baddraws.toml
expect_in "$WORK/err" "run.parameter_draws" "missing draws: the key"
expect_in "$WORK/err" "cannot read parameter draws" "missing draws: the message"
[[ ! -e bad.h5 ]] || fail "a refused run left bad.h5 behind"
note "ok"
