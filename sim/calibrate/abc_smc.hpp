// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; Toni et al. 2009,
// Beaumont et al. 2009): a model-free engine that turns a stochastic simulator, uniform
// priors and observed statistics with their sampling errors into a weighted posterior sample.
//
// The engine knows nothing of the firm model: `renkei calibrate` supplies the simulator
// (a simulated survey) and the targets. Results are identical for any thread count, and a
// run resumed from its checkpoint equals the uninterrupted run bit for bit.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace renkei::abc {

// Uniform on [lo, hi], or on [log lo, log hi] when log_scale (then lo > 0). The engine
// works in that transformed ("search") space, where every prior is flat.
struct Prior {
  std::string name;
  double lo = 0.0;
  double hi = 1.0;
  bool log_scale = false;
};

// An observed statistic and its sampling standard error (the scale of its distance term).
struct Target {
  std::string name;
  double value = 0.0;
  double sd = 1.0;
  // Scales below and above the value for judging a point item by item (the study's own
  // interval / 1.96, asymmetric for shares near 0 or 1); 0 means sd. Not used by ABC.
  double below = 0.0;
  double above = 0.0;
};

// Statistics in target order for parameters `theta` (natural scale, prior order), with all
// randomness drawn from `seed`. Called concurrently from several threads, so it must not
// share mutable state between calls. A throw rejects the candidate and is counted.
using Simulator =
    std::function<std::vector<double>(const std::vector<double>& theta, std::uint64_t seed)>;

// Reported on the calling thread after every batch of simulations and at the end of each
// generation.
struct Progress {
  int generation = 0;
  double epsilon = 0.0;
  std::uint64_t accepted = 0;     // in this generation so far
  std::uint64_t proposed = 0;     // candidates evaluated in this generation so far
  std::uint64_t simulations = 0;  // simulator calls in the whole run, resumed ones included
  double elapsed_seconds = 0.0;   // since run() started
  bool generation_done = false;
  double ess = 0.0;  // effective sample size of the finished generation (generation_done only)
};

// The stopping rule is a convergence criterion; the caps are only a safety net. A run ends
// when the first of these holds after a completed generation, the rule checked before the
// caps so that a generation meeting both counts as converged:
//   rule  min_epsilon: the generation ran at epsilon <= min_epsilon (the target tolerance);
//         min_acceptance: its acceptance rate fell below min_acceptance (further
//           generations would cost more than 1 / min_acceptance simulations per particle);
//         min_epsilon_decrease: epsilon shrank by less than this fraction from the previous
//           generation (the schedule has stalled: the posterior no longer narrows);
//   caps  max_generations, max_simulations: the rule was NOT met (Result::rule_met false),
//         and the caller must say so loudly.
// How generation t + 1 perturbs the parents it resamples from generation t.
enum class KernelType {
  global,  // one normal kernel of twice the weighted covariance (Beaumont et al. 2009)
  olcm,    // a local covariance per parent, from the parents within the new epsilon (Filippi et al.
           // 2013)
};

struct Options {
  int particles = 200;  // N accepted per generation
  // The global kernel by default: OLCM accepts more per generation but, in the survey
  // calibration's first generation, with a third of the effective sample size.
  KernelType kernel = KernelType::global;
  int max_generations = 8;   // cap: generations in the result, counting generation 0 (the prior)
  double quantile = 0.5;     // next epsilon = this quantile of the current distances
  double min_epsilon = 0.0;  // rule: stop once a generation ran at epsilon <= this (0 = off)
  double min_acceptance =
      0.02;  // rule: stop once a generation's acceptance rate is below (0 = off)
  double min_epsilon_decrease =
      0.0;  // rule: stop once epsilon shrank by less than this fraction (0 = off)
  std::uint64_t max_simulations = 0;  // cap: total simulator calls allowed; 0 = no limit
  int threads = 1;
  std::uint64_t seed = 1;
  // Fewest candidates simulated together. Fixed here rather than derived from `threads`,
  // because the simulation count of a generation depends on it and must not depend on
  // the thread count.
  int min_batch = 32;
  std::string checkpoint;  // file written after each generation; "" = none
  // The caller's description of what the simulator computes (e.g. digests of the scenario
  // and world files). Recorded in the checkpoint, which a different context refuses.
  std::string context;
  // May throw to cancel the run: the exception propagates out of run(), and the generations
  // completed so far stay in the checkpoint.
  std::function<void(const Progress&)> on_progress;
};

struct Particle {
  std::vector<double> theta;  // natural scale, prior order
  double weight = 0.0;        // normalised: the weights of a generation sum to 1
  double distance = 0.0;
  std::vector<double> stats;  // what the simulator returned, target order
};

struct Generation {
  int index = 0;
  double epsilon = std::numeric_limits<double>::infinity();  // +inf for generation 0
  std::uint64_t simulations = 0;  // simulator calls spent, discarded candidates included
  std::uint64_t failed = 0;       // calls that threw
  // N over the candidates proposed up to and including the N-th accepted one (a figure
  // that does not depend on how candidates were batched).
  double acceptance = 0.0;
  std::string first_failure;  // message of the first throw, by candidate order; "" if none
  std::vector<Particle> particles;
};

enum class StopReason {
  max_generations,
  min_epsilon,
  min_acceptance,
  epsilon_stalled,
  max_simulations
};

// True for the convergence rules, false for the safety caps.
bool is_rule(StopReason reason) noexcept;

struct Result {
  std::vector<Generation> generations;  // completed generations only; back() is the posterior
  StopReason stop = StopReason::max_generations;
  bool rule_met = false;    // the stopping rule (not a cap) ended the run
  std::string stop_reason;  // one sentence for the user
  // Simulator calls of the whole run, including an incomplete last generation cut short by
  // max_simulations (not checkpointed, so not counted again after a resume).
  std::uint64_t simulations = 0;
  int resumed_generations = 0;  // how many generations came from the checkpoint
};

// Runs ABC-SMC. Throws std::invalid_argument for bad priors, targets or options (naming the
// setting and the fix), std::runtime_error for an unusable checkpoint (naming the file and
// the fix) or for a simulator that returns the wrong number of statistics.
Result run(const std::vector<Prior>& priors, const std::vector<Target>& targets,
           const Simulator& simulator, const Options& options);

// Root mean square of the standardised differences, sqrt(sum(((s - v) / sd)^2) / n), so that
// a simulator reproducing the targets up to their sampling error has a distance near 1
// whatever the number of targets. +inf if any statistic is NaN or the sizes differ.
double distance(const std::vector<Target>& targets, const std::vector<double>& stats);

// Throws std::invalid_argument naming the first bad setting and how to fix it.
void validate(const std::vector<Prior>& priors, const std::vector<Target>& targets,
              const Options& options);

// The last generation; throws std::runtime_error if the run completed none.
const Generation& posterior(const Result& result);

}  // namespace renkei::abc
