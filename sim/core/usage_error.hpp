// A mistake in how a command was asked to run (an option out of range, options that exclude
// each other, a name the input does not hold): the command reports it with its usage hint and
// exits with status 2. Library code that turns a command's request into work throws it too.
#pragma once

#include <stdexcept>

namespace renkei {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace renkei
