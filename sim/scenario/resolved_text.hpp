// The fully resolved scenario as TOML text: every run setting, every parameter (grouped by
// table) and every policy, with no `extends`. Stored with results so that a run can be
// repeated from its output alone; loading it again gives the same run, params and policies.
#pragma once

#include "scenario/scenario.hpp"

#include <string>

namespace renkei {

std::string resolved_toml(const Scenario& scenario);

}  // namespace renkei
