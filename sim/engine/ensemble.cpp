#include "engine/ensemble.hpp"

#include "model/model.hpp"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <stdexcept>

namespace renkei {

ScenarioAggregator::ScenarioAggregator(std::uint32_t scenario, int steps, std::vector<double> quantiles)
    : scenario_(scenario),
      steps_(steps),
      series_(kSeriesCount * static_cast<std::size_t>(steps), std::move(quantiles)),
      final_values_(kFinalCount) {}

void ScenarioAggregator::add(const RunResult& run) {
  if (!run.ok) return;
  if (run.steps != steps_ || run.series.size() != series_.size() || run.finals.size() != kFinalCount)
    throw std::logic_error("aggregator: run record of the wrong shape");
  series_.add(run.series);
  for (std::size_t f = 0; f < kFinalCount; ++f) final_values_[f].push_back(run.finals[f]);
}

ScenarioSummary ScenarioAggregator::summary() const {
  ScenarioSummary out;
  out.scenario = scenario_;
  out.runs_ok = static_cast<int>(series_.count());
  const std::size_t k = series_.size();
  const std::size_t nq = series_.quantiles().size();
  out.series_mean.assign(k, std::nan(""));
  out.series_sd.assign(k, std::nan(""));
  out.series_quantile.assign(nq * k, std::nan(""));
  out.final_mean.assign(kFinalCount, std::nan(""));
  out.final_sd.assign(kFinalCount, std::nan(""));
  out.final_quantile.assign(nq * kFinalCount, std::nan(""));
  if (out.runs_ok == 0) return out;
  series_.mean(out.series_mean);
  series_.sd(out.series_sd);
  for (std::size_t q = 0; q < nq; ++q)
    series_.quantile(q, std::span<double>(out.series_quantile).subspan(q * k, k));
  for (std::size_t f = 0; f < kFinalCount; ++f) {
    Welford w;
    for (double v : final_values_[f]) w.add(v);
    out.final_mean[f] = w.mean();
    out.final_sd[f] = w.sd();
    for (std::size_t q = 0; q < nq; ++q)
      out.final_quantile[q * kFinalCount + f] = sample_quantile(final_values_[f], series_.quantiles()[q]);
  }
  return out;
}

EnsembleReport run_ensemble(const std::vector<Scenario>& scenarios, const EnsembleOptions& options,
                            ResultWriter* writer) {
  if (scenarios.empty()) throw std::invalid_argument("no scenarios to run");
  if (options.threads < 1) throw std::invalid_argument("threads must be >= 1");
  const auto n_scen = static_cast<std::uint64_t>(scenarios.size());
  const auto total = n_scen * static_cast<std::uint64_t>(options.replicates);
  const int steps = scenarios.front().calendar().steps();

  std::vector<ScenarioAggregator> aggregators;
  for (std::uint32_t s = 0; s < n_scen; ++s) aggregators.emplace_back(s, steps, options.quantiles);

  // The writer (this thread) waits on workers; the workers need `threads` slots of their own.
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(options.threads) + 1);
  tbb::task_arena arena(options.threads, 0);
  tbb::concurrent_bounded_queue<std::pair<std::uint64_t, RunResult>> done;
  // Explicit release/acquire pairs around the hand-offs to and from the workers. oneTBB
  // synchronises them already; these make the ordering visible in the project's own code
  // (ThreadSanitizer cannot see inside the uninstrumented libtbb) at the cost of two atomic
  // operations per run.
  std::atomic<std::uint64_t> submitted{0};
  std::atomic<std::uint64_t> completed{0};

  auto submit = [&](std::uint64_t task) {
    submitted.store(task + 1, std::memory_order_release);
    arena.enqueue([&scenarios, &options, &done, &submitted, &completed, task, n_scen] {
      (void)submitted.load(std::memory_order_acquire);
      const auto s = static_cast<std::uint32_t>(task % n_scen);
      const auto r = static_cast<std::uint32_t>(task / n_scen);
      RunResult result;
      try {
        result = run_replicate(scenarios[s], s, options.seed, r);
      } catch (const std::exception& e) {
        result = RunResult{};
        result.ok = false;
        result.error = e.what();
      } catch (...) {
        result = RunResult{};
        result.ok = false;
        result.error = "unknown error";
      }
      result.scenario = s;
      result.replicate = r;
      completed.fetch_add(1, std::memory_order_release);
      done.push({task, std::move(result)});
    });
  };

  // At most `window` results are in flight or waiting for their turn: bounded memory.
  const std::uint64_t window = static_cast<std::uint64_t>(options.threads) * 4;
  std::uint64_t next_submit = 0;
  std::uint64_t next_write = 0;
  std::map<std::uint64_t, RunResult> waiting;
  EnsembleReport report;
  while (next_write < total) {
    while (next_submit < total && next_submit - next_write < window) submit(next_submit++);
    std::pair<std::uint64_t, RunResult> item;
    done.pop(item);
    (void)completed.load(std::memory_order_acquire);
    waiting.emplace(item.first, std::move(item.second));
    for (auto it = waiting.find(next_write); it != waiting.end(); it = waiting.find(next_write)) {
      RunResult& run = it->second;
      if (run.ok && run.steps != steps) {
        run.ok = false;
        run.error = "run produced a record of the wrong length";
      }
      if (!run.ok) {
        ++report.failed;
        run.steps = steps;
        run.series.assign(kSeriesCount * static_cast<std::size_t>(steps), std::nan(""));
        run.finals.assign(kFinalCount, std::nan(""));
      }
      aggregators[run.scenario].add(run);
      if (writer) writer->write_run(run);
      waiting.erase(it);
      ++next_write;
      ++report.runs;
      if (options.on_progress) options.on_progress(next_write, total);
    }
  }
  for (auto& a : aggregators) {
    report.summaries.push_back(a.summary());
    if (writer) writer->write_summary(report.summaries.back());
  }
  return report;
}

}  // namespace renkei
