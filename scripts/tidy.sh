#!/usr/bin/env bash
# Runs clang-tidy (the checks of .clang-tidy) on the given sources, or on every .cpp of sim/,
# with the flags of the CI build (build/ci/compile_commands.json: configure the ci preset
# first). Headers of sim/ are checked through the sources that include them.
#   scripts/tidy.sh [FILE.cpp|FOLDER]...    JOBS=N runs N at once (default 2)
# BUILD=DIR takes the compile commands of another build tree (the ctest style:tidy passes its
# own).
# Prints the findings and a count per check; exits 1 if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build/ci}
if [ ! -f "$build/compile_commands.json" ]; then
  echo "tidy.sh: no $build/compile_commands.json: run 'cmake --preset ci' first" >&2
  exit 2
fi
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
[ -n "$tidy" ] || { echo "tidy.sh: clang-tidy not found (apt-get install clang-tidy)" >&2; exit 2; }
if [ $# -eq 0 ]; then set -- sim; fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.cpp' | sort)
  else
    files+=("$arg")
  fi
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
printf '%s\n' "${files[@]}" | xargs -P "${JOBS:-2}" -n 1 "$tidy" -p "$build" --quiet 2>/dev/null \
  > "$out" || true
# A header's finding is reported once for every source that includes it: print each once.
findings=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .* \[[a-z0-9.,-]+\]$' "$out" | sort -u || true)
if [ -z "$findings" ]; then
  echo "tidy.sh: no findings in ${#files[@]} file(s)"
  exit 0
fi
echo "$findings"
echo
echo "findings per check:"
echo "$findings" | sed -E 's/.*\[([a-z0-9.,-]+)\]$/\1/' | tr ',' '\n' | sort | uniq -c | sort -rn
exit 1
