// Scenarios whose parameters are changed after loading: a posterior draw (`renkei run`), a
// sweep's design point, an ABC-SMC candidate. They are all made by with_overrides, which
// re-checks on the changed parameters every rule the loader checks on a scenario's own:
// the parameter's bounds, the rules across parameters (parameter_rule_problems) and the
// policies' levers and declared intents (policy_problems). A path that patched a copy by
// hand could run a scenario the loader would reject.
#pragma once

#include "scenario/params.hpp"
#include "scenario/scenario.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace renkei {

// Parameter `param` (an index into param_schema()) takes `value` (natural scale; integers
// are rounded and booleans are value != 0, as ParamDef::set does).
struct ParamOverride {
  std::size_t param = 0;
  double value = 0.0;
};

// A value within the parameter's schema bounds [min, max] (finite).
bool within_bounds(const ParamDef& def, double value) noexcept;
// "[min, max]", as the messages print the bounds.
std::string bounds_text(const ParamDef& def);

// A rule across parameters that a parameter set breaks.
struct ParameterRuleProblem {
  std::vector<std::size_t>
      params;  // the parameters the rule ties together, in the order to name them
  std::string message;
  std::string fix;
};

// Every rule across parameters that `params` breaks (program.min_members <=
// formation.max_members). The loader checks a scenario's own parameters with it, and
// with_overrides the overridden ones.
std::vector<ParameterRuleProblem> parameter_rule_problems(const Params& params);

// A problem of overridden parameters: one override out of bounds, a rule across parameters
// broken, or a policy that does not hold on the new parameters.
struct OverrideProblem {
  enum class Kind { bounds, rule, policy };
  Kind kind = Kind::bounds;
  std::string key;  // the parameter to name (for a policy: its lever)
  std::string message;
  std::string fix;
};

// `base` with `overrides` applied, in order.
Params overridden_params(const Params& base, std::span<const ParamOverride> overrides);

// Every problem of `base` run with `overrides`; `label` names the overrides in the messages
// ("posterior draw 3 (line 5)", "design point 12"). Empty when the overrides are valid.
std::vector<OverrideProblem> override_problems(const Scenario& base,
                                               std::span<const ParamOverride> overrides,
                                               const std::string& label);

// A copy of `base` with `overrides` applied, checked by override_problems. Throws
// InputErrors (the scenario's file, the parameter, the rule) when a problem is found.
Scenario with_overrides(const Scenario& base, std::span<const ParamOverride> overrides,
                        const std::string& label);

}  // namespace renkei
