// The calibrated point that scenarios use: the posterior's representative, a heavy
// posterior particle whose expected simulated survey is nearest the posterior median of the
// standardised targets. It is a posterior draw by construction, so it never leaves the
// posterior the way an optimiser's polish can (an earlier polish left a parameter below its
// own 90 % interval), and it moves between calibrations only as much as the posterior does.
// Chosen in two stages: a shortlist by each particle's own (single, noisy) survey, then the
// shortlist re-run with fresh seeds and judged by its mean survey.
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
  // Eligible particles nearest the median by their own survey, nearest first (stage 1).
  std::vector<std::size_t> ranked;
  double own_distance = 0.0;  // RMS distance of the particle's own survey (in SE)
  // Stage 2, when it ran: the shortlist re-run `replicates` times each, the RMS distance of
  // each one's mean survey (NaN when all its runs failed), in shortlist (= ranked) order.
  std::size_t replicates = 0;
  std::vector<double> shortlist_distance;
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

// Stage 2. A particle's own survey is one sample of about 300 answers, so the particle
// nearest the median by it is often only a lucky draw (z of single items off by 1-2 SE in
// expectation). `mean_stats[c]` are the mean statistics of `replicates` fresh runs of
// `first.ranked[c]` (empty when all failed); the representative becomes the candidate whose
// mean survey is nearest the same posterior median (ties: the earlier in the shortlist, which
// was nearer by its own survey). `distance` and `z` then describe the mean survey. With no
// usable candidate, `first` is returned unchanged. Throws std::invalid_argument when there
// are more candidates than ranked particles or statistics of the wrong length.
Representative refine_representative(const std::vector<Prior>& priors,
                                     const std::vector<Target>& targets,
                                     const Generation& generation, const Representative& first,
                                     const std::vector<std::vector<double>>& mean_stats,
                                     std::size_t replicates);

}  // namespace renkei::abc
