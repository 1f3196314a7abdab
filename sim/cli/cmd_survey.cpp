// `renkei survey FILE`: the simulated questionnaire of one scenario against the study's
// survey, item by item, with the study's own sampling interval and a one-line verdict.
#include "calibrate/survey_fit.hpp"
#include "calibrate/targets.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "io/h5_layout.hpp"
#include "io/h5_reader.hpp"
#include "input/input_error.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

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

// targets/tohoku2005.toml beside the scenario's own file, as recorded in the output.
std::string default_targets(const H5Reader& in, std::size_t scenario) {
  const auto files = in.read_strings("scenario_files");
  if (scenario >= files.size()) return {};
  std::istringstream lines(files[scenario]);
  std::string first;
  std::getline(lines, first);
  const auto sep = first.find("  ");
  if (sep == std::string::npos) return {};
  return (std::filesystem::path(first.substr(sep + 2)).parent_path() / "targets" / "tohoku2005.toml").string();
}

}  // namespace

int cmd_survey(const std::vector<std::string>& args) {
  // The positional list is named "scenario" by the shared parser; here it holds the file.
  po::options_description visible("renkei survey FILE [options]");
  visible.add_options()("help,h", "show this help")(
      "of", po::value<std::string>(), "scenario to show (default: 'baseline' if present, else the first)")(
      "targets", po::value<std::string>(), "targets file (default: targets/tohoku2005.toml beside the scenario file)");
  const auto vm = parse(args, visible, true);
  if (vm.count("help")) {
    std::cout << visible << kSurveyHelp;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw UsageError("no file given: renkei survey FILE.h5");
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  if (files.size() != 1) throw UsageError("give exactly one output file, got " + std::to_string(files.size()));
  const std::string file = files.front();
  auto in = std::make_unique<H5Reader>(file);
  in->expect(ResultKind::study, "survey");
  in->require_variables({"scenario", "run_ok", "scenario_files"});
  const auto scenarios = in->read_strings("scenario");
  std::size_t sc = 0;
  if (vm.count("of")) {
    const std::string name = vm["of"].as<std::string>();
    const auto it = std::find(scenarios.begin(), scenarios.end(), name);
    if (it == scenarios.end()) {
      std::string msg = file + " has no scenario '" + name + "'";
      const std::string guess = closest_match(name, scenarios);
      if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
      throw UsageError(msg + "; pass --of NAME");
    }
    sc = static_cast<std::size_t>(it - scenarios.begin());
  } else {
    const auto it = std::find(scenarios.begin(), scenarios.end(), "baseline");
    if (it != scenarios.end()) sc = static_cast<std::size_t>(it - scenarios.begin());
  }
  const std::string targets_path = vm.count("targets") ? vm["targets"].as<std::string>() : default_targets(*in, sc);
  if (targets_path.empty() || !std::filesystem::exists(targets_path))
    throw UsageError("targets file '" + targets_path + "' not found; pass --targets scenarios/targets/tohoku2005.toml");
  const Targets targets = load_targets(targets_path);
  if (!in->has_variable("final_survey_respondents"))
    throw UsageError(file + " has no simulated survey (final_survey_*); it was written by an older renkei: rerun it");
  const auto ok = in->read_numeric("run_ok");
  if (ok.shape.size() != 2 || ok.shape[0] != scenarios.size())
    throw FileError("'" + file + "': run_ok is not a (scenario, replicate) variable over the file's " +
                    std::to_string(scenarios.size()) + " scenarios; the file is damaged");
  const std::size_t reps = ok.shape[1];
  FitTable table = fit_table(targets, [&](const std::string& name) {
    const auto v = in->read_numeric("final_" + name);
    // Indexed with run_ok's shape below: a variable of another shape would be read past its end.
    if (v.shape != ok.shape)
      throw FileError("'" + file + "': final_" + name + " does not have the (scenario, replicate) shape of run_ok; "
                      "the file is damaged");
    std::vector<double> out;
    for (std::size_t r = 0; r < reps; ++r)
      out.push_back(ok.values[sc * reps + r] == 1.0 ? v.values[sc * reps + r] : std::nan(""));
    return out;
  });
  // Posterior draws: each replicate ran with draw r mod D, so the replicates sample the
  // posterior predictive distribution (parameter uncertainty and the survey's own noise).
  std::string draws_note;
  const auto attrs = in->global_attribute_names();
  if (std::find(attrs.begin(), attrs.end(), std::string(kParameterDrawsAttribute)) != attrs.end()) {
    table.predictive = true;
    std::size_t used = 0;
    if (in->has_variable(std::string(kParameterDrawVariable))) {
      auto v = in->read_numeric(std::string(kParameterDrawVariable)).values;
      std::sort(v.begin(), v.end());
      used = static_cast<std::size_t>(std::unique(v.begin(), v.end()) - v.begin());
    }
    draws_note = ", " + std::to_string(used) + " posterior draws: " + in->global_attribute(std::string(kParameterDrawsAttribute));
  }
  std::cout << format_fit_table(table, "Simulated survey of '" + scenarios[sc] + "' in " + file + " (" +
                                           std::to_string(reps) + " replicates" + draws_note + ") against " +
                                           targets_path);
  return kExitOk;
}

}  // namespace renkei::cli
