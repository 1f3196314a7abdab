// `renkei check`: validates scenario files (all errors of all files at once), checks every
// policy's levers against bounds and declared intent (on each scenario's own parameters and
// on every posterior draw its calibration names), and prints each scenario fully resolved or, with
// --diff, what each scenario changes against the first.
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/policy_diff.hpp"
#include "scenario/study.hpp"

#include <iostream>
#include <optional>

namespace renkei::cli {

int cmd_check(const std::vector<std::string>& args) {
  const po::options_description opts = check_options();
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kCheckHelp;
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
