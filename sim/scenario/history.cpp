#include "scenario/history.hpp"

#include "scenario/params.hpp"

namespace renkei {

std::optional<std::string> history_difference(const Scenario& a, const Scenario& b) {
  if (a.run.world != b.run.world || !(a.run.start == b.run.start) || !(a.run.end == b.run.end) ||
      a.run.step_days != b.run.step_days || a.run.burn_in_weeks != b.run.burn_in_weeks)
    return "has another world or calendar";
  for (const ParamDef& d : param_schema())
    if (d.get(a.params) != d.get(b.params)) return "differs in " + std::string(d.key);
  return std::nullopt;
}

}  // namespace renkei
