# renkei sweep --shard i/N into one parts directory, then --merge: exactly the unsharded
# result (data identical), whatever the shard count; --merge refuses while runs are missing
# and names them; shards may also keep separate parts directories merged by name.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

run_push_study 1 >/dev/null  # base.toml and push.toml in $WORK (and cd there)
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml

expect_rc 0 "unsharded sweep" sweep sweep.toml -o ref.h5 -j 2
expect_in "$WORK/out" "wrote ref.h5 (2 scenario(s) x 4 points x 3 replicates = 24 runs)" "summary line"

for n in 2 3; do
  note "$n shards"
  for ((i = 0; i < n; i++)); do
    expect_rc 0 "shard $i/$n" sweep sweep.toml -o sh$n.h5 --shard "$i/$n" -j 1
    [[ ! -e sh$n.h5 ]] || fail "shard $i/$n wrote the result file; only --merge should"
    if ((i < n - 1)); then
      expect_rc 1 "merge before every shard is done" sweep sweep.toml -o sh$n.h5 --merge
      expect_in "$WORK/err" "runs are missing (tasks" "the refusal names the missing tasks"
      expect_in "$WORK/err" "--resume" "the refusal says how to finish"
    fi
  done
  expect_rc 2 "a shard run twice without --resume" sweep sweep.toml -o sh$n.h5 --shard "0/$n" -q
  expect_in "$WORK/err" "of this shard" "the refusal is about the shard's own runs"
  expect_rc 0 "a shard run again with --resume (nothing left to do)" sweep sweep.toml -o sh$n.h5 --shard "0/$n" --resume -q
  expect_rc 0 "merge of $n shards" sweep sweep.toml -o sh$n.h5 --merge
  same_datasets ref.h5 sh$n.h5 || fail "$n shards merged differ from the unsharded sweep in: $(differing_datasets ref.h5 sh$n.h5)"
  [[ ! -e sh$n.h5.parts ]] || fail "the merge should remove the parts directory"
done

note "separate parts directories"
expect_rc 0 "shard 0/2 into a.h5.parts" sweep sweep.toml -o a.h5 --shard 0/2 -q
expect_rc 0 "shard 1/2 into b.h5.parts" sweep sweep.toml -o b.h5 --shard 1/2 -q
expect_rc 0 "merge of named parts" sweep sweep.toml -o ab.h5 --merge a.h5.parts b.h5.parts --keep-parts
same_datasets ref.h5 ab.h5 || fail "merge of named parts differs: $(differing_datasets ref.h5 ab.h5)"
[[ -d a.h5.parts && -d b.h5.parts ]] || fail "--keep-parts should keep the parts directories"
expect_rc 2 "merge over an existing file" sweep sweep.toml -o ab.h5 --merge a.h5.parts b.h5.parts
expect_in "$WORK/err" "--force" "the refusal names --force"

note "parts of another sweep are not mixed in"
sed 's/^seed = 20050401/seed = 1/' sweep.toml >other.toml
expect_rc 2 "merge with another sweep's parts" sweep other.toml -o x.h5 --merge a.h5.parts
expect_in "$WORK/err" "different sweep" "the refusal says why"
note "ok"
