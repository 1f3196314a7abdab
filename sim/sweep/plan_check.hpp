// Checks a sweep before any run: every design point, as the base of every scenario, must pass
// what the loader checks on a scenario's own parameters (override_problems: the bounds, the
// rules across parameters such as program.min_members <= formation.max_members, and each
// policy lever within its bounds and moving the way the policy declares).
#pragma once

#include "sweep/runner.hpp"

#include <string>

namespace renkei {

// Throws InputErrors naming the sweep file, the design point, the scenario and the
// parameters (for a policy: the policy and the lever); at most 20 errors are listed.
void check_plan_policies(const SweepPlan& plan, const std::string& sweep_path);

}  // namespace renkei
