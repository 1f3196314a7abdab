// One study: the scenarios run together and the settings they share. Every command that runs
// or reads a set of scenarios loads them here, so the cross-scenario checks (unique names,
// one calendar, one seed and one replicate count for common random numbers, the baseline,
// the posterior draws) are made once.
#pragma once

#include "scenario/parameter_draws.hpp"
#include "scenario/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace renkei {

// Loads every file (all files' errors are collected and reported together as InputErrors);
// names must be unique.
std::vector<Scenario> load_scenarios(const std::vector<std::string>& paths);

// Every file the scenarios were read from: each scenario, its parents and its world (for
// refusing an output path that is one of them).
std::vector<std::string> input_files(const std::vector<Scenario>& scenarios);

// Scenarios run together must share a calendar (they are compared week by week).
void check_compatible(const std::vector<Scenario>& scenarios);

// What a command sets over the scenarios' own [run] settings.
struct StudyOverrides {
  std::optional<long long> replicates;  // -n: replaces run.replicates
  std::optional<std::uint64_t> seed;    // --seed: replaces run.seed
  // The replicate count is decided while running (run control) and capped here: the
  // scenarios' run.replicates need not agree.
  std::optional<long long> max_replicates;
  std::optional<std::string> draws_path;  // --parameter-draws
  bool point = false;                     // --point: no posterior draws
  long long replicates_per_draw = 1;
  bool baseline_needed = false;         // find the baseline (else it is scenario 0)
  std::optional<std::string> baseline;  // --baseline NAME
  bool keep_replicate_series = true;    // false: --no-replicate-series
};

struct Study {
  std::vector<Scenario> scenarios;
  std::uint64_t seed = 0;
  long long replicates = 0;
  std::size_t baseline = 0;             // index into scenarios
  std::optional<ParameterDraws> draws;  // posterior draws, replicate r uses draw r mod D
  bool point = false;                   // the point estimate was asked for
  bool keep_replicate_series = true;    // every scenario and the overrides keep them
};

// Loads and checks the scenarios and reconciles their settings with `overrides`. Throws
// InputErrors for bad files and UsageError for settings that disagree (naming the option
// that settles them).
Study load_study(const std::vector<std::string>& paths, const StudyOverrides& overrides);

}  // namespace renkei
