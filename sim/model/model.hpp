// One run of the model: initialisation from the scenario and world, then the weekly step
// as a short list of named phases (the ODD process overview), recording as it goes.
#pragma once

#include "core/calendar.hpp"
#include "core/rng.hpp"
#include "model/meetings.hpp"
#include "model/run_result.hpp"
#include "model/state.hpp"
#include "model/survey.hpp"
#include "scenario/policy_timeline.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <vector>

namespace renkei {

class Model {
 public:
  Model(const Scenario& scenario, std::uint64_t seed, std::uint32_t replicate);

  // Advances one step (burn-in steps are negative and not recorded).
  void step();
  // Continues this run as `scenario` from the current step (warm start: a shared history is
  // simulated once and every scenario branches from a copy of it). Valid only if `scenario`
  // has the same world file, calendar and parameters as the current one and none of its
  // policies has started yet; throws std::invalid_argument otherwise.
  void rebind(const Scenario& scenario);
  // Runs to the end date and returns the record.
  RunResult run(std::uint32_t scenario_index);

  int current_step() const noexcept { return step_; }
  const ModelState& state() const noexcept { return state_; }
  ModelState& state() noexcept { return state_; }
  const Calendar& calendar() const noexcept { return calendar_; }
  const Params& params() const noexcept { return params_; }
  const RunResult& record() const noexcept { return record_; }
  const SurveyFieldwork& survey() const noexcept { return survey_; }

 private:
  void initialise();
  // The budget caps that stopped a policy within the run (known from the timeline alone).
  void record_budget_caps();
  void process_events(const StepContext& ctx);
  // Adds the step's fixed and running spending to RunResult::policy_costs by policy
  // (docs/scenarios.md) and returns its totals, summed in the same pass.
  PolicyTimeline::Costs attribute_fixed_running();
  void attribute_charges(std::size_t kind, double yen, std::size_t lever, bool beyond_base);

  const Scenario* scenario_;
  Calendar calendar_;
  rng::ReplicateStreams streams_;
  PolicyTimeline timeline_;
  Params params_;  // in force this step
  ModelState state_;
  meetings::Tables tables_;
  SurveyFieldwork survey_;
  RunResult record_;
  int step_;
  int announce_step_;
  // Scratch for the attribution: per-policy fixed and running charges, lever shares.
  std::vector<double> fixed_, running_, shares_;
};

// Convenience: one complete run.
RunResult run_replicate(const Scenario& scenario, std::uint32_t scenario_index, std::uint64_t seed,
                        std::uint32_t replicate);

}  // namespace renkei
