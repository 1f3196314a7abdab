#include "sweep/plan_check.hpp"

#include "input/input_error.hpp"
#include "scenario/run_spec.hpp"
#include "sweep/design.hpp"

#include <vector>

namespace renkei {

void check_plan_policies(const SweepPlan& plan, const std::string& sweep_path) {
  constexpr std::size_t kMaxErrors = 20;
  std::vector<InputError> errors;
  for (const Scenario& s : plan.scenarios) {
    for (std::size_t p = 0; p < plan.point_count() && errors.size() < kMaxErrors; ++p) {
      const std::string label = "design point " + std::to_string(p);
      for (const OverrideProblem& problem :
           override_problems(s, point_overrides(plan.sweep.design, p), label)) {
        std::string fix;
        switch (problem.kind) {
          case OverrideProblem::Kind::policy:
            fix =
                "narrow the factor's range, or write the policy as a change relative to the "
                "baseline "
                "([policy.add], [policy.scale] or [policy.close_gap])";
            break;
          case OverrideProblem::Kind::rule:
            fix = "narrow the factors' ranges so that every point keeps the rule (" + problem.fix +
                  ")";
            break;
          case OverrideProblem::Kind::bounds:
            fix =
                "narrow the factor's range to the parameter's bounds (`renkei params` lists them)";
            break;
        }
        errors.push_back({sweep_path, 0, 0, problem.key,
                          problem.kind == OverrideProblem::Kind::policy
                              ? problem.message
                              : problem.message + " (scenario '" + s.name + "')",
                          fix});
      }
    }
  }
  if (errors.size() >= kMaxErrors)
    errors.push_back({sweep_path, 0, 0, "",
                      "stopped after " + std::to_string(errors.size()) + " errors",
                      "fix these first"});
  if (!errors.empty()) throw InputErrors(std::move(errors));
}

}  // namespace renkei
