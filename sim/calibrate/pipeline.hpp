// A whole calibration, as `renkei calibrate` runs it: the calibration file with the command's
// overrides, the checks of every output before the first simulation, the checkpoint's
// fingerprint (resume after an interruption), ABC-SMC until its stopping rule or a cap, the
// point estimate, its fit and the posterior-predictive check, and the three files written
// (calibrated parameters, posterior draws, report).
#pragma once

#include "calibrate/calibration_file.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace renkei {

// What a command asks of a calibration beyond its file.
struct CalibrationRequest {
  std::string config;                        // the calibration file
  int threads = 1;                           // worker threads, >= 1
  bool small = false;                        // small-budget mode for CI and trials
  std::optional<int> particles;              // overrides abc.particles (>= 2)
  std::optional<int> generations;            // overrides abc.max_generations (>= 1)
  std::optional<long long> max_simulations;  // overrides abc.max_simulations (>= 0; 0 = no limit)
  std::optional<std::string> output;         // the calibrated file here (its directory must exist)
  bool fresh = false;                        // discard an existing checkpoint
  bool quiet = false;                        // no progress
  bool terminal = false;                     // the log is a terminal: progress within a generation
};

// The calibration file with the request's overrides applied. Throws InputErrors for a bad
// file and UsageError for an override out of range.
CalibrationSpec calibration_spec(const CalibrationRequest& request);

struct CalibrationWritten {
  std::string report;  // the report's text
  std::string calibrated, draws, report_path;
};

// Runs the calibration of `spec` and writes its files. Progress goes to `log` (unless
// quiet), and so does the warning of a run stopped by a cap before its rule was met (always).
// The parallel runs of the point and the predictive check use `request.threads` threads.
CalibrationWritten run_calibration(CalibrationSpec spec, const CalibrationRequest& request,
                                   std::ostream& log);

}  // namespace renkei
