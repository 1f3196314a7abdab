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

struct CalibrationSpec {
  std::string path;
  std::string name;
  std::string scenario;      // absolute path of the scenario the runs use (settings, world, other parameters)
  std::string targets;       // absolute path of the targets file
  std::string output;        // calibrated parameter file (a scenario file the baseline extends)
  std::string draws_output;  // posterior draws (CSV, one row per draw)
  std::string checkpoint;    // ABC-SMC checkpoint (resume after interruption)
  Date end{2005, 12, 31};    // runs stop here: the last target date is 2005-12-15
  int replicates = 1;        // model runs per candidate (statistics are their mean)
  int draws = 100;           // posterior draws written
  int validation_replicates = 40;  // runs of the point estimate for the fit table
  int point_candidates = 0;  // heaviest particles tried as the point besides the posterior mean (0: the mean)
  int point_replicates = 10; // runs per point candidate
  int polish_evaluations = 0; // least-squares evaluations polishing the chosen point (0: none)
  abc::Options abc;
  std::vector<CalibrationParameter> parameters;
  std::string text;          // the file's bytes
};

// Throws InputErrors (file:line:column, key, fix) on any mistake.
CalibrationSpec load_calibration(const std::string& path);

}  // namespace renkei
