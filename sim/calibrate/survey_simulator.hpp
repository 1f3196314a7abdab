// The simulator `renkei calibrate` hands to ABC-SMC: parameters in, the simulated survey's
// statistics out (in the targets' units), by running the scenario with those parameters up
// to the last target date. Thread-safe: every call builds its own model.
#pragma once

#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_file.hpp"
#include "calibrate/targets.hpp"
#include "model/run_result.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <vector>

namespace renkei {

class SurveySimulator {
 public:
  // `base` supplies settings, world and the parameters not estimated; runs stop at `end`.
  SurveySimulator(const Scenario& base, const Targets& targets,
                  std::vector<CalibrationParameter> parameters, Date end, int replicates);

  // The calibration targets (items marked calibrate = true), in statistic order.
  const std::vector<abc::Target>& targets() const noexcept { return abc_targets_; }
  std::vector<abc::Prior> priors() const;

  // The base scenario with `theta` (natural scale, parameter order) applied.
  Scenario scenario_for(const std::vector<double>& theta) const;
  // One run's statistics, target order (counts as shares of their base; an "at least"
  // figure already met counts as met exactly).
  std::vector<double> statistics(const RunResult& run) const;
  // Mean statistics over `replicates` runs with randomness from `seed`.
  std::vector<double> operator()(const std::vector<double>& theta, std::uint64_t seed) const;

 private:
  Scenario base_;
  std::vector<CalibrationParameter> parameters_;
  std::vector<const TargetItem*> items_;
  std::vector<std::size_t> final_index_;
  std::vector<abc::Target> abc_targets_;
  int replicates_;
};

}  // namespace renkei
