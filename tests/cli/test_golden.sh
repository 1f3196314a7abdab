#!/usr/bin/env bash
# Golden summaries: the baseline and two policies on the default world at the calibrated point
# (8 replicates) reproduce the reviewed means of tests/golden/summaries.toml within 4 SE (the
# tolerance is derived in tests/golden/golden.py). An unintended change of the model's behaviour
# fails here with a table of the means that moved. The checker itself must fail on a moved mean:
# a copy of the golden file with one mean shifted by 10 SE is refused.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
/usr/bin/python3 -c "import h5py, tomllib" 2>/dev/null || { echo "SKIPPED: no h5py"; exit 77; }

cd "$SRC"
expect_rc 0 "golden run" run scenarios/baseline.toml scenarios/push_delivery.toml \
  scenarios/local_government_coordination.toml -n 8 -j 2 --point -q -o "$WORK/golden.h5"
/usr/bin/python3 tests/golden/golden.py check "$WORK/golden.h5" tests/golden/summaries.toml >"$WORK/check.txt" ||
  fail "golden means moved:
$(grep MOVED "$WORK/check.txt")"

# The checker can fail: move the baseline's certifications by 2010 by 10 of its SEs.
/usr/bin/python3 - "$WORK/moved.toml" <<'PY'
import re, sys, tomllib
src = open("tests/golden/summaries.toml").read()
g = tomllib.loads(src)["scenario"]["baseline"]["certifications_end"]
block = "[scenario.baseline.certifications_end]\nmean = "
moved = src.replace(block + re.search(re.escape(block) + r"([^\n]+)", src).group(1),
                    block + repr(g["mean"] + 10 * g["se"] * 2 ** 0.5))
assert moved != src
open(sys.argv[1], "w").write(moved)
PY
if /usr/bin/python3 tests/golden/golden.py check "$WORK/golden.h5" "$WORK/moved.toml" >"$WORK/moved.txt"; then
  fail "a mean moved by 10 SE passed the golden check"
fi
grep -q "MOVED baseline  *certifications_end" "$WORK/moved.txt" || fail "the moved mean is not named: $(cat "$WORK/moved.txt")"
note "ok"
