// The texts a calibration leaves behind: the report (stopping rule, generations with ESS,
// posterior and identification, correlations, the point and its fit, the posterior-predictive
// check), the calibrated parameter file the baseline extends, and the posterior draws CSV.
#pragma once

#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_file.hpp"
#include "calibrate/point_estimate.hpp"
#include "calibrate/survey_fit.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace renkei {

// Everything a finished calibration reports on.
struct CalibrationOutcome {
  const CalibrationSpec* spec = nullptr;
  const abc::Result* result = nullptr;
  const abc::Generation* posterior = nullptr;  // the last generation of `result`
  std::vector<abc::Prior> priors;
  std::vector<abc::ParameterSummary> summary;  // per prior
  std::vector<double> correlation;             // row-major, priors x priors
  abc::Representative point;                   // the point estimate
  FitTable fit;                                // of the point, fresh seeds
  FitTable predictive;                         // one run per posterior draw
  std::size_t predictive_runs = 0;
  double seconds = 0;  // wall time of the whole calibration
  int threads = 1;
};

// "epsilon <= 0.1 or acceptance < 0.02; safety caps: 8 generations, 100000 simulations".
std::string stopping_rule_text(const abc::Options& abc);

// The loud warning of a run a cap stopped before its stopping rule was met.
std::string rule_not_met_warning(const abc::Options& abc, const abc::Result& result,
                                 const abc::Generation& posterior);

// The report, as printed and as written beside the calibrated file.
std::string calibration_report(const CalibrationOutcome& outcome);

// The calibrated parameter file (a scenario file): estimated and fixed parameters by group,
// each with its 90 % interval and identification, or its source.
std::string calibrated_file_text(const CalibrationOutcome& outcome);

// The posterior draws written beside it: one parameter vector per row (natural scale).
std::string posterior_draws_csv(const std::vector<abc::Prior>& priors,
                                const std::vector<std::vector<double>>& draws);

}  // namespace renkei
