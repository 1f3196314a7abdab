// `renkei calibrate CONFIG`: estimates the assumed parameters listed in a calibration file
// against the survey targets by ABC-SMC until its stopping rule is met, writes the calibrated
// parameter file the baseline extends and a set of posterior draws, and prints the posterior,
// what the targets identify, the fit of the point estimate and the posterior-predictive
// check. Interrupted runs resume from the checkpoint of the last completed generation.
#include "calibrate/abc_parallel.hpp"
#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_file.hpp"
#include "calibrate/point_estimate.hpp"
#include "calibrate/survey_fit.hpp"
#include "calibrate/survey_simulator.hpp"
#include "calibrate/targets.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/text.hpp"
#include "cli/progress.hpp"
#include "core/seeds.hpp"
#include "renkei/build_info.hpp"
#include "io/atomic_file.hpp"
#include "model/model.hpp"
#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "scenario/loader.hpp"
#include "scenario/params.hpp"
#include "input/sha256.hpp"

#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace renkei::cli {
namespace {

constexpr const char* kCalibrateHelp =
    "\nEstimates the parameters listed in CONFIG (a calibration file, e.g.\n"
    "scenarios/calibration/tohoku2005.toml) against the targets marked calibrate = true, by\n"
    "ABC-SMC with a distance weighted by each target's sampling standard error, until the\n"
    "file's stopping rule is met (target tolerance min_epsilon, acceptance below min_acceptance,\n"
    "or epsilon shrinking by less than min_epsilon_decrease); max_generations and\n"
    "max_simulations are safety caps, and a run stopped by one says loudly that the rule was not\n"
    "met. Parameters given `fix = VALUE` (with `source`) are held, not estimated. Writes the\n"
    "calibrated parameter file (the posterior's representative particle; the baseline scenario\n"
    "extends it), the posterior draws (CSV, for `renkei run --parameter-draws`) and a report\n"
    "beside it: generations with ESS, posterior, identification (SD ratio, 90 % width ratio,\n"
    "category), posterior correlations, the point's fit and the posterior-predictive check.\n"
    "The checkpoint after each generation makes an interrupted calibration resume where it\n"
    "stopped (same settings); --fresh discards it. See docs/calibration.md.\n"
    "Exit status: 0 ok (also when a cap stopped the run), 2 bad input or usage, 1 failure while running.\n";

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return b;
}

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
                      "; give --output a file name such as results/calibrated.toml (the draws, report and checkpoint are "
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

