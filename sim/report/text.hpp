// Text helpers shared by the commands and the report writers: one number through a printf
// format, joining names, and the "unknown name, did you mean" message for a name a results
// file does not hold.
#pragma once

#include <string>
#include <vector>

namespace renkei {

// `format` must take exactly one double (e.g. "%.4g").
std::string printf_double(const char* format, double x);

std::string join(const std::vector<std::string>& items, const std::string& sep);

// The names of a repeatable, comma-separated option ("a,b" "c" -> a, b, c), in order, empty
// ones dropped (duplicates kept).
std::vector<std::string> split_names(const std::vector<std::string>& items);

// "unknown WHAT 'NAME' in FILE (did you mean 'X'?); the file has: A, B, C".
std::string unknown_name(const std::string& what, const std::string& name, const std::string& file,
                         const std::vector<std::string>& candidates);

}  // namespace renkei
