#include "sweep/plan_check.hpp"

#include "input/input_error.hpp"
#include "scenario/policy_timeline.hpp"
#include "sweep/design.hpp"

#include <vector>

namespace renkei {

void check_plan_policies(const SweepPlan& plan, const std::string& sweep_path) {
  constexpr std::size_t kMaxErrors = 20;
  std::vector<InputError> errors;
  Params params;
  for (const Scenario& s : plan.scenarios) {
    if (s.policies.empty()) continue;
    for (std::size_t p = 0; p < plan.point_count() && errors.size() < kMaxErrors; ++p) {
      params = s.params;
      apply_point(plan.sweep.design, p, params);
      for (const PolicyProblem& problem : policy_problems(s, params, "design point " + std::to_string(p))) {
        const LeverChange& c = s.policies[problem.policy].levers[problem.change];
        errors.push_back({sweep_path, 0, 0, std::string(param_schema()[c.param].key), problem.message,
                          "narrow the factor's range, or write the policy as a change relative to the baseline "
                          "([policy.add], [policy.scale] or [policy.close_gap])"});
      }
    }
  }
  if (errors.size() >= kMaxErrors)
    errors.push_back({sweep_path, 0, 0, "", "stopped after " + std::to_string(errors.size()) + " errors",
                      "fix these first"});
  if (!errors.empty()) throw InputErrors(std::move(errors));
}

}  // namespace renkei
