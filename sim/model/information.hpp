// Program information: firms become aware of the program by their own search (pull), by
// word of mouth from aware acquaintances, and through routes a policy activates (push
// delivery, banks, institutes, universities, trade press, newsletters, local governments).
// Understanding is a separate state: each route conveys it with its own probability, and
// tailored briefings and time convey it later.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei::information {

// Routes in stream-entity order (append only).
enum class Route : std::uint32_t {
  pull = 0, word_of_mouth, push, bank, institute, university, press, newsletter, local_gov, briefing, learning,
  announcement
};

// Makes `firm` aware (if it was not); the contact conveys understanding with probability
// p_understand, through the firm's exposure and threshold (Firms::understand_threshold).
void inform(ModelState& s, std::uint32_t firm, double p_understand);

// All information contacts of the step. Policy costs of per-contact routes are added to
// s.policy_cost when the step is in the recorded period.
void spread(ModelState& s, const StepContext& ctx, int announce_step);

}  // namespace renkei::information
