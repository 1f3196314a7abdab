// What `renkei run` was asked for, checked option by option (UsageError naming the option and
// the fix) and turned into the study to run and the way to run it: the replicate count, seed,
// posterior draws and baseline go to load_study, the run-count control (--until-halfwidth
// with its cap, batch and level) and the output to run_study.
#pragma once

#include "engine/study_run.hpp"
#include "scenario/study.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace renkei {

struct RunRequest {
  std::vector<std::string> scenario_files;
  std::optional<long long> replicates;  // -n (1 to 10^7)
  std::optional<long long> threads;     // -j (1 to 1024; default: all cores)
  std::optional<long long> seed;        // --seed (>= 0)
  std::string output;
  bool force = false;
  bool keep_replicate_series = true;  // false: --no-replicate-series
  bool warm_start = true;             // false: --no-warm-start
  // Run-count control: --until-halfwidth METRIC=H with its cap, batch and level (given or
  // defaulted: the dependents are refused without --until-halfwidth only when given).
  std::optional<std::string> until_halfwidth;
  std::optional<long long> max_replicates;
  long long batch = 10;
  bool batch_given = false;
  double level = 0.95;
  bool level_given = false;
  std::optional<std::string> baseline;    // --baseline NAME
  std::optional<std::string> draws_path;  // --parameter-draws
  bool point = false;                     // --point
  long long replicates_per_draw = 1;      // --replicates-per-draw (1 to 10^6)
};

struct PreparedRun {
  Study study;
  // Output, force, threads, warm start and run control; the caller adds the provenance,
  // progress and log streams.
  StudyRunOptions options;
};

// The run-count control of `request`, or none without --until-halfwidth (UsageError for its
// options given without it, for -n with it, and for values out of range).
std::optional<RunControl> run_control_of(const RunRequest& request);

// Checks `request` (UsageError naming the option) and loads its study (InputErrors for bad
// files, UsageError for settings that disagree).
PreparedRun prepare_run(const RunRequest& request);

// Runs `run` (its options' provenance already set). With a `console` (none: --quiet), a progress
// line on stderr (a full line at most once a minute when stderr is not a terminal: a batch
// log), ended before each round's line, and the round lines and warnings on `console`.
StudyRunResult run_prepared(PreparedRun& run, std::ostream* console);

}  // namespace renkei
