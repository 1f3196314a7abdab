# bash completion for renkei. The commands and each command's options are read from the
# program's own help texts when first needed, so the completion follows the installed
# version without a list to keep in step. Install as
#   /usr/share/bash-completion/completions/renkei   (what `cmake --install` does)
# or source it from ~/.bashrc.

_renkei_commands() {
  "$1" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'
}

_renkei_options() {
  "$1" "$2" --help 2>/dev/null | grep -oE -- '(^|[[:space:]])--[a-z][a-z0-9-]*' | tr -d ' ' | sort -u
}

_renkei() {
  local cur prog cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prog=${COMP_WORDS[0]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_renkei_commands "$prog") --help --version" -- "$cur")
    return
  fi
  cmd=${COMP_WORDS[1]}
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_renkei_options "$prog" "$cmd")" -- "$cur")
    return
  fi
  # Arguments: scenario and sweep files (TOML), result files (HDF5), directories.
  mapfile -t COMPREPLY < <(compgen -f -X '!*.@(toml|h5|nc|csv)' -- "$cur"; compgen -d -- "$cur")
}

complete -F _renkei renkei
