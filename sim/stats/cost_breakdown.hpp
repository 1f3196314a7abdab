// Policy spending of each scenario of a study split by kind (fixed, running, per contact,
// coaching), averaged over its finished runs: what `renkei compare` shows beside the effects.
#pragma once

#include "stats/comparison.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::stats {

// The final metrics of the four kinds, in the order shown; they add up to policy_cost_total.
inline constexpr std::array<std::string_view, 4> kCostKinds = {
    "policy_cost_fixed", "policy_cost_running", "policy_cost_per_contact", "policy_cost_coaching"};
inline constexpr std::string_view kCostTotal = "policy_cost_total";

struct ScenarioCosts {
  std::size_t scenario = 0;
  std::size_t runs = 0;           // finished runs averaged over
  std::array<double, 4> kinds{};  // mean yen per run, in kCostKinds order
  double total = 0.0;             // mean policy_cost_total
};

// One entry per scenario, or none when `finals` lacks a kind or the total (a file written
// before costs were recorded by kind).
std::vector<ScenarioCosts> cost_breakdown(const StudyFinals& finals);

// The spending of one policy of one scenario (or of the scenario's base: slot 0) by kind,
// averaged over the runs cost_breakdown averages (finished, with every kind known), so that
// over a scenario's slots each kind adds up to its ScenarioCosts (to rounding).
struct PolicyCosts {
  std::size_t scenario = 0;
  std::size_t slot = 0;  // 0 the base, p the scenario's p-th policy
  std::string name;      // "(base)" or the policy's name
  std::size_t runs = 0;
  std::array<double, 4> kinds{};  // mean yen per run, in kCostKinds order
  double total = 0.0;             // their sum
};

// Per scenario, its base then each of its policies; empty when the file does not record
// costs by policy (StudyFinals::policy_slots == 0).
std::vector<PolicyCosts> policy_cost_breakdown(const StudyFinals& finals);

}  // namespace renkei::stats
