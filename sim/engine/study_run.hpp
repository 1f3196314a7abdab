// A study run to one result file, as `renkei run` does it: the file's header from the study,
// the writer (refusing an existing file or an input as output before any work), the ensemble,
// optionally in rounds until a paired half-width target is met (run control), and the commit.
#pragma once

#include "engine/ensemble.hpp"
#include "engine/run_control.hpp"
#include "io/result_writer.hpp"
#include "scenario/study.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace renkei {

// The run-count rule of `--until-halfwidth`, checked after every round.
struct RunControl {
  HalfWidthTarget target;
  int max_replicates = 0;
  int batch = 10;
  double level = 0.95;

  // "certifications_end half-width <= 2 at 95 %".
  std::string rule() const;
};

struct StudyRunOptions {
  std::string output;
  bool force = false;
  int threads = 1;
  bool warm_start = true;
  std::optional<RunControl> control;
  // Provenance attributes (versions, seed, command line) for the file.
  std::vector<std::pair<std::string, std::string>> attributes;
  std::function<void(std::uint64_t, std::uint64_t)> on_progress;
  std::function<void()>
      before_log;               // called before a round's line is logged (ends a progress line)
  std::ostream* log = nullptr;  // round and run-control lines; nullptr: none
  std::ostream* warnings = nullptr;  // warnings about the study; nullptr: none
};

struct StudyRunResult {
  std::vector<std::string> scenario_names;
  std::vector<double> quantiles;
  EnsembleReport report;
};

// Throws FileError or UsageError for an output that cannot be written (nothing run), and a
// runtime error for a failure while running.
StudyRunResult run_study(const Study& study, const StudyRunOptions& options);

}  // namespace renkei
