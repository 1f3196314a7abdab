// Errors in user input (scenario, world and target files; command-line values): each names
// the file, line, column and key, says what is wrong and how to fix it. Loaders collect
// every error they find and throw them together.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

struct InputError {
  std::string file;
  int line = 0;     // 1-based; 0 when unknown
  int column = 0;   // 1-based; 0 when unknown
  std::string key;  // dotted key, e.g. "meetings.rate_personal"; may be empty
  std::string message;
  std::string hint;  // how to fix it, e.g. "did you mean 'meetings.rate_personal'?"

  // "file:line:col: error: key 'k': message (hint)"
  std::string format() const;
};

class InputErrors : public std::runtime_error {
 public:
  explicit InputErrors(std::vector<InputError> errors);
  const std::vector<InputError>& errors() const noexcept { return errors_; }

 private:
  std::vector<InputError> errors_;
};

// A file or path the user named that cannot be used as given: an output path that is a
// directory, a device or one of the inputs, an input of the wrong kind (a sweep result given
// to `compare`), a damaged results file. Fixable by the user, so the exit status is 2 (other
// runtime errors are failures while running: 1). The message names the file, says what it
// is and what was expected.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The candidate closest to `word` by edit distance, if it is close enough to be a likely
// misspelling; empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace renkei
