// `renkei sensitivity` as a library call: reads a finished sweep, computes the indices its
// design supports (Saltelli -> Sobol S1 and ST; Morris -> elementary effects) with bootstrap
// intervals, prints their tables and optionally writes the SALib files.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace renkei {

struct SensitivityRequest {
  std::string file;
  std::vector<std::string>
      outputs;  // metric names, each possibly comma-separated; empty: the defaults
  std::vector<std::string> scenarios;  // empty: every scenario of the sweep
  long long bootstrap = 1000;          // resamples (0: no intervals)
  double confidence = 0.95;
  unsigned long long seed = 1;              // of the bootstrap
  std::optional<long long> replicate;       // this replicate only instead of the mean
  std::optional<std::string> versus;        // each scenario's paired difference from this one
  std::optional<std::string> salib_export;  // directory for problem.json, X.txt, Y_*.txt
};

// Prints the tables to `out`. Throws UsageError for bad settings or names the file does not
// hold; returns false (the reason on `err`) when the SALib files cannot be written.
bool sensitivity_report(std::ostream& out, std::ostream& err, const SensitivityRequest& request);

}  // namespace renkei
