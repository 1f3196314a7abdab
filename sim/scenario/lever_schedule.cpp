#include "scenario/lever_schedule.hpp"

#include "input/toml_text.hpp"
#include "scenario/policy_timeline.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace renkei {
namespace {

std::string value_of(const ParamDef& d, double v) {
  if (d.type == ParamType::boolean) return v != 0.0 ? "true" : "false";
  return approx_text(v);
}

std::string change_of(const LeverChange& c, const ParamDef& d) {
  switch (c.op) {
    case LeverOp::add: return "add " + approx_text(c.operand);
    case LeverOp::scale: return "scale " + approx_text(c.operand);
    case LeverOp::close_gap: return "close_gap " + approx_text(c.operand);
    case LeverOp::set: break;
  }
  return "set " + value_of(d, c.operand);
}

}  // namespace

std::string lever_schedule(const Scenario& s) {
  const auto schema = param_schema();
  const Calendar cal = s.calendar();
  const PolicyTimeline timeline(s, cal);
  // (step, text) per lever, ordered by step and then as the policies are.
  std::map<std::size_t, std::vector<std::pair<int, std::string>>> events;
  for (const PolicyTimeline::Move& m : timeline.moves()) {
    const PolicyChange& p = s.policies[m.policy];
    const LeverChange& c = p.levers[m.change];
    const ParamDef& d = schema[c.param];
    // The start as written; a ramp is complete from the first day of its last step.
    const int start = cal.step_of(p.start);
    std::string when = p.start.iso();
    if (m.step > start) when += " (full from " + cal.date_of(m.step).iso() + ")";
    std::string how = change_of(c, d);
    if (p.ramp_weeks > 0) how += " over " + std::to_string(p.ramp_weeks) + " weeks";
    events[c.param].emplace_back(start, when + "  '" + p.name + "' " + how + ": " +
                                            value_of(d, m.before) + " -> " + value_of(d, m.after));
  }
  Params before, after;
  for (const PolicyTimeline::Span& span : timeline.spans()) {
    if (span.end >= cal.steps() || span.end <= span.start) continue;
    const PolicyChange& p = s.policies[span.policy];
    timeline.params_at(span.end - 1, before);
    timeline.params_at(span.end, after);
    const std::string why =
        span.capped ? "its budget cap of " + number_text(p.budget_cap_yen) + " yen is reached"
                    : "it ends on " + p.end->iso();
    for (const LeverChange& c : p.levers) {
      const ParamDef& d = schema[c.param];
      events[c.param].emplace_back(
          span.end, cal.date_of(span.end).iso() + "  '" + p.name + "' stops (" + why +
                        "): " + value_of(d, d.get(before)) + " -> " + value_of(d, d.get(after)));
    }
  }

  std::string out =
      "levers of scenario '" + s.name +
      "': the value each resolves to (its own parameters and the files it extends), then the "
      "changes its policies make (a stop is dated by the first step without the policy)\n";
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const ParamDef& d = schema[i];
    if (!d.lever) continue;
    out += std::string(d.key) + " = " + value_of(d, d.get(s.params)) + "  (" + std::string(d.unit) +
           ")\n";
    auto it = events.find(i);
    if (it == events.end()) continue;
    std::stable_sort(it->second.begin(), it->second.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& e : it->second) out += "    " + e.second + "\n";
  }
  return out;
}

}  // namespace renkei
