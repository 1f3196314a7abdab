#include "scenario/run_spec.hpp"

#include "input/input_error.hpp"
#include "input/toml_text.hpp"
#include "scenario/policy_timeline.hpp"

#include <cmath>

namespace renkei {

bool within_bounds(const ParamDef& def, double value) noexcept {
  return std::isfinite(value) && value >= def.min && value <= def.max;
}

std::string bounds_text(const ParamDef& def) {
  return "[" + number_text(def.min) + ", " + number_text(def.max) + "]";
}

std::vector<ParameterRuleProblem> parameter_rule_problems(const Params& params) {
  std::vector<ParameterRuleProblem> out;
  const auto min_i = find_param("program.min_members");
  const auto max_i = find_param("formation.max_members");
  if (min_i && max_i && params.program_min_members > params.formation_max_members) {
    out.push_back({{*min_i, *max_i},
                   "program.min_members (" + std::to_string(params.program_min_members) +
                       ") exceeds formation.max_members (" +
                       std::to_string(params.formation_max_members) +
                       "): no collaboration could ever be certified",
                   "set program.min_members <= formation.max_members"});
  }
  return out;
}

Params overridden_params(const Params& base, std::span<const ParamOverride> overrides) {
  Params out = base;
  const auto schema = param_schema();
  for (const ParamOverride& o : overrides) schema[o.param].set(out, o.value);
  return out;
}

std::vector<OverrideProblem> override_problems(const Scenario& base,
                                               std::span<const ParamOverride> overrides,
                                               const std::string& label) {
  std::vector<OverrideProblem> out;
  const auto schema = param_schema();
  for (const ParamOverride& o : overrides) {
    const ParamDef& def = schema[o.param];
    if (!within_bounds(def, o.value))
      out.push_back({OverrideProblem::Kind::bounds, std::string(def.key),
                     label + " sets " + std::string(def.key) + " = " + number_text(o.value) +
                         ", outside its bounds " + bounds_text(def),
                     "use a value in the range (`renkei params` lists every range)"});
  }
  if (!out.empty()) return out;
  const Params params = overridden_params(base.params, overrides);
  for (const ParameterRuleProblem& p : parameter_rule_problems(params))
    out.push_back({OverrideProblem::Kind::rule, std::string(schema[p.params.front()].key),
                   label + ": " + p.message, p.fix});
  if (!base.policies.empty()) {
    for (const PolicyProblem& p : policy_problems(base, params, label)) {
      const LeverChange& c = base.policies[p.policy].levers[p.change];
      out.push_back({OverrideProblem::Kind::policy, std::string(schema[c.param].key), p.message,
                     "a policy must hold on every set of parameters it runs with: write the change "
                     "relative to the "
                     "baseline ([policy.add] or [policy.scale]) or narrow it"});
    }
  }
  return out;
}

Scenario with_overrides(const Scenario& base, std::span<const ParamOverride> overrides,
                        const std::string& label) {
  const std::vector<OverrideProblem> problems = override_problems(base, overrides, label);
  if (!problems.empty()) {
    const std::string file = base.files.empty() ? base.name : base.files.front().path;
    std::vector<InputError> errors;
    for (const OverrideProblem& p : problems)
      errors.push_back({file, 0, 0, p.key, p.message, p.fix});
    throw InputErrors(std::move(errors));
  }
  Scenario out = base;
  out.params = overridden_params(base.params, overrides);
  return out;
}

}  // namespace renkei
