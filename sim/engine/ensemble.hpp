// The ensemble runner: runs every (scenario, replicate) task on oneTBB worker threads and
// hands results, in a fixed order, to one writer thread (the caller's), which aggregates
// ensemble statistics online. Results do not depend on the thread count or on task timing.
#pragma once

#include "core/online_stats.hpp"
#include "io/result_writer.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace renkei {

class Executor;

struct EnsembleOptions {
  int threads = 1;
  int replicates = 1;  // per scenario
  std::uint64_t seed = 0;
  std::vector<double> quantiles{0.05, 0.5, 0.95};
  // Simulate the history shared by scenarios that differ only by dated policies once per
  // replicate and branch every scenario from it (results are identical either way).
  bool warm_start = true;
  // Posterior parameter draws (not owned; null for fixed parameters): replicate r of every
  // scenario runs with draw r mod D applied to the scenario's base parameters, before its
  // policies. A warm-start family shares history within one replicate only, so it always
  // shares one draw.
  const ParameterDraws* parameter_draws = nullptr;
  // Called on the writer thread after each run is consumed: (done, total). With batches
  // (Ensemble::run_to) the total is that of the batch being run.
  std::function<void(std::uint64_t, std::uint64_t)> on_progress;
  // Called on the writer thread with each run, in replicate-major order, after the writer
  // has it (failed runs carry NaN finals): lets a caller follow the results as they come.
  std::function<void(const RunResult&)> on_run;
};

struct EnsembleReport {
  std::uint64_t runs = 0;
  std::uint64_t failed = 0;
  std::vector<ScenarioSummary> summaries;  // one per scenario
};

// Summary of one scenario from its runs, fed in replicate order (used by run_ensemble and
// by tests). Memory is bounded: weekly series are aggregated online; the per-run final
// metrics (a few numbers per run) are kept for exact quantiles.
class ScenarioAggregator {
 public:
  ScenarioAggregator(std::uint32_t scenario, int steps, std::vector<double> quantiles);
  void add(const RunResult& run);  // failed runs are ignored
  ScenarioSummary summary() const;

 private:
  std::uint32_t scenario_;
  int steps_;
  VectorStats series_;
  std::vector<std::vector<double>> final_values_;  // [final][run]
};

// An ensemble run in rounds: run_to(R) adds replicates up to R of every scenario, so a
// caller may decide after each round whether to go on (run-count control). The runs, and
// so the file, of rounds ending at R equal those of one round of R replicates.
class Ensemble {
 public:
  // Keeps references to `scenarios`, `writer` and options.parameter_draws.
  Ensemble(const std::vector<Scenario>& scenarios, EnsembleOptions options, ResultWriter* writer);
  ~Ensemble();
  Ensemble(const Ensemble&) = delete;
  Ensemble& operator=(const Ensemble&) = delete;

  // Runs replicates [replicates_done(), replicates) of every scenario. Tasks run in
  // replicate-major order (replicate r of every scenario, then r + 1, ...), so that
  // common-random-number pairs finish together; each result goes to the writer (if any)
  // in that order.
  void run_to(int replicates);
  int replicates_done() const noexcept { return done_; }
  // Summaries over the replicates run, written to the writer; call once, at the end.
  EnsembleReport finish();

  // Scenarios that share their history before any policy acts (warm start).
  struct Family {
    std::vector<std::uint32_t> members;  // scenario indices, ascending
    int branch_step = 0;                 // first step at which any member's policy acts
  };

 private:
  const std::vector<Scenario>& scenarios_;
  EnsembleOptions options_;
  ResultWriter* writer_;
  int steps_ = 0;
  int done_ = 0;
  bool finished_ = false;
  std::vector<Family> families_;
  std::vector<ScenarioAggregator> aggregators_;
  EnsembleReport report_;
  std::unique_ptr<Executor> executor_;
};

// All `options.replicates` replicates in one round: Ensemble(...).run_to(R), then finish().
EnsembleReport run_ensemble(const std::vector<Scenario>& scenarios, const EnsembleOptions& options,
                            ResultWriter* writer);

}  // namespace renkei
