#include "scenario/study.hpp"

#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "scenario/loader.hpp"

#include <algorithm>
#include <map>

namespace renkei {

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
      errors.push_back({file, 0, 0, key,
                        std::string("differs from ") + origin + " (" + b + " vs " + a + ")",
                        "scenarios run together share one calendar: set the same value, or run "
                        "them separately"});
    };
    if (!(s.run.start == first.run.start))
      mismatch("run.start", first.run.start.iso(), s.run.start.iso());
    if (!(s.run.end == first.run.end)) mismatch("run.end", first.run.end.iso(), s.run.end.iso());
    if (s.run.step_days != first.run.step_days)
      mismatch("run.step_days", std::to_string(first.run.step_days),
               std::to_string(s.run.step_days));
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

namespace {

// 'baseline' if present, else the first scenario, or the one `name` names.
std::size_t baseline_index(const std::optional<std::string>& name,
                           const std::vector<Scenario>& scenarios) {
  std::vector<std::string> names;
  for (const auto& s : scenarios) names.push_back(s.name);
  if (name) {
    const auto it = std::find(names.begin(), names.end(), *name);
    if (it == names.end()) {
      std::string msg = "--baseline: no scenario named '" + *name + "'";
      const std::string guess = closest_match(*name, names);
      if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      throw UsageError(msg + "; the scenarios are: " + list);
    }
    return static_cast<std::size_t>(it - names.begin());
  }
  const auto it = std::find(names.begin(), names.end(), "baseline");
  return it == names.end() ? 0 : static_cast<std::size_t>(it - names.begin());
}

}  // namespace

Study load_study(const std::vector<std::string>& paths, const StudyOverrides& overrides) {
  Study study;
  study.scenarios = load_scenarios(paths);
  const auto& scenarios = study.scenarios;
  check_compatible(scenarios);
  study.point = overrides.point;
  study.draws = study_draws(scenarios, overrides.draws_path ? &*overrides.draws_path : nullptr,
                            overrides.point);
  const long long per_draw = overrides.replicates_per_draw;
  if (!study.draws && per_draw != 1)
    throw UsageError("--replicates-per-draw needs posterior draws (not with --point)");
  if (overrides.baseline_needed) study.baseline = baseline_index(overrides.baseline, scenarios);

  // One seed and one replicate count for the whole study (common random numbers).
  const auto& first = scenarios.front();
  study.replicates = first.run.replicates;
  study.seed = first.run.seed;
  for (const auto& s : scenarios) {
    if (!overrides.replicates && !overrides.max_replicates &&
        s.run.replicates != first.run.replicates)
      throw UsageError("scenarios set different run.replicates (" + first.name + ": " +
                       std::to_string(first.run.replicates) + ", " + s.name + ": " +
                       std::to_string(s.run.replicates) + "); pass -n N");
    if (!overrides.seed && s.run.seed != first.run.seed)
      throw UsageError("scenarios set different run.seed (" + first.name + " vs " + s.name +
                       "); common random numbers need one seed: pass --seed S");
  }
  if (overrides.replicates) study.replicates = *overrides.replicates;
  if (overrides.max_replicates) study.replicates = *overrides.max_replicates;
  if (study.draws && per_draw > 1)
    study.draws = first_draws(*study.draws,
                              static_cast<std::size_t>(std::max(1LL, study.replicates / per_draw)));
  if (overrides.seed) study.seed = *overrides.seed;
  study.keep_replicate_series = overrides.keep_replicate_series;
  for (const auto& s : scenarios)
    study.keep_replicate_series = study.keep_replicate_series && s.run.keep_replicate_series;
  return study;
}

}  // namespace renkei
