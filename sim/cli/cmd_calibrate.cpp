// `renkei calibrate CONFIG`: estimates the assumed parameters listed in a calibration file
// against the survey targets by ABC-SMC, writes the calibrated parameter file the baseline
// extends and a set of posterior draws, and prints the posterior and the fit of the point
// estimate. Interrupted runs resume from the checkpoint of the last completed generation.
#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_file.hpp"
#include "calibrate/point_estimate.hpp"
#include "calibrate/survey_fit.hpp"
#include "calibrate/survey_simulator.hpp"
#include "calibrate/targets.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "renkei/build_info.hpp"
#include "io/atomic_file.hpp"
#include "model/model.hpp"
#include "scenario/input_error.hpp"
#include "scenario/input_file.hpp"
#include "scenario/loader.hpp"
#include "scenario/params.hpp"
#include "scenario/sha256.hpp"

#include <oneapi/tbb/parallel_for.h>
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
    "ABC-SMC with a distance weighted by each target's sampling standard error. Writes the\n"
    "calibrated parameter file (posterior means; the baseline scenario extends it), the posterior\n"
    "draws (CSV, for `renkei run --parameter-draws`) and a report beside it, and prints the\n"
    "posterior, which parameters the targets identify, and the fit table of the point estimate.\n"
    "The checkpoint after each generation makes an interrupted calibration resume where it\n"
    "stopped (same settings); --fresh discards it. See docs/calibration.md.\n"
    "Exit status: 0 ok, 2 bad input or usage, 1 failure while running.\n";

std::string fmt(const char* f, double x) {
  char b[64];
  std::snprintf(b, sizeof b, f, x);
  return b;
}

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
  if (ratio < 0.5) return "identified";
  if (ratio < 0.8) return "weakly identified";
  return "not identified";
}

}  // namespace

