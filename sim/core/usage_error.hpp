// A mistake in how a command was asked to run (an option out of range, options that exclude
// each other, a name the input does not hold): the command reports it with its usage hint and
// exits with status 2. Library code that turns a command's request into work throws it too.
#pragma once

#include <stdexcept>
#include <string>

namespace renkei {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `value` of the option --`option` if lo <= value <= hi; otherwise UsageError "--OPTION must
// be between LO and HI, got VALUE".
inline long long option_in_range(const std::string& option, long long value, long long lo,
                                 long long hi) {
  if (value < lo || value > hi)
    throw UsageError("--" + option + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ", got " + std::to_string(value));
  return value;
}

}  // namespace renkei
