#include "calibrate/pipeline.hpp"

#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_report.hpp"
#include "calibrate/point_estimate.hpp"
#include "calibrate/survey_fit.hpp"
#include "calibrate/survey_simulator.hpp"
#include "calibrate/targets.hpp"
#include "core/seeds.hpp"
#include "core/usage_error.hpp"
#include "engine/executor.hpp"
#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/sha256.hpp"
#include "io/atomic_file.hpp"
#include "model/model.hpp"
#include "renkei/build_info.hpp"
#include "report/text.hpp"
#include "scenario/loader.hpp"
#include "scenario/params.hpp"
#include "scenario/run_spec.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace renkei {
namespace {

void write_atomically(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  AtomicFile f(path, true);
  {
    std::ofstream out(f.temp_path(), std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + f.temp_path());
  }
  f.commit();
}

// The calibrated file, draws, report and checkpoint must be regular files (or not exist yet)
// and none of them an input. Their directories are created unless the user named the
// output with -o, whose directory must exist like that of every other command's output.
void check_calibration_outputs(const std::vector<std::string>& outputs, bool named,
                               const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  for (const std::string& path : outputs) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::exists(status) && !fs::is_regular_file(status))
      throw FileError("calibration output '" + path + "' " + not_regular_file_text(status) +
                      "; give --output a file name such as results/calibrated.toml (the draws, "
                      "report and checkpoint are "
                      "written beside it)");
    const fs::path dir = fs::path(path).parent_path();
    if (named && !dir.empty() && !fs::is_directory(dir, ec))
      throw FileError("cannot write calibration output '" + path + "': directory '" + dir.string() +
                      "' does not exist; create it first");
    refuse_output_onto_inputs(path, inputs);
  }
}

std::string file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream b;
  b << in.rdbuf();
  return sha256_hex(b.str());
}

// The checkpoint is only valid for the same model inputs: the digests of every file the
// runs read and the build's version. The calibration file itself is not digested: what
// of it shapes the generations (priors, ABC settings, end, replicates) is fingerprinted
// by the engine or here, so editing its reporting keys (draws, validation, the point
// choice, the budget) keeps a finished posterior.
std::string checkpoint_fingerprint(const CalibrationSpec& spec, const Scenario& base) {
  std::string context = std::string("renkei ") + build::version + "; targets " +
                        file_digest(spec.targets) + "; replicates " +
                        std::to_string(spec.replicates) + "; end " + spec.end.iso();
  // The calibrated file the scenario may extend holds only estimated parameters, which every
  // candidate overrides: its content cannot change a simulation, and it changes with each run.
  for (const auto& f : base.files)
    if (std::filesystem::path(f.path).lexically_normal() !=
        std::filesystem::path(spec.output).lexically_normal())
      context += "; " + f.sha256;
  context += "; world " + file_digest(base.run.world);
  for (const FixedParameter& f : spec.fixed)
    context += "; fixed " + f.key + " = " + printf_double("%.17g", f.value);
  return context;
}

// The fit table of runs: each target item's values over the runs, from their finals.
FitTable fit_of_runs(const Targets& targets, const std::vector<RunResult>& runs) {
  return fit_table(targets, [&](const std::string& name) {
    std::size_t k = 0;
    while (k < kFinalCount && kFinalDefs[k].name != name) ++k;
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(k < kFinalCount && r.ok ? r.finals[k] : std::nan(""));
    return v;
  });
}

}  // namespace

