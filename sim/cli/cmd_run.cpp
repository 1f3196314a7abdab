// `renkei run`: loads and checks the scenarios, runs the ensemble, writes the HDF5 file
// (atomically) and prints the summary table. The options are checked and the study loaded by
// engine/run_request, run by engine/study_run; this file maps the options onto them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/provenance.hpp"
#include "cli/summary_table.hpp"
#include "engine/run_request.hpp"
#include "report/progress.hpp"

#include <iostream>
#include <optional>

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
    "posterior draws ([run] parameter_draws), replicate r of every scenario runs with draw r mod "
    "D;\n"
    "--parameter-draws FILE.csv names other draws, --point runs the point estimate alone, and\n"
    "--replicates-per-draw k runs k replicates per draw (see docs/compare.md).\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing written), 1 a failure while running.\n";

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("renkei run SCENARIO... [options]");
  opts.add_options()("help,h", "show this help")(
      "replicates,n", po::value<long long>(),
      "replicates per scenario (default: the scenarios' run.replicates)")(
      "threads,j", po::value<long long>(), "worker threads (default: all cores)")(
      "seed", po::value<long long>(), "master seed >= 0 (default: the scenarios' run.seed)")(
      "output,o", po::value<std::string>()->default_value("results.h5"), "output HDF5 file")(
      "force", "replace an existing output file")(
      "no-replicate-series", "store only ensemble summaries of the weekly series (smaller files)")(
      "no-warm-start", "simulate every scenario from the start (same results, slower)")(
      "until-halfwidth", po::value<std::string>(),
      "METRIC=H: add replicates until every policy's paired CI of mean d METRIC has half-width <= "
      "H")("max-replicates", po::value<long long>(),
           "most replicates with --until-halfwidth (required with it)")(
      "batch", po::value<long long>()->default_value(10),
      "replicates added per round with --until-halfwidth")(
      "level", po::value<double>()->default_value(0.95, "0.95"),
      "confidence level of the --until-halfwidth interval")(
      "baseline", po::value<std::string>(),
      "baseline of --until-halfwidth (default: 'baseline' if present, else the first scenario)")(
      "parameter-draws", po::value<std::string>(),
      "CSV of posterior draws (default: the draws the scenarios' calibration names): replicate r "
      "of every "
      "scenario uses draw r mod D")(
      "point", "run at the calibrated point estimate only: no parameter uncertainty")(
      "replicates-per-draw", po::value<long long>()->default_value(1),
      "replicates run with each posterior draw (>= 2 separates stochastic from parameter "
      "uncertainty in "
      "renkei compare): the first N / k draws are used")("quiet,q", "print nothing but errors");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kRunHelp;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no scenario files given");
  RunRequest request;
  request.scenario_files = vm["scenario"].as<std::vector<std::string>>();
  auto number = [&](const char* name) {
    return vm.count(name) ? std::optional(vm[name].as<long long>()) : std::nullopt;
  };
  auto text = [&](const char* name) {
    return vm.count(name) ? std::optional(vm[name].as<std::string>()) : std::nullopt;
  };
  request.replicates = number("replicates");
  request.threads = number("threads");
  request.seed = number("seed");
  request.output = vm["output"].as<std::string>();
  request.force = vm.count("force") > 0;
  request.keep_replicate_series = !vm.count("no-replicate-series");
  request.warm_start = vm.count("no-warm-start") == 0;
  request.until_halfwidth = text("until-halfwidth");
  request.max_replicates = number("max-replicates");
  request.batch = vm["batch"].as<long long>();
  request.batch_given = !vm["batch"].defaulted();
  request.level = vm["level"].as<double>();
  request.level_given = !vm["level"].defaulted();
  request.baseline = text("baseline");
  request.draws_path = text("parameter-draws");
  request.point = vm.count("point") > 0;
  request.replicates_per_draw = vm["replicates-per-draw"].as<long long>();
  PreparedRun run = prepare_run(request);
  const Study& study = run.study;
  StudyRunOptions& options = run.options;

  const bool quiet = vm.count("quiet") > 0;
  // Not a terminal (a batch log): a full progress line at most once a minute.
  Progress progress(progress_mode(!quiet), std::chrono::seconds(60));
  options.attributes =
      provenance(study.seed, options.threads, static_cast<int>(study.replicates), args);
  options.on_progress = [&](std::uint64_t done, std::uint64_t total) {
    progress.update(done, total);
  };
  options.before_log = [&] { progress.finish(); };
  options.log = quiet ? nullptr : &std::cerr;
  options.warnings = quiet ? nullptr : &std::cerr;
  const StudyRunResult result = run_study(study, options);
  const EnsembleReport& report = result.report;

  if (!quiet) {
    print_summary_table(std::cout, result.scenario_names, report.summaries, result.quantiles);
    std::cout << "wrote " << options.output << " (" << report.runs << " runs";
    if (report.failed) std::cout << ", " << report.failed << " FAILED";
    std::cout << ")\n";
  }
  if (report.failed > 0) {
    std::cerr << "renkei run: " << report.failed << " run(s) failed; see run_error in "
              << options.output << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace renkei::cli
