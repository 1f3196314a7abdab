#!/usr/bin/env bash
# A resumed or merged sweep never mixes inputs: the parts directory pins the content of every
# file the runs read (scenario, parents, world). A sweep stopped midway (here: one shard of
# two done, the state a kill leaves), then an edited world or scenario: --resume and --merge
# refuse with exit 2 naming the changed file; restored, the resume finishes. A chunk file that
# is sparse and huge is skipped as damaged without being read (it was a bad_alloc).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

make_scenario "$WORK/base.toml" base
cp "$SRC/tests/data/sweeps/runner_resume.toml" "$WORK/sweep.toml"
cd "$WORK"

expect_rc 0 "half the runs (shard 0/2): a sweep stopped midway" sweep sweep.toml -o out.h5 --shard 0/2 -j 2 -q
[[ -d out.h5.parts && ! -e out.h5 ]] || fail "the partial sweep should leave parts and no result"
cp small_world.toml world.orig
cp base.toml base.orig

note "an edited world"
sed -i -E '0,/^firms = [0-9]+/s//firms = 12345/' small_world.toml
cmp -s small_world.toml world.orig && fail "the world was not edited"
expect_rc 2 "resume after the world changed" sweep sweep.toml -o out.h5 --resume -j 2 -q
expect_in "$WORK/err" "input file '$WORK/small_world.toml'" "the refusal names the world"
expect_in "$WORK/err" "changed since the parts" "the refusal says what changed"
expect_in "$WORK/err" "--force" "the refusal gives the way out"
[[ ! -e out.h5 ]] || fail "a refused resume wrote the result"
expect_rc 2 "merge after the world changed" sweep sweep.toml -o out.h5 --merge
expect_in "$WORK/err" "input file '$WORK/small_world.toml'" "the merge's refusal names the world"

note "an edited scenario"
cp world.orig small_world.toml
echo '# a comment changes no setting, but the file is not the one the runs read' >>base.toml
expect_rc 2 "resume after the scenario changed" sweep sweep.toml -o out.h5 --resume -j 2 -q
expect_in "$WORK/err" "input file '$WORK/base.toml'" "the refusal names the scenario"

note "inputs restored: the resume finishes, identical to an uninterrupted sweep"
cp base.orig base.toml
expect_rc 0 "resume with the inputs as they were" sweep sweep.toml -o out.h5 --resume -j 2 -q
expect_rc 0 "uninterrupted sweep" sweep sweep.toml -o ref.h5 -j 2 -q
same_datasets ref.h5 out.h5 || fail "the resumed sweep differs from the uninterrupted one in: $(differing_datasets ref.h5 out.h5)"

note "a sparse, huge chunk file"
expect_rc 0 "half the runs again" sweep sweep.toml -o sparse.h5 --shard 0/2 -j 2 -q
truncate -s 64G sparse.h5.parts/chunk-000000000035-1.bin
# At most 1 GiB of address space for the merge: reading the file whole cannot fit.
set +e
(ulimit -v 1048576 && exec "$RENKEI" sweep sweep.toml -o sparse.h5 --merge) >"$WORK/out" 2>"$WORK/err" </dev/null
RC=$?
set -e
((RC == 1)) || fail "merge with a sparse chunk: exit $RC, expected 1 (runs missing)$(show_output)"
expect_in "$WORK/err" "ignored damaged chunk file" "the sparse chunk is reported as damaged"
grep -q "bad_alloc" "$WORK/err" && fail "the merge ran out of memory$(show_output)"
note "ok"
