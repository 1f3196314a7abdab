// Trust between firms: channel-dependent starting trust, slow gains from positive
// interactions and fast losses from unfair splits, deficits and leakage (asymmetric update).
#pragma once

#include "model/context.hpp"
#include "model/state.hpp"
#include "world/world.hpp"

#include <algorithm>
#include <cstdint>

namespace renkei::trust {

// Starting trust of a new tie met through `channel`; a certified partner adds a bonus.
double start(const Params& p, Channel channel, bool partner_certified);

// T + gain·(1 − T): closes a fraction of the gap to full trust.
inline double gain(double t, double rate) { return std::clamp(t + rate * (1.0 - t), 0.0, 1.0); }
// T − loss·T: loses a fraction of the current trust.
inline double lose(double t, double rate) { return std::clamp(t - rate * t, 0.0, 1.0); }

// An encounter: creates the tie (starting trust) or refreshes it (a positive interaction).
// Returns the tie id; `trust_out` receives the pair's trust after the encounter.
std::uint32_t encounter(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
                        Channel channel, double& trust_out);

}  // namespace renkei::trust
