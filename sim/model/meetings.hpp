// Meeting channels: each step, the number of encounters through each channel is drawn
// (Poisson, proportional to the firms' activity and the channel's local availability) and
// only those encounters are processed. Partners are drawn within the channel's scope.
#pragma once

#include "core/alias_table.hpp"
#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <array>
#include <cstdint>

namespace renkei::meetings {

// Initiator tables per channel: weight = activity × channel availability of the prefecture.
struct Tables {
  std::array<AliasTable, kChannels> initiators;
};
Tables build_tables(const ModelState& s);

double rate(const Params& p, Channel c);
double same_prefecture(const Params& p, Channel c);
double same_industry(const Params& p, Channel c);

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// A partner for `a` within the scope (same prefecture?, same industry?); kNone if the
// world has no such firm.
std::uint32_t pick_partner(const ModelState& s, std::uint32_t a, bool same_pref, bool same_ind, rng::Stream& g);

// All encounters of the step: trust updates and formation decisions.
void run(ModelState& s, const StepContext& ctx, const Tables& tables);

}  // namespace renkei::meetings
