// Formation: when two open firms meet, they collaborate if trust and the expected gain
// (complementarity) beat the perceived risks (an unfair split, leakage to a competitor).
// The new collaboration's governance, form, content and scores are chosen here.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/state.hpp"

#include <array>
#include <cstdint>

namespace renkei::formation {

// Log-odds that an encounter of two open firms with trust `t` leads to collaboration.
double log_odds(const ModelState& s, const Params& p, std::uint32_t a, std::uint32_t b, double t);

// Governance choice probabilities (trust only, contract, incorporated) for a pair with
// trust `t` and combined employees `employees` (multinomial logit).
std::array<double, kGovernances> governance_probabilities(const Params& p, double t,
                                                          double employees);

// Form weights (unnormalised) for a same- or cross-industry pair met through `channel`,
// whose founders together hold `motives` (Motive flags), one of them with a national sales
// network if `national` and one a university if `university`.
std::array<double, kForms> form_weights(const Params& p, bool cross_industry, Channel channel,
                                        std::uint16_t motives = 0, bool national = false,
                                        bool university = false);

// Probability that a collaboration of `form` has content k (Q2 categories, in Content order).
std::array<double, kContents> content_probabilities(const Params& p, Form form);

// What a new collaboration of a pair would be: governance, form and Q2 content.
struct Shape {
  Governance governance = Governance::trust;
  Form form = Form::division;
  std::uint8_t content = 0;  // Content flags, never 0
};
// Draws the shape of a collaboration founded with trust `t` by firms of `employees` combined
// (used at founding and for the prospective partnership of a firm planning one).
Shape draw_shape(const Params& p, rng::Stream& g, double t, double employees, bool cross,
                 Channel channel, std::uint16_t motives = 0, bool national = false,
                 bool university = false);

// Considers collaboration after an encounter of `a` (initiator) and `b` with pair trust `t`.
// Either adds b to one of a's collaborations (join), forms a new one, or does nothing.
void consider(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
              Channel channel, double t, rng::Stream& g);

// Sets up a new collaboration of a and b (used by consider() and by tests).
std::uint32_t found(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
                    Channel channel, double t, rng::Stream& g);

}  // namespace renkei::formation
