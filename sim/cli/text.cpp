#include "cli/text.hpp"

#include "input/input_error.hpp"

#include <cstdio>

namespace renkei::cli {

std::string printf_double(const char* format, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string unknown_name(const std::string& what, const std::string& name, const std::string& file,
                         const std::vector<std::string>& candidates) {
  std::string msg = "unknown " + what + " '" + name + "' in " + file;
  const std::string guess = closest_match(name, candidates);
  if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
  return msg + "; the file has: " + join(candidates, ", ");
}

}  // namespace renkei::cli
