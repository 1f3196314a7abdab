// `renkei run`: loads and checks the scenarios, runs the ensemble, writes the HDF5 file
// (atomically) and prints the summary table.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "cli/summary_table.hpp"
#include "engine/study_run.hpp"
#include "report/text.hpp"
#include "scenario/study.hpp"

#include <oneapi/tbb/info.h>

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

std::string num(double x) { return printf_double("%.4g", x); }

std::optional<RunControl> run_control_options(const po::variables_map& vm,
                                              std::size_t scenario_files) {
  const bool on = vm.count("until-halfwidth") > 0;
  if (!on) {
    for (const char* dependent : {"max-replicates", "batch", "level", "baseline"})
      if (vm.count(dependent) && !vm[dependent].defaulted())
        throw UsageError(std::string("--") + dependent +
                         " belongs to run-count control; add --until-halfwidth METRIC=H (e.g. "
                         "certifications_end=2)");
    return std::nullopt;
  }
  RunControl rc;
  try {
    rc.target = parse_half_width_target(vm["until-halfwidth"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (vm.count("replicates"))
    throw UsageError(
        "-n/--replicates and --until-halfwidth exclude each other: the replicate count is decided "
        "while "
        "running; give its cap as --max-replicates N");
  if (!vm.count("max-replicates"))
    throw UsageError(
        "--until-halfwidth needs --max-replicates N, the most replicates to run if the half-width "
        "is "
        "not reached");
  const auto cap = vm["max-replicates"].as<long long>();
  if (cap < 2 || cap > 10'000'000)
    throw UsageError(
        "--max-replicates must be between 2 and 10000000 (an interval needs 2 pairs), got " +
        std::to_string(cap));
  rc.max_replicates = static_cast<int>(cap);
  const auto batch = vm["batch"].as<long long>();
  if (batch < 1 || batch > 10'000'000)
    throw UsageError("--batch must be between 1 and 10000000, got " + std::to_string(batch));
  rc.batch = static_cast<int>(batch);
  rc.level = vm["level"].as<double>();
  if (!(rc.level > 0.0 && rc.level < 1.0))
    throw UsageError("--level must be in (0, 1), e.g. 0.95; got " + num(rc.level));
  if (scenario_files < 2)
    throw UsageError(
        "--until-halfwidth compares policies with a baseline: give at least two scenarios (the "
        "baseline "
        "first or named by --baseline)");
  return rc;
}

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

  long long threads = tbb::info::default_concurrency();
  if (vm.count("threads")) {
    threads = vm["threads"].as<long long>();
    if (threads < 1 || threads > 1024)
      throw UsageError("--threads must be between 1 and 1024, got " + std::to_string(threads));
  }
  if (vm.count("replicates")) {
    const auto n = vm["replicates"].as<long long>();
    if (n < 1 || n > 10'000'000)
      throw UsageError("--replicates must be between 1 and 10000000, got " + std::to_string(n));
  }
  if (vm.count("seed") && vm["seed"].as<long long>() < 0)
    throw UsageError("--seed must be >= 0, got " + std::to_string(vm["seed"].as<long long>()));
  const std::string output = vm["output"].as<std::string>();
  if (output.empty()) throw UsageError("--output must name a file");
  const auto control =
      run_control_options(vm, vm["scenario"].as<std::vector<std::string>>().size());
  if (vm.count("point") && vm.count("parameter-draws"))
    throw UsageError(
        "--point and --parameter-draws exclude each other: the point estimate, or draws");
  const long long per_draw = vm["replicates-per-draw"].as<long long>();
  if (per_draw < 1 || per_draw > 1'000'000)
    throw UsageError("--replicates-per-draw must be between 1 and 1000000, got " +
                     std::to_string(per_draw));

  StudyOverrides overrides;
  if (vm.count("replicates")) overrides.replicates = vm["replicates"].as<long long>();
  if (vm.count("seed")) overrides.seed = static_cast<std::uint64_t>(vm["seed"].as<long long>());
  if (control) overrides.max_replicates = control->max_replicates;
  if (vm.count("parameter-draws")) overrides.draws_path = vm["parameter-draws"].as<std::string>();
  overrides.point = vm.count("point") > 0;
  overrides.replicates_per_draw = per_draw;
  overrides.baseline_needed = control.has_value();
  if (vm.count("baseline")) overrides.baseline = vm["baseline"].as<std::string>();
  overrides.keep_replicate_series = !vm.count("no-replicate-series");
  const Study study = load_study(vm["scenario"].as<std::vector<std::string>>(), overrides);

  const bool quiet = vm.count("quiet") > 0;
  // Not a terminal (a batch log): a full progress line at most once a minute.
  Progress progress(progress_mode(!quiet), std::chrono::seconds(60));
  StudyRunOptions options;
  options.output = output;
  options.force = vm.count("force") > 0;
  options.threads = static_cast<int>(threads);
  options.warm_start = vm.count("no-warm-start") == 0;
  options.control = control;
  options.attributes =
      provenance(study.seed, static_cast<int>(threads), static_cast<int>(study.replicates), args);
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
    std::cout << "wrote " << output << " (" << report.runs << " runs";
    if (report.failed) std::cout << ", " << report.failed << " FAILED";
    std::cout << ")\n";
  }
  if (report.failed > 0) {
    std::cerr << "renkei run: " << report.failed << " run(s) failed; see run_error in " << output
              << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace renkei::cli
