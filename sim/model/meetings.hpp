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
std::uint32_t pick_partner(const ModelState& s, std::uint32_t a, bool same_pref, bool same_ind,
                           rng::Stream& g);

// True if encounters through `c` can reach out-of-region partners: industry meetings,
// universities, events and introductions (assumption: personal networks, public institutes
// and banks are prefectural; study section 4 names universities, a large firm in another
// region and national sales networks as partners of the cases).
bool reaches_out_of_region(Channel c);

// The probability that an encounter of `a` through `c` is with an out-of-region partner.
double out_of_region_probability(const ModelState& s, const Params& p, std::uint32_t a, Channel c);

// An out-of-region partner: a university through the university channel (if the world has
// any), otherwise an out-of-region firm; kNone if the world has none.
std::uint32_t pick_external(const ModelState& s, Channel c, rng::Stream& g);

// How many encounters ahead of its encounter a partner is chosen, so that the partner's
// records arrive in time; the results are those of choosing at the encounter (0).
inline constexpr std::uint32_t kChooseAhead = 4;

// All encounters of the step: trust updates and formation decisions. `choose_ahead` changes
// only the speed (at most 16; tests compare it against 0).
void run(ModelState& s, const StepContext& ctx, const Tables& tables,
         std::uint32_t choose_ahead = kChooseAhead);

}  // namespace renkei::meetings
