// `renkei sensitivity FILE`: global sensitivity indices of a finished sweep. The method follows
// from the sweep's design (Saltelli -> Sobol S1 and ST; Morris -> elementary effects); the
// estimators and their tables live in sim/sensitivity (sensitivity_report.*); this file maps
// the options onto them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "sensitivity/sensitivity_report.hpp"

#include <iostream>

namespace renkei::cli {
namespace {

constexpr const char* kSensitivityHelp =
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

}  // namespace

int cmd_sensitivity(const std::vector<std::string>& args) {
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
  po::options_description all;
  all.add(opts);
  all.add_options()("file", po::value<std::vector<std::string>>(), "sweep result");
  po::positional_options_description pos;
  pos.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << opts << kSensitivityHelp;
    return kExitOk;
  }
  const std::string file = single_file(vm, "no file given: renkei sensitivity SWEEP_RESULT.h5",
                                       "sweep result file", "file");
  SensitivityRequest request;
  request.file = file;
  if (vm.count("output")) request.outputs = vm["output"].as<std::vector<std::string>>();
  if (vm.count("scenario")) request.scenarios = vm["scenario"].as<std::vector<std::string>>();
  request.bootstrap = vm["bootstrap"].as<long long>();
  request.confidence = vm["confidence"].as<double>();
  request.seed = vm["seed"].as<unsigned long long>();
  if (vm.count("replicate")) request.replicate = vm["replicate"].as<long long>();
  if (vm.count("versus")) request.versus = vm["versus"].as<std::string>();
  if (vm.count("salib-export")) request.salib_export = vm["salib-export"].as<std::string>();
  return sensitivity_report(std::cout, std::cerr, request) ? kExitOk : kExitFailure;
}

}  // namespace renkei::cli
