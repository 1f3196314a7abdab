// The Shin-Renkei program: eligibility (the four certification requirements), the
// application decision of a collaboration's core firm, the support team's coaching
// capacity and review delay, acceptance, budget-limited subsidy and the credibility that
// certification brings.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei::program {

// Which of the four requirements a collaboration meets.
struct Requirements {
  bool different_fields = false;  // 1: SMEs of different fields, enough members
  bool commercial_market = false; // 2: past exploration, with a sizeable market
  bool core_firm = false;         // 3: a core SME able to answer for the group
  bool internal_rules = false;    // 4: written rules (contract or incorporation)
  bool all() const { return different_fields && commercial_market && core_firm && internal_rules; }
};
Requirements requirements(const ModelState& s, const Params& p, const Collaboration& c);

// Does the firm expect something of the program (aware, understands, can tell it
// qualifies, open to collaboration)?  The Q10 "knew it and expects something" state.
// Can the (aware) firm tell whether it qualifies?
inline bool eligibility_clear(const ModelState& s, const Params& p, std::uint32_t firm) {
  return s.firms.clarity_draw[firm] <
         (s.firms.service[firm] ? p.information_clarity_services : p.information_clarity_manufacturing);
}
inline bool expects(const ModelState& s, const Params& p, std::uint32_t firm) {
  return s.firms.aware[firm] && s.firms.understand[firm] && s.firms.open[firm] && eligibility_clear(s, p, firm);
}

// At a review: an eligible collaboration whose core firm expects something may apply.
void consider_application(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g);

// Coaching ends of the step: each busy coaching place finishes its case with probability
// dt / program.coaching_weeks (a discrete-time exponential duration), drawn from the
// place's stream for the step; a finished case goes to review (on_coaching_done).
void advance_coaching(ModelState& s, const StepContext& ctx);
// A case leaves coaching: its review time and acceptance draw come from `g` (the place's
// stream of the step), and its review end is scheduled.
void on_coaching_done(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g);
void on_review_done(ModelState& s, const StepContext& ctx, std::uint32_t id, int fiscal_year);
// New coaching from the queues, FIFO, into free places within capacity.
void start_coaching(ModelState& s, const StepContext& ctx);

// Probability that a reviewed case is accepted.
double acceptance_probability(const ModelState& s, const Params& p, const Collaboration& c);

}  // namespace renkei::program
