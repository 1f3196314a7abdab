// The `renkei` subcommands. Each takes its arguments (after the subcommand name) and
// returns the process exit status: 0 success, 2 bad input or usage, 1 failure while running.
#pragma once

#include "core/exit_status.hpp"
#include "core/usage_error.hpp"

#include <string>
#include <vector>

namespace renkei::cli {

// A command-line mistake: reported with the command's usage hint, exit status 2.
using UsageError = renkei::UsageError;

int cmd_run(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_params(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_survey(const std::vector<std::string>& args);
int cmd_calibrate(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);
int cmd_sensitivity(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);

// "renkei 0.1.0 (commit …) — compiler, Boost, oneTBB, HDF5 versions".
std::string version_text();

}  // namespace renkei::cli
