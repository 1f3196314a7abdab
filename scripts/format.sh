#!/usr/bin/env bash
# Formats the C++ sources of sim/ and tests/ with clang-format and the repository's
# .clang-format (tests/layers/fixture, which breaks rules on purpose, is left alone).
#   scripts/format.sh            rewrites the files that differ, in place
#   scripts/format.sh --check    changes nothing; lists the files that differ, exits 1 if any
#   scripts/format.sh [--check] FILE...   only these files
# CLANG_FORMAT names the program (default: clang-format, version 14 as in Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
format=${CLANG_FORMAT:-clang-format}
command -v "$format" >/dev/null || { echo "format.sh: $format not found (apt-get install clang-format)" >&2; exit 2; }
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  while IFS= read -r f; do files+=("$f"); done < <(git ls-files 'sim/*.cpp' 'sim/*.hpp' \
    'tests/*.cpp' 'tests/*.hpp' | grep -v '^tests/layers/fixture/')
fi
if [ $check = 0 ]; then
  "$format" -i --style=file "${files[@]}"
  exit 0
fi
# One clang-format for every file when all is well (a process per file would double the
# check's time); only when something differs, a pass per file to name them.
if "$format" --style=file --dry-run -Werror "${files[@]}" >/dev/null 2>&1; then
  echo "format.sh: ${#files[@]} files follow .clang-format"
  exit 0
fi
differ=0
for f in "${files[@]}"; do
  if ! "$format" --style=file "$f" | cmp -s - "$f"; then
    echo "$f"
    differ=$((differ + 1))
  fi
done
if [ $differ -gt 0 ]; then
  echo "format.sh: $differ file(s) differ from .clang-format; run scripts/format.sh to fix" >&2
  exit 1
fi
echo "format.sh: ${#files[@]} files follow .clang-format"
