#include "sweep/runner.hpp"

#include "engine/executor.hpp"
#include "input/input_file.hpp"
#include "input/sha256.hpp"
#include "model/model.hpp"
#include "renkei/build_info.hpp"
#include "scenario/run_spec.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace renkei {
namespace {

TaskRecord failed_record(std::string why) {
  TaskRecord r;
  r.ok = false;
  r.finals.fill(std::numeric_limits<double>::quiet_NaN());
  r.error = why.empty() ? "failed (no reason given)" : std::move(why);
  return r;
}

// How long the calling thread waits for a finished chunk before it polls the work source
// and the stop flag again: short beside any model run, long beside a context switch.
constexpr auto kPollInterval = std::chrono::milliseconds(2);

}  // namespace

std::optional<TaskRange> ListSource::next() {
  if (next_ >= chunks_.size()) return std::nullopt;
  return chunks_[next_++];
}

RunnerReport run_chunks(WorkSource& source, const TaskFn& task,
                        const std::function<void(const Chunk&)>& commit,
                        const RunnerOptions& options) {
  if (options.threads < 1) throw std::invalid_argument("threads must be >= 1");
  const std::size_t max_in_flight = options.max_in_flight > 0
                                        ? options.max_in_flight
                                        : static_cast<std::size_t>(options.threads) + 1;

  Executor executor(options.threads);
  // Declared after everything its tasks use: its destructor stops and waits for them.
  Executor::Stream<Chunk> stream(executor);
  const std::atomic<bool>& stop_tasks = stream.stop_requested();

  auto launch = [&](TaskRange range) {
    stream.submit([&task, &stop_tasks, range] {
      Chunk chunk;
      chunk.first = range.first;
      chunk.records.reserve(static_cast<std::size_t>(range.count));
      // Tasks of a chunk run in order, so an interrupted chunk leaves a finished prefix.
      for (std::uint64_t t = range.first; t < range.end(); ++t) {
        if (stop_tasks.load(std::memory_order_acquire)) break;
        try {
          chunk.records.push_back(task(t, stop_tasks));
        } catch (const TaskStopped&) {
          break;
        } catch (const std::exception& e) {
          chunk.records.push_back(failed_record(e.what()));
        } catch (...) {
          chunk.records.push_back(failed_record("unknown error"));
        }
      }
      return chunk;
    });
  };

  RunnerReport report;
  std::size_t in_flight = 0;
  bool exhausted = false;
  for (;;) {
    if (!report.stopped && options.stop != nullptr &&
        options.stop->load(std::memory_order_acquire)) {
      report.stopped = true;
      stream.request_stop();
    }
    while (!report.stopped && !exhausted && in_flight < max_in_flight) {
      const std::optional<TaskRange> range = source.next();
      if (!range) {
        exhausted = true;
      } else if (range->count > 0) {
        launch(*range);
        ++in_flight;
      }
    }
    for (Chunk& chunk : stream.collect(kPollInterval)) {
      --in_flight;
      if (chunk.records.empty()) continue;
      commit(chunk);
      report.done += chunk.records.size();
      report.failed += static_cast<std::uint64_t>(std::count_if(
          chunk.records.begin(), chunk.records.end(), [](const TaskRecord& r) { return !r.ok; }));
      if (options.on_commit) options.on_commit(report.done);
    }
    if ((exhausted || report.stopped) && in_flight == 0) break;
    source.poll();
  }
  source.finish();
  return report;
}

SweepPlan::Cell SweepPlan::cell(std::uint64_t task) const {
  if (task >= task_count())
    throw std::out_of_range("task " + std::to_string(task) + " beyond the sweep's " +
                            std::to_string(task_count()));
  const std::uint64_t r = task % replicate_count();
  const std::uint64_t sp = task / replicate_count();
  return {static_cast<std::uint32_t>(sp / point_count()), sp % point_count(),
          static_cast<std::uint32_t>(r)};
}

