// How `renkei COMMAND` reports the error that ended it, and the exit status it maps to.
#pragma once

#include <exception>
#include <string>

namespace renkei {

// Prints the error `error` holds the way `renkei COMMAND` reports it (bad input listed with
// its count, usage mistakes with the help hint, other failures as errors) and returns the
// exit status it maps to. The entry point uses it, and so does an MPI rank that must report
// before the other ranks leave the job.
int report_command_error(const std::string& command, const std::exception_ptr& error);

}  // namespace renkei
