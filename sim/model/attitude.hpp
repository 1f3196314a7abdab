// Attitudes to collaboration (the Q1 "interested / not interested" split) change slowly:
// firms outside collaborations now and then reconsider, redrawing their attitude from their
// own propensity, so that without shocks the share of open firms is stationary.
#pragma once

#include "model/context.hpp"
#include "model/state.hpp"

namespace renkei::attitude {

void update(ModelState& s, const StepContext& ctx);

}  // namespace renkei::attitude
