// Program information: firms become aware of the program by their own search (pull), by
// word of mouth from aware acquaintances, and through routes a policy activates (push
// delivery, banks, institutes, universities, trade press, newsletters, local governments).
// Understanding is a separate state: each route conveys it with its own probability, and
// tailored briefings and time convey it later. Routes reach firms unequally (reach weights,
// information_reach.hpp), and an aware firm out of contact with the program forgets it.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/information_reach.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei::information {

// The reach class each route draws its targets by.
ReachClass reach_class(Route route);

// A contact's target, drawn by the route's reach weights. Every draw consumes the same
// uniforms whatever the state of the firms (an index and one uniform from the alias table,
// or an index alone for uniform routes), so a route's contact sequence is common to all
// scenarios that share its rate (common random numbers).
std::uint32_t draw_target(const ModelState& s, Route route, rng::Stream& g);

// Makes `firm` aware (if it was not); the contact conveys understanding with probability
// p_understand, through the firm's exposure and threshold (Firms::understand_threshold).
void inform(ModelState& s, std::uint32_t firm, double p_understand);

// The firm forgets the program: no longer aware, no longer understanding, its exposure back
// to zero (its threshold, an aptitude, is kept). Keeps aware_list and understand_count.
void forget(ModelState& s, std::uint32_t firm);

// Whether the firm is in contact with the program (it does not forget): a member of a
// collaboration with an application under way (queued, coaching, review) or certified, or
// a firm holding a certification.
bool in_contact(const ModelState& s, std::uint32_t firm);

// All information contacts of the step, after the step's forgetting. Policy costs of per-contact
// routes are added to s.policy_cost when the step is in the recorded period.
void spread(ModelState& s, const StepContext& ctx, int announce_step);

}  // namespace renkei::information
