# renkei sweep: bad command-line values, bad shard specs, missing files and existing
# outputs are refused with exit 2 and a message naming the value and the fix; a run that
# failed is recorded (run_ok = 0, run_error, NaN finals), the file is still written and
# the exit status is 1 with a summary.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

run_push_study 1 >/dev/null
cp "$SRC/tests/data/sweeps/runner_grid.toml" sweep.toml

refuse() {  # refuse "TEXT" DESCRIPTION ARGS...
  local text=$1 what=$2
  shift 2
  expect_rc 2 "$what" sweep "$@"
  expect_in "$WORK/err" "$text" "$what"
  [[ ! -e out.h5 && ! -e out.h5.parts ]] || fail "$what: something was written"
}

refuse "file not found" "missing sweep file" missing.toml -o out.h5
refuse "missing.toml" "missing sweep file is named" missing.toml -o out.h5
refuse "add -o OUT.h5" "no output" sweep.toml
refuse "exactly one sweep file" "two sweep files" sweep.toml sweep.toml -o out.h5
refuse "--threads must be between 1 and 1024, got 0" "zero threads" sweep.toml -o out.h5 -j 0
refuse "the argument ('two') for option '--threads' is invalid" "non-numeric threads" sweep.toml -o out.h5 -j two
refuse "shard index 3 is not below the shard count 2" "shard 3/2" sweep.toml -o out.h5 --shard 3/2
refuse "expected i/N" "shard without N" sweep.toml -o out.h5 --shard 3
refuse "expected i/N" "negative shard" sweep.toml -o out.h5 --shard -1/2
refuse "N must be between 1 and" "zero shards" sweep.toml -o out.h5 --shard 0/0
refuse "the sweep has only 24 runs; use at most 24 shards" "more shards than runs" sweep.toml -o out.h5 --shard 0/25
refuse "--merge and --shard exclude each other" "merge with shard" sweep.toml -o out.h5 --shard 0/2 --merge
refuse "--array goes with --slurm-script" "array without script" sweep.toml -o out.h5 --array 4
refuse "--slurm-script needs --time" "script without time" sweep.toml -o out.h5 --slurm-script job.sh --array 2 --cpus 1
refuse "expected a walltime as sbatch takes it" "bad walltime" sweep.toml -o out.h5 --slurm-script job.sh --array 2 --cpus 1 --time 1:61:00
refuse "--cpus must be between 1 and 1024, got 0" "zero cpus" sweep.toml -o out.h5 --slurm-script job.sh --array 2 --cpus 0 --time 01:00:00
refuse "use at most that many array tasks" "array larger than the sweep" sweep.toml -o out.h5 --slurm-script job.sh --array 100 --cpus 1 --time 01:00:00
refuse "no parts directory 'out.h5.parts'" "merge without parts" sweep.toml -o out.h5 --merge
[[ ! -e job.sh ]] || fail "a refused --slurm-script must not write the script"

sed 's/^replicates = 3/replicats = 3/' sweep.toml >typo.toml
refuse "typo.toml:6:1" "misspelt key: file, line and column" typo.toml -o out.h5
refuse "did you mean 'sweep.replicates'" "misspelt key: the fix" typo.toml -o out.h5

touch existing.h5
expect_rc 2 "existing output" sweep sweep.toml -o existing.h5
expect_in "$WORK/err" "already exists; use --force" "existing output"
[[ ! -s existing.h5 && ! -e existing.h5.parts ]] || fail "existing output: something was written"
refuse "does not exist" "output directory missing" sweep.toml -o nowhere/out.h5

note "a failed run is recorded and the file still written"
expect_rc 0 "shard 0/2" sweep sweep.toml -o failed.h5 --shard 0/2 -q
expect_rc 0 "shard 1/2" sweep sweep.toml -o failed.h5 --shard 1/2 -q
# Rewrite the chunk holding task 5 as if that run had thrown (the chunk format: magic,
# first, count, finals per run, then per run ok, finals, error length and text; SHA-256 trailer).
/usr/bin/python3 - failed.h5.parts <<'PY' || fail "could not rewrite a chunk"
import hashlib, os, struct, sys
d = sys.argv[1]
magic = b"renkei-sweep-chunk 1\n"
for name in sorted(os.listdir(d)):
    if not name.startswith("chunk-"):
        continue
    first, count = (int(x) for x in name[len("chunk-"):-len(".bin")].split("-"))
    if not first <= 5 < first + count:
        continue
    raw = open(os.path.join(d, name), "rb").read()[:-64]
    pos = len(magic)
    first, count, nf = struct.unpack_from("<QQQ", raw, pos)
    pos += 24
    out = bytearray(raw[:pos])
    for t in range(first, first + count):
        ok = raw[pos]; finals = raw[pos + 1:pos + 1 + 8 * nf]; pos += 1 + 8 * nf
        (n,) = struct.unpack_from("<I", raw, pos); err = raw[pos + 4:pos + 4 + n]; pos += 4 + n
        if t == 5:
            ok, finals, err = 0, struct.pack("<d", float("nan")) * nf, "injected failure: ünïcode".encode()
        out += bytes([ok]) + finals + struct.pack("<I", len(err)) + err
    out += hashlib.sha256(out).hexdigest().encode()
    open(os.path.join(d, name), "wb").write(out)
    sys.exit(0)
sys.exit("no chunk holds task 5")
PY
expect_rc 1 "merge with a failed run" sweep sweep.toml -o failed.h5 --merge
expect_in "$WORK/out" "1 FAILED" "the summary line counts the failure"
expect_in "$WORK/err" "1 of 24 runs failed (first: scenario base, point 1, replicate 2: injected failure" "the failure summary names the run"
[[ -f failed.h5 ]] || fail "the result file must be written despite the failed run"
/usr/bin/python3 - failed.h5 <<'PY' || fail "failed run not recorded as expected"
import math, sys
import h5py
f = h5py.File(sys.argv[1], "r")
ok = f["run_ok"][...]
assert ok.sum() == 23 and ok[0, 1, 2] == 0, ok
err = f["run_error"][0, 1, 2]
err = err.decode() if isinstance(err, bytes) else err
assert err == "injected failure: ünïcode", err
assert math.isnan(f["final_collab_share_end"][0, 1, 2])
assert not math.isnan(f["final_collab_share_end"][0, 1, 1])
PY
note "ok"
