// `renkei compare` as a library call: reads a study's result file, compares every policy
// scenario with the baseline (sim/stats) and prints the tables, or the rows as CSV or JSON.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace renkei {

struct CompareRequest {
  std::string file;
  std::optional<std::string> baseline;  // default: 'baseline' if present, else the first
  std::vector<std::string> metrics;     // names, each possibly comma-separated; empty: the defaults
  double level = 0.95;
  std::string correction = "holm";
  std::string family = "metric";
  std::string rank_by = "certifications_end";
  bool csv = false;
  bool json = false;
};

// Throws UsageError for bad settings or names the file does not hold, and the reader's
// errors for a file that is not a study's result.
void compare_file(std::ostream& out, const CompareRequest& request);

}  // namespace renkei
