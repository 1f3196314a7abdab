// The Shin-Renkei program as a funnel (study section 2): a collaboration whose core firm
// expects something consults a window, which turns away plainly ineligible cases; the
// block's support team brushes the rest up within its capacity (improving the plan, or
// ending it); brushed-up cases apply and are reviewed against the requirements; certified
// cases get the measures (budget-limited subsidy, loans, guarantees, tax, follow-up).
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei::program {

// Which of the four requirements a collaboration meets (requirement 2 split in two: the
// study's interviews fail most often on novelty and on the market, separately).
struct Requirements {
  bool different_fields = false;   // 1: SMEs of different fields, enough members
  bool novelty = false;            // 2a: a new business activity
  bool commercial_market = false;  // 2b: past exploration, with a sizeable market
  bool core_firm = false;          // 3: a core SME able to answer for the group
  bool internal_rules = false;     // 4: written rules (contract or incorporation)
  bool all() const {
    return different_fields && novelty && commercial_market && core_firm && internal_rules;
  }
  // What the window can see at a first consultation and no brush-up can change: the
  // partnership itself (fields, members, core firm) and whether it is past exploration.
  bool screen() const { return different_fields && core_firm; }
};
Requirements requirements(const ModelState& s, const Params& p, const Collaboration& c);
// The same from the members' facts as classify_members stored them (c.member_facts).
Requirements requirements(const Params& p, const Collaboration& c, const MemberFacts& m);
// What the requirements read of the members, from their records.
MemberFacts member_facts(const ModelState& s, const Collaboration& c);

// Does the firm expect something of the program (aware, understands, can tell it
// qualifies, open to collaboration)?  The Q10 "knew it and expects something" state.
// Can the (aware) firm tell whether it qualifies?
inline bool eligibility_clear(const ModelState& s, const Params& p, std::uint32_t firm) {
  return s.firms.clarity_draw[firm] < (s.firms.service[firm] ? p.information_clarity_services
                                                             : p.information_clarity_manufacturing);
}
// Without short-circuits, so that the weekly count over every firm streams through the
// arrays without a branch per firm.
inline bool expects(const ModelState& s, const Params& p, std::uint32_t firm) {
  const unsigned flags = s.firms.aware[firm] & s.firms.understand[firm] & s.firms.open[firm];
  return (flags & static_cast<unsigned>(eligibility_clear(s, p, firm))) != 0;
}

// Measures of the program (of Benefit) that `firm` values: 0-4.
int valued_benefits(const ModelState& s, std::uint32_t firm);

// At a collaboration's periodic review: if its core firm expects something of the program
// and values some of its measures, it may consult a window (hazard consult_rate per valued
// measure). The window turns away a case that fails what brush-up cannot change (fields,
// members, core firm) or is still exploring; the others queue for brush-up.
void consider_consultation(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g);

// Coaching ends of the step: each busy coaching place finishes its case with probability
// dt / program.coaching_weeks (a discrete-time exponential duration), drawn from the
// place's stream for the step; a finished case goes to review (on_coaching_done).
void advance_coaching(ModelState& s, const StepContext& ctx);
// A case leaves brush-up: its market and novelty scores close brushup_gain of their gap to
// 1, a group governed by trust alone gets written rules with probability rules_help; a
// case that now meets every requirement applies (its review time and acceptance draw come
// from `g`, the place's stream of the step), any other ends. The draws are made whatever
// the outcome, so that paired scenarios keep the place's stream aligned.
void on_coaching_done(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g);
void on_review_done(ModelState& s, const StepContext& ctx, std::uint32_t id, int fiscal_year);
// New coaching from the queues, FIFO, into free places within each block's capacity.
void start_coaching(ModelState& s, const StepContext& ctx);
// Cases a block with the given support_scale coaches at once under `capacity` (the
// calibrated block's): round(capacity x scale), at least 1 while both are positive; 0 for
// the out-of-region block (scale 0), which holds no core firm.
int block_capacity(int capacity, double support_scale);
// Coaching places, summed over the blocks, that `now` adds to `base` (0 when it adds none):
// what a policy that raises program.coaching_capacity pays for each week.
int extra_coaching_places(const ModelState& s, const Params& now, const Params& base);

// Probability that a reviewed case is accepted.
double acceptance_probability(const ModelState& s, const Params& p, const Collaboration& c);

}  // namespace renkei::program
