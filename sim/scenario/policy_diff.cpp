#include "scenario/policy_diff.hpp"

#include "input/toml_text.hpp"
#include "scenario/policy_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace renkei {
namespace {

// Left-aligned columns, two spaces apart (UTF-8 aware for the yen sign and arrows).
class Columns {
 public:
  explicit Columns(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string text(const std::string& indent) const {
    std::vector<std::size_t> w;
    for (const auto& r : rows_) {
      if (w.size() < r.size()) w.resize(r.size(), 0);
      for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], width(r[i]));
    }
    std::string out;
    for (const auto& r : rows_) {
      std::string line = indent;
      for (std::size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size()) line += std::string(w[i] - width(r[i]) + 2, ' ');
      }
      out += line + "\n";
    }
    return out;
  }

 private:
  static std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (const unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }
  std::vector<std::vector<std::string>> rows_;
};

std::string yen(double v) {
  if (v >= 1e6) return "¥" + approx_text(v / 1e6) + " M";
  return "¥" + approx_text(v);
}

std::string value_of(const ParamDef& d, double v) {
  if (d.type == ParamType::boolean) return v != 0.0 ? "true" : "false";
  return approx_text(v);
}

std::string change_of(const LeverChange& c, const ParamDef& d) {
  switch (c.op) {
    case LeverOp::add: return std::string(c.operand >= 0 ? "+" : "") + approx_text(c.operand);
    case LeverOp::scale: return "x" + approx_text(c.operand);
    case LeverOp::close_gap: return "close " + approx_text(100 * c.operand) + " % of gap to 1";
    case LeverOp::set: break;
  }
  return "= " + value_of(d, c.operand);
}

}  // namespace