CalibrationSpec calibration_spec(const CalibrationRequest& request) {
  CalibrationSpec spec = load_calibration(request.config);
  if (request.output) {
    const std::filesystem::path out = std::filesystem::absolute(*request.output);
    spec.output = out.string();
    spec.draws_output = (out.parent_path() / (out.stem().string() + "_draws.csv")).string();
    spec.checkpoint = spec.output + ".checkpoint";
  }
  if (request.small) {
    spec.abc.particles = 24;
    spec.abc.max_generations = 3;
    spec.validation_replicates = 4;
    spec.predictive_replicates = 4;
    spec.representative_candidates = std::min(spec.representative_candidates, 4);
    spec.representative_replicates = std::min(spec.representative_replicates, 2);
    spec.draws = std::min(spec.draws, 24);
  }
  // A whole-number override: the option, its least value, how the error states the rule.
  const auto override_int = [](const std::optional<int>& value, const char* name, int least,
                               const char* rule, int& target) {
    if (!value) return;
    if (*value < least)
      throw UsageError(std::string("--") + name + " must be " + rule + "; got " +
                       std::to_string(*value));
    target = *value;
  };
  override_int(request.particles, "particles", 2, "at least 2", spec.abc.particles);
  override_int(request.generations, "generations", 1, "at least 1", spec.abc.max_generations);
  if (request.max_simulations) {
    if (*request.max_simulations < 0)
      throw UsageError("--max-simulations must be 0 (no limit) or positive");
    spec.abc.max_simulations = static_cast<std::uint64_t>(*request.max_simulations);
  }
  spec.abc.checkpoint = spec.checkpoint;
  spec.abc.threads = request.threads;
  return spec;
}

