#include "report/text.hpp"

#include "input/input_error.hpp"

#include <algorithm>
#include <cstdio>

namespace renkei {

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

std::vector<std::string> split_names(const std::vector<std::string>& items) {
  std::vector<std::string> names;
  for (const auto& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      const std::size_t comma = std::min(item.find(',', start), item.size());
      if (comma > start) names.push_back(item.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return names;
}

std::string unknown_name(const std::string& what, const std::string& name, const std::string& file,
                         const std::vector<std::string>& candidates) {
  std::string msg = "unknown " + what + " '" + name + "' in " + file;
  const std::string guess = closest_match(name, candidates);
  if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
  return msg + "; the file has: " + join(candidates, ", ");
}

}  // namespace renkei
