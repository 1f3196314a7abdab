// `renkei survey` as a library call: the simulated questionnaire of one scenario of a result
// file against the study's survey (calibrate/survey_fit.hpp), as an aligned table.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace renkei {

// `of`: the scenario (default 'baseline' if present, else the first); `targets_file`: default
// targets/tohoku2005.toml beside the scenario file recorded in `file`. Throws UsageError or
// FileError for names or files that do not fit.
void survey_file(std::ostream& out, const std::string& file, const std::optional<std::string>& of,
                 const std::optional<std::string>& targets_file);

}  // namespace renkei
