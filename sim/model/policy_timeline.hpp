// The dated policy timeline of a scenario: which parameter values are in force at each
// step (levers ramp linearly from their previous value to the target) and what the
// policies cost in fixed and running terms.
#pragma once

#include "core/calendar.hpp"
#include "scenario/scenario.hpp"

#include <vector>

namespace renkei {

class PolicyTimeline {
 public:
  PolicyTimeline(const Scenario& scenario, const Calendar& calendar);

  // Parameters in force during `step`.
  void params_at(int step, Params& out) const;
  // Fixed and running policy spending incurred during `step` (yen).
  double cost_at(int step) const;
  const Params& base() const noexcept { return base_; }
  // The first step at which any policy acts (a large value if there is none).
  int first_policy_step() const noexcept;

 private:
  struct Entry {
    int start = 0;
    int ramp = 0;  // steps
    std::vector<std::pair<std::size_t, double>> targets;
    double fixed = 0;
    double per_step = 0;
  };
  Params base_;
  std::vector<Entry> entries_;
};

}  // namespace renkei
