// `renkei run`: loads and checks the scenarios, runs the ensemble, writes the HDF5 file
// (atomically) and prints the summary table.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/text.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "cli/scenario_set.hpp"
#include "cli/summary_table.hpp"
#include "engine/ensemble.hpp"
#include "engine/run_control.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_layout.hpp"
#include "io/result_writer.hpp"
#include "model/series.hpp"
#include "input/input_error.hpp"
#include "scenario/parameter_draws.hpp"

#include <oneapi/tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

namespace renkei::cli {
namespace {

constexpr const char* kRunHelp =
    "\nRuns each scenario as a Monte Carlo ensemble (replicate r of every scenario uses the same\n"
    "random streams: common random numbers) and writes one netCDF-4/HDF5 file. Results are\n"
    "identical for any thread count. Without -n/--seed, the scenarios' [run] replicates and\n"
    "seed are used (they must then agree). The file appears only when complete; an existing\n"
    "file is replaced only with --force.\n"
    "--until-halfwidth METRIC=H runs replicates in rounds of --batch until the paired t-interval\n"
    "(--level) of every policy's mean difference from the baseline on METRIC has half-width\n"
    "<= H, or --max-replicates is reached; the file holds exactly the replicates run.\n"
    "Parameter uncertainty is included by default: when the scenarios' calibration names its\n"
    "posterior draws ([run] parameter_draws), replicate r of every scenario runs with draw r mod D;\n"
    "--parameter-draws FILE.csv names other draws, --point runs the point estimate alone, and\n"
    "--replicates-per-draw k runs k replicates per draw (see docs/compare.md).\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing written), 1 a failure while running.\n";

std::string scenario_files_text(const Scenario& s) {
  std::string out;
  for (const auto& f : s.files) out += f.sha256 + "  " + f.path + "\n";
  return out;
}

std::string num(double x) { return printf_double("%.4g", x); }

// The run-count rule of `--until-halfwidth`, checked after every round.
struct RunControl {
  HalfWidthTarget target;
  int max_replicates = 0;
  int batch = 10;
  double level = 0.95;
  std::size_t baseline = 0;

