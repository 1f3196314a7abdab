// Checks a sweep before any run: every design point, as the base of every scenario, must keep
// each policy lever within its bounds and moving the way the policy declares, just as the
// loader checks the scenario on its own parameters.
#pragma once

#include "sweep/runner.hpp"

#include <string>

namespace renkei {

// Throws InputErrors naming the sweep file, the design point, the scenario, the policy and
// the lever (at most 20 errors are listed).
void check_plan_policies(const SweepPlan& plan, const std::string& sweep_path);

}  // namespace renkei
