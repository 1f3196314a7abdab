// Test helpers for the ensemble runner: a writer that keeps everything it is handed, a
// bitwise comparison of double vectors, and the path of the engine's test data.
#pragma once

#include "io/result_writer.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace renkei::engine_test {

inline std::string engine_data(const char* name) {
  return std::string(RENKEI_TEST_DATA) + "/engine/" + name;
}

// Captures everything the runner hands to its writer.
class CaptureWriter : public ResultWriter {
 public:
  std::vector<RunResult> runs;
  std::vector<ScenarioSummary> summaries;
  void write_run(const RunResult& r) override { runs.push_back(r); }
  void write_summary(const ScenarioSummary& s) override { summaries.push_back(s); }
  void commit() override {}
};

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace renkei::engine_test
