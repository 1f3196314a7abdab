#include "cli/scenario_set.hpp"

#include "input/input_error.hpp"
#include "scenario/loader.hpp"

#include <map>

namespace renkei::cli {

std::vector<Scenario> load_scenarios(const std::vector<std::string>& paths) {
  std::vector<Scenario> out;
  std::vector<InputError> errors;
  std::map<std::string, std::string> names;  // name -> first file
  for (const auto& path : paths) {
    try {
      Scenario s = load_scenario(path);
      auto [it, inserted] = names.emplace(s.name, path);
      if (!inserted) {
        errors.push_back({path, 0, 0, "scenario.name",
                          "scenario name '" + s.name + "' is also the name of " + it->second,
                          "give each scenario of one run a unique [scenario] name"});
      }
      out.push_back(std::move(s));
    } catch (const InputErrors& e) {
      errors.insert(errors.end(), e.errors().begin(), e.errors().end());
    }
  }
  if (!errors.empty()) throw InputErrors(std::move(errors));
  return out;
}

void check_compatible(const std::vector<Scenario>& scenarios) {
  std::vector<InputError> errors;
  const auto& first = scenarios.front();
  const std::string origin = first.files.empty() ? first.name : first.files.front().path;
  for (const auto& s : scenarios) {
    const std::string file = s.files.empty() ? s.name : s.files.front().path;
    auto mismatch = [&](const char* key, const std::string& a, const std::string& b) {
      errors.push_back({file, 0, 0, key, std::string("differs from ") + origin + " (" + b + " vs " + a + ")",
                        "scenarios run together share one calendar: set the same value, or run them separately"});
    };
    if (!(s.run.start == first.run.start)) mismatch("run.start", first.run.start.iso(), s.run.start.iso());
    if (!(s.run.end == first.run.end)) mismatch("run.end", first.run.end.iso(), s.run.end.iso());
    if (s.run.step_days != first.run.step_days)
      mismatch("run.step_days", std::to_string(first.run.step_days), std::to_string(s.run.step_days));
  }
  if (!errors.empty()) throw InputErrors(std::move(errors));
}

std::vector<std::string> input_files(const std::vector<Scenario>& scenarios) {
  std::vector<std::string> out;
  for (const Scenario& s : scenarios) {
    for (const auto& f : s.files) out.push_back(f.path);
    out.push_back(s.run.world);
  }
  return out;
}

}  // namespace renkei::cli
