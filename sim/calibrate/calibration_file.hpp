// A calibration file: which scenario and targets, which assumed parameters to estimate with
// what prior ranges, the ABC-SMC settings, and where the calibrated parameter file and the
// posterior draws go (scenarios/calibration/tohoku2005.toml is the shipped one).
#pragma once

#include "calibrate/abc_smc.hpp"
#include "core/calendar.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace renkei {

struct CalibrationParameter {
  std::string key;          // scenario parameter key, e.g. "population.open_share"
  std::size_t param_index;  // into param_schema()
  double min = 0, max = 0;
  bool log_scale = false;
};

// A parameter listed in the calibration but held at a documented value (`fix = value` with
// `source`): the survey does not identify it, so it is set from a source or left to
// sensitivity analysis instead of carrying its prior into every comparison. The calibrated
// file writes it, so the baseline uses the same value the calibration ran with.
struct FixedParameter {
  std::string key;
  std::size_t param_index;
  double value = 0;
  std::string source;
};

struct CalibrationSpec {
  std::string path;
  std::string name;
  std::string
      scenario;  // absolute path of the scenario the runs use (settings, world, other parameters)
  std::string targets;       // absolute path of the targets file
  std::string output;        // calibrated parameter file (a scenario file the baseline extends)
  std::string draws_output;  // posterior draws (CSV, one row per draw)
  std::string checkpoint;    // ABC-SMC checkpoint (resume after interruption)
  Date end{2005, 12, 31};    // runs stop here: the last target date is 2005-12-15
  int replicates = 1;        // model runs per candidate (statistics are their mean)
  int draws = 100;           // posterior draws written
  int validation_replicates = 40;  // runs of the point estimate for the fit table
  int predictive_replicates =
      40;  // posterior-predictive runs, one per posterior draw, for the report
  // The point estimate's two stages (calibrate/point_estimate.hpp): how many particles the
  // shortlist holds, and how many fresh runs judge each (0: the particles' own surveys only).
  int representative_candidates = 20;
  int representative_replicates = 10;
  abc::Options abc;
  std::vector<CalibrationParameter> parameters;  // estimated
  std::vector<FixedParameter> fixed;             // held at a documented value
  std::string text;                              // the file's bytes
};

// Throws InputErrors (file:line:column, key, fix) on any mistake.
CalibrationSpec load_calibration(const std::string& path);

}  // namespace renkei
