// `renkei sensitivity FILE`: global sensitivity indices of a finished sweep. The method follows
// from the sweep's design (Saltelli -> Sobol S1 and ST; Morris -> elementary effects); the
// estimators and their tables live in sim/sensitivity (sensitivity_report.*); this file maps
// the options onto them.
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "io/h5_preflight.hpp"
#include "sensitivity/sensitivity_report.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_sensitivity(const std::vector<std::string>& args) {
  const po::options_description opts = sensitivity_options();
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
  preflight_results_file(file);
  return sensitivity_report(std::cout, std::cerr, request) ? kExitOk : kExitFailure;
}

}  // namespace renkei::cli