int cmd_calibrate(const std::vector<std::string>& args) {
  po::options_description opts("renkei calibrate CONFIG [options]");
  opts.add_options()("help,h", "show this help")("threads,j", po::value<int>()->default_value(0),
                                                    "worker threads (0 = all cores)")(
      "small", "small-budget mode for tests and trials: 24 particles, 2 generations, 4 validation runs")(
      "particles", po::value<int>(), "override abc.particles")("generations", po::value<int>(),
                                                               "override abc.max_generations")(
      "max-simulations", po::value<long long>(), "override abc.max_simulations (0 = no limit)")(
      "point-candidates", po::value<int>(), "override calibration.point_candidates (0 = the posterior mean)")(
      "point-replicates", po::value<int>(), "override calibration.point_replicates")(
      "polish-evaluations", po::value<int>(), "override calibration.polish_evaluations (0 = no polish)")(
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
    spec.abc.max_generations = 2;
    spec.validation_replicates = 4;
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
  // The point choice runs after the posterior, so overriding it keeps the checkpoint valid.
  override_int("point-candidates", 0, "0 (the posterior mean) or positive", spec.point_candidates);
  override_int("point-replicates", 1, "at least 1", spec.point_replicates);
  override_int("polish-evaluations", 0, "0 (no polish) or positive", spec.polish_evaluations);
  spec.abc.checkpoint = spec.checkpoint;
  spec.abc.threads = threads;
  const std::filesystem::path out_path(spec.output);
  const std::string report_path = (out_path.parent_path() / (out_path.stem().string() + "_report.txt")).string();

  const Scenario base = load_scenario(spec.scenario);
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
  spec.abc.context = context;

  const bool quiet = vm.count("quiet") > 0;
  const bool tty = stderr_is_terminal();
  spec.abc.on_progress = [&](const abc::Progress& p) {
    if (quiet) return;
    if (p.generation_done) {
      std::cerr << "generation " << p.generation << ": epsilon " << fmt("%.3f", p.epsilon) << ", accepted "
                << p.accepted << " of " << p.proposed << " proposed, " << p.simulations << " simulations in all, "
                << fmt("%.0f", p.elapsed_seconds) << " s\n";
    } else if (tty) {
      std::cerr << "\rgeneration " << p.generation << ": " << p.accepted << " accepted of " << p.proposed
                << " proposed, " << p.simulations << " simulations, " << fmt("%.0f", p.elapsed_seconds) << " s   "
                << std::flush;
    }
  };
  if (!quiet)
    std::cerr << "calibrating " << priors.size() << " parameters against " << sim.targets().size() << " targets ("
              << spec.abc.particles << " particles, up to " << spec.abc.max_generations << " generations, " << threads
              << " threads)\n";
  const auto t0 = std::chrono::steady_clock::now();
  const abc::Result result = abc::run(priors, sim.targets(), sim, spec.abc);
  const abc::Generation& post = abc::posterior(result);
  const auto summary = abc::summarize(priors, post);

  // Point estimate: the posterior mean, or with point_candidates > 0 the best of it and the
  // heaviest particles by the least-squares fit of their averaged runs, then polished
  // (docs/calibration.md, section 3).
  tbb::task_arena arena(threads);
  const std::uint64_t point_seed = spec.abc.seed ^ 0x9017C0DEULL;  // the candidates' and the polish's common seeds
  std::vector<abc::PointCandidate> ranked;
  arena.execute([&] {
    ranked = abc::rank_point_candidates(priors, sim.targets(), post, std::cref(sim), spec.point_candidates,
                                        spec.point_replicates, point_seed);
  });
  if (!quiet)
    std::cerr << "point: " << ranked.front().label << " is the best of " << ranked.size()
              << " candidates, sum of z squared " << fmt("%.2f", ranked.front().squares) << ", worst |z| "
              << fmt("%.3f", ranked.front().worst) << "\n";
  std::vector<double> point = ranked.front().theta;
  std::string point_label = ranked.front().label;
  abc::PolishResult polished;
  if (spec.polish_evaluations > 0) {
    arena.execute([&] {
      polished = abc::polish_point(priors, sim.targets(), std::cref(sim), point, spec.point_replicates,
                                   point_seed, spec.polish_evaluations, [&](const abc::PolishResult& r) {
                                     if (quiet) return;
                                     std::cerr << "polish iteration " << r.iterations << ": sum of z squared "
                                               << fmt("%.2f", r.squares) << ", worst |z| " << fmt("%.3f", r.worst)
                                               << ", " << r.evaluations << " evaluations\n";
                                   });
    });
    point = polished.theta;
    point_label = "least-squares polish of " + ranked.front().label;
  }

  // Validation: runs of the point estimate, fresh seeds (not those of the particles).
  const Scenario best = sim.scenario_for(point);
  std::vector<RunResult> runs(static_cast<std::size_t>(spec.validation_replicates));
  const std::uint64_t validation_seed = spec.abc.seed ^ 0x5A17F00DULL;
  arena.execute([&] {
    tbb::parallel_for(0, spec.validation_replicates, [&](int r) {
      runs[static_cast<std::size_t>(r)] = run_replicate(best, 0, validation_seed, static_cast<std::uint32_t>(r));
    });
  });
  const FitTable fit = fit_table(targets, [&](const std::string& name) {
    std::size_t k = 0;
    while (k < kFinalCount && kFinalDefs[k].name != name) ++k;
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(k < kFinalCount ? r.finals[k] : std::nan(""));
    return v;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The report: generations, posterior, identification, fit.
  std::ostringstream rep;
  rep << "Calibration '" << spec.name << "' (" << spec.path << ")\n";
  rep << "scenario " << spec.scenario << ", targets " << spec.targets << ", runs to " << spec.end.iso() << ", "
      << spec.replicates << " run(s) per candidate\n";
  rep << "ABC-SMC: " << spec.abc.particles << " particles; " << result.generations.size() << " generations; "
      << result.simulations << " simulations";
  if (result.resumed_generations > 0) rep << " (" << result.resumed_generations << " generations resumed from the checkpoint)";
  rep << "; stop: " << result.stop_reason << "\n";
  rep << "wall time " << fmt("%.0f", seconds) << " s on " << threads << " threads\n\n";
  rep << "generation  epsilon  acceptance  simulations  ESS\n";
  for (const auto& g : result.generations)
    rep << fmt("%10.0f", g.index) << fmt("  %7.3f", g.epsilon) << fmt("  %10.3f", g.acceptance)
        << fmt("  %11.0f", static_cast<double>(g.simulations))
        << fmt("  %5.1f", abc::effective_sample_size(abc::weights_of(g))) << "\n";
  rep << "\nposterior (weighted particles of the last generation); identification = posterior SD / prior SD\n"
      << "in the search space (log for log-scale priors): < 0.5 identified, < 0.8 weakly, else not identified\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-38s %21s %10s %10s %10s %10s %6s  %s\n", "parameter", "prior", "estimate", "5%",
                "50%", "95%", "ratio", "");
  rep << line;
  for (std::size_t i = 0; i < priors.size(); ++i) {
    const auto& s = summary[i];
    const std::string prior = std::string(priors[i].log_scale ? "log " : "") + "[" + fmt("%.4g", priors[i].lo) + ", " +
                              fmt("%.4g", priors[i].hi) + "]";
    std::snprintf(line, sizeof line, "%-38s %21s %10.4g %10.4g %10.4g %10.4g %6.2f  %s\n", priors[i].name.c_str(),
                  prior.c_str(), point[i], s.q05, s.q50, s.q95, s.identification,
                  identification_word(s.identification));
    rep << line;
  }
  rep << "\npoint estimate: " << point_label;
  if (ranked.size() > 1) {
    rep << ", the best of " << ranked.size() << " candidates (posterior mean and the " << ranked.size() - 1
        << " heaviest particles) by the sum of squared z over " << spec.point_replicates
        << " averaged runs with common seeds; the five best (sum of z squared, worst |z|, RMS z):\n";
    auto candidate_line = [&](const abc::PointCandidate& c) {
      return fmt("%8.2f", c.squares) + "  " + fmt("%.3f", c.worst) + "  " + fmt("%.3f", c.distance) + "  " + c.label;
    };
    for (std::size_t i = 0; i < std::min<std::size_t>(5, ranked.size()); ++i) rep << "  " << candidate_line(ranked[i]) << "\n";
    for (const auto& c : ranked)
      if (c.label == "posterior mean") rep << "  (" << candidate_line(c) << ")\n";
  } else {
    rep << "\n";
  }
  if (spec.polish_evaluations > 0)
    rep << "polished by Levenberg-Marquardt least squares on the prior box (" << polished.iterations
        << " iterations, " << polished.evaluations << " evaluations of " << spec.point_replicates
        << " runs, the same seeds): sum of z squared " << fmt("%.2f", ranked.front().squares) << " -> "
        << fmt("%.2f", polished.squares) << ", worst |z| " << fmt("%.3f", ranked.front().worst) << " -> "
        << fmt("%.3f", polished.worst) << ", RMS z " << fmt("%.3f", ranked.front().distance) << " -> "
        << fmt("%.3f", polished.distance) << "\n";
  rep << "\n"
      << format_fit_table(fit, "Fit of the point estimate (" + std::to_string(spec.validation_replicates) +
                                   " runs with fresh seeds)");

  // The calibrated parameter file.
  std::ostringstream out;
  out << "# Calibrated parameters: written by `renkei calibrate " << spec.path << "`\n"
      << "# (renkei " << build::version << ", commit " << build::git_commit << ", " << utc_now() << ").\n"
      << "# Point estimate (" << point_label << ") of ABC-SMC against " << spec.targets << "\n"
      << "# (" << post.particles.size() << " particles, generation " << post.index << ", epsilon "
      << fmt("%.3f", post.epsilon) << "). Do not edit by hand: rerun the calibration.\n"
      << "# The 90 % posterior interval and identification ratio follow each value.\n\n"
      << "[scenario]\nname = \"calibrated_" << spec.name << "\"\n"
      << "description = \"Parameters calibrated to the " << spec.name << " survey targets\"\n\n"
      << "# Posterior draws written beside this file: runs carry parameter uncertainty with them\n"
      << "# unless `renkei run --point` asks for the point estimate alone.\n"
      << "[run]\nparameter_draws = \""
      << std::filesystem::path(spec.draws_output).filename().string() << "\"\n";
  std::string group;
  std::vector<std::size_t> order(priors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return param_schema()[spec.parameters[a].param_index].group < param_schema()[spec.parameters[b].param_index].group;
  });
  for (std::size_t i : order) {
    const ParamDef& d = param_schema()[spec.parameters[i].param_index];
    if (d.group != group) {
      group = d.group;
      out << "\n[" << group << "]\n";
    }
    double v = point[i];
    if (d.type == ParamType::integer) v = std::round(v);
    out << d.name << " = " << fmt("%.6g", v) << "  # 90 % [" << fmt("%.4g", summary[i].q05) << ", "
        << fmt("%.4g", summary[i].q95) << "], ratio " << fmt("%.2f", summary[i].identification) << "\n";
  }
  // Posterior draws: one parameter vector per row, for parameter-uncertainty runs.
  std::ostringstream csv;
  for (std::size_t i = 0; i < priors.size(); ++i) csv << (i ? "," : "") << priors[i].name;
  csv << "\n";
  for (const auto& d : abc::draws(post, static_cast<std::size_t>(spec.draws), spec.abc.seed + 1)) {
    for (std::size_t i = 0; i < d.size(); ++i) csv << (i ? "," : "") << fmt("%.9g", d[i]);
    csv << "\n";
  }
  write_atomically(spec.output, out.str());
  write_atomically(spec.draws_output, csv.str());
  write_atomically(report_path, rep.str());
  std::cout << rep.str() << "\nwrote " << spec.output << ", " << spec.draws_output << " and " << report_path << "\n";
  return kExitOk;
}

}  // namespace renkei::cli
