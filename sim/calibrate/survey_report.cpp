#include "calibrate/survey_report.hpp"

#include "calibrate/survey_fit.hpp"
#include "calibrate/targets.hpp"
#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "io/h5_layout.hpp"
#include "io/h5_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <sstream>

namespace renkei {
namespace {

// targets/tohoku2005.toml beside the scenario's own file, as recorded in the output.
std::string default_targets(const H5Reader& in, std::size_t scenario) {
  const auto files = in.read_strings("scenario_files");
  if (scenario >= files.size()) return {};
  std::istringstream lines(files[scenario]);
  std::string first;
  std::getline(lines, first);
  const auto sep = first.find("  ");
  if (sep == std::string::npos) return {};
  return (std::filesystem::path(first.substr(sep + 2)).parent_path() / "targets" /
          "tohoku2005.toml")
      .string();
}

}  // namespace

void survey_file(std::ostream& out, const std::string& file, const std::optional<std::string>& of,
                 const std::optional<std::string>& targets_file) {
  auto in = std::make_unique<H5Reader>(file);
  in->expect(ResultKind::study, "survey");
  in->require_variables({"scenario", "run_ok", "scenario_files"});
  const auto scenarios = in->read_strings("scenario");
  std::size_t sc = 0;
  if (of) {
    const std::string name = *of;
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
  const std::string targets_path = targets_file ? *targets_file : default_targets(*in, sc);
  if (targets_path.empty() || !std::filesystem::exists(targets_path))
    throw UsageError("targets file '" + targets_path +
                     "' not found; pass --targets scenarios/targets/tohoku2005.toml");
  const Targets targets = load_targets(targets_path);
  if (!in->has_variable("final_survey_respondents"))
    throw UsageError(
        file +
        " has no simulated survey (final_survey_*); it was written by an older renkei: rerun it");
  const auto ok = in->read_numeric("run_ok");
  if (ok.shape.size() != 2 || ok.shape[0] != scenarios.size())
    throw FileError("'" + file +
                    "': run_ok is not a (scenario, replicate) variable over the file's " +
                    std::to_string(scenarios.size()) + " scenarios; the file is damaged");
  const std::size_t reps = ok.shape[1];
  FitTable table = fit_table(targets, [&](const std::string& name) {
    const auto v = in->read_numeric("final_" + name);
    // Indexed with run_ok's shape below: a variable of another shape would be read past its end.
    if (v.shape != ok.shape)
      throw FileError("'" + file + "': final_" + name +
                      " does not have the (scenario, replicate) shape of run_ok; "
                      "the file is damaged");
    std::vector<double> column;
    for (std::size_t r = 0; r < reps; ++r)
      column.push_back(ok.values[sc * reps + r] == 1.0 ? v.values[sc * reps + r] : std::nan(""));
    return column;
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
    draws_note = ", " + std::to_string(used) +
                 " posterior draws: " + in->global_attribute(std::string(kParameterDrawsAttribute));
  }
  out << format_fit_table(table, "Simulated survey of '" + scenarios[sc] + "' in " + file + " (" +
                                     std::to_string(reps) + " replicates" + draws_note +
                                     ") against " + targets_path);
}

}  // namespace renkei
