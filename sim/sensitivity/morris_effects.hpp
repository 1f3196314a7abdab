// Elementary effects (Morris 1991) from a trajectory design: mu, mu* (Campolongo et al. 2007)
// and sigma per factor, with a bootstrap interval for mu*, as SALib's morris.analyze.
#pragma once

#include "sensitivity/bootstrap.hpp"
#include "sweep/design.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace renkei::sensitivity {

struct MorrisEffects {
  std::vector<double> mu;         // mean elementary effect
  std::vector<Estimate> mu_star;  // mean absolute elementary effect, with bootstrap interval
  std::vector<double> sigma;  // standard deviation of the effects (n - 1); NaN with one trajectory
  std::size_t trajectories = 0;  // used
  std::size_t dropped = 0;       // left out: a point of theirs had no finite output
};

// Effects are output changes per unit-cube step, (y' - y) / (u' - u), with u the factor's
// position in [0, 1] over its range (logarithmic for log_uniform): for y = c x over [a, b]
// every effect is c (b - a). `y` holds one output per design point. Throws
// std::invalid_argument if the design is not r trajectories of k + 1 points in which each
// step changes exactly one factor.
MorrisEffects morris_effects(const Design& design, std::span<const double> y,
                             const BootstrapOptions& options);

}  // namespace renkei::sensitivity
