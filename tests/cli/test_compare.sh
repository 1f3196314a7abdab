#!/usr/bin/env bash
# `renkei compare`: a baseline and a push-delivery policy run with common random numbers;
# the comparison shows a row per metric for the policy, finds the policy's (large) effect on
# program awareness significant, and refuses a bad --baseline, an unknown metric and a file
# that is not renkei output with exit 2 and a message naming the file.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" baseline
# push_rate 0.02/week from July reaches about 1 - exp(-0.02 * 39) = 54 % of firms by the end
# of March, far above the baseline's awareness: the effect must be significant with n = 6.
make_scenario "$WORK/push.toml" push '
[[policy]]
name = "push delivery"
start = 2005-07-01
[policy.set]
information.push_rate = 0.02'
expect_rc 0 "study run" run "$WORK/base.toml" "$WORK/push.toml" -n 6 -j 2 -o "$WORK/study.h5" -q

expect_rc 0 "compare" compare "$WORK/study.h5"
cp "$WORK/out" "$WORK/table.txt"
expect_in "$WORK/out" "policy 'push': 6 of 6 replicates usable" "compare"
expect_in "$WORK/out" "baseline 'baseline'" "compare"
row=$(grep -E '^aware_share_end ' "$WORK/out") || fail "no aware_share_end row$(show_output)"
# Columns: metric n baseline policy "mean d" ...; the verdict is the last field.
mean_d=$(awk '{ print $5 }' <<<"$row")
awk -v d="$mean_d" 'BEGIN { exit !(d > 0) }' || fail "aware_share_end: mean difference $mean_d is not positive: $row"
[[ $(awk '{ print $NF }' <<<"$row") == higher ]] || fail "aware_share_end: effect not significant ('higher'): $row"
for m in certifications_end policy_cost_total dissolutions_total; do
  grep -qE "^$m " "$WORK/out" || fail "no row for $m$(show_output)"
done
expect_in "$WORK/out" "ranking by mean d certifications_end" "compare ranking"
expect_in "$WORK/out" "cost-effectiveness" "compare cost-effectiveness"

# CSV: a header and one row per metric (10 default metrics), the policy named in each.
expect_rc 0 "compare --csv" compare "$WORK/study.h5" --csv --correction bonferroni --level 0.9
[[ $(wc -l <"$WORK/out") -eq 11 ]] || fail "--csv: expected 11 lines$(show_output)"
grep -q '^push,baseline,aware_share_end,' "$WORK/out" || fail "--csv: no aware_share_end row for push$(show_output)"
expect_in "$WORK/out" ",bonferroni," "--csv correction"

# Sensible rounding: ten significant digits in CSV, whole yen (no exponent), yen with
# thousands separators in the table.
expect_rc 0 "compare --csv (default family)" compare "$WORK/study.h5" --csv
expect_in "$WORK/out" ",holm,metric,1," "--csv: family 'metric' of one test per metric (one policy)"
cost_row=$(grep '^push,baseline,policy_cost_total,' "$WORK/out") || fail "--csv: no policy_cost_total row$(show_output)"
grep -q 'e+' <<<"$cost_row" && fail "--csv: yen in exponent form: $cost_row"
awk -F, 'NR > 1 { for (i = 9; i <= NF; i++) { v = $i; sub(/^-/, "", v); sub(/e.*/, "", v); gsub(/\./, "", v); sub(/^0+/, "", v);
  if (length(v) > 10) { print "too many digits: " $i; exit 1 } } }' "$WORK/out" || fail "--csv: unrounded numbers$(show_output)"
grep -qE '^policy_cost_total .* [0-9]{1,3}(,[0-9]{3})+ ' "$WORK/table.txt" ||
  fail "table: policy_cost_total not in whole yen with separators: $(grep '^policy_cost_total' "$WORK/table.txt")"

# --family all: one family over every test shown (10 metrics x 1 policy), Bonferroni level.
expect_rc 0 "compare --family all" compare "$WORK/study.h5" --family all
expect_in "$WORK/out" "family: all tests shown (m = 10)" "--family all"
expect_in "$WORK/out" "intervals at 99.5% each" "--family all"
expect_in "$WORK/table.txt" "family: each metric, its tests of every policy (m = 1)" "default family"
expect_rc 2 "bad --family" compare "$WORK/study.h5" --family everything
expect_in "$WORK/err" "--family must be metric or all" "bad --family"

# --json: valid JSON with the rows of --csv (same columns, same values) and the ranking.
expect_rc 0 "compare --json" compare "$WORK/study.h5" --json
cp "$WORK/out" "$WORK/compare.json"
expect_rc 0 "compare --csv for --json" compare "$WORK/study.h5" --csv
/usr/bin/python3 - "$WORK/compare.json" "$WORK/out" <<'EOF' || fail "--json does not match --csv (see above)"
import csv, json, sys
doc = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
bad = []
if len(doc["effects"]) != len(rows):
    bad.append(f"{len(doc['effects'])} JSON rows, {len(rows)} CSV rows")
