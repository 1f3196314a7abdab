// The calibrated point that scenarios use: chosen among the posterior mean and the
// heaviest posterior particles by a simulated-moments criterion on averaged runs.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace renkei::abc {

struct PointCandidate {
  std::string label;          // "posterior mean" or "particle k (weight w)"
  std::vector<double> theta;  // natural scale, prior order
  double distance = 0.0;      // RMS z of the runs' mean statistics (abc::distance)
  double worst = 0.0;         // largest |z| of the runs' mean statistics over the targets, each
                              // against the scale on its side (Target::below / above)
  double squares = 0.0;       // sum over the targets of that signed z squared: the polish's criterion
};

// The posterior mean (in the search space: geometric for log-scale priors) of `generation`.
std::vector<double> posterior_mean(const std::vector<Prior>& priors, const Generation& generation);

// Ranks the posterior mean and the `particles` heaviest particles of `generation` by the sum
// of squared z = (mean - value) / scale over the targets, the mean taken over `runs` runs and
// each item on the scale of its side (ties by the worst item). The sum, because it is what
// polish_point then minimises: the best start for the polish is the point it would rate
// best. The runs of every candidate use the same seeds (common random numbers),
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
  double squares = 0.0;       // as PointCandidate::squares: the criterion minimised
  int evaluations = 0;
  int iterations = 0;
};

// Called after each polish iteration with the best point so far (progress output).
using PolishProgress = std::function<void(const PolishResult&)>;

// Least-squares polish from `start` on the prior box (search scale, in unit-range
// coordinates): Levenberg-Marquardt (Marquardt 1963 scaling) on the residuals of `runs`
// averaged runs, each item's residual signed and on the scale of its side. The runs' seeds
// are those rank_point_candidates uses, so the objective is a deterministic function of the
// parameters, and forward differences of one parameter at a time see its effect, not the
// luck of the draws. Why least squares and not the worst item: the sum is smooth, moves every
// item towards its target at once, and fits the runs' noise far less than a minimax does,
// so the point's fit carries over to fresh seeds. Each iteration costs d evaluations (the
// Jacobian) and four (one step for each of four dampings, in one parallel batch); it stops
// when the next iteration would exceed `max_evaluations` or no damping helps. The result is
// the lowest-sum point seen (never worse than `start`). Its fit must be judged on fresh
// seeds, as `renkei calibrate` does.
PolishResult polish_point(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                          const Simulator& simulate, const std::vector<double>& start, int runs, std::uint64_t seed,
                          int max_evaluations, const PolishProgress& on_iteration = {});

}  // namespace renkei::abc
