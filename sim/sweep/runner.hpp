// The sweep runner of one process: chunks of tasks come from a work source (a local list, or
// the MPI coordinator), run on oneTBB worker threads, and come back to the calling thread,
// which alone commits them to the ledger and talks to the work source (so MPI is only ever
// called from the main thread). Results depend only on the task index, never on which
// thread, process or shard ran it.
#pragma once

#include "scenario/scenario.hpp"
#include "sweep/design.hpp"
#include "sweep/ledger.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renkei {

// Hands out chunks of tasks. All calls come from the runner's calling thread.
class WorkSource {
 public:
  virtual ~WorkSource() = default;
  // The next chunk, or nothing when the work is exhausted (or handing out has stopped).
  virtual std::optional<TaskRange> next() = 0;
  // Called about every millisecond while the runner waits: lets a coordinator answer others.
  virtual void poll() {}
  // The runner has stopped asking (work exhausted or interrupted) and every chunk it took is
  // committed; a coordinator waits here until every other process has said the same.
  virtual void finish() {}
};

// A fixed list of chunks, handed out in order.
class ListSource final : public WorkSource {
 public:
  explicit ListSource(std::vector<TaskRange> chunks) : chunks_(std::move(chunks)) {}
  std::optional<TaskRange> next() override;

 private:
  std::vector<TaskRange> chunks_;
  std::size_t next_ = 0;
};

// Thrown by a task function that saw the stop flag: the task is dropped, not recorded.
struct TaskStopped {};

// Runs task `task`; may throw TaskStopped if `stop` became true meanwhile. Any other
// exception records the task as failed with the exception's text.
using TaskFn = std::function<TaskRecord(std::uint64_t task, const std::atomic<bool>& stop)>;

struct RunnerOptions {
  int threads = 1;
  // Chunks handed to the workers but not yet committed (bounds memory); 0 means threads + 1.
  std::size_t max_in_flight = 0;
  // Set asynchronously (signal handler): stop taking work, drop unfinished tasks, commit
  // the finished ones, return.
  const std::atomic<bool>* stop = nullptr;
  // After each commit on the calling thread: (tasks committed by this process so far).
  std::function<void(std::uint64_t)> on_commit;
};

struct RunnerReport {
  std::uint64_t done = 0;    // tasks committed by this process
  std::uint64_t failed = 0;  // of which recorded as failed
  bool stopped = false;      // the stop flag ended the run early
};

// Runs every chunk `source` hands out and commits each (or, when stopped, its finished
// prefix) through `commit`. If `commit` throws, running tasks are stopped and waited for
// before the exception propagates.
RunnerReport run_chunks(WorkSource& source, const TaskFn& task,
                        const std::function<void(const Chunk&)>& commit,
                        const RunnerOptions& options);

// Everything a sweep's tasks need: the loaded sweep and its scenarios. Task t is
// (scenario s, point p, replicate r) with t = (s * points + p) * replicates + r, the
// row-major order of the result arrays.
struct SweepPlan {
  Sweep sweep;
  std::vector<Scenario> scenarios;

  std::uint64_t scenario_count() const noexcept { return scenarios.size(); }
  std::uint64_t point_count() const noexcept { return sweep.design.points.size(); }
  std::uint64_t replicate_count() const noexcept {
    return static_cast<std::uint64_t>(sweep.replicates);
  }
  std::uint64_t task_count() const noexcept {
    return scenario_count() * point_count() * replicate_count();
  }

  struct Cell {
    std::uint32_t scenario;
    std::uint64_t point;
    std::uint32_t replicate;
  };
  Cell cell(std::uint64_t task) const;
};

// One model run: the scenario with the point's parameters as base values, the sweep's seed
// and replicate stream r (common random numbers across points). Checks `stop` every step.
TaskRecord run_sweep_task(const SweepPlan& plan, std::uint64_t task, const std::atomic<bool>& stop);

// What must not change between the parts of one sweep: the sweep file, the scenarios as
// resolved, the content of every file the runs read (scenarios, their parents, worlds), the
// counts, the seed and the renkei build (text, one "key = value" per line; input files as
// kInputLine + "<sha256> <path>").
std::string sweep_identity(const SweepPlan& plan);

// (absolute path, sha256 of the content) of every file the plan's runs read, each once.
std::vector<std::pair<std::string, std::string>> input_digests(const SweepPlan& plan);

// Chunk size for a sweep of `tasks` run by `workers` threads in all: small enough for load
// balance and for little lost work on a kill, large enough to keep files few.
std::uint64_t chunk_size_for(std::uint64_t tasks, std::uint64_t workers);

}  // namespace renkei
