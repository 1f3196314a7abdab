#include "calibrate/survey_simulator.hpp"

#include "model/model.hpp"
#include "model/series.hpp"
#include "scenario/params.hpp"
#include "scenario/run_spec.hpp"

#include <cmath>
#include <stdexcept>

namespace renkei {

SurveySimulator::SurveySimulator(const Scenario& base, const Targets& targets,
                                 std::vector<CalibrationParameter> parameters, Date end,
                                 int replicates)
    : base_(base), parameters_(std::move(parameters)), replicates_(replicates) {
  if (end.days() < base_.run.start.days())
    throw std::invalid_argument("calibration end " + end.iso() +
                                " is before the scenario's start " + base_.run.start.iso());
  if (end.days() < base_.run.end.days()) base_.run.end = end;
  for (const TargetItem& it : targets.items) {
    if (!it.calibrate) continue;
    std::size_t k = 0;
    while (k < kFinalCount && kFinalDefs[k].name != it.name) ++k;
    if (k == kFinalCount)
      throw std::invalid_argument("target '" + it.name + "' is not a simulated item");
    items_.push_back(&it);
    final_index_.push_back(k);
    const auto [lo, hi] = it.interval95();
    const double v = it.comparable_value();
    constexpr double z95 = 1.959963984540054;
    abc_targets_.push_back(abc::Target{it.name, v, it.standard_error(),
                                       std::isfinite(lo) ? (v - lo) / z95 : 0.0,
                                       std::isnan(hi) ? 0.0 : (hi - v) / z95});
  }
  if (items_.empty())
    throw std::invalid_argument(targets.path +
                                " marks no item calibrate = true: nothing to calibrate against");
}

std::vector<abc::Prior> SurveySimulator::priors() const {
  std::vector<abc::Prior> out;
  for (const CalibrationParameter& p : parameters_)
    out.push_back(abc::Prior{p.key, p.min, p.max, p.log_scale});
  return out;
}

Scenario SurveySimulator::scenario_for(const std::vector<double>& theta) const {
  if (theta.size() != parameters_.size())
    throw std::invalid_argument("parameter vector of the wrong length");
  std::vector<ParamOverride> overrides(theta.size());
  for (std::size_t i = 0; i < theta.size(); ++i)
    overrides[i] = ParamOverride{parameters_[i].param_index, theta[i]};
  return with_overrides(base_, overrides, "calibration candidate");
}

std::vector<double> SurveySimulator::statistics(const RunResult& run) const {
  std::vector<double> out(items_.size());
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const TargetItem& it = *items_[i];
    double x = run.finals[final_index_[i]];
    if (it.kind == TargetKind::count && it.n > 0) x /= it.n;
    if (it.at_least && x >= it.value) x = it.value;
    out[i] = x;
  }
  return out;
}

std::vector<double> SurveySimulator::operator()(const std::vector<double>& theta,
                                                std::uint64_t seed) const {
  const Scenario s = scenario_for(theta);
  std::vector<double> mean(items_.size(), 0.0);
  for (int r = 0; r < replicates_; ++r) {
    const RunResult run = run_replicate(s, 0, seed, static_cast<std::uint32_t>(r));
    const auto st = statistics(run);
    for (std::size_t i = 0; i < st.size(); ++i) mean[i] += st[i] / replicates_;
  }
  return mean;
}

}  // namespace renkei
