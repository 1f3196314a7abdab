#include "engine/ensemble.hpp"

#include "model/model.hpp"
#include "model/policy_timeline.hpp"

#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <thread>
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

namespace {

struct Family {
  std::vector<std::uint32_t> members;  // scenario indices, ascending
  int branch_step = 0;                 // first step at which any member's policy acts
};

bool same_history(const Scenario& a, const Scenario& b) {
  if (a.run.world != b.run.world || !(a.run.start == b.run.start) || !(a.run.end == b.run.end) ||
      a.run.step_days != b.run.step_days || a.run.burn_in_weeks != b.run.burn_in_weeks)
    return false;
  for (const ParamDef& d : param_schema())
    if (d.get(a.params) != d.get(b.params)) return false;
  return true;
}

// Groups scenarios that share their history before any policy acts (all alone without warm start).
std::vector<Family> families(const std::vector<Scenario>& scenarios, bool warm_start) {
  std::vector<Family> out;
  for (std::uint32_t s = 0; s < scenarios.size(); ++s) {
    const Calendar cal = scenarios[s].calendar();
    const int first = std::min(PolicyTimeline(scenarios[s], cal).first_policy_step(), cal.steps());
    Family* home = nullptr;
    if (warm_start) {
      for (Family& f : out)
        if (same_history(scenarios[f.members.front()], scenarios[s])) home = &f;
    }
    if (home == nullptr) {
      out.push_back(Family{{}, warm_start ? first : -cal.burn_in_steps()});
      home = &out.back();
    }
    home->members.push_back(s);
    home->branch_step = std::min(home->branch_step, first);
  }
  return out;
}

RunResult failed_run(const std::string& why) {
  RunResult r;
  r.ok = false;
  r.error = why;
  return r;
}

}  // namespace

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

  // Warm start: scenarios that differ only by dated policies share their history up to the
  // first policy; it is simulated once per replicate and each scenario continues from a copy.
  const std::vector<Family> fams = families(scenarios, options.warm_start);
  const auto n_fam = static_cast<std::uint64_t>(fams.size());
  const auto n_tasks = n_fam * static_cast<std::uint64_t>(options.replicates);

  // Every task counts itself out as its very last action; nothing the tasks use may be
  // destroyed before all submitted tasks have done so, even when this function unwinds.
  std::atomic<std::uint64_t> finished{0};
  std::uint64_t launched = 0;
  struct WaitForTasks {
    const std::atomic<std::uint64_t>& finished;
    const std::uint64_t& launched;
    ~WaitForTasks() {
      while (finished.load(std::memory_order_acquire) < launched) std::this_thread::yield();
    }
  } wait_for_tasks{finished, launched};

  auto submit = [&](std::uint64_t task) {
    submitted.store(task + 1, std::memory_order_release);
    ++launched;
    arena.enqueue([&scenarios, &options, &done, &submitted, &completed, &finished, &fams, task, n_fam, n_scen] {
      (void)submitted.load(std::memory_order_acquire);
      const Family& fam = fams[task % n_fam];
      const auto r = static_cast<std::uint32_t>(task / n_fam);
      std::vector<RunResult> results(fam.members.size());
      try {
        Model shared(scenarios[fam.members.front()], options.seed, r);
        while (shared.current_step() < fam.branch_step) shared.step();
        for (std::size_t k = 0; k < fam.members.size(); ++k) {
          const std::uint32_t s = fam.members[k];
          try {
            Model branch = shared;
            branch.rebind(scenarios[s]);
            results[k] = branch.run(s);
          } catch (const std::exception& e) {
            results[k] = failed_run(e.what());
          }
        }
      } catch (const std::exception& e) {
        for (auto& res : results) res = failed_run(e.what());
      } catch (...) {
        for (auto& res : results) res = failed_run("unknown error");
      }
      completed.fetch_add(1, std::memory_order_release);
      for (std::size_t k = 0; k < fam.members.size(); ++k) {
        results[k].scenario = fam.members[k];
        results[k].replicate = r;
        done.push({static_cast<std::uint64_t>(r) * n_scen + fam.members[k], std::move(results[k])});
      }
      finished.fetch_add(1, std::memory_order_release);
    });
  };

  // At most `window` results are in flight or waiting for their turn (bounded memory); the
  // window holds at least one replicate of every scenario so that the next result in order
  // is always submitted.
  std::size_t largest = 1;
  for (const Family& f : fams) largest = std::max(largest, f.members.size());
  const std::uint64_t window = std::max<std::uint64_t>(static_cast<std::uint64_t>(options.threads) * 4, n_scen + largest);
  std::uint64_t next_task = 0;
  std::uint64_t submitted_results = 0;
  std::uint64_t next_write = 0;
  std::map<std::uint64_t, RunResult> waiting;
  EnsembleReport report;
  while (next_write < total) {
    while (next_task < n_tasks && submitted_results - next_write < window) {
      submitted_results += fams[next_task % n_fam].members.size();
      submit(next_task++);
    }
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
