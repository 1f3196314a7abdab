// The option table and help text of `renkei check` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kCheckHelp =
    "\nValidates scenario files and prints each fully resolved (every parameter,\n"
    "inherited or set, and every policy). Each policy lever must stay within its bounds\n"
    "and move the way its [policy.intent] declares, on the scenario's own parameters and\n"
    "on every posterior draw (those its calibration names, or --parameter-draws; --point\n"
    "skips the draws).\n"
    "  renkei check --diff scenarios/baseline.toml scenarios/push_delivery.toml\n"
    "prints, for each scenario after the first, the parameters that differ, every lever\n"
    "before -> after with its dates, and the cost schedule. Exit 0 if valid, 2 otherwise.\n";

po::options_description check_options() {
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
  return opts;
}

}  // namespace renkei::cli
