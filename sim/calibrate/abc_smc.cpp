#include "calibrate/abc_smc.hpp"

#include "calibrate/abc_checkpoint.hpp"
#include "calibrate/abc_kernel.hpp"
#include "calibrate/abc_random.hpp"
#include "calibrate/abc_space.hpp"
#include "engine/executor.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

namespace renkei::abc {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A proposal outside the prior box is redrawn (parent and perturbation both, as in Toni et
// al. 2009, which keeps the weight formula exact); past this many tries the candidate is
// given up, which only a kernel far wider than the box can cause.
constexpr int kMaxSupportTries = 10000;
constexpr std::uint64_t kMaxBatch = std::uint64_t{1} << 16;

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

enum class Status { ok, failed, outside, wrong_size };

struct Evaluation {
  Status status = Status::ok;
  std::vector<double> theta;
  std::vector<double> stats;
  double distance = kInf;
  std::string error;
};

struct Stop {
  StopReason reason;
  std::string message;
};

// The population a generation proposes from: search-space positions derived from the
// stored parameters, their weights, and the kernel fitted to them.
struct Parent {
  Points z;
  std::vector<double> weights;
  std::vector<double> cumulative;
  PerturbationKernel kernel;
  std::optional<LocalKernels> local;  // OLCM: one kernel per parent
};

Parent make_parent(const Generation& g, const SearchSpace& space, KernelType type, double epsilon) {
  Points z;
  std::vector<double> w;
  std::vector<double> d;
  std::vector<double> cumulative;
  double sum = 0.0;
  for (const Particle& p : g.particles) {
    z.push_back(space.to_search(p.theta));
    w.push_back(p.weight);
    d.push_back(p.distance);
    sum += p.weight;
    cumulative.push_back(sum);
  }
  std::vector<double> widths(space.size());
  for (std::size_t i = 0; i < space.size(); ++i) widths[i] = space.width(i);
  PerturbationKernel kernel(z, w, widths);
  std::optional<LocalKernels> local;
  if (type == KernelType::olcm) local.emplace(z, w, d, epsilon, widths);
  return Parent{std::move(z), std::move(w), std::move(cumulative), std::move(kernel),
                std::move(local)};
}

class Engine {
 public:
  Engine(const std::vector<Prior>& priors, const std::vector<Target>& targets,
         const Simulator& simulator, const Options& options)
      : priors_(priors),
        targets_(targets),
        simulator_(simulator),
        options_(options),
        space_(priors),
        executor_(options.threads),
        start_(std::chrono::steady_clock::now()) {}

  Result run();

 private:
  std::optional<Stop> stop_after(const std::vector<Generation>& done) const;
  double next_epsilon(const Generation& previous) const;
  // Fills `g` with N accepted particles; false if the budget ran out first.
  bool run_generation(Generation& g, const Parent* parent);
  Evaluation evaluate(int generation, std::uint64_t candidate, const Parent* parent) const;
  std::uint64_t batch_size(std::uint64_t accepted, std::uint64_t proposed,
                           const Generation* previous) const;
  void report(const Generation& g, std::uint64_t accepted, std::uint64_t proposed, bool done);

  const std::vector<Prior>& priors_;
  const std::vector<Target>& targets_;
  const Simulator& simulator_;
  const Options& options_;
  SearchSpace space_;
  Executor executor_;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t total_simulations_ = 0;
  const Generation* previous_ = nullptr;
};

std::optional<Stop> Engine::stop_after(const std::vector<Generation>& done) const {
  const std::uint64_t budget = options_.max_simulations;
  if (done.empty()) {
    if (budget > 0 && total_simulations_ >= budget)
      return Stop{StopReason::max_simulations, "the simulation budget max_simulations = " +
                                                   std::to_string(budget) + " is spent"};
    return std::nullopt;
  }
  const Generation& last = done.back();
  // The rule first: a generation that meets it and also hits a cap has converged.
  if (options_.min_epsilon > 0.0 && last.epsilon <= options_.min_epsilon)
    return Stop{StopReason::min_epsilon,
                "epsilon " + fmt(last.epsilon) + " of generation " + std::to_string(last.index) +
                    " reached the target tolerance min_epsilon = " + fmt(options_.min_epsilon)};
  if (last.acceptance < options_.min_acceptance)
    return Stop{StopReason::min_acceptance,
                "the acceptance rate " + fmt(last.acceptance) + " of generation " +
                    std::to_string(last.index) +
                    " fell below min_acceptance = " + fmt(options_.min_acceptance)};
  // Generation 0 runs at epsilon = inf, so the first decrease measured is 2 against 1.
  if (options_.min_epsilon_decrease > 0.0 && done.size() >= 3) {
    const double before = done[done.size() - 2].epsilon;
    const double shrink = (before - last.epsilon) / before;
    if (std::isfinite(before) && before > 0.0 && shrink < options_.min_epsilon_decrease)
      return Stop{StopReason::epsilon_stalled,
                  "epsilon shrank by " + fmt(100.0 * shrink) + " % from generation " +
                      std::to_string(last.index - 1) + " to " + std::to_string(last.index) +
                      ", less than min_epsilon_decrease = " +
                      fmt(100.0 * options_.min_epsilon_decrease) + " %"};
  }
  if (static_cast<int>(done.size()) >= options_.max_generations)
    return Stop{StopReason::max_generations,
                "the safety cap max_generations = " + std::to_string(options_.max_generations) +
                    " was hit before the stopping rule was met"};
  if (budget > 0 && total_simulations_ >= budget)
    return Stop{StopReason::max_simulations,
                "the safety cap max_simulations = " + std::to_string(budget) + " was spent after " +
                    std::to_string(done.size()) + " generations, before the stopping rule was met"};
  return std::nullopt;
}

// The order statistic at rank ceil(q N) of the previous distances (Del Moral et al. 2012's
// adaptive schedule), floored at min_epsilon so the last generation runs at that value.
double Engine::next_epsilon(const Generation& previous) const {
  std::vector<double> d;
  for (const Particle& p : previous.particles) d.push_back(p.distance);
  std::sort(d.begin(), d.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(options_.quantile * static_cast<double>(d.size())));
  const double q = d[std::clamp<std::size_t>(rank, 1, d.size()) - 1];
  return std::max(q, options_.min_epsilon);
}

Evaluation Engine::evaluate(int generation, std::uint64_t candidate, const Parent* parent) const {
  CandidateStream g(options_.seed, static_cast<std::uint32_t>(generation), candidate);
  const std::uint64_t sim_seed = g.next_u64();
  Evaluation e;
  std::vector<double> z(space_.size());
  if (parent == nullptr) {
    for (std::size_t i = 0; i < z.size(); ++i)
      z[i] = space_.lower()[i] + space_.width(i) * g.uniform();
  } else {
    bool inside = false;
    for (int attempt = 0; attempt < kMaxSupportTries && !inside; ++attempt) {
      const double u = g.uniform() * parent->cumulative.back();
      const auto it = std::upper_bound(parent->cumulative.begin(), parent->cumulative.end(), u);
      const auto j = std::min<std::size_t>(
          static_cast<std::size_t>(it - parent->cumulative.begin()), parent->z.size() - 1);
      z = parent->local ? (*parent->local)[j].perturb(parent->z[j], g)
                        : parent->kernel.perturb(parent->z[j], g);
      inside = space_.contains(z);
    }
    if (!inside) {
      e.status = Status::outside;
      return e;
    }
  }
  e.theta = space_.to_parameters(z);
  try {
    e.stats = simulator_(e.theta, sim_seed);
  } catch (const std::exception& ex) {
    e.status = Status::failed;
    e.error = ex.what();
    return e;
  } catch (...) {
    e.status = Status::failed;
    e.error = "unknown exception";
    return e;
  }
  if (e.stats.size() != targets_.size()) {
    e.status = Status::wrong_size;
    e.error = "the simulator returned " + std::to_string(e.stats.size()) + " statistics for " +
              std::to_string(targets_.size()) + " targets";
    return e;
  }
  e.distance = distance(targets_, e.stats);
  return e;
}

// Enough candidates to finish the generation at the acceptance rate seen so far (or
// expected from the previous generation), with 10 % to spare: few rounds of waiting for the
// slowest simulation, little work past the N-th acceptance. A function of deterministic
// counts only, never of the thread count.
std::uint64_t Engine::batch_size(std::uint64_t accepted, std::uint64_t proposed,
                                 const Generation* previous) const {
  const auto remaining =
      static_cast<double>(static_cast<std::uint64_t>(options_.particles) - accepted);
  double rate = 1.0;
  double share = 1.1;
  if (proposed > 0) {
    rate = accepted > 0 ? static_cast<double>(accepted) / static_cast<double>(proposed)
                        : 0.5 / static_cast<double>(proposed);
  } else if (previous != nullptr) {
    // The acceptance of the new generation is not known yet (it fell by a factor 0.6-0.9
    // per generation in the survey calibration, not by the quantile): the first batch
    // covers half of what the previous rate predicts, and the next batches are sized from
    // the rate observed. Sizing the whole generation from previous * quantile overshot by
    // up to 1.8 times (simulations after the N-th acceptance are wasted).
    rate = std::max(previous->acceptance, 1e-6);
    share = 0.5;
  }
  const double wanted = std::ceil(share * remaining / rate);
  const auto cap = static_cast<double>(kMaxBatch);
  const auto batch = static_cast<std::uint64_t>(std::min(wanted, cap));
  return std::max<std::uint64_t>(batch, static_cast<std::uint64_t>(options_.min_batch));
}

void Engine::report(const Generation& g, std::uint64_t accepted, std::uint64_t proposed,
                    bool done) {
  if (!options_.on_progress) return;
  Progress p;
  p.generation = g.index;
  p.epsilon = g.epsilon;
  p.accepted = accepted;
  p.proposed = proposed;
  p.simulations = total_simulations_;
  p.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  p.generation_done = done;
  if (done) {
    double sum = 0.0, sum_sq = 0.0;
    for (const Particle& x : g.particles) {
      sum += x.weight;
      sum_sq += x.weight * x.weight;
    }
    p.ess = sum_sq > 0.0 ? sum * sum / sum_sq : 0.0;
  }
  options_.on_progress(p);
}

bool Engine::run_generation(Generation& g, const Parent* parent) {
  const auto n = static_cast<std::uint64_t>(options_.particles);
  const std::uint64_t budget = options_.max_simulations;
  std::uint64_t accepted = 0;
  std::uint64_t proposed = 0;
  std::uint64_t position_of_last = 0;
  while (accepted < n) {
    if (budget > 0 && total_simulations_ >= budget) return false;
    std::uint64_t batch = batch_size(accepted, proposed, previous_);
    if (budget > 0) batch = std::min(batch, budget - total_simulations_);
    std::vector<Evaluation> evals(batch);
    executor_.parallel_indices(static_cast<std::size_t>(batch), [&](std::size_t k) {
      evals[k] = evaluate(g.index, proposed + k, parent);
    });
    for (std::uint64_t k = 0; k < batch; ++k) {
      Evaluation& e = evals[k];
      if (e.status == Status::wrong_size) throw std::runtime_error("ABC-SMC: " + e.error);
      if (e.status == Status::outside) continue;
      ++g.simulations;
      ++total_simulations_;
      if (e.status == Status::failed) {
        ++g.failed;
        if (g.first_failure.empty()) g.first_failure = e.error;
        continue;
      }
      // Finite first: generation 0 runs at epsilon = +inf, which must not admit a NaN.
      if (accepted < n && std::isfinite(e.distance) && e.distance <= g.epsilon) {
        g.particles.push_back(Particle{std::move(e.theta), 0.0, e.distance, std::move(e.stats)});
        if (++accepted == n) position_of_last = proposed + k + 1;
      }
    }
    proposed += batch;
    report(g, accepted, proposed, false);
  }
  g.acceptance = static_cast<double>(n) / static_cast<double>(position_of_last);
  if (parent == nullptr) {
    for (Particle& p : g.particles) p.weight = 1.0 / static_cast<double>(n);
  } else {
    Points z;
    for (const Particle& p : g.particles) z.push_back(space_.to_search(p.theta));
    std::vector<double> w;
    executor_.execute([&] {
      w = parent->local ? importance_weights(z, parent->z, parent->weights, *parent->local)
                        : importance_weights(z, parent->z, parent->weights, parent->kernel);
    });
    w = truncate_weights(std::move(w));
    for (std::size_t i = 0; i < w.size(); ++i) g.particles[i].weight = w[i];
  }
  return true;
}

Result Engine::run() {
  Result result;
  const std::string settings = checkpoint_settings(priors_, targets_, options_);
  if (!options_.checkpoint.empty()) {
    std::vector<Generation> loaded =
        load_checkpoint(options_.checkpoint, settings, priors_.size(), targets_.size(),
                        static_cast<std::size_t>(options_.particles));
    // Replaying the stopping rules keeps a checkpoint written under looser ones (more
    // generations, a larger budget) from giving more than an uninterrupted run would.
    for (Generation& g : loaded) {
      if (stop_after(result.generations)) break;
      total_simulations_ += g.simulations;
      result.generations.push_back(std::move(g));
    }
    result.resumed_generations = static_cast<int>(result.generations.size());
  }
  for (;;) {
    if (const auto stop = stop_after(result.generations)) {
      result.stop = stop->reason;
      result.rule_met = is_rule(stop->reason);
      result.stop_reason = stop->message;
      break;
    }
    Generation g;
    g.index = static_cast<int>(result.generations.size());
    std::optional<Parent> parent;
    previous_ = result.generations.empty() ? nullptr : &result.generations.back();
    if (previous_ != nullptr) {
      g.epsilon = next_epsilon(*previous_);
      parent.emplace(make_parent(*previous_, space_, options_.kernel, g.epsilon));
    }
    if (!run_generation(g, parent ? &*parent : nullptr)) {
      result.stop = StopReason::max_simulations;
      result.stop_reason =
          "the simulation budget max_simulations = " + std::to_string(options_.max_simulations) +
          " ran out during generation " + std::to_string(g.index) + " (" +
          std::to_string(g.particles.size()) + " of " + std::to_string(options_.particles) +
          " accepted); the result holds the " + std::to_string(result.generations.size()) +
          " completed generations";
      break;
    }
    result.generations.push_back(std::move(g));
    report(result.generations.back(), static_cast<std::uint64_t>(options_.particles),
           result.generations.back().simulations, true);
    if (!options_.checkpoint.empty())
      save_checkpoint(options_.checkpoint, settings, result.generations);
  }
  result.simulations = total_simulations_;
  return result;
}

}  // namespace

bool is_rule(StopReason reason) noexcept {
  return reason == StopReason::min_epsilon || reason == StopReason::min_acceptance ||
         reason == StopReason::epsilon_stalled;
}

double distance(const std::vector<Target>& targets, const std::vector<double>& stats) {
  if (stats.size() != targets.size() || targets.empty()) return kInf;
  double sum = 0.0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (std::isnan(stats[i])) return kInf;
    const double z = (stats[i] - targets[i].value) / targets[i].sd;
    sum += z * z;
  }
  return std::sqrt(sum / static_cast<double>(targets.size()));
}

