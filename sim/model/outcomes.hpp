// Risk sharing and outcomes: at each review a collaboration earns a stochastic return that
// members share by the agreed split; members judge the split against what they contributed;
// competitors may leak technology; trust moves; low trust dissolves the group; projects
// mature from exploration through development to commercialization and complete.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei::outcomes {

// Mean return per review of a collaboration in its current stage (million yen), with its
// form's profile (form_return_factor).
double mean_return(const Params& p, const Collaboration& c);

// The form's economics (study section 4): the multiplier of the mean return (joint research
// earns little directly; licensing and alliances through a national sales network reach a
// national market) and of the return's standard deviation (division of labour and
// contract manufacturing spread order-volume risk).
double form_return_factor(const Params& p, const Collaboration& c);
double form_sd_factor(const Params& p, const Collaboration& c);

// Probability of a leakage at one review (0 without a competitor among the members).
double leak_probability(const ModelState& s, const Params& p, const Collaboration& c);

// One review of collaboration `id`: returns, fairness, leakage, trust, stage, dissolution;
// then (if it survives) the program application decision and the next review.
void review(ModelState& s, const StepContext& ctx, std::uint32_t id);

}  // namespace renkei::outcomes