std::string scenario_diff(const Scenario& baseline, const Scenario& s,
                          const ParameterDraws* draws) {
  const auto schema = param_schema();
  std::string out = "scenario '" + s.name + "' against baseline '" + baseline.name + "'\n";
  if (!s.description.empty()) out += "  " + s.description + "\n";

  std::vector<std::string> run;
  if (s.run.start.days() != baseline.run.start.days() ||
      s.run.end.days() != baseline.run.end.days())
    run.push_back("run period " + baseline.run.start.iso() + " to " + baseline.run.end.iso() +
                  " -> " + s.run.start.iso() + " to " + s.run.end.iso());
  if (s.run.step_days != baseline.run.step_days ||
      s.run.burn_in_weeks != baseline.run.burn_in_weeks)
    run.push_back("step or burn-in differs: the two cannot be compared week by week");
  if (s.run.world != baseline.run.world)
    run.push_back("world " + baseline.run.world + " -> " + s.run.world);
  if (!run.empty()) {
    out += "\nrun settings that differ:\n";
    for (const auto& r : run) out += "  " + r + "\n";
  }

  Columns params({"parameter", "unit", "baseline", "scenario"});
  std::size_t n_params = 0;
  for (const ParamDef& d : schema) {
    const double a = d.get(baseline.params), b = d.get(s.params);
    if (a == b) continue;
    params.add({std::string(d.key), std::string(d.unit), value_of(d, a), value_of(d, b)});
    ++n_params;
  }
  out += "\nparameters that differ for the whole run (before any policy):";
  out += n_params == 0 ? " none\n" : "\n" + params.text("  ");

  // Policies of the baseline are the program as it runs; those of the scenario are what it adds.
  std::vector<const PolicyChange*> added;
  for (const PolicyChange& p : s.policies) {
    const bool inherited =
        std::any_of(baseline.policies.begin(), baseline.policies.end(), [&](const PolicyChange& b) {
          return b.name == p.name && b.start.days() == p.start.days() && b.levers == p.levers;
        });
    if (!inherited) added.push_back(&p);
  }
  if (added.empty()) {
    out += "\npolicies: none beyond the baseline's\n";
    return out;
  }

  const Calendar cal = s.calendar();
  const PolicyTimeline timeline(s, cal);
  const auto moves = timeline.moves();
  // The first step without each policy: its end date or budget cap, or "-" if it runs on.
  std::vector<std::string> until(s.policies.size(), "-");
  for (const PolicyTimeline::Span& span : timeline.spans()) {
    if (span.end < cal.steps())
      until[span.policy] = cal.date_of(span.end).iso() + (span.capped ? " (cap)" : "");
  }
  // With draws: the range of each lever's value after the change, and how often it moves as
  // declared.
  struct Range {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    std::size_t as_declared = 0;
  };
  std::vector<Range> ranges(moves.size());
  if (draws != nullptr) {
    Params p;
    for (std::size_t d = 0; d < draws->size(); ++d) {
      p = s.params;
      draws->apply(d, p);
      const auto drawn = PolicyTimeline(s, cal, p).moves();
      for (std::size_t m = 0; m < drawn.size() && m < ranges.size(); ++m) {
        ranges[m].lo = std::min(ranges[m].lo, drawn[m].after);
        ranges[m].hi = std::max(ranges[m].hi, drawn[m].after);
        const LeverIntent intent = s.policies[drawn[m].policy].levers[drawn[m].change].intent;
        const bool ok = intent == LeverIntent::unstated ||
                        (intent == LeverIntent::raise ? drawn[m].after > drawn[m].before
                                                      : drawn[m].after < drawn[m].before);
        if (ok) ++ranges[m].as_declared;
      }
    }
  }

  std::vector<std::string> header = {"policy", "lever", "unit", "change",  "intent",
                                     "before", "after", "from", "full by", "until"};
  if (draws != nullptr) {
    header.push_back("after over " + std::to_string(draws->size()) + " draws");
    header.push_back("as declared");
  }
  Columns levers(header);
  for (std::size_t m = 0; m < moves.size(); ++m) {
    const PolicyChange& p = s.policies[moves[m].policy];
    if (std::find(added.begin(), added.end(), &p) == added.end()) continue;
    const LeverChange& c = p.levers[moves[m].change];
    const ParamDef& d = schema[c.param];
    std::vector<std::string> row = {p.name,
                                    std::string(d.key),
                                    std::string(d.unit),
                                    change_of(c, d),
                                    c.intent == LeverIntent::unstated ? "-" : intent_name(c.intent),
                                    value_of(d, moves[m].before),
                                    value_of(d, moves[m].after),
                                    p.start.iso(),
                                    cal.date_of(moves[m].step).iso(),
                                    until[moves[m].policy]};
    if (draws != nullptr) {
      row.push_back("[" + approx_text(ranges[m].lo) + ", " + approx_text(ranges[m].hi) + "]");
      row.push_back(c.intent == LeverIntent::unstated ? "-"
                                                      : std::to_string(ranges[m].as_declared) +
                                                            " of " + std::to_string(draws->size()));
    }
    levers.add(std::move(row));
  }
  out +=
      "\npolicy levers (before: the value in force when the policy acts; after: once its ramp is "
      "complete;\n"
      "until: the first step without the policy, its levers back to their values without it):\n";
  out += levers.text("  ");

  Columns costs({"policy", "fixed", "running", "from", "until", "cap", "source"});
  for (const PolicyChange* p : added) {
    costs.add({p->name, p->cost_fixed_yen > 0 ? yen(p->cost_fixed_yen) + " once" : "-",
               p->cost_per_year_yen > 0 ? yen(p->cost_per_year_yen) + " a year" : "-",
               p->start.iso(), until[static_cast<std::size_t>(p - s.policies.data())],
               p->budget_cap_yen > 0 ? yen(p->budget_cap_yen) : "-",
               p->cost_source.empty() ? "(not given)" : p->cost_source});
  }
  out += "\npolicy costs (subsidies to certified cases are not policy costs):\n" + costs.text("  ");
  out += "  charged per use while the run lasts:";
  for (const ParamDef& d : schema) {
    if (d.group != "cost") continue;
    out += " " + std::string(d.name) + " " + yen(d.get(s.params)) + ";";
  }
  out.back() = '\n';
  return out;
}

}  // namespace renkei
