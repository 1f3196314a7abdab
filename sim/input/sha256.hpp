// SHA-256 (FIPS 180-4) of a byte string, for the provenance of scenario and world files
// recorded with every result: a rerun can tell whether its inputs are the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace renkei {

// Lower-case hexadecimal digest (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace renkei
