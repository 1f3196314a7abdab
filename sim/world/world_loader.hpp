// Reads and validates a world file (TOML). Every problem is reported as an InputError
// naming file, line, column and key; all problems are thrown together as InputErrors.
#pragma once

#include "world/world.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace renkei {

std::shared_ptr<const World> load_world(const std::string& path);
// The same checks on text already in memory (tests, the fuzzer); `path` names it in errors.
World load_world_from_string(std::string_view text, const std::string& path);

}  // namespace renkei
