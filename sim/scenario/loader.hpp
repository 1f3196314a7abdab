// Reads scenario files (TOML): resolves `extends` chains, validates every key against the
// parameter schema, builds the policy timeline and returns an immutable Scenario.
// All problems found are thrown together as InputErrors (file, line, column, key, fix).
#pragma once

#include "scenario/scenario.hpp"

#include <string>
#include <string_view>

namespace renkei {

// Loads a scenario file and everything it extends, and the world file it names.
Scenario load_scenario(const std::string& path);

// Loads from text (as if read from `virtual_path`; parents resolve relative to it).
// Used by the fuzzer and by tests.
Scenario load_scenario_from_string(std::string_view text, const std::string& virtual_path);

}  // namespace renkei
