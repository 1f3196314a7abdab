#include "engine/run_request.hpp"

#include "core/usage_error.hpp"
#include "report/progress.hpp"
#include "report/text.hpp"

#include <oneapi/tbb/info.h>

#include <stdexcept>

namespace renkei {

std::optional<RunControl> run_control_of(const RunRequest& request) {
  if (!request.until_halfwidth) {
    const std::pair<const char*, bool> dependents[] = {
        {"max-replicates", request.max_replicates.has_value()},
        {"batch", request.batch_given},
        {"level", request.level_given},
        {"baseline", request.baseline.has_value()}};
    for (const auto& [dependent, given] : dependents)
      if (given)
        throw UsageError(std::string("--") + dependent +
                         " belongs to run-count control; add --until-halfwidth METRIC=H (e.g. "
                         "certifications_end=2)");
    return std::nullopt;
  }
  RunControl rc;
  try {
    rc.target = parse_half_width_target(*request.until_halfwidth);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (request.replicates)
    throw UsageError(
        "-n/--replicates and --until-halfwidth exclude each other: the replicate count is decided "
        "while "
        "running; give its cap as --max-replicates N");
  if (!request.max_replicates)
    throw UsageError(
        "--until-halfwidth needs --max-replicates N, the most replicates to run if the half-width "
        "is "
        "not reached");
  const auto cap = *request.max_replicates;
  if (cap < 2 || cap > 10'000'000)
    throw UsageError(
        "--max-replicates must be between 2 and 10000000 (an interval needs 2 pairs), got " +
        std::to_string(cap));
  rc.max_replicates = static_cast<int>(cap);
  rc.batch = static_cast<int>(option_in_range("batch", request.batch, 1, 10'000'000));
  rc.level = request.level;
  if (!(rc.level > 0.0 && rc.level < 1.0))
    throw UsageError("--level must be in (0, 1), e.g. 0.95; got " +
                     printf_double("%.4g", rc.level));
  if (request.scenario_files.size() < 2)
    throw UsageError(
        "--until-halfwidth compares policies with a baseline: give at least two scenarios (the "
        "baseline "
        "first or named by --baseline)");
  return rc;
}

PreparedRun prepare_run(const RunRequest& request) {
  const long long threads = request.threads ? option_in_range("threads", *request.threads, 1, 1024)
                                            : tbb::info::default_concurrency();
  if (request.replicates) option_in_range("replicates", *request.replicates, 1, 10'000'000);
  if (request.seed && *request.seed < 0)
    throw UsageError("--seed must be >= 0, got " + std::to_string(*request.seed));
  if (request.output.empty()) throw UsageError("--output must name a file");
  const auto control = run_control_of(request);
  if (request.point && request.draws_path)
    throw UsageError(
        "--point and --parameter-draws exclude each other: the point estimate, or draws");
  option_in_range("replicates-per-draw", request.replicates_per_draw, 1, 1'000'000);

  StudyOverrides overrides;
  overrides.replicates = request.replicates;
  if (request.seed) overrides.seed = static_cast<std::uint64_t>(*request.seed);
  if (control) overrides.max_replicates = control->max_replicates;
  overrides.draws_path = request.draws_path;
  overrides.point = request.point;
  overrides.replicates_per_draw = request.replicates_per_draw;
  overrides.baseline_needed = control.has_value();
  overrides.baseline = request.baseline;
  overrides.keep_replicate_series = request.keep_replicate_series;
  PreparedRun prepared{load_study(request.scenario_files, overrides), {}};
  prepared.options.output = request.output;
  prepared.options.force = request.force;
  prepared.options.threads = static_cast<int>(threads);
  prepared.options.warm_start = request.warm_start;
  prepared.options.control = control;
  return prepared;
}

StudyRunResult run_prepared(PreparedRun& run, std::ostream* console) {
  StudyRunOptions& options = run.options;
  Progress progress(progress_mode(console != nullptr), std::chrono::seconds(60));
  options.on_progress = [&](std::uint64_t done, std::uint64_t total) {
    progress.update(done, total);
  };
  options.before_log = [&] { progress.finish(); };
  options.log = console;
  options.warnings = console;
  return run_study(run.study, options);
}

}  // namespace renkei