TaskRecord run_sweep_task(const SweepPlan& plan, std::uint64_t task,
                          const std::atomic<bool>& stop) {
  const SweepPlan::Cell c = plan.cell(task);
  const Scenario scenario =
      with_overrides(plan.scenarios[c.scenario],
                     point_overrides(plan.sweep.design, static_cast<std::size_t>(c.point)),
                     "design point " + std::to_string(c.point));
  Model model(scenario, plan.sweep.seed, c.replicate);
  // Stepping here rather than inside run() lets a stop request drop the run within a step.
  const int steps = model.calendar().steps();
  while (model.current_step() < steps) {
    if (stop.load(std::memory_order_relaxed)) throw TaskStopped{};
    model.step();
  }
  const RunResult result = model.run(c.scenario);
  if (!result.ok) return failed_record(result.error);
  if (result.finals.size() != kFinalCount)
    return failed_record("run produced " + std::to_string(result.finals.size()) +
                         " final metrics, not " + std::to_string(kFinalCount));
  TaskRecord record;
  record.ok = true;
  std::copy(result.finals.begin(), result.finals.end(), record.finals.begin());
  return record;
}

std::vector<std::pair<std::string, std::string>> input_digests(const SweepPlan& plan) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& path, const std::string& digest) {
    if (seen.insert(path).second) out.emplace_back(path, digest);
  };
  for (const Scenario& s : plan.scenarios) {
    for (const auto& f : s.files) add(f.path, f.sha256);
    if (seen.contains(s.run.world)) continue;
    std::string text, why;
    // A world that cannot be read now was read a moment ago by the loader: "unreadable"
    // still differs from any digest, so a resume refuses.
    add(s.run.world, read_input_file(s.run.world, text, why) ? sha256_hex(text) : "unreadable");
  }
  return out;
}

std::string sweep_identity(const SweepPlan& plan) {
  // The design's values are hashed bit for bit: a CSV design can change without the sweep
  // file changing.
  std::string design_bytes;
  for (const auto& point : plan.sweep.design.points)
    for (const double v : point) {
      const auto bits = std::bit_cast<std::uint64_t>(v);
      for (int i = 0; i < 8; ++i)
        design_bytes.push_back(static_cast<char>((bits >> (8 * i)) & 0xffu));
    }
  std::string out = "renkei sweep parts 1\n";
  out += "renkei = " + std::string(build::version) + " " + build::git_commit + "\n";
  out += "sweep_sha256 = " + plan.sweep.sha256 + "\n";
  out += "design_sha256 = " + sha256_hex(design_bytes) + "\n";
  out += "seed = " + std::to_string(plan.sweep.seed) + "\n";
  out += "scenarios = " + std::to_string(plan.scenario_count()) + "\n";
  for (const Scenario& s : plan.scenarios)
    out += "scenario = " + s.name + " " + sha256_hex(s.resolved_toml) + "\n";
  // The content of every file the runs read: a resolved scenario names its world by path
  // only, so an edited world (or parent) would otherwise mix two models in one result.
  for (const auto& [path, digest] : input_digests(plan))
    out += std::string(kInputLine) + digest + " " + path + "\n";
  out += "points = " + std::to_string(plan.point_count()) + "\n";
  out += "factors = " + std::to_string(plan.sweep.design.factors.size()) + "\n";
  out += "replicates = " + std::to_string(plan.replicate_count()) + "\n";
  out += "tasks = " + std::to_string(plan.task_count()) + "\n";
  out += "finals = " + std::to_string(kFinalCount) + "\n";
  return out;
}

std::uint64_t chunk_size_for(std::uint64_t tasks, std::uint64_t workers) {
  // About 16 chunks per worker; at most 64 runs are lost to a kill -9 per worker.
  const std::uint64_t per = tasks / (std::max<std::uint64_t>(workers, 1) * 16);
  return std::clamp<std::uint64_t>(per, 1, 64);
}

}  // namespace renkei
