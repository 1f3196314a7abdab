// Writing values as TOML text (the resolved scenario, generated docs): numbers that read
// back bit-for-bit and strings escaped so that any input survives a round trip.
#pragma once

#include <string>
#include <string_view>

namespace renkei {

// Shortest text that parses back to exactly `v`, always with a '.' or exponent so that
// TOML reads it as a float. Not for NaN or infinities (validated input has none).
std::string toml_real(double v);
// Shortest round-trip text for messages and docs (no forced ".0").
std::string number_text(double v);
// Six significant digits, for sums in messages (0.8, not 0.7999999999999999).
std::string approx_text(double v);
// A basic TOML string, quoted and escaped.
std::string toml_quote(std::string_view s);

}  // namespace renkei