CalibrationWritten run_calibration(CalibrationSpec spec, const CalibrationRequest& request,
                                   std::ostream& log) {
  const int threads = request.threads;
  const std::filesystem::path out_path(spec.output);
  const std::string report_path =
      (out_path.parent_path() / (out_path.stem().string() + "_report.txt")).string();

  // Fixed parameters are part of the model every candidate runs, like the base scenario's,
  // and pass the loader's rules like any other override.
  std::vector<ParamOverride> fixed;
  for (const FixedParameter& f : spec.fixed) fixed.push_back({f.param_index, f.value});
  const Scenario base =
      with_overrides(load_scenario(spec.scenario), fixed, "the calibration's fixed parameters");
  const Targets targets = load_targets(spec.targets);
  // Every output is checked before the first simulation, so that a path that cannot be
  // written fails now, with nothing written, and not after an hour of ABC.
  check_calibration_outputs({spec.output, spec.draws_output, report_path, spec.checkpoint},
                            request.output.has_value(),
                            {spec.path, spec.targets, base.files.front().path, base.run.world});
  if (request.fresh) std::filesystem::remove(spec.checkpoint);
  std::filesystem::create_directories(std::filesystem::path(spec.checkpoint).parent_path());
  const SurveySimulator sim(base, targets, spec.parameters, spec.end, spec.replicates);
  const auto priors = sim.priors();
  spec.abc.context = checkpoint_fingerprint(spec, base);

  const bool quiet = request.quiet;
  const bool tty = request.terminal;
  spec.abc.on_progress = [&](const abc::Progress& p) {
    if (quiet) return;
    if (p.generation_done) {
      log << "generation " << p.generation << ": epsilon " << printf_double("%.3f", p.epsilon)
          << ", accepted " << p.accepted << " of " << p.proposed << " proposed, ESS "
          << printf_double("%.1f", p.ess) << ", " << p.simulations << " simulations in all, "
          << printf_double("%.0f", p.elapsed_seconds) << " s\n";
    } else if (tty) {
      log << "\rgeneration " << p.generation << ": " << p.accepted << " accepted of " << p.proposed
          << " proposed, " << p.simulations << " simulations, "
          << printf_double("%.0f", p.elapsed_seconds) << " s   " << std::flush;
    }
  };
  if (!quiet)
    log << "calibrating " << priors.size() << " parameters (" << spec.fixed.size()
        << " fixed) against " << sim.targets().size() << " targets (" << spec.abc.particles
        << " particles, " << threads << " threads); stopping rule: " << stopping_rule_text(spec.abc)
        << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const abc::Result result = abc::run(priors, sim.targets(), sim, spec.abc);
  const abc::Generation& post = abc::posterior(result);

  CalibrationOutcome outcome;
  outcome.spec = &spec;
  outcome.result = &result;
  outcome.posterior = &post;
  outcome.priors = priors;
  outcome.summary = abc::summarize(priors, post);
  outcome.correlation = abc::correlation_matrix(priors, post);
  outcome.threads = threads;
  if (!result.rule_met) log << rule_not_met_warning(spec.abc, result, post) << "\n";

  // The point: the posterior's representative particle (docs/calibration.md, section 3),
  // shortlisted by the particles' own surveys, then judged by the mean of fresh runs.
  Executor executor(threads);
  outcome.point = abc::representative_particle(priors, sim.targets(), post);
  if (spec.representative_replicates > 0) {
    const std::size_t shortlist = std::min(
        outcome.point.ranked.size(), static_cast<std::size_t>(spec.representative_candidates));
    const auto reps = static_cast<std::size_t>(spec.representative_replicates);
    const std::uint64_t judge_seed = seeds::derived(spec.abc.seed, seeds::Use::representative_runs);
    std::vector<std::vector<double>> stats(shortlist * reps);
    executor.parallel_indices(shortlist * reps, [&](std::size_t r) {
      const abc::Particle& p = post.particles[outcome.point.ranked[r / reps]];
      const RunResult run =
          run_replicate(sim.scenario_for(p.theta), 0, judge_seed, static_cast<std::uint32_t>(r));
      if (run.ok) stats[r] = sim.statistics(run);
    });
    // Each candidate's mean survey. A run whose survey lacks an item (an empty base: the
    // ABC rejects such a run at any epsilon) disqualifies its candidate: the posterior's
    // typical survey answers every item.
    std::vector<std::vector<double>> mean(shortlist);
    for (std::size_t c = 0; c < shortlist; ++c) {
      std::vector<double> sum(sim.targets().size(), 0.0);
      bool complete = true;
      for (std::size_t r = c * reps; r < (c + 1) * reps && complete; ++r) {
        complete = stats[r].size() == sum.size();
        for (std::size_t t = 0; t < sum.size() && complete; ++t) {
          complete = std::isfinite(stats[r][t]);
          sum[t] += stats[r][t] / static_cast<double>(reps);
        }
      }
      if (complete) mean[c] = std::move(sum);
    }
    outcome.point =
        abc::refine_representative(priors, sim.targets(), post, outcome.point, mean, reps);
  }
  const std::vector<double>& point = outcome.point.theta;

  // Validation of the point (fresh seeds, neither those of the particles nor those that chose
  // it) and the posterior-predictive check: one run per posterior draw, other fresh seeds.
  const Scenario best = sim.scenario_for(point);
  std::vector<RunResult> runs(static_cast<std::size_t>(spec.validation_replicates));
  const std::uint64_t validation_seed = seeds::derived(spec.abc.seed, seeds::Use::point_validation);
  const auto predictive_draws =
      abc::draws(post, static_cast<std::size_t>(spec.predictive_replicates),
                 seeds::derived(spec.abc.seed, seeds::Use::predictive_draws));
  std::vector<RunResult> predictive(predictive_draws.size());
  const std::uint64_t predictive_seed = seeds::derived(spec.abc.seed, seeds::Use::predictive_runs);
  const auto n_point = static_cast<std::size_t>(spec.validation_replicates);
  executor.parallel_indices(n_point + predictive_draws.size(), [&](std::size_t r) {
    if (r < n_point) {
      runs[r] = run_replicate(best, 0, validation_seed, static_cast<std::uint32_t>(r));
    } else {
      const std::size_t k = r - n_point;
      predictive[k] = run_replicate(sim.scenario_for(predictive_draws[k]), 0, predictive_seed,
                                    static_cast<std::uint32_t>(k));
    }
  });
  outcome.fit = fit_of_runs(targets, runs);
  outcome.predictive = fit_of_runs(targets, predictive);
  outcome.predictive.predictive = true;
  outcome.predictive_runs = predictive_draws.size();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  CalibrationWritten written;
  written.report = calibration_report(outcome);
  written.calibrated = spec.output;
  written.draws = spec.draws_output;
  written.report_path = report_path;
  const auto draws = abc::draws(post, static_cast<std::size_t>(spec.draws),
                                seeds::derived(spec.abc.seed, seeds::Use::posterior_draws_file));
  write_atomically(spec.output, calibrated_file_text(outcome));
  write_atomically(spec.draws_output, posterior_draws_csv(priors, draws));
  write_atomically(report_path, written.report);
  return written;
}

}  // namespace renkei
