// Policy effects under parameter uncertainty. When replicate r of every scenario ran with a
// posterior draw (`renkei run`, the default with a calibration), the paired differences
// d = policy - baseline are grouped by draw: the spread of d within a draw is the model's own
// randomness (stochastic), the spread of the draws' mean effects beyond it is what the
// parameters leave uncertain. The law of total variance, Var d = E[Var(d | θ)] + Var E[d | θ],
// separates the two; P(beats baseline) is taken over the posterior of E[d | θ].
#pragma once

#include "stats/paired.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace renkei::stats {

struct DrawEffect {
  std::size_t draws = 0;  // distinct draws with at least one pair
  std::size_t pairs = 0;
  std::size_t draws_with_two =
      0;  // draws with at least two pairs (they estimate the stochastic part)
  double level = 0.0;
  // Mean over draws of each draw's mean effect (every draw weighs the same: they are samples
  // of the posterior) and its interval, t_{D-1} · SD(draw means) / sqrt(D): both kinds of
  // uncertainty about the posterior-mean effect.
  double mean = 0.0;
  Interval ci;
  // The interval if the parameters were known: mean ± t · sd_within / sqrt(pairs).
  Interval ci_stochastic;
  double sd_within = 0.0;     // pooled within-draw SD of d (stochastic); NaN without draws_with_two
  double sd_parameter = 0.0;  // SD of E[d | θ] over the posterior, by moments (>= 0); NaN as above
  // E[d | θ] over the posterior: the central `level` range under a normal approximation
  // (mean ± z · sd_parameter), and P(E[d | θ] > 0) = Φ(mean / sd_parameter). NaN as above.
  Interval range_parameter;
  double prob_beats = 0.0;
  double share_draws_positive = 0.0;  // draws whose mean d > 0 (includes stochastic noise)
};

// `draw[i]` is the draw pair i ran with (any integer labels); the three spans have one entry
// per usable pair. Requires at least two distinct draws (throws std::invalid_argument).
DrawEffect draw_effect(std::span<const double> policy, std::span<const double> baseline,
                       std::span<const double> draw, double level);

// For each policy, the share of draws in which its mean effect is the largest of all
// policies' (ties shared): how stable the first rank is across the posterior. `effects[p]`
// holds policy p's paired differences, `draw` the draw of each replicate (same length).
std::vector<double> share_first(const std::vector<std::vector<double>>& effects,
                                std::span<const double> draw);

}  // namespace renkei::stats
