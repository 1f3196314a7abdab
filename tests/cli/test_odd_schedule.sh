#!/usr/bin/env bash
# The ODD schedule (docs/model.md section 3.1) and the weekly step (Model::step in
# sim/model/model.cpp) list the same phases in the same order: each numbered phase of the doc,
# "N. **Title.**" (and the survey's "**7b. Survey:**"), has a comment "// N. Title..." in the step,
# and the step has no numbered phase the doc lacks. A phase added, removed or reordered on one
# side only fails here, naming both lists.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"

doc=$(awk '/^### 3.1 /{on=1; next} /^### /{on=0} on' "$SRC/docs/model.md" |
  grep -oE '^[0-9]+\. \*\*[^.*]+|\*\*[0-9]+[a-z]\. [A-Za-z -]+' |
  sed -E 's/^\*\*//; s/\*\*//; s/^([0-9]+[a-z]?)\. /\1|/')
code=$(awk '/^void Model::step\(\) \{/{on=1} on && /^}/{on=0} on' "$SRC/sim/model/model.cpp" |
  grep -oE '^  // [0-9]+[a-z]?\. .*' | sed -E 's|^  // ([0-9]+[a-z]?)\. |\1\||')
[[ -n $doc ]] || fail "no numbered phases found in docs/model.md section 3.1"
[[ -n $code ]] || fail "no numbered phase comments found in Model::step"
doc_numbers=$(cut -d'|' -f1 <<<"$doc" | tr '\n' ' ')
code_numbers=$(cut -d'|' -f1 <<<"$code" | tr '\n' ' ')
[[ $doc_numbers == "$code_numbers" ]] ||
  fail "phases differ: docs/model.md 3.1 has [$doc_numbers], Model::step has [$code_numbers]"
while IFS='|' read -r n title; do
  title=${title%:}
  line=$(grep -E "^$n\|" <<<"$code" | cut -d'|' -f2)
  [[ $line == "$title"* ]] || fail "phase $n: the doc calls it '$title', the step's comment says '$line'"
done <<<"$doc"
note "ok: $(wc -l <<<"$doc") phases"
