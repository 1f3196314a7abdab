// `renkei calibrate CONFIG`: estimates the assumed parameters listed in a calibration file
// against the survey targets by ABC-SMC (calibrate/pipeline.hpp) and prints its report.
#include "calibrate/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "report/progress.hpp"

#include <algorithm>
#include <iostream>
#include <thread>

namespace renkei::cli {
int cmd_calibrate(const std::vector<std::string>& args) {
  const po::options_description opts = calibrate_options();
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kCalibrateHelp;
    return kExitOk;
  }
  const std::string file = single_file(
      vm, "no calibration file given: renkei calibrate scenarios/calibration/tohoku2005.toml",
      "calibration file");
  CalibrationRequest request;
  request.config = file;
  int threads = vm["threads"].as<int>();
  if (threads < 0 || threads > 4096)
    throw UsageError("--threads must be 0 (all cores) or 1-4096; got " + std::to_string(threads));
  request.threads =
      threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (vm.count("particles")) request.particles = vm["particles"].as<int>();
  if (vm.count("generations")) request.generations = vm["generations"].as<int>();
  if (vm.count("max-simulations")) request.max_simulations = vm["max-simulations"].as<long long>();
  if (vm.count("output")) request.output = vm["output"].as<std::string>();
  request.small = vm.count("small") > 0;
  request.fresh = vm.count("fresh") > 0;
  request.quiet = vm.count("quiet") > 0;
  request.terminal = stderr_is_terminal();
  const CalibrationWritten w = run_calibration(calibration_spec(request), request, std::cerr);
  std::cout << w.report << "\nwrote " << w.calibrated << ", " << w.draws << " and " << w.report_path
            << "\n";
  return kExitOk;
}

}  // namespace renkei::cli
