// `renkei check`: validates scenario files (all errors of all files at once), checks every
// policy's levers against bounds and declared intent (on each scenario's own parameters and
// on every posterior draw its calibration names), and prints each scenario fully resolved or, with
// --diff, what each scenario changes against the first.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/policy_diff.hpp"
#include "scenario/study.hpp"

#include <iostream>
#include <optional>

namespace renkei::cli {

int cmd_check(const std::vector<std::string>& args) {
  po::options_description opts("renkei check SCENARIO... [options]");
  opts.add_options()("help,h", "show this help")("quiet,q",
                                                 "print nothing; only the exit status tells")(
      "diff",
      "print what each scenario changes against the first one (the baseline) instead of the "
      "resolved text")("parameter-draws", po::value<std::string>(),
                       "CSV of posterior draws (default: the draws the scenarios' calibration "
                       "names): every policy must also "
                       "keep its bounds and declared intent on every draw")(
      "point", "check on the scenarios' own (point) parameters only");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout
        << opts
        << "\nValidates scenario files and prints each fully resolved (every parameter,\n"
           "inherited or set, and every policy). Each policy lever must stay within its bounds\n"
           "and move the way its [policy.intent] declares, on the scenario's own parameters and\n"
           "on every posterior draw (those its calibration names, or --parameter-draws; --point\n"
           "skips the draws).\n"
           "  renkei check --diff scenarios/baseline.toml scenarios/push_delivery.toml\n"
           "prints, for each scenario after the first, the parameters that differ, every lever\n"
           "before -> after with its dates, and the cost schedule. Exit 0 if valid, 2 otherwise.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no scenario files given");
  const auto& paths = vm["scenario"].as<std::vector<std::string>>();
  if (vm.count("diff") && paths.size() < 2)
    throw UsageError(
        "--diff needs a baseline and at least one scenario: renkei check --diff BASELINE "
        "SCENARIO...");
  if (vm.count("point") && vm.count("parameter-draws"))
    throw UsageError("--point and --parameter-draws exclude each other");
  const auto scenarios = load_scenarios(paths);
  const std::string* draws_path =
      vm.count("parameter-draws") ? &vm["parameter-draws"].as<std::string>() : nullptr;
  auto draws = study_draws(scenarios, draws_path, vm.count("point") > 0);
  if (vm.count("quiet")) return kExitOk;
  if (vm.count("diff")) {
    for (std::size_t i = 1; i < scenarios.size(); ++i)
      std::cout << (i > 1 ? "\n" : "")
                << scenario_diff(scenarios.front(), scenarios[i], draws ? &*draws : nullptr);
  } else {
    for (const auto& s : scenarios) std::cout << s.resolved_toml << '\n';
  }
  std::cerr << "renkei check: " << scenarios.size() << " scenario(s) valid"
            << (draws ? " on each of " + std::to_string(draws->size()) + " parameter draws" : "")
            << "\n";
  return kExitOk;
}

}  // namespace renkei::cli
