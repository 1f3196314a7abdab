// A first reading of a results file in a child process, before a command reads it for real.
// libhdf5 decodes a file's metadata itself, and a damaged or crafted file can crash it or make
// it loop before any check of renkei's can run; in the child such a failure becomes a refusal
// naming the file (FileError: exit 2) instead of a crash or a hang of the command.
#pragma once

#include <functional>
#include <string>

namespace renkei {

// How a function run in a child process ended.
struct ChildOutcome {
  enum class Kind { finished, failed, timed_out };
  Kind kind = Kind::finished;
  int signal = 0;     // the signal that ended the child, if one did
  int exit_code = 0;  // its exit status otherwise
};

// Runs `work` in a child process with its output streams sent to /dev/null and waits at most
// `limit_seconds` (then kills it). `finished` when the child returned from `work` or ended it
// with an exception (the parent's own reading reports those); `failed` when it died of a
// signal or exited otherwise (a sanitizer's report, say).
ChildOutcome run_in_child(const std::function<void()>& work, double limit_seconds);

// Reads every attribute and variable of `path` through H5Reader in a child process. Throws
// FileError naming the file when libhdf5 crashed or did not finish; returns otherwise, also
// when the reader refused the file (the command's own reading then says why). The time limit
// grows with the file's size: 60 s and 1 s more per 5 MB; the environment variable
// RENKEI_READ_CHECK_SECONDS replaces it (a positive number; anything else is a UsageError).
void preflight_results_file(const std::string& path);

// Makes preflight_results_file do nothing in this process: for the fuzzing harness of the
// result readers, which hands inputs to the commands and wants libhdf5's own crashes and
// hangs in its process (a check in a child would turn them into refusals, or into waits).
void skip_results_preflight() noexcept;

}  // namespace renkei
