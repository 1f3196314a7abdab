// The ensemble runner: runs every (scenario, replicate) task on oneTBB worker threads and
// hands results, in a fixed order, to one writer thread (the caller's), which aggregates
// ensemble statistics online. Results do not depend on the thread count or on task timing.
#pragma once

#include "core/online_stats.hpp"
#include "io/result_writer.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace renkei {

struct EnsembleOptions {
  int threads = 1;
  int replicates = 1;            // per scenario
  std::uint64_t seed = 0;
  std::vector<double> quantiles{0.05, 0.5, 0.95};
  // Simulate the history shared by scenarios that differ only by dated policies once per
  // replicate and branch every scenario from it (results are identical either way).
  bool warm_start = true;
  // Called on the writer thread after each run is consumed: (done, total).
  std::function<void(std::uint64_t, std::uint64_t)> on_progress;
};

struct EnsembleReport {
  std::uint64_t runs = 0;
  std::uint64_t failed = 0;
  std::vector<ScenarioSummary> summaries;  // one per scenario
};

// Tasks run in replicate-major order (replicate 0 of every scenario, then replicate 1, ...),
// so that common-random-number pairs finish together. Each result is given to `writer`
// (if not null) in that order; summaries are written when all runs are done.
EnsembleReport run_ensemble(const std::vector<Scenario>& scenarios, const EnsembleOptions& options,
                            ResultWriter* writer);

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

}  // namespace renkei
