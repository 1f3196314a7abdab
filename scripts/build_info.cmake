# Writes build_info.hpp at build time (not only at configure time), so that the commit and
# "-dirty" flag recorded in every output file describe the sources actually compiled.
# Called by the renkei_build_info target with -DSOURCE_DIR, -DIN, -DOUT and the template's
# other variables; rewrites OUT only when its content changes (no needless recompiles).
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE RENKEI_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git status --porcelain --untracked-files=no WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT RENKEI_GIT_COMMIT)
  set(RENKEI_GIT_COMMIT "unknown")
elseif(dirty)
  string(APPEND RENKEI_GIT_COMMIT "-dirty")
endif()
configure_file(${IN} ${OUT}.new @ONLY)
file(COPY_FILE ${OUT}.new ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.new)
