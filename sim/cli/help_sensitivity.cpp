// The option table and help text of `renkei sensitivity` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kSensitivityHelp =
    "\nGlobal sensitivity of a sweep's outputs to its factors. The method follows from the "
    "design:\n"
    "  saltelli -> Sobol first-order S1 (Saltelli et al. 2010) and total ST (Jansen 1999)\n"
    "  morris   -> elementary effects: mu, mu* (Campolongo et al. 2007), sigma (Morris 1991)\n"
    "Each design point's value is the mean over its finished replicates (or --replicate R);\n"
    "with --versus BASE, the mean of each replicate's difference from BASE's same replicate\n"
    "(a policy's effect, whose sensitivity says which assumptions the comparison hangs on).\n"
    "Intervals: value +/- z * bootstrap SE (base samples or trajectories resampled), as SALib.\n"
    "--salib-export DIR writes problem.json, X.txt and Y_<output>.txt for SALib (any design "
    "kind).\n"
    "See docs/sensitivity.md. Exit status: 0 ok, 2 bad input or usage.\n";

po::options_description sensitivity_options() {
  po::options_description opts("renkei sensitivity SWEEP_RESULT.h5 [options]");
  opts.add_options()("help,h", "show this help")(
      "output", po::value<std::vector<std::string>>(),
      "final metric to analyse (repeatable or comma-separated; default: the sweep file's outputs, "
      "else "
      "certifications_end)")(
      "scenario", po::value<std::vector<std::string>>(),
      "scenario to analyse (repeatable; default: every scenario of the sweep)")(
      "bootstrap", po::value<long long>()->default_value(1000),
      "bootstrap resamples for the intervals (0: none)")(
      "confidence", po::value<double>()->default_value(0.95, "0.95"), "interval level, in (0, 1)")(
      "seed", po::value<unsigned long long>()->default_value(1),
      "seed of the bootstrap resampling")(
      "replicate", po::value<long long>(),
      "use this replicate only instead of the mean over replicates")(
      "versus", po::value<std::string>(),
      "analyse each scenario's effect against this one (e.g. baseline): per point, the mean over "
      "replicates of "
      "the paired difference")("salib-export", po::value<std::string>(),
                               "write problem.json, X.txt and Y_<output>.txt into this directory");
  return opts;
}

}  // namespace renkei::cli
