// The option table and help text of `renkei run` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kRunHelp =
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

po::options_description run_options() {
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
  return opts;
}

}  // namespace renkei::cli