for j, c in zip(doc["effects"], rows):
    if list(j) != list(c):
        bad.append(f"keys differ: {list(j)} vs {list(c)}")
        break
    for k, v in c.items():
        got = j[k]
        same = (got is None and v == "") or str(got) == v or (isinstance(got, (int, float)) and v != "" and float(v) == got)
        if not same:
            bad.append(f"{c['metric']} {k}: json {got!r}, csv {v!r}")
if doc["family"] != "metric" or doc["baseline"] != "baseline" or doc["ranking"][0]["policy"] != "push":
    bad.append(f"settings or ranking wrong: {doc['family']}, {doc['baseline']}, {doc['ranking']}")
print("\n".join(bad[:10]), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
# The cost breakdown: one entry per scenario whose kinds add up to policy_cost_total (each
# printed to the whole yen, so within 3 yen), and whose total is the policy_cost_total mean of
# the effects table (every run finished, so both average the same replicates).
/usr/bin/python3 - "$WORK/compare.json" <<'EOF' || fail "--json costs do not add up (see above)"
import json, sys
doc = json.load(open(sys.argv[1]))
kinds = ["policy_cost_fixed", "policy_cost_running", "policy_cost_per_contact", "policy_cost_coaching"]
costs = {c["scenario"]: c for c in doc["costs"]}
bad = [] if set(costs) == {"baseline", "push"} else [f"scenarios {sorted(costs)}"]
for name, c in costs.items():
    if abs(sum(c[k] for k in kinds) - c["policy_cost_total"]) > 3:
        bad.append(f"{name}: kinds {[c[k] for k in kinds]} vs total {c['policy_cost_total']}")
row = next(r for r in doc["effects"] if r["metric"] == "policy_cost_total")
if abs(row["mean_policy"] - costs["push"]["policy_cost_total"]) > 1 or abs(row["mean_baseline"] - costs["baseline"]["policy_cost_total"]) > 1:
    bad.append(f"totals {row['mean_baseline']}, {row['mean_policy']} vs {costs}")
if costs["push"]["policy_cost_per_contact"] <= 0 or costs["push"]["policy_cost_fixed"] != 0:
    bad.append(f"push: a set push rate with no declared costs charges per contact only: {costs['push']}")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
expect_rc 0 "compare (text, cost breakdown)" compare "$WORK/study.h5"
grep -q '^policy costs by kind' "$WORK/out" || fail "compare: no cost breakdown$(show_output)"
expect_rc 2 "--csv with --json" compare "$WORK/study.h5" --csv --json

# One metric, baseline named explicitly, no correction.
expect_rc 0 "compare --metric" compare "$WORK/study.h5" --baseline baseline --metric aware_share_end --correction none
[[ $(grep -c '^aware_share_end ' "$WORK/out") -eq 1 ]] || fail "--metric: expected one metric row$(show_output)"
grep -qE '^certifications_end ' "$WORK/out" && fail "--metric: an unrequested metric is shown$(show_output)"

expect_rc 0 "compare --help" compare --help
expect_in "$WORK/out" "renkei compare" "compare --help"
expect_in "$WORK/out" "--correction" "compare --help"

# Bad input: exit 2, naming the file and suggesting the right name.
expect_rc 2 "bad --baseline" compare "$WORK/study.h5" --baseline basline
expect_in "$WORK/err" "study.h5" "bad --baseline"
expect_in "$WORK/err" "did you mean 'baseline'" "bad --baseline"
expect_rc 2 "bad --metric" compare "$WORK/study.h5" --metric aware_shar_end
expect_in "$WORK/err" "did you mean 'aware_share_end'" "bad --metric"
expect_rc 2 "bad --rank-by" compare "$WORK/study.h5" --rank-by nothing_like_it
expect_in "$WORK/err" "nothing_like_it" "bad --rank-by"
expect_rc 2 "bad --level" compare "$WORK/study.h5" --level 1.5
expect_rc 2 "bad --correction" compare "$WORK/study.h5" --correction sidak
expect_rc 2 "no file" compare
echo "scenario,value" >"$WORK/notes.h5"
expect_rc 2 "non-HDF5 file" compare "$WORK/notes.h5"
expect_in "$WORK/err" "notes.h5" "non-HDF5 file"
if command -v h5copy >/dev/null; then
  h5copy -i "$WORK/study.h5" -o "$WORK/other.h5" -s time -d time
  expect_rc 2 "HDF5 file that is not renkei output" compare "$WORK/other.h5"
  expect_in "$WORK/err" "other.h5" "HDF5 file that is not renkei output"
fi
expect_rc 2 "missing file" compare "$WORK/absent.h5"
expect_in "$WORK/err" "absent.h5" "missing file"

# Fewer than 2 usable replicates.
expect_rc 0 "one-replicate run" run "$WORK/base.toml" "$WORK/push.toml" -n 1 -o "$WORK/one.h5" -q
expect_rc 2 "one replicate" compare "$WORK/one.h5"
expect_in "$WORK/err" "one.h5" "one replicate"
expect_in "$WORK/err" "at least 2" "one replicate"

note "ok"
