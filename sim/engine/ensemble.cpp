#include "engine/ensemble.hpp"

#include "engine/executor.hpp"
#include "model/model.hpp"
#include "scenario/history.hpp"
#include "scenario/policy_timeline.hpp"
#include "scenario/run_spec.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

namespace renkei {

ScenarioAggregator::ScenarioAggregator(std::uint32_t scenario, int steps,
                                       std::vector<double> quantiles)
    : scenario_(scenario),
      steps_(steps),
      series_(kSeriesCount * static_cast<std::size_t>(steps), std::move(quantiles)),
      final_values_(kFinalCount) {}

void ScenarioAggregator::add(const RunResult& run) {
  if (!run.ok) return;
  if (run.steps != steps_ || run.series.size() != series_.size() ||
      run.finals.size() != kFinalCount)
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
      out.final_quantile[q * kFinalCount + f] =
          sample_quantile(final_values_[f], series_.quantiles()[q]);
  }
  return out;
}

namespace {

using Family = Ensemble::Family;

// Groups scenarios that share their history before any policy acts (all alone without warm
// start). Parameter draws do not split a family: every member of a replicate gets the same
// draw, so members equal before it are equal after it.
std::vector<Family> families(const std::vector<Scenario>& scenarios, bool warm_start) {
  std::vector<Family> out;
  for (std::uint32_t s = 0; s < scenarios.size(); ++s) {
    const Calendar cal = scenarios[s].calendar();
    const int first = std::min(PolicyTimeline(scenarios[s], cal).first_policy_step(), cal.steps());
    Family* home = nullptr;
    if (warm_start) {
      for (Family& f : out)
        if (shares_history(scenarios[f.members.front()], scenarios[s])) home = &f;
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

// Runs one family for one replicate: its shared history once, then every member from a copy.
std::vector<RunResult> run_family(const std::vector<Scenario>& scenarios, const Family& fam,
                                  const EnsembleOptions& options, std::uint32_t r) {
  std::vector<RunResult> results(fam.members.size());
  try {
    // The model keeps a pointer to its scenario, so the drawn copies live until the runs end.
    std::vector<Scenario> drawn;
    if (options.parameter_draws != nullptr) {
      const ParameterDraws& draws = *options.parameter_draws;
      const std::size_t d = draws.draw_for(r);
      const std::vector<ParamOverride> overrides = draws.overrides(d);
      drawn.reserve(fam.members.size());
      for (const std::uint32_t s : fam.members)
        drawn.push_back(with_overrides(scenarios[s], overrides, draws.label(d)));
    }
    auto scenario = [&](std::size_t k) -> const Scenario& {
      return drawn.empty() ? scenarios[fam.members[k]] : drawn[k];
    };
    Model shared(scenario(0), options.seed, r);
    while (shared.current_step() < fam.branch_step) shared.step();
    for (std::size_t k = 0; k < fam.members.size(); ++k) {
      try {
        // The last member continues the shared history itself: a copy would hold a second
        // world's state in memory and cost a pass over it.
        // NOLINTNEXTLINE(bugprone-use-after-move): moved from only in the last iteration
        Model branch = k + 1 == fam.members.size() ? std::move(shared) : shared;
        branch.rebind(scenario(k));
        results[k] = branch.run(fam.members[k]);
      } catch (const std::exception& e) {
        results[k] = failed_run(e.what());
      }
    }
  } catch (const std::exception& e) {
    for (auto& res : results) res = failed_run(e.what());
  } catch (...) {
    for (auto& res : results) res = failed_run("unknown error");
  }
  return results;
}

}  // namespace

Ensemble::Ensemble(const std::vector<Scenario>& scenarios, EnsembleOptions options,
                   ResultWriter* writer)
    : scenarios_(scenarios), options_(std::move(options)), writer_(writer) {
  if (scenarios_.empty()) throw std::invalid_argument("no scenarios to run");
  if (options_.threads < 1) throw std::invalid_argument("threads must be >= 1");
  if (options_.parameter_draws != nullptr && options_.parameter_draws->size() == 0)
    throw std::invalid_argument("parameter draws hold no draw");
  steps_ = scenarios_.front().calendar().steps();
  for (std::uint32_t s = 0; s < scenarios_.size(); ++s)
    aggregators_.emplace_back(s, steps_, options_.quantiles);
  families_ = families(scenarios_, options_.warm_start);
  executor_ = std::make_unique<Executor>(options_.threads);
}

Ensemble::~Ensemble() = default;

void Ensemble::run_to(int replicates) {
  if (finished_) throw std::logic_error("ensemble: run_to after finish");
  if (replicates <= done_) return;
  const auto n_scen = static_cast<std::uint64_t>(scenarios_.size());
  const auto first_write = n_scen * static_cast<std::uint64_t>(done_);
  const auto total = n_scen * static_cast<std::uint64_t>(replicates);

  const std::vector<Family>& fams = families_;
  const auto n_fam = static_cast<std::uint64_t>(fams.size());
  const auto first_task = n_fam * static_cast<std::uint64_t>(done_);
  const auto n_tasks = n_fam * static_cast<std::uint64_t>(replicates);

  // Task t runs family t mod F for replicate t / F, so the tasks come back replicate-major
  // and common-random-number pairs finish together. About `results` runs are in flight or
  // waiting for their turn (bounded memory), at least one replicate of every scenario.
  std::size_t largest = 1;
  for (const Family& f : fams) largest = std::max(largest, f.members.size());
  const std::uint64_t runs_in_flight =
      std::max<std::uint64_t>(static_cast<std::uint64_t>(options_.threads) * 4, n_scen + largest);
  const std::uint64_t window = std::max<std::uint64_t>(1, runs_in_flight / largest);
  const std::vector<Scenario>& scenarios = scenarios_;
  const EnsembleOptions& options = options_;
  auto task = [&](std::uint64_t t) {
    const Family& fam = fams[t % n_fam];
    const auto r = static_cast<std::uint32_t>(t / n_fam);
    std::vector<RunResult> results = run_family(scenarios, fam, options, r);
    for (std::size_t k = 0; k < fam.members.size(); ++k) {
      results[k].scenario = fam.members[k];
      results[k].replicate = r;
    }
    return results;
  };

  // Families need not be contiguous in scenario order: a replicate's results wait here
  // until every scenario before them in replicate-major order has been written.
  std::uint64_t next_write = first_write;
  std::map<std::uint64_t, RunResult> waiting;
  auto consume = [&](std::uint64_t, std::vector<RunResult>& results) {
    for (RunResult& run : results)
      waiting.emplace(static_cast<std::uint64_t>(run.replicate) * n_scen + run.scenario,
                      std::move(run));
    for (auto it = waiting.find(next_write); it != waiting.end(); it = waiting.find(next_write)) {
      RunResult& run = it->second;
      if (run.ok && run.steps != steps_) {
        run.ok = false;
        run.error = "run produced a record of the wrong length";
      }
      if (!run.ok) {
        ++report_.failed;
        run.steps = steps_;
        run.series.assign(kSeriesCount * static_cast<std::size_t>(steps_), std::nan(""));
        run.finals.assign(kFinalCount, std::nan(""));
      }
      aggregators_[run.scenario].add(run);
      if (writer_) writer_->write_run(run);
      if (options_.on_run) options_.on_run(run);
      waiting.erase(it);
      ++next_write;
      ++report_.runs;
      if (options_.on_progress) options_.on_progress(next_write, total);
    }
  };
  executor_->ordered_map<std::vector<RunResult>>(first_task, n_tasks, window, task, consume);
  if (next_write != total) throw std::logic_error("ensemble: runs missing after the last task");
  done_ = replicates;
}

EnsembleReport Ensemble::finish() {
  if (finished_) throw std::logic_error("ensemble: finish called twice");
  finished_ = true;
  for (auto& a : aggregators_) {
    report_.summaries.push_back(a.summary());
    if (writer_) writer_->write_summary(report_.summaries.back());
  }
  return report_;
}

EnsembleReport run_ensemble(const std::vector<Scenario>& scenarios, const EnsembleOptions& options,
                            ResultWriter* writer) {
  Ensemble ensemble(scenarios, options, writer);
  ensemble.run_to(options.replicates);
  return ensemble.finish();
}

}  // namespace renkei
