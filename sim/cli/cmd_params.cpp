// `renkei params`: the parameter schema, as a plain list or as docs/parameters.md.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "scenario/params.hpp"
#include "scenario/schema_doc.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_params(const std::vector<std::string>& args) {
  po::options_description opts("renkei params [options]");
  opts.add_options()("help,h", "show this help")("markdown", "print docs/parameters.md");
  const auto vm = parse(args, opts, false);
  if (vm.count("help")) {
    std::cout << opts;
    return kExitOk;
  }
  if (vm.count("markdown")) {
    std::cout << parameters_markdown();
    return kExitOk;
  }
  for (const auto& d : param_schema()) {
    std::cout << d.key << " = " << d.default_value << "  [" << d.min << ", " << d.max << "] " << d.unit
              << (d.lever ? "  (policy lever)" : "") << "\n    " << d.description << "\n";
  }
  return kExitOk;
}

}  // namespace renkei::cli
