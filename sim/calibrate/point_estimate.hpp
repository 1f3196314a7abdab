// The calibrated point that scenarios use: the posterior's representative, a heavy
// posterior particle whose simulated survey is nearest the posterior median of the
// standardised targets. It is a posterior draw by construction, so it never leaves the
// posterior the way an optimiser's polish can (an earlier polish left a parameter below its
// own 90 % interval), and it moves between calibrations only as much as the posterior does.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace renkei::abc {

// The posterior mean (in the search space: geometric for log-scale priors) of `generation`.
std::vector<double> posterior_mean(const std::vector<Prior>& priors, const Generation& generation);

struct Representative {
  std::size_t index = 0;         // particle index in the generation
  std::vector<double> theta;     // its parameters (natural scale, prior order)
  double weight = 0.0;           // its normalised weight
  double weight_rank = 0.0;      // share of the particles at least as heavy (0: the heaviest)
  double distance = 0.0;         // RMS over targets of its z minus the median z (in SE)
  std::vector<double> median_z;  // posterior (weighted) median of each target's z = (s - v) / sd
  std::vector<double> z;         // the particle's own z
  std::vector<double> position;  // each parameter's weighted posterior CDF at the point (0-1)
  std::size_t eligible = 0;      // particles considered
  // Parameters whose value lies outside the posterior's 5-95 % interval (indices).
  std::vector<std::size_t> outside_90;
};

// Chooses the representative among the particles of `generation` whose weight is at least
// the median weight (the heavier half: a particle the importance weights trust), by the
// least sum over targets of (z - median z)^2, each particle's z from the survey it was
// accepted with. Why the outputs and not the parameters: the survey bears on the outputs;
// a parameter vector near the median of 20-odd weakly identified parameters need not
// reproduce any item, while the particle nearest the median outputs is the posterior's
// typical survey. Ties go to the lower index, so the choice is deterministic. Throws
// std::invalid_argument for an empty generation or particles without statistics.
Representative representative_particle(const std::vector<Prior>& priors,
                                       const std::vector<Target>& targets,
                                       const Generation& generation);

}  // namespace renkei::abc