  std::string rule() const {
    return target.metric + " half-width <= " + num(target.half_width) + " at " + num(level * 100.0) + " %";
  }
};

std::optional<RunControl> run_control_options(const po::variables_map& vm, std::size_t scenario_files) {
  const bool on = vm.count("until-halfwidth") > 0;
  if (!on) {
    for (const char* dependent : {"max-replicates", "batch", "level", "baseline"})
      if (vm.count(dependent) && !vm[dependent].defaulted())
        throw UsageError(std::string("--") + dependent +
                         " belongs to run-count control; add --until-halfwidth METRIC=H (e.g. certifications_end=2)");
    return std::nullopt;
  }
  RunControl rc;
  try {
    rc.target = parse_half_width_target(vm["until-halfwidth"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (vm.count("replicates"))
    throw UsageError("-n/--replicates and --until-halfwidth exclude each other: the replicate count is decided while "
                     "running; give its cap as --max-replicates N");
  if (!vm.count("max-replicates"))
    throw UsageError("--until-halfwidth needs --max-replicates N, the most replicates to run if the half-width is "
                     "not reached");
  const auto cap = vm["max-replicates"].as<long long>();
  if (cap < 2 || cap > 10'000'000)
    throw UsageError("--max-replicates must be between 2 and 10000000 (an interval needs 2 pairs), got " +
                     std::to_string(cap));
  rc.max_replicates = static_cast<int>(cap);
  const auto batch = vm["batch"].as<long long>();
  if (batch < 1 || batch > 10'000'000)
    throw UsageError("--batch must be between 1 and 10000000, got " + std::to_string(batch));
  rc.batch = static_cast<int>(batch);
  rc.level = vm["level"].as<double>();
  if (!(rc.level > 0.0 && rc.level < 1.0)) throw UsageError("--level must be in (0, 1), e.g. 0.95; got " + num(rc.level));
  if (scenario_files < 2)
    throw UsageError("--until-halfwidth compares policies with a baseline: give at least two scenarios (the baseline "
                     "first or named by --baseline)");
  return rc;
}

// 'baseline' if present, else the first scenario, or --baseline NAME.
std::size_t baseline_index(const po::variables_map& vm, const std::vector<Scenario>& scenarios) {
  std::vector<std::string> names;
  for (const auto& s : scenarios) names.push_back(s.name);
  if (vm.count("baseline")) {
    const std::string name = vm["baseline"].as<std::string>();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      std::string msg = "--baseline: no scenario named '" + name + "'";
      const std::string guess = closest_match(name, names);
      if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throw UsageError(msg + "; the scenarios are: " + list);
    }
    return static_cast<std::size_t>(it - names.begin());
  }
  const auto it = std::find(names.begin(), names.end(), "baseline");
  return it == names.end() ? 0 : static_cast<std::size_t>(it - names.begin());
}

// A draw replaces the base value of its parameters in every scenario: a difference between
// scenarios in such a base value would vanish, so it is pointed out.
void warn_drawn_differences(const ParameterDraws& draws, const std::vector<Scenario>& scenarios) {
  for (const std::size_t index : draws.columns) {
    const ParamDef& d = param_schema()[index];
    for (const auto& s : scenarios)
      if (d.get(s.params) != d.get(scenarios.front().params)) {
        std::cerr << "renkei run: warning: scenarios '" << scenarios.front().name << "' and '" << s.name
                  << "' set different base values of '" << d.key << "' (" << num(d.get(scenarios.front().params))
                  << " and " << num(d.get(s.params)) << "), which every draw of " << draws.path
                  << " replaces; to compare them, make the change a [[policy]] or drop the column\n";
        break;
      }
  }
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("renkei run SCENARIO... [options]");
  opts.add_options()("help,h", "show this help")(
      "replicates,n", po::value<long long>(), "replicates per scenario (default: the scenarios' run.replicates)")(
      "threads,j", po::value<long long>(), "worker threads (default: all cores)")(
      "seed", po::value<long long>(), "master seed >= 0 (default: the scenarios' run.seed)")(
      "output,o", po::value<std::string>()->default_value("results.h5"), "output HDF5 file")(
      "force", "replace an existing output file")(
      "no-replicate-series", "store only ensemble summaries of the weekly series (smaller files)")(
      "no-warm-start", "simulate every scenario from the start (same results, slower)")(
      "until-halfwidth", po::value<std::string>(),
      "METRIC=H: add replicates until every policy's paired CI of mean d METRIC has half-width <= H")(
      "max-replicates", po::value<long long>(), "most replicates with --until-halfwidth (required with it)")(
      "batch", po::value<long long>()->default_value(10), "replicates added per round with --until-halfwidth")(
      "level", po::value<double>()->default_value(0.95, "0.95"), "confidence level of the --until-halfwidth interval")(
      "baseline", po::value<std::string>(),
      "baseline of --until-halfwidth (default: 'baseline' if present, else the first scenario)")(
      "parameter-draws", po::value<std::string>(),
      "CSV of posterior draws (default: the draws the scenarios' calibration names): replicate r of every "
      "scenario uses draw r mod D")(
      "point", "run at the calibrated point estimate only: no parameter uncertainty")(
      "replicates-per-draw", po::value<long long>()->default_value(1),
      "replicates run with each posterior draw (>= 2 separates stochastic from parameter uncertainty in "
      "renkei compare): the first N / k draws are used")(
      "quiet,q", "print nothing but errors");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kRunHelp;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no scenario files given");

  long long threads = tbb::info::default_concurrency();
  if (vm.count("threads")) {
    threads = vm["threads"].as<long long>();
    if (threads < 1 || threads > 1024) throw UsageError("--threads must be between 1 and 1024, got " + std::to_string(threads));
  }
  if (vm.count("replicates")) {
    const auto n = vm["replicates"].as<long long>();
    if (n < 1 || n > 10'000'000) throw UsageError("--replicates must be between 1 and 10000000, got " + std::to_string(n));
  }
  if (vm.count("seed") && vm["seed"].as<long long>() < 0)
    throw UsageError("--seed must be >= 0, got " + std::to_string(vm["seed"].as<long long>()));
  const std::string output = vm["output"].as<std::string>();
  if (output.empty()) throw UsageError("--output must name a file");
  const auto control = run_control_options(vm, vm["scenario"].as<std::vector<std::string>>().size());
  if (vm.count("point") && vm.count("parameter-draws"))
    throw UsageError("--point and --parameter-draws exclude each other: the point estimate, or draws");
  const long long per_draw = vm["replicates-per-draw"].as<long long>();
  if (per_draw < 1 || per_draw > 1'000'000)
    throw UsageError("--replicates-per-draw must be between 1 and 1000000, got " + std::to_string(per_draw));

  const auto scenarios = load_scenarios(vm["scenario"].as<std::vector<std::string>>());
  check_compatible(scenarios);
  const std::string* draws_path = vm.count("parameter-draws") ? &vm["parameter-draws"].as<std::string>() : nullptr;
  auto draws = study_draws(scenarios, draws_path, vm.count("point") > 0);
  if (!draws && per_draw != 1) throw UsageError("--replicates-per-draw needs posterior draws (not with --point)");
  std::size_t baseline = 0;
  if (control) baseline = baseline_index(vm, scenarios);

  // One seed and one replicate count for the whole study (common random numbers).
  const auto& first = scenarios.front();
  long long replicates = first.run.replicates;
  std::uint64_t seed = first.run.seed;
  for (const auto& s : scenarios) {
    if (!vm.count("replicates") && !control && s.run.replicates != first.run.replicates)
      throw UsageError("scenarios set different run.replicates (" + first.name + ": " +
                       std::to_string(first.run.replicates) + ", " + s.name + ": " + std::to_string(s.run.replicates) +
                       "); pass -n N");
    if (!vm.count("seed") && s.run.seed != first.run.seed)
      throw UsageError("scenarios set different run.seed (" + first.name + " vs " + s.name +
                       "); common random numbers need one seed: pass --seed S");
  }
  if (vm.count("replicates")) replicates = vm["replicates"].as<long long>();
  if (control) replicates = control->max_replicates;
  if (draws && per_draw > 1)
    draws = first_draws(*draws, static_cast<std::size_t>(std::max(1LL, replicates / per_draw)));
  if (vm.count("seed")) seed = static_cast<std::uint64_t>(vm["seed"].as<long long>());
  bool keep_series = !vm.count("no-replicate-series");
  for (const auto& s : scenarios) keep_series = keep_series && s.run.keep_replicate_series;

  StudyHeader header;
  for (const auto& s : scenarios) {
    header.scenario_names.push_back(s.name);
    header.scenario_descriptions.push_back(s.description);
    header.scenario_display_names_en.push_back(s.display_name_en);
    header.scenario_display_names_ja.push_back(s.display_name_ja);
    header.scenario_toml.push_back(s.resolved_toml);
    header.scenario_files.push_back(scenario_files_text(s));
  }
  const Calendar cal = first.calendar();
  header.replicates = static_cast<int>(replicates);
  header.steps = cal.steps();
  header.start = cal.start();
  header.step_days = cal.step_days();
  header.keep_replicate_series = keep_series;
  // Per-block output over the union of the scenarios' blocks (one world in practice).
  for (const auto& s : scenarios) {
    std::vector<std::size_t> cols;
    for (const auto& b : s.world->blocks) {
      const auto at = std::find(header.block_ids.begin(), header.block_ids.end(), b.id);
      cols.push_back(static_cast<std::size_t>(at - header.block_ids.begin()));
      if (at == header.block_ids.end()) header.block_ids.push_back(b.id);
    }
    header.scenario_block_columns.push_back(std::move(cols));
  }
  header.block_dec_date = Date{cal.start().year, 12, 15};
  header.end_date = first.run.end;
  header.attributes = provenance(seed, static_cast<int>(threads), static_cast<int>(replicates), args);
  if (draws) {
    header.parameter_draws = static_cast<int>(draws->size());
    header.attributes.emplace_back(std::string(kParameterDrawsAttribute), draws->describe());
    header.attributes.emplace_back(std::string(kParametersAttribute), "posterior draws");
  } else {
    header.attributes.emplace_back(std::string(kParametersAttribute),
                                   vm.count("point") ? "point estimate (--point)"
                                                     : "fixed (the scenarios name no posterior draws)");
  }

  // The writer refuses an existing file or a bad output path before any work is done (exit 2);
  // a write that fails while it lays out the file (a full disk) is a failure while running
  // (exit 1), like one during the runs.
  std::unique_ptr<ResultWriter> writer;
  try {
    auto inputs = input_files(scenarios);
    if (draws) inputs.push_back(draws->path);
    refuse_output_onto_inputs(output, inputs);
    writer = make_hdf5_writer(output, vm.count("force") > 0, header);
  } catch (const FileError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  const bool quiet = vm.count("quiet") > 0;
  if (draws && !quiet) warn_drawn_differences(*draws, scenarios);
  // Not a terminal (a batch log): a full progress line at most once a minute.
  Progress progress(progress_mode(!quiet), std::chrono::seconds(60));
  EnsembleOptions options;
  options.threads = static_cast<int>(threads);
  options.replicates = static_cast<int>(replicates);
  options.seed = seed;
  options.quantiles = header.quantiles;
  options.warm_start = vm.count("no-warm-start") == 0;
  options.on_progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  options.parameter_draws = draws ? &*draws : nullptr;
  // Run control follows its metric per scenario, in replicate order.
  std::vector<std::vector<double>> tracked(scenarios.size());
  if (control)
    options.on_run = [&](const RunResult& run) { tracked[run.scenario].push_back(run.finals[control->target.final_index]); };

  Ensemble ensemble(scenarios, options, writer.get());
  if (!control) {
    ensemble.run_to(static_cast<int>(replicates));
  } else {
    for (int round = 1;; ++round) {
      ensemble.run_to(next_replicate_target(ensemble.replicates_done(), control->batch, control->max_replicates));
      const HalfWidthCheck check = check_half_widths(tracked, baseline, control->level, control->target.half_width);
      const int n = ensemble.replicates_done();
      const bool last = check.met || n >= control->max_replicates;
      if (!quiet) {
        progress.finish();
        std::cerr << "round " << round << ": " << n << " replicates, largest " << num(control->level * 100.0)
                  << " % half-width of mean d " << control->target.metric << " "
                  << (std::isinf(check.largest) ? std::string("n/a (fewer than 2 usable pairs)") : num(check.largest))
                  << " ('" << scenarios[*check.widest].name << "' vs '" << scenarios[baseline].name << "'), target "
                  << num(control->target.half_width) << "\n";
      }
      if (last) {
        const std::string outcome =
            control->rule() + (check.met ? ": met at " : ": not met at ") + std::to_string(n) + " replicates" +
            (check.met ? "" : " (the --max-replicates cap; largest half-width " + num(check.largest) + ")");
        writer->set_attribute(std::string(kRunControlAttribute), outcome);
        if (!quiet) std::cerr << "run control: " << outcome << "\n";
        break;
      }
    }
  }
  writer->set_replicates(ensemble.replicates_done());
  writer->set_attribute("replicates", std::to_string(ensemble.replicates_done()));
  const EnsembleReport report = ensemble.finish();
  progress.finish();
  writer->commit();

  if (!quiet) {
    print_summary_table(std::cout, header.scenario_names, report.summaries, header.quantiles);
    std::cout << "wrote " << output << " (" << report.runs << " runs";
    if (report.failed) std::cout << ", " << report.failed << " FAILED";
    std::cout << ")\n";
  }
  if (report.failed > 0) {
    std::cerr << "renkei run: " << report.failed << " run(s) failed; see run_error in " << output << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace renkei::cli
