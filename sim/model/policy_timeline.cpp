#include "model/policy_timeline.hpp"

#include <algorithm>
#include <limits>

namespace renkei {

PolicyTimeline::PolicyTimeline(const Scenario& scenario, const Calendar& calendar) : base_(scenario.params) {
  for (const PolicyChange& pc : scenario.policies) {
    Entry e;
    e.start = calendar.step_of(pc.start);
    e.ramp = pc.ramp_weeks <= 0 ? 0 : std::max(1, static_cast<int>(pc.ramp_weeks * 7.0 / calendar.step_days() + 0.5));
    e.targets = pc.targets;
    e.fixed = pc.cost_fixed_yen;
    e.per_step = pc.cost_per_year_yen * calendar.step_days() / 365.25;
    entries_.push_back(std::move(e));
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.start < b.start; });
}

void PolicyTimeline::params_at(int step, Params& out) const {
  out = base_;
  const auto schema = param_schema();
  for (const Entry& e : entries_) {
    if (step < e.start) break;  // sorted by start
    const double frac = e.ramp == 0 ? 1.0 : std::min(1.0, (step - e.start + 1) / static_cast<double>(e.ramp));
    for (const auto& [index, target] : e.targets) {
      const ParamDef& d = schema[index];
      const double from = d.get(out);
      d.set(out, d.type == ParamType::boolean ? target : from + frac * (target - from));
    }
  }
}

double PolicyTimeline::cost_at(int step) const {
  double cost = 0;
  for (const Entry& e : entries_) {
    if (step < e.start) break;
    if (step == e.start) cost += e.fixed;
    cost += e.per_step;
  }
  return cost;
}

int PolicyTimeline::first_policy_step() const noexcept {
  return entries_.empty() ? std::numeric_limits<int>::max() : entries_.front().start;
}

}  // namespace renkei
