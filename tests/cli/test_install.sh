# `cmake --install` puts the program, its man page (generated from the help texts), the bash
# completion, the analysis scripts and the scenarios under a prefix; the installed program
# runs, the man page renders and names every command, and the completion completes commands
# and options from the help texts.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cli_setup "$@"
BUILD=$(dirname "$RENKEI")
[[ -f $BUILD/cmake_install.cmake ]] || { note "SKIPPED: $BUILD is not a CMake build directory"; exit 77; }

cmake --install "$BUILD" --prefix "$WORK/prefix" >install.log 2>&1 || fail "cmake --install failed: $(tail -20 install.log)"
P=$WORK/prefix
for f in bin/renkei share/man/man1/renkei.1 share/bash-completion/completions/renkei \
  share/renkei/analysis/summary.py share/renkei/analysis/report.py share/renkei/analysis/renkei_data.py \
  share/renkei/scenarios/baseline.toml; do
  [[ -e $P/$f ]] || fail "not installed: $f (installed: $(cd "$P" && find . -type f | head -20 | tr '\n' ' '))"
done
[[ -x $P/share/renkei/analysis/summary.py ]] || fail "summary.py installed without the execute bit"
# The installed report finds every module it imports (its --help runs after the imports).
if /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  /usr/bin/python3 "$P/share/renkei/analysis/report.py" --help >report_help.txt 2>report_help.err ||
    fail "the installed report.py does not start: $(tail -3 report_help.err)"
fi
"$P/bin/renkei" --version >version.txt || fail "the installed renkei does not run"
"$P/bin/renkei" check "$P/share/renkei/scenarios/baseline.toml" >/dev/null 2>check.err ||
  fail "the installed scenarios do not check: $(head -5 check.err)"

# The man page: valid roff that names every command of `renkei --help`.
man=$P/share/man/man1/renkei.1
grep -q '^\.TH RENKEI 1' "$man" || fail "renkei.1 has no .TH header"
for c in $("$RENKEI" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
  grep -qx "\.SS $c" "$man" || fail "renkei.1 has no section for the command '$c'"
done
grep -qF -- "--correction" "$man" || fail "renkei.1 lacks compare's options"
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -z "$man" 2>groff.err || fail "groff rejects renkei.1: $(head groff.err)"
  [[ ! -s groff.err ]] || fail "groff warns on renkei.1: $(head groff.err)"
fi

# The completion, sourced as bash-completion does, on the installed program.
cat >complete.sh <<SH
shopt -s extglob
source "$P/share/bash-completion/completions/renkei"
COMP_WORDS=("$P/bin/renkei" comp); COMP_CWORD=1; _renkei; echo "command: \${COMPREPLY[*]}"
COMP_WORDS=("$P/bin/renkei" compare --fam); COMP_CWORD=2; _renkei; echo "option: \${COMPREPLY[*]}"
SH
bash complete.sh >complete.out 2>&1 || fail "the completion script failed: $(cat complete.out)"
grep -qx "command: compare" complete.out || fail "command completion: $(cat complete.out)"
grep -qx "option: --family" complete.out || fail "option completion: $(cat complete.out)"
note "ok"
