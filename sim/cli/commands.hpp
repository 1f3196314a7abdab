// The `renkei` subcommands. Each takes its arguments (after the subcommand name) and
// returns the process exit status: 0 success, 2 bad input or usage, 1 failure while running.
#pragma once

#include "core/usage_error.hpp"

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace renkei::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// A command-line mistake: reported with the command's usage hint, exit status 2.
using UsageError = renkei::UsageError;

// Prints the error `error` holds the way `renkei COMMAND` reports it (bad input listed with
// its count, usage mistakes with the help hint, other failures as errors) and returns the
// exit status it maps to. The entry point uses it, and so does an MPI rank that must report
// before the other ranks leave the job.
int report_command_error(const std::string& command, const std::exception_ptr& error);

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
