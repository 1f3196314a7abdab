#!/usr/bin/env bash
# Bad scenario files: exit 2, every error of every file reported with file, line, key and
# the fix, and nothing written. `check` prints a good file fully resolved.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/good.toml" good

# A misspelt parameter; its line number is found rather than hard-coded.
make_scenario "$WORK/misspelt.toml" misspelt '
[meetings]
rate_persnal = 0.06'
line=$(grep -n '^rate_persnal' "$WORK/misspelt.toml" | cut -d: -f1)

mkdir "$WORK/out_dir"
expect_rc 2 "misspelt key" run "$WORK/misspelt.toml" -n 2 -j 1 -o "$WORK/out_dir/r.h5"
expect_in "$WORK/err" "$WORK/misspelt.toml:$line" "misspelt key: file and line"
expect_in "$WORK/err" "rate_persnal" "misspelt key: the key as written"
expect_in "$WORK/err" "did you mean" "misspelt key: a suggestion"
expect_in "$WORK/err" "meetings.rate_personal" "misspelt key: the intended key"
[[ -z "$(ls -A "$WORK/out_dir")" ]] || fail "misspelt key: files were written: $(ls -A "$WORK/out_dir")"

expect_rc 2 "check of a misspelt key" check "$WORK/misspelt.toml"
expect_in "$WORK/err" "$WORK/misspelt.toml:$line" "check of a misspelt key"
expect_in "$WORK/err" "meetings.rate_personal" "check of a misspelt key"

# Two bad files (and a good one) at once: both are reported, nothing is run.
make_scenario "$WORK/misspelt_run.toml" misspelt_run 'replicats = 5'
line2=$(grep -n '^replicats' "$WORK/misspelt_run.toml" | cut -d: -f1)
expect_rc 2 "two bad files" run "$WORK/misspelt.toml" "$WORK/good.toml" "$WORK/misspelt_run.toml" \
  -n 2 -j 1 -o "$WORK/out_dir/r.h5"
expect_in "$WORK/err" "$WORK/misspelt.toml:$line" "two bad files: the first"
expect_in "$WORK/err" "$WORK/misspelt_run.toml:$line2" "two bad files: the second"
expect_in "$WORK/err" "replicats" "two bad files: the second key"
expect_in "$WORK/err" "run.replicates" "two bad files: the second suggestion"
[[ -z "$(ls -A "$WORK/out_dir")" ]] || fail "two bad files: files were written: $(ls -A "$WORK/out_dir")"
expect_in "$WORK/err" "2 errors; nothing was run" "two bad files: the count"

# Even with --force, a bad scenario leaves an existing output file as it was.
echo "an earlier result" >"$WORK/out_dir/kept.h5"
cp "$WORK/out_dir/kept.h5" "$WORK/kept_before"
expect_rc 2 "misspelt key with --force" run "$WORK/misspelt.toml" -n 2 -j 1 -o "$WORK/out_dir/kept.h5" --force
cmp -s "$WORK/out_dir/kept.h5" "$WORK/kept_before" || fail "misspelt key with --force: the existing output was changed"
[[ "$(ls -A "$WORK/out_dir")" == kept.h5 ]] || fail "misspelt key with --force: files were written: $(ls -A "$WORK/out_dir")"

# A good file: exit 0 and the resolved TOML holds every parameter `params` lists.
expect_rc 0 "check of a good file" check "$WORK/good.toml"
expect_in "$WORK/out" 'name = "good"' "check of a good file"
expect_in "$WORK/out" "burn_in_weeks = 52" "check of a good file: an overridden setting"
expect_in "$WORK/out" "seed = 20050401" "check of a good file: an inherited setting"
cp "$WORK/out" "$WORK/resolved.toml"
# Dotted keys of the resolved text: [group] headers joined with the keys below them.
awk '/^\[\[/ { exit } /^\[/ { gsub(/[][]/, ""); g = $0; next }
     /^[A-Za-z_][A-Za-z0-9_]* =/ && g != "scenario" && g != "run" { print g "." $1 }' \
  "$WORK/resolved.toml" | sort >"$WORK/resolved_keys"
expect_rc 0 "params" params
grep -oE '^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+ = ' "$WORK/out" | sed 's/ = $//' | sort >"$WORK/param_keys"
[[ -s $WORK/param_keys ]] || fail "params listed no keys"
missing=$(comm -23 "$WORK/param_keys" "$WORK/resolved_keys")
[[ -z $missing ]] || fail "check output lacks parameters: $(echo "$missing" | head -5 | tr '\n' ' ')"

# The resolved text is itself a valid scenario, resolving to the same text.
expect_rc 0 "check of the resolved text" check "$WORK/resolved.toml"
grep -v '^# from ' "$WORK/resolved.toml" >"$WORK/a"
grep -v '^# from ' "$WORK/out" >"$WORK/b"
diff "$WORK/a" "$WORK/b" >"$WORK/diff" || fail "resolving the resolved text changed it: $(head -20 "$WORK/diff")"

note "ok"
