// `renkei params`: the parameter schema, as a plain list or as docs/parameters.md; with a
// scenario, the values that scenario runs with and, with --levers, how its policies move them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "input/toml_text.hpp"
#include "scenario/lever_schedule.hpp"
#include "scenario/params.hpp"
#include "scenario/schema_doc.hpp"
#include "scenario/study.hpp"

#include <iostream>

namespace renkei::cli {
namespace {

// Every parameter with the value the scenario resolves to; those that differ from the
// schema default say so, so calibrated and scenario-specific values stand out.
void print_resolved(const Scenario& s) {
  std::cout
      << "parameters of scenario '" << s.name
      << "' (its own values and those of the files it extends; '*' differs from the default)\n";
  for (const auto& d : param_schema()) {
    const double v = d.get(s.params);
    const bool differs = v != d.default_value;
    const auto text = [&](double x) {
      return d.type == ParamType::boolean ? std::string(x != 0.0 ? "true" : "false")
                                          : approx_text(x);
    };
    std::cout << (differs ? "* " : "  ") << d.key << " = " << text(v) << "  (" << d.unit << ")"
              << (differs ? "  default " + text(d.default_value) : "")
              << (d.lever ? "  [lever]" : "") << "\n";
  }
}

}  // namespace

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
      print_resolved(scenarios.front());
    }
    return kExitOk;
  }
  if (vm.count("levers"))
    throw UsageError("--levers needs a scenario: renkei params SCENARIO --levers");
  for (const auto& d : param_schema()) {
    std::cout << d.key << " = " << d.default_value << "  [" << d.min << ", " << d.max << "] "
              << d.unit << (d.lever ? "  (policy lever)" : "") << "\n    " << d.description << "\n";
  }
  return kExitOk;
}

}  // namespace renkei::cli
