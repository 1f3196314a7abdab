// What a scenario changes against a baseline, as text for analysts (`renkei check --diff`):
// run settings and parameters that differ from the start, every policy lever with its value
// before and after and its dates (and, with posterior draws, the range over draws), and the
// policies' cost schedule.
#pragma once

#include "scenario/parameter_draws.hpp"
#include "scenario/scenario.hpp"

#include <string>

namespace renkei {

// `draws` may be null. The text ends with a newline.
std::string scenario_diff(const Scenario& baseline, const Scenario& scenario,
                          const ParameterDraws* draws);

}  // namespace renkei
