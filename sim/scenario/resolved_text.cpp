#include "scenario/resolved_text.hpp"

#include "input/toml_text.hpp"
#include "scenario/policy_timeline.hpp"

#include <cmath>

namespace renkei {
namespace {

std::string value_text(const ParamDef& d, double v) {
  switch (d.type) {
    case ParamType::integer: return std::to_string(std::llround(v));
    case ParamType::boolean: return v != 0.0 ? "true" : "false";
    case ParamType::real: break;
  }
  return toml_real(v);
}

}  // namespace

std::string resolved_toml(const Scenario& s) {
  std::string out;
  out += "# Fully resolved scenario: every run setting, parameter and policy (no extends).\n";
  for (const auto& f : s.files) out += "# from " + f.path + " (sha256 " + f.sha256 + ")\n";
  out += "\n[scenario]\n";
  out += "name = " + toml_quote(s.name) + "\n";
  out += "description = " + toml_quote(s.description) + "\n";
  if (!s.display_name_en.empty())
    out += "display_name_en = " + toml_quote(s.display_name_en) + "\n";
  if (!s.display_name_ja.empty())
    out += "display_name_ja = " + toml_quote(s.display_name_ja) + "\n";

  const RunSettings& r = s.run;
  out += "\n[run]\n";
  out += "start = " + r.start.iso() + "\n";
  out += "end = " + r.end.iso() + "\n";
  out += "burn_in_weeks = " + std::to_string(r.burn_in_weeks) + "\n";
  out += "step_days = " + std::to_string(r.step_days) + "\n";
  out += "replicates = " + std::to_string(r.replicates) + "\n";
  out += "seed = " + std::to_string(r.seed) + "\n";
  out +=
      std::string("keep_replicate_series = ") + (r.keep_replicate_series ? "true" : "false") + "\n";
  out += "world = " + toml_quote(r.world) + "\n";
  if (!r.parameter_draws.empty())
    out += "parameter_draws = " + toml_quote(r.parameter_draws) + "\n";

  std::string_view group;
  for (const ParamDef& d : param_schema()) {
    if (d.group != group) {
      group = d.group;
      out += "\n[" + std::string(group) + "]\n";
    }
    out += std::string(d.name) + " = " + value_text(d, d.get(s.params)) + "  # " +
           std::string(d.unit) + "\n";
  }

  const auto schema = param_schema();
  for (const PolicyChange& p : s.policies) {
    out += "\n[[policy]]\n";
    out += "name = " + toml_quote(p.name) + "\n";
    out += "description = " + toml_quote(p.description) + "\n";
    out += "start = " + p.start.iso() + "\n";
    if (p.end) out += "end = " + p.end->iso() + "\n";
    out += "ramp_weeks = " + std::to_string(p.ramp_weeks) + "\n";
    out += "cost_fixed_yen = " + toml_real(p.cost_fixed_yen) + "\n";
    out += "cost_per_year_yen = " + toml_real(p.cost_per_year_yen) + "\n";
    if (p.budget_cap_yen > 0.0) out += "budget_cap_yen = " + toml_real(p.budget_cap_yen) + "\n";
    if (!p.cost_source.empty()) out += "cost_source = " + toml_quote(p.cost_source) + "\n";
    for (const LeverOp op : {LeverOp::set, LeverOp::add, LeverOp::scale, LeverOp::close_gap}) {
      bool header = false;
      for (const LeverChange& c : p.levers) {
        if (c.op != op) continue;
        if (!header) out += std::string("[policy.") + op_name(op) + "]\n";
        header = true;
        const ParamDef& d = schema[c.param];
        out += toml_quote(d.key) + " = " +
               (op == LeverOp::set ? value_text(d, c.operand) : toml_real(c.operand)) + "\n";
      }
    }
    bool header = false;
    for (const LeverChange& c : p.levers) {
      if (c.intent == LeverIntent::unstated) continue;
      if (!header) out += "[policy.intent]\n";
      header = true;
      out += toml_quote(schema[c.param].key) + " = " + toml_quote(intent_name(c.intent)) + "\n";
    }
  }
  return out;
}

}  // namespace renkei
