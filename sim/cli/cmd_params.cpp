// `renkei params`: the parameter schema, as a plain list or as docs/parameters.md; with a
// scenario, the values that scenario runs with and, with --levers, how its policies move them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "scenario/lever_schedule.hpp"
#include "scenario/params_listing.hpp"
#include "scenario/schema_doc.hpp"
#include "scenario/study.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_params(const std::vector<std::string>& args) {
  po::options_description opts("renkei params [SCENARIO] [options]");
  opts.add_options()("help,h", "show this help")("markdown", "print docs/parameters.md")(
      "levers",
      "with SCENARIO: list every lever with the value the scenario resolves to and each dated "
      "change "
      "its policies make (start, ramp, end, budget cap), before -> after");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout
        << opts
        << "\nWithout a scenario: every parameter with its default, bounds and unit.\n"
           "With SCENARIO: the values that scenario runs with (after the files it extends,\n"
           "e.g. a calibrated baseline); --levers: the levers and how its policies change them.\n"
           "  renkei params scenarios/push_delivery.toml --levers\n";
    return kExitOk;
  }
  if (vm.count("markdown")) {
    if (vm.count("scenario"))
      throw UsageError("--markdown prints the schema; give no scenario with it");
    std::cout << parameters_markdown();
    return kExitOk;
  }
  if (vm.count("scenario")) {
    const auto& paths = vm["scenario"].as<std::vector<std::string>>();
    if (paths.size() != 1)
      throw UsageError("give one scenario file (got " + std::to_string(paths.size()) + ")");
    const auto scenarios = load_scenarios(paths);
    if (vm.count("levers")) {
      std::cout << lever_schedule(scenarios.front());
    } else {
      std::cout << resolved_parameters(scenarios.front());
    }
    return kExitOk;
  }
  if (vm.count("levers"))
    throw UsageError("--levers needs a scenario: renkei params SCENARIO --levers");
  std::cout << parameters_list();
  return kExitOk;
}

}  // namespace renkei::cli
