#include "scenario/policy_timeline.hpp"

#include "input/toml_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace renkei {
namespace {

constexpr int kNever = std::numeric_limits<int>::max();

}  // namespace

PolicyTimeline::PolicyTimeline(const Scenario& scenario, const Calendar& calendar)
    : PolicyTimeline(scenario, calendar, scenario.params) {}

PolicyTimeline::PolicyTimeline(const Scenario& scenario, const Calendar& calendar,
                               const Params& base)
    : base_(base), steps_(calendar.steps()) {
  for (std::size_t p = 0; p < scenario.policies.size(); ++p) {
    const PolicyChange& pc = scenario.policies[p];
    Entry e;
    e.policy = p;
    e.start = calendar.step_of(pc.start);
    e.ramp = pc.ramp_weeks <= 0 ? 0
                                : std::max(1, static_cast<int>(std::lround(pc.ramp_weeks * 7.0 /
                                                                           calendar.step_days())));
    e.levers = pc.levers;
    e.fixed = pc.cost_fixed_yen;
    e.per_step = pc.cost_per_year_yen * calendar.step_days() / 365.25;
    // The policy is in force on every step that holds a day up to its end date.
    e.end = pc.end ? calendar.step_of(*pc.end) + 1 : kNever;
    if (pc.budget_cap_yen > 0.0) cap(e, pc.budget_cap_yen);
    entries_.push_back(std::move(e));
  }
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.start < b.start; });
}

// The cap counts only the policy's own charges, which are known in advance: the step whose
// charge would take the total past the cap is neither paid nor in force, so spending stays
// within the cap. The relative slack keeps a cap written as an exact multiple of the
// running charge from binding one step early through rounding.
void PolicyTimeline::cap(Entry& e, double cap_yen) const {
  const double limit = cap_yen * (1.0 + 1e-12);
  double spent = 0.0;
  for (int step = e.start; step < std::min(e.end, steps_); ++step) {
    spent += (step == e.start ? e.fixed : 0.0) + e.per_step;
    if (spent > limit) {
      e.end = step;
      e.capped = true;
      return;
    }
  }
}

template <class Visit>
void PolicyTimeline::apply(int step, Params& out, Visit&& visit) const {
  const auto schema = param_schema();
  for (const Entry& e : entries_) {
    if (step < e.start) break;  // sorted by start
    // An ended policy is skipped, so later policies act on the value in force without it.
    if (step >= e.end) continue;
    const double frac =
        e.ramp == 0 ? 1.0 : std::min(1.0, (step - e.start + 1) / static_cast<double>(e.ramp));
    for (std::size_t c = 0; c < e.levers.size(); ++c) {
      const LeverChange& change = e.levers[c];
      const ParamDef& d = schema[change.param];
      const double from = d.get(out);
      const double target = change.target(from);
      // Booleans switch when the policy starts; numbers ramp from the value in force.
      d.set(out, d.type == ParamType::boolean ? target : from + frac * (target - from));
      visit(e, c, from, d.get(out));
    }
  }
}

void PolicyTimeline::params_at(int step, Params& out) const {
  out = base_;
  apply(step, out, [](const Entry&, std::size_t, double, double) {});
}

double PolicyTimeline::cost_at(int step) const { return costs_at(step).total; }

PolicyTimeline::Costs PolicyTimeline::costs_at(int step) const {
  return sum_costs(step, nullptr, nullptr);
}

PolicyTimeline::Costs PolicyTimeline::add_policy_costs(int step, std::vector<double>& fixed,
                                                       std::vector<double>& running) const {
  return sum_costs(step, &fixed, &running);
}

PolicyTimeline::Costs PolicyTimeline::sum_costs(int step, std::vector<double>* fixed,
                                                std::vector<double>* running) const {
  Costs c;
  for (const Entry& e : entries_) {
    if (step < e.start) break;
    if (step >= e.end) continue;
    if (step == e.start) {
      c.fixed += e.fixed;
      c.total += e.fixed;
      if (fixed) (*fixed)[e.policy] += e.fixed;
    }
    c.running += e.per_step;
    c.total += e.per_step;
    if (running) (*running)[e.policy] += e.per_step;
  }
  return c;
}

void PolicyTimeline::lever_shares(int step, std::size_t param, bool beyond_base,
                                  std::vector<double>& shares) const {
  shares.assign(entries_.size() + 1, 0.0);
  Params params = base_;
  apply(step, params, [&](const Entry& e, std::size_t c, double before, double after) {
    if (e.levers[c].param == param) shares[e.policy + 1] += after - before;
  });
  const ParamDef& d = param_schema()[param];
  const double base = d.get(base_);
  const double denominator = beyond_base ? d.get(params) - base : d.get(params);
  if (denominator == 0.0) {
    std::fill(shares.begin(), shares.end(), 0.0);
    return;
  }
  shares[0] = beyond_base ? 0.0 : base;
  for (double& x : shares) x /= denominator;
}

