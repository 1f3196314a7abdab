// `renkei compare FILE`: each policy scenario of a study against its baseline, paired by
// replicate (common random numbers), with corrected intervals, cost-effectiveness and a
// ranking. The statistics live in sim/stats, their tables and exports in
// report/comparison_report.*; this file maps the options onto them.
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "io/h5_preflight.hpp"
#include "report/comparison_report.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_compare(const std::vector<std::string>& args) {
  const po::options_description opts = compare_options();
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kCompareHelp;
    return kExitOk;
  }
  const std::string file = single_file(vm, "no file given: renkei compare FILE.h5", "output file");
  CompareRequest request;
  request.file = file;
  if (vm.count("baseline")) request.baseline = vm["baseline"].as<std::string>();
  if (vm.count("metric")) request.metrics = vm["metric"].as<std::vector<std::string>>();
  request.level = vm["level"].as<double>();
  request.correction = vm["correction"].as<std::string>();
  request.family = vm["family"].as<std::string>();
  request.rank_by = vm["rank-by"].as<std::string>();
  request.csv = vm.count("csv") > 0;
  request.json = vm.count("json") > 0;
  preflight_results_file(file);
  compare_file(std::cout, request);
  return kExitOk;
}

}  // namespace renkei::cli