const char* identification_word(double ratio) {
  return abc::identification_name(abc::classify_identification(ratio));
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

int cmd_calibrate(const std::vector<std::string>& args) {
  po::options_description opts("renkei calibrate CONFIG [options]");
  opts.add_options()("help,h", "show this help")("threads,j", po::value<int>()->default_value(0),
                                                    "worker threads (0 = all cores)")(
      "small", "small-budget mode for CI and trials: 24 particles, at most 3 generations, 4 validation and 4 "
               "predictive runs (the cap, not the rule, usually stops it)")(
      "particles", po::value<int>(), "override abc.particles")("generations", po::value<int>(),
                                                               "override abc.max_generations (the safety cap)")(
      "max-simulations", po::value<long long>(), "override abc.max_simulations (the safety cap; 0 = no limit)")(
      "output,o", po::value<std::string>(), "write the calibrated parameter file here instead (draws and report beside it)")(
      "fresh", "discard an existing checkpoint and start from the prior")("quiet,q", "no progress output");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kCalibrateHelp;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no calibration file given: renkei calibrate scenarios/calibration/tohoku2005.toml");
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError("give exactly one calibration file, got " + std::to_string(files.size()));
  int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 4096) throw UsageError("--threads must be 0 (all cores) or 1-4096; got " + std::to_string(threads));
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  CalibrationSpec spec = load_calibration(files.front());
  if (vm.count("output")) {
    const std::filesystem::path out = std::filesystem::absolute(vm["output"].as<std::string>());
    spec.output = out.string();
    spec.draws_output = (out.parent_path() / (out.stem().string() + "_draws.csv")).string();
    spec.checkpoint = spec.output + ".checkpoint";
  }
  if (vm.count("small")) {
    spec.abc.particles = 24;
    spec.abc.max_generations = 3;
    spec.validation_replicates = 4;
    spec.predictive_replicates = 4;
    spec.draws = std::min(spec.draws, 24);
  }
  // A whole-number override: the option, its least value, how the error states the rule.
  const auto override_int = [&](const char* name, int least, const char* rule, int& target) {
    if (!vm.count(name)) return;
    const int v = vm[name].as<int>();
    if (v < least) throw UsageError(std::string("--") + name + " must be " + rule + "; got " + std::to_string(v));
    target = v;
  };
  override_int("particles", 2, "at least 2", spec.abc.particles);
  override_int("generations", 1, "at least 1", spec.abc.max_generations);
  if (vm.count("max-simulations")) {
    const long long m = vm["max-simulations"].as<long long>();
    if (m < 0) throw UsageError("--max-simulations must be 0 (no limit) or positive");
    spec.abc.max_simulations = static_cast<std::uint64_t>(m);
  }
  spec.abc.checkpoint = spec.checkpoint;
  spec.abc.threads = threads;
  const std::filesystem::path out_path(spec.output);
  const std::string report_path = (out_path.parent_path() / (out_path.stem().string() + "_report.txt")).string();

  Scenario base = load_scenario(spec.scenario);
  // Fixed parameters are part of the model every candidate runs, like the base scenario's.
  for (const FixedParameter& f : spec.fixed) param_schema()[f.param_index].set(base.params, f.value);
  const Targets targets = load_targets(spec.targets);
  // Every output is checked before the first simulation, so that a path that cannot be
  // written fails now, with nothing written, and not after an hour of ABC.
  check_calibration_outputs({spec.output, spec.draws_output, report_path, spec.checkpoint}, vm.count("output") > 0,
                            {spec.path, spec.targets, base.files.front().path, base.run.world});
  if (vm.count("fresh")) std::filesystem::remove(spec.checkpoint);
  std::filesystem::create_directories(std::filesystem::path(spec.checkpoint).parent_path());
  const SurveySimulator sim(base, targets, spec.parameters, spec.end, spec.replicates);
  const auto priors = sim.priors();
  // The checkpoint is only valid for the same model inputs: the digests of every file the
  // runs read and the build's version. The calibration file itself is not digested: what
  // of it shapes the generations (priors, ABC settings, end, replicates) is fingerprinted
  // by the engine or here, so editing its reporting keys (draws, validation, the point
  // choice, the budget) keeps a finished posterior.
  std::string context = std::string("renkei ") + build::version + "; targets " + file_digest(spec.targets) + "; replicates " + std::to_string(spec.replicates) +
                        "; end " + spec.end.iso();
  // The calibrated file the scenario may extend holds only estimated parameters, which every
  // candidate overrides: its content cannot change a simulation, and it changes with each run.
  for (const auto& f : base.files)
    if (std::filesystem::path(f.path).lexically_normal() != std::filesystem::path(spec.output).lexically_normal())
      context += "; " + f.sha256;
  context += "; world " + file_digest(base.run.world);
  for (const FixedParameter& f : spec.fixed) context += "; fixed " + f.key + " = " + printf_double("%.17g", f.value);
  spec.abc.context = context;

  const bool quiet = vm.count("quiet") > 0;
  std::string stopping_rule;
  {
    std::vector<std::string> parts;
    if (spec.abc.min_epsilon > 0) parts.push_back("epsilon <= " + printf_double("%.3g", spec.abc.min_epsilon));
    if (spec.abc.min_acceptance > 0) parts.push_back("acceptance < " + printf_double("%.3g", spec.abc.min_acceptance));
    if (spec.abc.min_epsilon_decrease > 0)
      parts.push_back("epsilon shrinks by < " + printf_double("%.3g", 100 * spec.abc.min_epsilon_decrease) + " %");
    for (std::size_t i = 0; i < parts.size(); ++i) stopping_rule += (i ? " or " : "") + parts[i];
    if (parts.empty()) stopping_rule = "none (only the caps)";
    stopping_rule += "; safety caps: " + std::to_string(spec.abc.max_generations) + " generations" +
                     (spec.abc.max_simulations > 0 ? ", " + std::to_string(spec.abc.max_simulations) + " simulations" : "");
  }
  const bool tty = stderr_is_terminal();
  spec.abc.on_progress = [&](const abc::Progress& p) {
    if (quiet) return;
    if (p.generation_done) {
      std::cerr << "generation " << p.generation << ": epsilon " << printf_double("%.3f", p.epsilon) << ", accepted "
                << p.accepted << " of " << p.proposed << " proposed, ESS " << printf_double("%.1f", p.ess) << ", "
                << p.simulations << " simulations in all, " << printf_double("%.0f", p.elapsed_seconds) << " s\n";
    } else if (tty) {
      std::cerr << "\rgeneration " << p.generation << ": " << p.accepted << " accepted of " << p.proposed
                << " proposed, " << p.simulations << " simulations, " << printf_double("%.0f", p.elapsed_seconds) << " s   "
                << std::flush;
    }
  };
  if (!quiet)
    std::cerr << "calibrating " << priors.size() << " parameters (" << spec.fixed.size() << " fixed) against "
              << sim.targets().size() << " targets (" << spec.abc.particles << " particles, " << threads
              << " threads); stopping rule: " << stopping_rule << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  const abc::Result result = abc::run(priors, sim.targets(), sim, spec.abc);
  const abc::Generation& post = abc::posterior(result);
  const auto summary = abc::summarize(priors, post);

  const auto correlation = abc::correlation_matrix(priors, post);
  const std::string not_met_warning =
      "WARNING: the stopping rule (" + stopping_rule + ") was NOT met: " + result.stop_reason +
      ". The posterior is that of generation " + std::to_string(post.index) +
      " and is wider than the rule would give; rerun with a larger --generations or --max-simulations (the "
      "checkpoint continues from here)";
  if (!result.rule_met) std::cerr << not_met_warning << "\n";

  // The point: the posterior's representative particle (docs/calibration.md, section 3).
  const abc::Representative rep_point = abc::representative_particle(priors, sim.targets(), post);
  const std::vector<double>& point = rep_point.theta;

  // Validation of the point (fresh seeds, not those of the particles) and the posterior-
  // predictive check: one run per posterior draw, other fresh seeds.
  tbb::task_arena arena(threads);
  const Scenario best = sim.scenario_for(point);
  std::vector<RunResult> runs(static_cast<std::size_t>(spec.validation_replicates));
  const std::uint64_t validation_seed = seeds::derived(spec.abc.seed, seeds::Use::point_validation);
  const auto predictive_draws =
      abc::draws(post, static_cast<std::size_t>(spec.predictive_replicates),
                 seeds::derived(spec.abc.seed, seeds::Use::predictive_draws));
  std::vector<RunResult> predictive(predictive_draws.size());
  const std::uint64_t predictive_seed = seeds::derived(spec.abc.seed, seeds::Use::predictive_runs);
  arena.execute([&] {
    const auto n_point = static_cast<std::size_t>(spec.validation_replicates);
    abc::parallel_indices(n_point + predictive_draws.size(), [&](std::size_t r) {
      if (r < n_point) {
        runs[r] = run_replicate(best, 0, validation_seed, static_cast<std::uint32_t>(r));
      } else {
        const std::size_t k = r - n_point;
        predictive[k] = run_replicate(sim.scenario_for(predictive_draws[k]), 0, predictive_seed,
                                      static_cast<std::uint32_t>(k));
      }
    });
  });
  const FitTable fit = fit_of_runs(targets, runs);
  FitTable pp = fit_of_runs(targets, predictive);
  pp.predictive = true;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The report: stopping rule, generations, posterior, identification, correlations, point, fit.
  std::ostringstream rep;
  rep << "Calibration '" << spec.name << "' (" << spec.path << ")\n";
  rep << "scenario " << spec.scenario << ", targets " << spec.targets << ", runs to " << spec.end.iso() << ", "
      << spec.replicates << " run(s) per candidate\n";
  rep << "ABC-SMC: " << spec.abc.particles << " particles; " << result.generations.size() << " generations; "
      << result.simulations << " simulations";
  if (result.resumed_generations > 0) rep << " (" << result.resumed_generations << " generations resumed from the checkpoint)";
  rep << "\nstopping rule: " << stopping_rule << "\n";
  rep << "stopped: " << result.stop_reason << "\n";
  rep << (result.rule_met ? "stopping rule met: yes\n" : "stopping rule met: NO\n" + not_met_warning + "\n");
  rep << "wall time " << printf_double("%.0f", seconds) << " s on " << threads << " threads\n\n";
  rep << "generation  epsilon  decrease  acceptance  simulations  ESS\n";
  for (std::size_t gi = 0; gi < result.generations.size(); ++gi) {
    const auto& g = result.generations[gi];
    const double before = gi > 0 ? result.generations[gi - 1].epsilon : std::nan("");
    const std::string decrease =
        std::isfinite(before) ? printf_double("%7.1f%%", 100 * (before - g.epsilon) / before) : std::string("       -");
    rep << printf_double("%10.0f", g.index) << printf_double("  %7.3f", g.epsilon) << "  " << decrease << printf_double("  %10.3f", g.acceptance)
        << printf_double("  %11.0f", static_cast<double>(g.simulations))
        << printf_double("  %5.1f", abc::effective_sample_size(abc::weights_of(g))) << "\n";
  }
  rep << "\nposterior (weighted particles of the last generation). Identification, in the search space (log\n"
      << "for log-scale priors): sd = posterior SD / prior SD, w90 = 90 % interval width / 0.9 of the prior\n"
      << "range; the category follows sd: < 0.5 identified, 0.5-0.8 weakly identified, >= 0.8 not identified\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-38s %21s %10s %10s %10s %10s %5s %5s  %s\n", "parameter", "prior", "estimate", "5%",
                "50%", "95%", "sd", "w90", "");
  rep << line;
  std::vector<std::size_t> not_identified;
  for (std::size_t i = 0; i < priors.size(); ++i) {
    const auto& s = summary[i];
    const std::string prior = std::string(priors[i].log_scale ? "log " : "") + "[" + printf_double("%.4g", priors[i].lo) + ", " +
                              printf_double("%.4g", priors[i].hi) + "]";
    std::snprintf(line, sizeof line, "%-38s %21s %10.4g %10.4g %10.4g %10.4g %5.2f %5.2f  %s\n", priors[i].name.c_str(),
                  prior.c_str(), point[i], s.q05, s.q50, s.q95, s.identification, s.width_ratio,
                  identification_word(s.identification));
    rep << line;
    if (abc::classify_identification(s.identification) == abc::IdentificationClass::none) not_identified.push_back(i);
  }
  if (!spec.fixed.empty()) {
    rep << "\nfixed (not estimated):\n";
    for (const auto& f : spec.fixed) rep << "  " << f.key << " = " << printf_double("%.6g", f.value) << "  (" << f.source << ")\n";
  }
  if (!not_identified.empty()) {
    rep << "\nnot identified by the targets (" << not_identified.size() << " of " << priors.size()
        << "): their posterior is close to their prior. Recommendation: fix each at a sourced value\n"
        << "([[parameter]] key = ..., fix = VALUE, source = \"...\") or leave it to sensitivity analysis\n"
        << "(docs/sensitivity.md); estimating it only carries its prior into every comparison.\n";
    for (std::size_t i : not_identified)
      rep << "  " << priors[i].name << " (sd ratio " << printf_double("%.2f", summary[i].identification) << ")\n";
  }
  // Pairs with strong posterior correlation: combinations the targets pin down even where
  // each parameter alone is not identified.
  rep << "\nposterior correlations (weighted Pearson, search space) with |r| > 0.5:\n";
  const std::size_t dim = priors.size();
  int strong = 0;
  for (std::size_t i = 0; i < dim; ++i)
    for (std::size_t j = i + 1; j < dim; ++j)
      if (std::abs(correlation[i * dim + j]) > 0.5) {
        rep << "  " << printf_double("%+.2f", correlation[i * dim + j]) << "  " << priors[i].name << " ~ " << priors[j].name << "\n";
        ++strong;
      }
  if (strong == 0) rep << "  none\n";
  rep << "\nfull posterior correlation matrix (rows and columns in parameter order):\n";
  for (std::size_t i = 0; i < dim; ++i) {
    std::snprintf(line, sizeof line, "%2zu %-38s", i + 1, priors[i].name.c_str());
    rep << line;
    for (std::size_t j = 0; j < dim; ++j) rep << printf_double(" %+5.2f", correlation[i * dim + j]);
    rep << "\n";
  }
  std::vector<std::string> outside;
  for (std::size_t i : rep_point.outside_90) outside.push_back(priors[i].name);
  rep << "\npoint estimate: the posterior's representative, particle " << rep_point.index << " (weight "
      << printf_double("%.3g", rep_point.weight) << "; " << printf_double("%.0f", 100 * rep_point.weight_rank)
      << " % of the particles are heavier): among the " << rep_point.eligible
      << " particles of at least the median weight, the one whose simulated survey is nearest the\n"
      << "posterior median of the standardised targets (RMS distance " << printf_double("%.3f", rep_point.distance)
      << " SE). It is a posterior draw; parameters outside their 90 % posterior interval: "
      << (outside.empty() ? std::string("none") : "") ;
  for (std::size_t i = 0; i < outside.size(); ++i) rep << (i ? ", " : "") << outside[i];
  // A draw lies outside each marginal 90 % interval with probability 0.1, so a few such
  // parameters are expected; what the polished point did (sit at a bound, outside) is not.
  rep << " (a posterior draw has each parameter outside its marginal 90 % interval with probability 0.1: about "
      << printf_double("%.1f", 0.1 * static_cast<double>(priors.size())) << " of " << priors.size() << " expected)";
  rep << "\n\n"
      << format_fit_table(fit, "Fit of the point estimate (" + std::to_string(spec.validation_replicates) +
                                   " runs with fresh seeds)")
      << "\n"
      << format_fit_table(pp, "Posterior-predictive check (" + std::to_string(predictive_draws.size()) +
                                  " runs, one per posterior draw, fresh seeds)");

  // The calibrated parameter file.
  std::ostringstream out;
  out << "# Calibrated parameters: written by `renkei calibrate " << spec.path << "`\n"
      << "# (renkei " << build::version << ", commit " << build::git_commit << ", " << utc_now() << ").\n"
      << "# Point estimate (the posterior's representative particle " << rep_point.index << ") of ABC-SMC against "
      << spec.targets << "\n"
      << "# (" << post.particles.size() << " particles, generation " << post.index << ", epsilon "
      << printf_double("%.3f", post.epsilon) << "). Do not edit by hand: rerun the calibration.\n"
      << (result.rule_met ? "# Stopping rule met: " + result.stop_reason + ".\n"
                          : "# WARNING: stopping rule NOT met (" + result.stop_reason + ").\n")
      << "# The 90 % posterior interval and identification (SD) ratio follow each value.\n\n"
      << "[scenario]\nname = \"calibrated_" << spec.name << "\"\n"
      << "description = \"Parameters calibrated to the " << spec.name << " survey targets\"\n\n"
      << "# Posterior draws written beside this file: runs carry parameter uncertainty with them\n"
      << "# unless `renkei run --point` asks for the point estimate alone.\n"
      << "[run]\nparameter_draws = \""
      << std::filesystem::path(spec.draws_output).filename().string() << "\"\n";
  // Estimated then fixed parameters, by group: entry i < priors.size() is estimated.
  std::string group;
  std::vector<std::size_t> order(priors.size() + spec.fixed.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto index_of = [&](std::size_t i) {
    return i < priors.size() ? spec.parameters[i].param_index : spec.fixed[i - priors.size()].param_index;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return param_schema()[index_of(a)].group < param_schema()[index_of(b)].group;
  });
  for (std::size_t i : order) {
    const ParamDef& d = param_schema()[index_of(i)];
    if (d.group != group) {
      group = d.group;
      out << "\n[" << group << "]\n";
    }
    if (i >= priors.size()) {
      const FixedParameter& f = spec.fixed[i - priors.size()];
      out << d.name << " = " << printf_double("%.6g", f.value) << "  # fixed, not estimated: " << f.source << "\n";
      continue;
    }
    double v = point[i];
    if (d.type == ParamType::integer) v = std::round(v);
    out << d.name << " = " << printf_double("%.6g", v) << "  # 90 % [" << printf_double("%.4g", summary[i].q05) << ", "
        << printf_double("%.4g", summary[i].q95) << "], ratio " << printf_double("%.2f", summary[i].identification) << ", "
        << identification_word(summary[i].identification) << "\n";
  }
  // Posterior draws: one parameter vector per row, for parameter-uncertainty runs.
  std::ostringstream csv;
  for (std::size_t i = 0; i < priors.size(); ++i) csv << (i ? "," : "") << priors[i].name;
  csv << "\n";
  for (const auto& d : abc::draws(post, static_cast<std::size_t>(spec.draws),
                                     seeds::derived(spec.abc.seed, seeds::Use::posterior_draws_file))) {
    for (std::size_t i = 0; i < d.size(); ++i) csv << (i ? "," : "") << printf_double("%.9g", d[i]);
    csv << "\n";
  }
  write_atomically(spec.output, out.str());
  write_atomically(spec.draws_output, csv.str());
  write_atomically(report_path, rep.str());
  std::cout << rep.str() << "\nwrote " << spec.output << ", " << spec.draws_output << " and " << report_path << "\n";
  return kExitOk;
}

}  // namespace renkei::cli