std::vector<PolicyTimeline::Span> PolicyTimeline::spans() const {
  std::vector<Span> out;
  for (const Entry& e : entries_) out.push_back(Span{e.policy, e.start, e.ramp, e.end, e.capped});
  return out;
}

std::vector<int> PolicyTimeline::change_steps() const {
  std::set<int> steps;
  for (const Entry& e : entries_) {
    for (int s = e.start; s < e.start + std::max(e.ramp, 1) && s < e.end && s < steps_; ++s)
      steps.insert(s);
    if (e.end < steps_) steps.insert(e.end);
  }
  return {steps.begin(), steps.end()};
}

int PolicyTimeline::first_policy_step() const noexcept {
  return entries_.empty() ? std::numeric_limits<int>::max() : entries_.front().start;
}

std::vector<PolicyTimeline::Move> PolicyTimeline::moves() const {
  std::vector<Move> out;
  Params params;
  for (const Entry& target : entries_) {
    // The step at which this policy's ramp completes; later steps change it no further. A
    // budget cap may end it sooner: then its last step in force.
    if (target.end <= target.start) continue;
    const int step = std::min(target.start + std::max(target.ramp, 1), target.end) - 1;
    params = base_;
    apply(step, params, [&](const Entry& e, std::size_t c, double before, double after) {
      if (&e == &target) out.push_back(Move{e.policy, c, step, before, after});
    });
  }
  return out;
}

std::vector<PolicyTimeline::Breach> PolicyTimeline::breaches() const {
  // Values change only on the steps where some policy starts, ramps or ends; between them
  // they hold. An end matters too: a later policy's change then acts on another value.
  const std::vector<int> steps = change_steps();
  std::vector<Breach> out;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  const auto schema = param_schema();
  Params params;
  for (const int step : steps) {
    params = base_;
    apply(step, params, [&](const Entry& e, std::size_t c, double before, double after) {
      const ParamDef& d = schema[e.levers[c].param];
      const bool inside = std::isfinite(after) && after >= d.min && after <= d.max;
      if (!inside && seen.emplace(e.policy, c).second)
        out.push_back(Breach{e.policy, c, step, before, after});
    });
  }
  return out;
}

const char* intent_name(LeverIntent intent) noexcept {
  switch (intent) {
    case LeverIntent::raise: return "raise";
    case LeverIntent::lower: return "lower";
    case LeverIntent::unstated: break;
  }
  return "";
}

const char* op_name(LeverOp op) noexcept {
  switch (op) {
    case LeverOp::add: return "add";
    case LeverOp::scale: return "scale";
    case LeverOp::close_gap: return "close_gap";
    case LeverOp::set: break;
  }
  return "set";
}

namespace {

std::string change_text(const LeverChange& c) {
  return std::string(op_name(c.op)) + " " + number_text(c.operand);
}

}  // namespace

std::vector<PolicyProblem> policy_problems(const Scenario& scenario, const Params& base,
                                           const std::string& base_label) {
  std::vector<PolicyProblem> out;
  if (scenario.policies.empty()) return out;
  const Calendar calendar = scenario.calendar();
  const PolicyTimeline timeline(scenario, calendar, base);
  const auto schema = param_schema();
  for (const PolicyTimeline::Breach& b : timeline.breaches()) {
    const PolicyChange& p = scenario.policies[b.policy];
    const LeverChange& c = p.levers[b.change];
    const ParamDef& d = schema[c.param];
    out.push_back({PolicyProblem::Kind::bounds, b.policy, b.change,
                   "scenario '" + scenario.name + "', policy '" + p.name +
                       "': " + std::string(d.key) + " (" + change_text(c) + ") goes from " +
                       approx_text(b.before) + " to " + approx_text(b.value) + " on " +
                       calendar.date_of(b.step).iso() + " with " + base_label +
                       ", outside its bounds [" + number_text(d.min) + ", " + number_text(d.max) +
                       "]"});
  }
  for (const PolicyTimeline::Move& m : timeline.moves()) {
    const PolicyChange& p = scenario.policies[m.policy];
    const LeverChange& c = p.levers[m.change];
    if (c.intent == LeverIntent::unstated) continue;
    const bool ok = c.intent == LeverIntent::raise ? m.after > m.before : m.after < m.before;
    if (ok) continue;
    const ParamDef& d = schema[c.param];
    const std::string moved = m.after == m.before ? "leaves it at " + approx_text(m.before)
                                                  : "moves it from " + approx_text(m.before) +
                                                        " to " + approx_text(m.after);
    out.push_back({PolicyProblem::Kind::intent, m.policy, m.change,
                   "scenario '" + scenario.name + "', policy '" + p.name + "' declares it will " +
                       intent_name(c.intent) + " " + std::string(d.key) + ", but with " +
                       base_label + " its change (" + change_text(c) + ") " + moved});
  }
  return out;
}

}  // namespace renkei