void validate(const std::vector<Prior>& priors, const std::vector<Target>& targets,
              const Options& options) {
  auto bad = [](const std::string& what) { throw std::invalid_argument("ABC-SMC: " + what); };
  if (priors.empty()) bad("no priors: give at least one parameter to calibrate");
  std::set<std::string> names;
  for (const Prior& p : priors) {
    if (p.name.empty()) bad("a prior has an empty name: name every parameter");
    if (!names.insert(p.name).second) bad("prior '" + p.name + "' is given twice: keep one");
    if (!std::isfinite(p.lo) || !std::isfinite(p.hi) || !(p.lo < p.hi))
      bad("prior '" + p.name + "': lo = " + fmt(p.lo) + ", hi = " + fmt(p.hi) +
          "; give finite bounds with lo < hi");
    if (p.log_scale && !(p.lo > 0.0))
      bad("prior '" + p.name + "' is log-scale but lo = " + fmt(p.lo) +
          "; give lo > 0 or make the prior linear");
  }
  if (targets.empty()) bad("no targets: give at least one observed statistic");
  names.clear();
  for (const Target& t : targets) {
    if (t.name.empty()) bad("a target has an empty name: name every statistic");
    if (!names.insert(t.name).second) bad("target '" + t.name + "' is given twice: keep one");
    if (!std::isfinite(t.value)) bad("target '" + t.name + "': the value is not finite");
    if (!std::isfinite(t.sd) || !(t.sd > 0.0))
      bad("target '" + t.name + "': sd = " + fmt(t.sd) +
          "; give the positive sampling standard error of the observed value");
  }
  if (options.particles < 1)
    bad("particles = " + std::to_string(options.particles) + "; give at least 1");
  if (options.max_generations < 1)
    bad("max_generations = " + std::to_string(options.max_generations) + "; give at least 1");
  if (!(options.quantile > 0.0 && options.quantile <= 1.0))
    bad("quantile = " + fmt(options.quantile) + "; give a value in (0, 1], e.g. 0.5");
  if (!(options.min_epsilon >= 0.0))
    bad("min_epsilon = " + fmt(options.min_epsilon) + "; give a value >= 0");
  if (!(options.min_acceptance >= 0.0 && options.min_acceptance <= 1.0))
    bad("min_acceptance = " + fmt(options.min_acceptance) + "; give a value in [0, 1]");
  if (!(options.min_epsilon_decrease >= 0.0 && options.min_epsilon_decrease < 1.0))
    bad("min_epsilon_decrease = " + fmt(options.min_epsilon_decrease) +
        "; give a fraction in [0, 1), e.g. 0.05 (stop when epsilon shrinks by less than 5 %)");
  if (options.threads < 1)
    bad("threads = " + std::to_string(options.threads) + "; give at least 1");
  if (options.min_batch < 1)
    bad("min_batch = " + std::to_string(options.min_batch) + "; give at least 1");
}

Result run(const std::vector<Prior>& priors, const std::vector<Target>& targets,
           const Simulator& simulator, const Options& options) {
  validate(priors, targets, options);
  if (!simulator) throw std::invalid_argument("ABC-SMC: no simulator given");
  Engine engine(priors, targets, simulator, options);
  return engine.run();
}

const Generation& posterior(const Result& result) {
  if (result.generations.empty())
    throw std::runtime_error("ABC-SMC completed no generation (" + result.stop_reason +
                             "); raise max_simulations or lower particles");
  return result.generations.back();
}

}  // namespace renkei::abc
