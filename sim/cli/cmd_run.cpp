// `renkei run`: loads and checks the scenarios, runs the ensemble, writes the HDF5 file
// (atomically) and prints the summary table.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "cli/scenario_set.hpp"
#include "cli/summary_table.hpp"
#include "engine/ensemble.hpp"
#include "io/result_writer.hpp"

#include <oneapi/tbb/info.h>

#include <iostream>
#include <limits>
#include <sstream>

namespace renkei::cli {
namespace {

constexpr const char* kRunHelp =
    "\nRuns each scenario as a Monte Carlo ensemble (replicate r of every scenario uses the same\n"
    "random streams: common random numbers) and writes one netCDF-4/HDF5 file. Results are\n"
    "identical for any thread count. Without -n/--seed, the scenarios' [run] replicates and\n"
    "seed are used (they must then agree). The file appears only when complete; an existing\n"
    "file is replaced only with --force.\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing written), 1 a failure while running.\n";

std::string scenario_files_text(const Scenario& s) {
  std::string out;
  for (const auto& f : s.files) out += f.sha256 + "  " + f.path + "\n";
  return out;
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

  const auto scenarios = load_scenarios(vm["scenario"].as<std::vector<std::string>>());
  check_compatible(scenarios);

  // One seed and one replicate count for the whole study (common random numbers).
  const auto& first = scenarios.front();
  long long replicates = first.run.replicates;
  std::uint64_t seed = first.run.seed;
  for (const auto& s : scenarios) {
    if (!vm.count("replicates") && s.run.replicates != first.run.replicates)
      throw UsageError("scenarios set different run.replicates (" + first.name + ": " +
                       std::to_string(first.run.replicates) + ", " + s.name + ": " + std::to_string(s.run.replicates) +
                       "); pass -n N");
    if (!vm.count("seed") && s.run.seed != first.run.seed)
      throw UsageError("scenarios set different run.seed (" + first.name + " vs " + s.name +
                       "); common random numbers need one seed: pass --seed S");
  }
  if (vm.count("replicates")) replicates = vm["replicates"].as<long long>();
  if (vm.count("seed")) seed = static_cast<std::uint64_t>(vm["seed"].as<long long>());
  bool keep_series = !vm.count("no-replicate-series");
  for (const auto& s : scenarios) keep_series = keep_series && s.run.keep_replicate_series;

  StudyHeader header;
  for (const auto& s : scenarios) {
    header.scenario_names.push_back(s.name);
    header.scenario_descriptions.push_back(s.description);
    header.scenario_toml.push_back(s.resolved_toml);
    header.scenario_files.push_back(scenario_files_text(s));
  }
  const Calendar cal = first.calendar();
  header.replicates = static_cast<int>(replicates);
  header.steps = cal.steps();
  header.start = cal.start();
  header.step_days = cal.step_days();
  header.keep_replicate_series = keep_series;
  header.attributes = provenance(seed, static_cast<int>(threads), static_cast<int>(replicates), args);

  // The writer refuses an existing file before any work is done (exit 2 via UsageError).
  std::unique_ptr<ResultWriter> writer;
  try {
    writer = make_hdf5_writer(output, vm.count("force") > 0, header);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }

  const bool quiet = vm.count("quiet") > 0;
  Progress progress(!quiet && stderr_is_terminal());
  EnsembleOptions options;
  options.threads = static_cast<int>(threads);
  options.replicates = static_cast<int>(replicates);
  options.seed = seed;
  options.quantiles = header.quantiles;
  options.warm_start = vm.count("no-warm-start") == 0;
  options.on_progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  const EnsembleReport report = run_ensemble(scenarios, options, writer.get());
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
