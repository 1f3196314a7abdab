#include "input/toml_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace renkei {

std::string number_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::array<char, 64> buf{};
  if (std::trunc(v) == v && std::fabs(v) < 1e15) {
    // Whole numbers in plain digits: "10000000", not "1e+07".
    std::snprintf(buf.data(), buf.size(), "%.0f", v);
    return buf.data();
  }
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

std::string approx_text(double v) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.6g", v);
  return buf.data();
}

std::string toml_real(double v) {
  std::string s = number_text(v);
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}

std::string toml_quote(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          std::array<char, 8> esc{};
          std::snprintf(esc.data(), esc.size(), "\\u%04X", static_cast<unsigned>(c));
          out += esc.data();
        } else {
          out += ch;  // UTF-8 bytes pass through; the input was valid UTF-8 TOML
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace renkei
