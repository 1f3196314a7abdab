// Loading a set of scenarios for one invocation: all files' errors are collected and
// reported together; names must be unique.
#pragma once

#include "scenario/scenario.hpp"

#include <string>
#include <vector>

namespace renkei::cli {

std::vector<Scenario> load_scenarios(const std::vector<std::string>& paths);

// Every file the scenarios were read from: each scenario, its parents and its world (for
// refusing an output path that is one of them).
std::vector<std::string> input_files(const std::vector<Scenario>& scenarios);

// Scenarios run together must share a calendar (they are compared week by week).
void check_compatible(const std::vector<Scenario>& scenarios);

}  // namespace renkei::cli
