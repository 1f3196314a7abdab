// `renkei validate FILE VALIDATION.toml`: a run against published figures that were never
// used to fit it, item by item, with the same inside/outside reading as `renkei survey` (here
// against the run's own 5 %-95 % band over replicates; calibrate/validation_report.*).
#include "calibrate/validation_report.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "io/h5_preflight.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description opts("renkei validate FILE.h5 VALIDATION.toml [options]");
  opts.add_options()("help,h", "show this help");
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts
              << "\nCompares a run with published figures held out of calibration (a validation "
                 "file such as\n"
                 "scenarios/validation/shin_renkei_published.toml): for each figure about a world "
                 "and scenario\n"
                 "the run holds, the series' mean, SD and 5 %-95 % band over replicates at the "
                 "figure's date,\n"
                 "and whether the figure lies inside the band. Figures by block ([[block_figure]]) "
                 "are compared\n"
                 "with certifications_by_block (15 December of the start year) or "
                 "certifications_by_block_end\n"
                 "(the end date); block = \"national\" is the sum over the world's blocks. Exit 0 "
                 "when the comparison ran (whatever it\n"
                 "found), 2 for bad input.\n";
    return kExitOk;
  }
  if (!vm.count("scenario") || vm["scenario"].as<std::vector<std::string>>().size() != 2)
    throw UsageError(
        "give a result file and a validation file: renkei validate FILE.h5 VALIDATION.toml");
  const auto& files = vm["scenario"].as<std::vector<std::string>>();
  preflight_results_file(files[0]);
  validate_file(std::cout, files[0], files[1]);
  return kExitOk;
}

}  // namespace renkei::cli
