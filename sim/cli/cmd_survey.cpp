// `renkei survey FILE`: the simulated questionnaire of one scenario against the study's
// survey, item by item, with the study's own sampling interval and a one-line verdict.
#include "calibrate/survey_report.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "io/h5_preflight.hpp"

#include <iostream>
#include <optional>

namespace renkei::cli {
namespace {

constexpr const char* kSurveyHelp =
    "\nCompares the simulated survey of one scenario (final_survey_* and the certifications by\n"
    "15 December) with the study's figures in a targets file. For each item: the study value,\n"
    "its base n, the study's own 95 % sampling interval (Wilson), the simulated ensemble mean\n"
    "and 90 % band over replicates, z = (simulated - study) / study SE, and whether the simulated\n"
    "mean lies inside the study's interval (for certifications: whether the study's count lies\n"
    "inside the simulated 90 % band). Items the model does not simulate are listed as such.\n"
    "Only role = target items are counted in the verdict; inputs (e.g. no-answer shares set by\n"
    "survey.na_*) and identities (routing bases) are listed apart. When the replicates ran with\n"
    "posterior draws (`renkei run` with [run] parameter_draws or --parameter-draws), the band is\n"
    "the posterior-predictive 90 % band over draws x replicates, and the verdict gives the\n"
    "fraction of targets whose study value lies inside it.\n"
    "Default targets: targets/tohoku2005.toml beside the scenario file recorded in FILE.\n"
    "Exit status: 0 ok (whatever the verdict), 2 bad input or usage.\n";

}  // namespace

int cmd_survey(const std::vector<std::string>& args) {
  // The positional list is named "scenario" by the shared parser; here it holds the file.
  po::options_description visible("renkei survey FILE [options]");
  visible.add_options()("help,h", "show this help")(
      "of", po::value<std::string>(),
      "scenario to show (default: 'baseline' if present, else the first)")(
      "targets", po::value<std::string>(),
      "targets file (default: targets/tohoku2005.toml beside the scenario file)");
  const auto vm = parse(args, visible, true);
  if (vm.count("help")) {
    std::cout << visible << kSurveyHelp;
    return kExitOk;
  }
  const std::string file = single_file(vm, "no file given: renkei survey FILE.h5", "output file");
  const auto option = [&](const char* name) {
    return vm.count(name) ? std::optional<std::string>(vm[name].as<std::string>()) : std::nullopt;
  };
  preflight_results_file(file);
  survey_file(std::cout, file, option("of"), option("targets"));
  return kExitOk;
}

}  // namespace renkei::cli
