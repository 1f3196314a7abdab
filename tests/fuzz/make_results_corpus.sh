#!/usr/bin/env bash
# Makes the seed corpus of the HDF5 result readers' fuzzer (tests/fuzz/corpus_results): real
# outputs of `renkei run` (2 scenarios x 2 replicates, and 1 replicate) and of `renkei sweep`
# (a 2-factor Morris design), on a 2 % world over a few months. A full output holds about
# 500 variables, a megabyte of HDF5 metadata; each seed keeps only the variables one group of
# readers uses (compare, survey, validate, sensitivity), removed with h5py and compacted with
# h5repack, so that each stays below 200 kB and the fuzzer mutates what the readers read.
# Usage: tests/fuzz/make_results_corpus.sh [RENKEI]   (default build/ci/renkei)
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../cli/lib.sh
source "$src/tests/cli/lib.sh"  # write_push_scenario
renkei=$(realpath "${1:-$src/build/ci/renkei}")
out=$src/tests/fuzz/corpus_results
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

sed -E 's/^scale[[:space:]]*=[[:space:]]*[0-9.eE+-]+/scale = 0.02/' "$src/scenarios/worlds/tohoku.toml" >world.toml
cat >base.toml <<TOML
[scenario]
name = "baseline"
description = "Seed scenario: 2 % world, nine months"
extends = "$src/scenarios/baseline.toml"

[run]
world = "world.toml"
burn_in_weeks = 4
end = 2005-12-31
TOML
write_push_scenario push.toml
cat >sweep.toml <<'TOML'
[sweep]
name = "seed"
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

[[parameter]]
key = "trust.gain"
min = 0.05
max = 0.2
TOML
"$renkei" run base.toml push.toml -n 2 -j 1 -q -o study.h5
"$renkei" run base.toml push.toml -n 1 -j 1 -q -o study1.h5
"$renkei" sweep sweep.toml -o sweep.h5 -j 1 -q

/usr/bin/python3 - "$src/scenarios/targets/tohoku2005.toml" <<'PY'
import shutil, sys, tomllib
import h5py

with open(sys.argv[1], "rb") as t:
    items = {"final_" + item["name"] for item in tomllib.load(t)["item"] if "name" in item}
records = {"scenario", "replicate", "time", "quantile", "block", "run_ok", "run_error", "runs_ok",
           "scenario_description", "scenario_files", "scenario_toml", "parameter_draw",
           "certifications_by_block", "certifications_by_block_end"}
compare = records | {"final_certifications_end", "final_certifications_first_dec", "final_aware_share_end",
                     "final_policy_cost_total", "final_certifications_end_mean", "final_certifications_end_sd",
                     "final_certifications_end_quantile", "certifications", "certifications_mean",
                     "certifications_sd", "certifications_quantile"}
survey = {"scenario", "replicate", "time", "quantile", "block", "run_ok", "scenario_files"} | items
def sweep(name):
    return not name.startswith("final_") or name in {"final_aware_share_end", "final_certifications_end"}

def keep(src, dst, wanted):
    shutil.copy(src, dst)
    with h5py.File(dst, "r+") as f:
        for name in list(f.keys()):
            if wanted(name):
                continue
            d = f[name]
            # Detached first, so that the dimension scales list no deleted variable.
            for dim in d.dims:
                for scale in list(dim.values()):
                    dim.detach_scale(scale)
            del f[name]

def plain_strings(path):
    # h5repack (HDF5 1.10) damages the fill value of variable-length string variables it
    # copies (h5dump then fails on them): they are rewritten without one, same values,
    # attributes and dimensions.
    with h5py.File(path, "r+") as f:
        for name in list(f.keys()):
            d = f[name]
            if d.dtype.kind != "O" or h5py.h5ds.is_scale(d.id):
                continue
            data, attrs = d[...], {k: v for k, v in d.attrs.items() if k not in ("DIMENSION_LIST",)}
            scales = [list(dim.values())[0].name if len(dim) else None for dim in d.dims]
            for dim in d.dims:
                for scale in list(dim.values()):
                    dim.detach_scale(scale)
            del f[name]
            n = f.create_dataset(name, data=data, dtype=h5py.string_dtype())
            for k, v in attrs.items():
                n.attrs[k] = v
            for i, scale in enumerate(scales):
                if scale is not None:
                    n.dims[i].attach_scale(f[scale])

keep("study.h5", "study_compare.h5", lambda n: n in compare)
keep("study.h5", "study_survey.h5", lambda n: n in survey)
keep("study1.h5", "study_one_replicate.h5", lambda n: n in compare)
keep("sweep.h5", "sweep_morris.h5", sweep)
for path in ("study_compare.h5", "study_survey.h5", "study_one_replicate.h5", "sweep_morris.h5"):
    plain_strings(path)
PY
mkdir -p "$out"
for f in study_compare study_survey study_one_replicate sweep_morris; do
  h5repack "$f.h5" "$out/$f.h5"
  h5dump -H "$out/$f.h5" >/dev/null || { echo "$0: $out/$f.h5 does not read back (h5dump)" >&2; exit 1; }
done
ls -l "$out"
