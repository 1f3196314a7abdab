// Loading a set of scenarios for one invocation: all files' errors are collected and
// reported together; names must be unique.
#pragma once

#include "scenario/scenario.hpp"

#include <string>
#include <vector>

namespace renkei::cli {

std::vector<Scenario> load_scenarios(const std::vector<std::string>& paths);

// Scenarios run together must share a calendar (they are compared week by week).
void check_compatible(const std::vector<Scenario>& scenarios);

}  // namespace renkei::cli
