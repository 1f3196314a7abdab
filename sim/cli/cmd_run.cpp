// `renkei run`: loads and checks the scenarios, runs the ensemble, writes the HDF5 file
// (atomically) and prints the summary table. The options are checked, the study loaded and
// run by engine/run_request (with engine/study_run); this file maps the options onto them.
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "cli/provenance.hpp"
#include "cli/summary_table.hpp"
#include "engine/run_request.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_run(const std::vector<std::string>& args) {
  const po::options_description opts = run_options();
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kRunHelp;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no scenario files given");
  RunRequest request;
  request.scenario_files = vm["scenario"].as<std::vector<std::string>>();
  request.replicates = given<long long>(vm, "replicates");
  request.threads = given<long long>(vm, "threads");
  request.seed = given<long long>(vm, "seed");
  request.output = vm["output"].as<std::string>();
  request.force = vm.count("force") > 0;
  request.keep_replicate_series = !vm.count("no-replicate-series");
  request.warm_start = vm.count("no-warm-start") == 0;
  request.until_halfwidth = given<std::string>(vm, "until-halfwidth");
  request.max_replicates = given<long long>(vm, "max-replicates");
  request.batch = vm["batch"].as<long long>();
  request.batch_given = !vm["batch"].defaulted();
  request.level = vm["level"].as<double>();
  request.level_given = !vm["level"].defaulted();
  request.baseline = given<std::string>(vm, "baseline");
  request.draws_path = given<std::string>(vm, "parameter-draws");
  request.point = vm.count("point") > 0;
  request.replicates_per_draw = vm["replicates-per-draw"].as<long long>();
  PreparedRun run = prepare_run(request);
  run.options.attributes =
      provenance(run.study.seed, run.options.threads, static_cast<int>(run.study.replicates), args);
  const bool quiet = vm.count("quiet") > 0;
  const StudyRunResult result = run_prepared(run, quiet ? nullptr : &std::cerr);
  return report_run(result, run.options.output, quiet);
}

}  // namespace renkei::cli
