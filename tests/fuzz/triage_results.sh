#!/usr/bin/env bash
# Sorts the crashes and timeouts the HDF5 result readers' fuzzer saved
# (build/fuzz/findings/results-*): replays each and reads its stack (for a timeout, the one
# libFuzzer prints when its alarm fires). A crash or a hang whose innermost frame outside the
# sanitizer runtime is inside libhdf5 (the library decoding a crafted file's metadata, e.g.
# a global heap whose damage makes H5Dread of a string variable loop: nothing renkei can
# check before the call) is listed as "libhdf5"; any other one, in renkei's code, is a
# finding and makes this script fail, and so is any out-of-memory. Leaks are not looked for (scripts/fuzz.sh runs this
# target with -detect_leaks=0: libhdf5 leaks on its error paths, and the reader leaves the
# strings of a failed variable-length read unreclaimed rather than risk a double free).
# Usage: tests/fuzz/triage_results.sh [FINDINGS_DIR]   (FUZZ_PRESET=NAME: the harness of build/NAME)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build/${FUZZ_PRESET:-fuzz}
dir=${1:-$build/findings}
bin=$build/tests/fuzz/renkei_fuzz_results
ours=0 theirs=0
shopt -s nullglob
for f in "$dir"/results-crash-* "$dir"/results-oom-* "$dir"/results-timeout-*; do
  report=$(timeout 60 "$bin" -timeout=10 "$f" 2>&1 >/dev/null) && {
    # Fork mode sometimes saves an empty input for a job that died: only what reproduces counts.
    echo "does not reproduce: $(basename "$f")"
    continue
  }
  # The innermost frame that is either in libhdf5 or in the project's sources.
  first=$(grep -E '^ *#[0-9]+ ' <<<"$report" | grep -m1 -E 'libhdf5|/(sim|tests/fuzz)/[^ ]*\.(cpp|hpp):[0-9]+' || true)
  case $f in
    *-oom-*) kind=ours ;;  # memory is bounded by renkei's checks before any read
    *) if [[ $first == *libhdf5* ]]; then kind=libhdf5; else kind=ours; fi ;;
  esac
  if [[ $kind == libhdf5 ]]; then
    theirs=$((theirs + 1))
    echo "libhdf5: $(basename "$f"): $(grep -m1 -oE 'in H5[A-Za-z0-9_]+' <<<"$report" | head -1) <- $(grep -m1 -oE 'renkei::[A-Za-z0-9_:]+' <<<"$report")"
  else
    ours=$((ours + 1))
    echo "FINDING: $(basename "$f")"
    grep -m1 -E 'ERROR:|runtime error|renkei_fuzz_results: ' <<<"$report"
    echo "  ${first:-no project frame}"
  fi
done
echo "triage: $ours in renkei, $theirs inside libhdf5"
((ours == 0))
