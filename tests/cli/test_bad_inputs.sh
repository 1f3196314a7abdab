#!/usr/bin/env bash
# The bad-input corpus (tests/cli/bad_inputs/cases.txt): every command given input it must
# refuse — bad worlds and targets, special and oversized input files, output paths that are
# inputs, directories, devices or FIFOs, results files of the wrong kind, incomplete,
# crafted or damaged (VERBOSE=1 prints every message). Each case must exit with its status (2: the user can fix it), never die
# of a signal or hang, print its message fragment, and write nothing.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
B=$SRC/tests/cli/bad_inputs
W=$WORK
S=$SRC
cd "$W"

# ---- what the cases refer to
write_push_pair  # base.toml and push.toml
mkfifo "$W/fifo"
mkdir -p "$W/outputs"
{ echo '[scenario]'; head -c $((17 << 20)) /dev/zero | tr '\0' '#'; echo; } >"$W/big.toml"
expect_rc 0 "the study the result cases start from" run base.toml push.toml -n 3 -j 2 -q -o study.h5
cat >grid.toml <<'TOML'
[sweep]
name = "bad_inputs"
scenarios = ["base.toml"]
replicates = 1
seed = 3
outputs = ["aware_share_end"]

[design]
kind = "morris"
samples = 2
levels = 4
seed = 5

[[parameter]]
key = "information.pull_rate"
min = 0.001
max = 0.01
TOML
expect_rc 0 "the sweep the result cases start from" sweep grid.toml -o sweep.h5 -j 2 -q
cat >calibration.toml <<TOML
[calibration]
name = "bad_inputs"
scenario = "base.toml"
targets = "$SRC/scenarios/targets/tohoku2005.toml"
output = "outputs/calibrated.toml"
draws_output = "outputs/calibrated_draws.csv"

[abc]
particles = 4
max_generations = 1

[[parameter]]
key = "population.open_share"
min = 0.4
max = 0.65
TOML

# Crafted and damaged results, made from the real ones with h5py.
/usr/bin/python3 - "$W" <<'PY' || fail "could not craft the HDF5 cases (h5py)"
import shutil, sys
import h5py, numpy as np
w = sys.argv[1]
def copy(src, dst):
    shutil.copy(f"{w}/{src}", f"{w}/{dst}")
    return h5py.File(f"{w}/{dst}", "r+")
with h5py.File(f"{w}/foreign.h5", "w") as f:
    f["x"] = np.arange(3.0)
with copy("study.h5", "future.h5") as f:
    f.attrs["renkei_format"] = "renkei-study 99"
with copy("study.h5", "no_run_ok.h5") as f:
    del f["run_ok"]
with copy("study.h5", "dangling.h5") as f:
    del f["run_ok"]
    f["run_ok"] = h5py.SoftLink("/nowhere")
with copy("sweep.h5", "sweep_no_design.h5") as f:
    del f["design"]
with copy("study.h5", "huge_dims.h5") as f:
    # Declared 2 x 2^40 values, chunked and never written: nothing on disk, 8 TiB if read.
    del f["run_ok"]
    f.create_dataset("run_ok", shape=(2, 1 << 40), dtype="f8", chunks=(1, 1024))
with copy("study.h5", "wrong_rank.h5") as f:
    del f["run_ok"]
    f["run_ok"] = np.ones(3)
with copy("study.h5", "short_final.h5") as f:
    # Indexed like run_ok by `survey`: one replicate short, it was read past its end.
    name = "final_survey_respondents"
    data = f[name][:, :-1]
    del f[name]
    f[name] = data
with copy("sweep.h5", "bad_groups.h5") as f:
    g = f["point_group"][:]
    g[0] = 1e9
    f["point_group"][:] = g
with copy("sweep.h5", "wrapped_samples.h5") as f:
    # 2 trajectories of 2 points; (2^63 + 2) x 2 wraps around to 4: was a SIGSEGV.
    f.attrs["design_base_samples"] = str(2**63 + 2)
with copy("sweep.h5", "garbled_sweep_toml.h5") as f:
    f.attrs["sweep_toml"] = "[sweep\nname = = 1"
# Damaged chunks: two bytes of a variable's first chunk flipped in the file.
def damage(src, dst, variable):
    shutil.copy(f"{w}/{src}", f"{w}/{dst}")
    with h5py.File(f"{w}/{dst}", "r") as f:
        info = f[variable].id.get_chunk_info(0)
    with open(f"{w}/{dst}", "r+b") as raw:
        raw.seek(info.byte_offset)
        data = raw.read(2)
        raw.seek(info.byte_offset)
        raw.write(bytes(b ^ 0x55 for b in data))
damage("study.h5", "damaged.h5", "run_ok")
damage("sweep.h5", "damaged_sweep.h5", "final_aware_share_end")
# The summaries and coordinates carry a checksum too: damage there is found by renkei and by
# other readers (h5py here).
damage("study.h5", "damaged_time.h5", "time")
damage("study.h5", "damaged_summary.h5", "certifications_mean")
with h5py.File(f"{w}/damaged_summary.h5", "r") as f:
    try:
        f["certifications_mean"][...]
    except OSError:
        pass
    else:
        sys.exit("h5py read a damaged summary without an error: it carries no checksum")
with copy("study.h5", "sparse_run_ok.h5") as f:
    # 2^24 values declared over chunks never written: within the size limit, nothing on
    # disk, 128 MiB if read (and as much again for each such variable).
    del f["run_ok"]
    f.create_dataset("run_ok", shape=(4, 1 << 22), dtype="f8", chunks=(1, 1024))
PY

# ---- replay
inputs=(base.toml push.toml small_world.toml grid.toml calibration.toml)
before=$(sha256sum "${inputs[@]}")
cases=0
while IFS='|' read -r want fragment args; do
  [[ $want =~ ^[[:space:]]*(#|$) ]] && continue
  want=${want//[[:space:]]/}
  fragment=$(echo "$fragment" | sed -e 's/^ *//' -e 's/ *$//')
  eval "set -- $args"
  set +e
  timeout 60 "$RENKEI" "$@" >"$W/stdout" 2>"$W/stderr" </dev/null
  rc=$?
  set -e
  what="renkei $*"
  if [[ ${VERBOSE:-0} == 1 ]]; then printf '== %s -> %s\n' "$what" "$rc"; cat "$W/stderr"; fi
  ((rc != 124)) || fail "$what: did not finish within 60 s (hangs?)"
  ((rc < 128)) || fail "$what: died of signal $((rc - 128))$(printf '\n%s' "$(head -c 3000 "$W/stderr")")"
  ((rc == want)) || fail "$what: exit $rc, expected $want$(printf '\n%s' "$(head -c 3000 "$W/stderr")")"
  grep -qF -- "$fragment" "$W/stderr" ||
    fail "$what: '$fragment' not in stderr$(printf '\n%s' "$(head -c 3000 "$W/stderr")")"
  if ((want == 2)) && [[ -n $(ls -A "$W/outputs") ]]; then
    fail "$what: exit 2 but wrote $(ls -A "$W/outputs" | head -3 | tr '\n' ' ')"
  fi
  cases=$((cases + 1))
done <"$B/cases.txt"
((cases >= 40)) || fail "only $cases cases replayed; is $B/cases.txt complete?"

# The inputs the cases name as outputs are unchanged.
[[ $(sha256sum "${inputs[@]}") == "$before" ]] || fail "an input named as an output was changed"
note "$cases bad-input cases: each refused with its status and message, nothing written"
