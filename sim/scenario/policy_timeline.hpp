// The dated policy timeline of a scenario: which parameter values are in force at each step
// (each lever ramps linearly from the value in force to its target, which `set`, `add` or
// `scale` derive from that value; a policy that has ended, by date or budget cap, is left out),
// what the policies cost, and whether every lever stays within its bounds and moves the way
// its policy declares, on any baseline.
#pragma once

#include "core/calendar.hpp"
#include "scenario/scenario.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace renkei {

class PolicyTimeline {
 public:
  // The scenario's own parameters are the base.
  PolicyTimeline(const Scenario& scenario, const Calendar& calendar);
  // Another base (a posterior draw, a sweep point) under the same policies.
  PolicyTimeline(const Scenario& scenario, const Calendar& calendar, const Params& base);

  // Parameters in force during `step`.
  void params_at(int step, Params& out) const;
  // Fixed and running policy spending incurred during `step` (yen).
  double cost_at(int step) const;
  // The same, by kind: the fixed charges of the policies starting at `step` and the running
  // charges of those in force; `total` is cost_at() (summed in the same order, so exactly).
  struct Costs {
    double fixed = 0.0;
    double running = 0.0;
    double total = 0.0;
  };
  Costs costs_at(int step) const;
  // The same charges by policy: fixed[p] and running[p] gain those of policy p (index into
  // Scenario::policies) at `step`. Each policy's charges are its own. Returns costs_at(step),
  // from the same pass.
  Costs add_policy_costs(int step, std::vector<double>& fixed, std::vector<double>& running) const;
  // How spending that follows lever `param` at `step` divides among the base and the
  // policies (the attribution rule of docs/scenarios.md, "Costs per policy"): shares[0] is
  // the base value's part, shares[p + 1] the change policy p made to the lever (its value
  // after the policy acted less the value before, as the policies apply in order), each
  // over the value in force, so that they sum to 1; a policy that lowers the lever has a
  // negative share. With `beyond_base` the denominator is the value in force less the base
  // value and shares[0] is 0 (spending only on what the policies added). All shares are 0
  // when the denominator is 0. `shares` is resized to 1 + the number of policies.
  void lever_shares(int step, std::size_t param, bool beyond_base,
                    std::vector<double>& shares) const;
  // The number of policies (Scenario::policies).
  std::size_t policy_count() const noexcept { return entries_.size(); }
  const Params& base() const noexcept { return base_; }
  // The first step at which any policy acts (a large value if there is none).
  int first_policy_step() const noexcept;

  // One lever change of one policy, seen at the step where its ramp completes: the value in
  // force just before the policy acts on it (after earlier policies) and the value after.
  struct Move {
    std::size_t policy = 0;  // index into Scenario::policies
    std::size_t change = 0;  // index into PolicyChange::levers
    int step = 0;
    double before = 0.0;
    double after = 0.0;
  };
  std::vector<Move> moves() const;

  // When each policy acts: on steps [start, end). `capped` when its budget cap set `end`
  // (before its end date, if any); end is a large value for a policy that never stops.
  struct Span {
    std::size_t policy = 0;  // index into Scenario::policies
    int start = 0;
    int ramp = 0;  // steps
    int end = 0;
    bool capped = false;
  };
  std::vector<Span> spans() const;
  // The steps at which some parameter may change (a policy starts, ramps or ends), sorted,
  // within the recorded steps.
  std::vector<int> change_steps() const;

  // A value that leaves the schema bounds, at the first step it does so.
  struct Breach {
    std::size_t policy = 0;
    std::size_t change = 0;
    int step = 0;
    double before = 0.0;
    double value = 0.0;
  };
  std::vector<Breach> breaches() const;

 private:
  struct Entry {
    std::size_t policy = 0;
    int start = 0;
    int ramp = 0;  // steps
    int end = 0;   // first step without the policy
    bool capped = false;
    std::vector<LeverChange> levers;
    double fixed = 0;
    double per_step = 0;
  };
  // costs_at(step), adding each policy's share to fixed and running when given.
  Costs sum_costs(int step, std::vector<double>* fixed, std::vector<double>* running) const;
  // Applies every entry in force at `step` to `out` (which holds the base), calling
  // visit(entry, change, before, after) for each lever it sets.
  template <class Visit>
  void apply(int step, Params& out, Visit&& visit) const;
  // Ends `e` at the step whose charge would take its spending past `cap_yen`.
  void cap(Entry& e, double cap_yen) const;

  Params base_;
  std::vector<Entry> entries_;
  int steps_ = 0;
};

// One way a policy fails on a base: `message` names the scenario, the policy, the lever, its
// value before and after, and the base.
struct PolicyProblem {
  enum class Kind { bounds, intent };
  Kind kind = Kind::bounds;
  std::size_t policy = 0;  // index into Scenario::policies
  std::size_t change = 0;  // index into PolicyChange::levers
  std::string message;
};

// Every way the policies of `scenario` fail on the base `base`: a lever outside its bounds at
// some step, or a lever that does not move in the declared direction. `base_label` names the
// base in messages (e.g. "its own parameters", "posterior draw 17"). Empty when all is well.
std::vector<PolicyProblem> policy_problems(const Scenario& scenario, const Params& base,
                                           const std::string& base_label);

// "raise", "lower" or "" (unstated).
const char* intent_name(LeverIntent intent) noexcept;
// "set", "add", "scale" or "close_gap": the name of its table in a [[policy]].
const char* op_name(LeverOp op) noexcept;

}  // namespace renkei
