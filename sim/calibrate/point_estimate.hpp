// The calibrated point that scenarios use: chosen among the posterior mean and the
// heaviest posterior particles by a simulated-moments criterion on averaged runs.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace renkei::abc {

struct PointCandidate {
  std::string label;          // "posterior mean" or "particle k (weight w)"
  std::vector<double> theta;  // natural scale, prior order
  double distance = 0.0;      // RMS z of the runs' mean statistics (abc::distance)
  double worst = 0.0;         // largest |z| of the runs' mean statistics over the targets, each
                              // against the scale on its side (Target::below / above)
};

// The posterior mean (in the search space: geometric for log-scale priors) of `generation`.
std::vector<double> posterior_mean(const std::vector<Prior>& priors, const Generation& generation);

// Ranks the posterior mean and the `particles` heaviest particles of `generation` by the
// worst target's |z| = |mean - value| / sd, the mean taken over `runs` runs (ties by the
// RMS distance). The worst item, not the RMS, because the calibrated point is judged item
// by item against each target's sampling interval: of points the posterior finds equally
// plausible, the one whose worst-fitting item fits best is the one to use. The runs of every candidate use the same seeds (common random numbers),
// so candidates differ by their parameters, not by luck; averaging shrinks the run-to-run
// noise that a single ABC distance carries by sqrt(runs). Returns the candidates best
// first (ties keep the posterior mean first). Parallel over candidates x runs on oneTBB in
// the caller's arena; the result does not depend on the thread count.
std::vector<PointCandidate> rank_point_candidates(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                                                  const Generation& generation, const Simulator& simulate,
                                                  int particles, int runs, std::uint64_t seed);

struct PolishResult {
  std::vector<double> theta;  // natural scale, prior order
  double worst = 0.0;         // as PointCandidate::worst
  double distance = 0.0;      // as PointCandidate::distance
  int evaluations = 0;
};

// Nelder-Mead (Lagarias et al. 1998 coefficients) from `start` on the prior box (search
// scale, clamped), minimising worst |z| + 0.1 RMS z of `runs` averaged runs whose seeds are
// those rank_point_candidates uses: the objective is then a deterministic function of the
// parameters, which Nelder-Mead needs, and the small RMS term breaks the ties of the
// max. Stops after `max_evaluations` evaluations or when the simplex's criterion values
// agree within 1e-3. The result is the best point seen (never worse than `start`). Its fit
// must be judged on fresh seeds, as `renkei calibrate` does.
PolishResult polish_point(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                          const Simulator& simulate, const std::vector<double>& start, int runs, std::uint64_t seed,
                          int max_evaluations);

}  // namespace renkei::abc
