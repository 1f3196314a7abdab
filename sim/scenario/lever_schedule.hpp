// The levers of a scenario as it runs (`renkei params SCENARIO --levers`): each lever's value
// after the scenario's parameters and the files it extends, then every dated change its
// policies make (start, ramp, end or budget cap) with the value before and after.
#pragma once

#include "scenario/scenario.hpp"

#include <string>

namespace renkei {

// One block per lever, in schema order; the text ends with a newline.
std::string lever_schedule(const Scenario& scenario);

}  // namespace renkei
