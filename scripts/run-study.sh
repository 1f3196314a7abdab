#!/usr/bin/env bash
# The main job: set up (Debian packages), build a release, run the default study — the
# baseline and every policy scenario in scenarios/ — print the summary table and write
# results/study.h5 and the HTML report results/report/report.html. REPLICATES (default below) and THREADS (default: all cores) override.
# Parameter uncertainty is included: replicates run with the calibration's posterior draws,
# two replicates per draw (REPLICATES_PER_DRAW), so that `renkei compare` can separate chance
# from parameter uncertainty. POINT=1 runs the calibrated point estimate alone.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
mkdir -p results

replicates=${REPLICATES:-60}
threads=${THREADS:-$(nproc)}
scenarios=(scenarios/baseline.toml)
for f in scenarios/*.toml; do
  [ "$f" = scenarios/baseline.toml ] || scenarios+=("$f")
done
echo "renkei: ${#scenarios[@]} scenarios x ${replicates} replicates on ${threads} threads" >&2
if [ "${POINT:-0}" = 1 ]; then
  parameters=(--point)
else
  parameters=(--replicates-per-draw "${REPLICATES_PER_DRAW:-2}")
fi
build/release/renkei run "${scenarios[@]}" -n "$replicates" -j "$threads" "${parameters[@]}" -o results/study.h5 --force

# Figures and a self-contained HTML report (Debian's Python packages).
/usr/bin/python3 analysis/report.py results/study.h5 -o results/report

# Paired effects of every policy against the baseline (common random numbers).
build/release/renkei compare results/study.h5
