// The record of one run (one scenario, one replicate): weekly series and final metrics.
#pragma once

#include "model/series.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

// The kinds of policy spending, in the order of RunResult::policy_costs and of the
// variables policy_cost_<kind>_by_policy (docs/output.md): the final metrics policy_cost_<kind>.
inline constexpr std::array<std::string_view, 4> kCostKindNames = {"fixed", "running",
                                                                   "per_contact", "coaching"};
inline constexpr std::size_t kCostKindCount = kCostKindNames.size();

struct RunResult {
  std::uint32_t scenario = 0;
  std::uint32_t replicate = 0;
  int steps = 0;               // recorded steps (burn-in excluded)
  std::vector<double> series;  // [series][step], kSeriesCount × steps
  std::vector<double> finals;  // kFinalCount
  // Certifications by the block of the core firm (the world's block order): at 15 December
  // of the start year (the date of the study's table) and at the end date.
  std::vector<double> certifications_by_block_dec;
  std::vector<double> certifications_by_block_end;
  // Policy spending from the start to the end date by policy and kind (yen):
  // [slot][kind], kCostKindCount kinds per slot; slot 0 is spending at the lever values
  // without any policy (the base), slot p + 1 policy p of the scenario. Over the slots each
  // kind adds up to its final metric policy_cost_<kind> (to rounding). Empty: not recorded.
  std::vector<double> policy_costs;
  bool ok = true;
  std::string error;  // when !ok: what failed

  double& at(S s, int step) { return series[static_cast<std::size_t>(s) * steps + step]; }
  double at(S s, int step) const { return series[static_cast<std::size_t>(s) * steps + step]; }
  double& final(F f) { return finals[static_cast<std::size_t>(f)]; }
  double final(F f) const { return finals[static_cast<std::size_t>(f)]; }
};

}  // namespace renkei
