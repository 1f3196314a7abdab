// The option table and help text of `renkei calibrate` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kCalibrateHelp =
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
    "Exit status: 0 ok (also when a cap stopped the run), 2 bad input or usage, 1 failure while "
    "running.\n";

po::options_description calibrate_options() {
  po::options_description opts("renkei calibrate CONFIG [options]");
  opts.add_options()("help,h", "show this help")("threads,j", po::value<int>()->default_value(0),
                                                 "worker threads (0 = all cores)")(
      "small",
      "small-budget mode for CI and trials: 24 particles, at most 3 generations, 4 validation and "
      "4 "
      "predictive runs (the cap, not the rule, usually stops it)")("particles", po::value<int>(),
                                                                   "override abc.particles")(
      "generations", po::value<int>(), "override abc.max_generations (the safety cap)")(
      "max-simulations", po::value<long long>(),
      "override abc.max_simulations (the safety cap; 0 = no limit)")(
      "output,o", po::value<std::string>(),
      "write the calibrated parameter file here instead (draws and report beside it)")(
      "fresh", "discard an existing checkpoint and start from the prior")("quiet,q",
                                                                          "no progress output");
  return opts;
}

}  // namespace renkei::cli
