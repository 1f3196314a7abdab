// When two scenarios share their history before any policy acts: the one rule behind warm
// start (a family of scenarios runs its common past once) and the model's rebind check.
#pragma once

#include "scenario/scenario.hpp"

#include <optional>
#include <string>

namespace renkei {

// What makes `b`'s history differ from `a`'s, in words ("another world or calendar", "differs
// in KEY"), or nothing when both have the same world, calendar and parameters — policies aside,
// which act only from their start.
std::optional<std::string> history_difference(const Scenario& a, const Scenario& b);

inline bool shares_history(const Scenario& a, const Scenario& b) {
  return !history_difference(a, b);
}

}  // namespace renkei
