// The sink for a study's results. The engine hands it runs in (scenario, replicate) order
// and per-scenario ensemble summaries, from one thread; the HDF5 implementation is the
// only code that includes HDF5. The file appears under its final name only on commit().
#pragma once

#include "core/calendar.hpp"
#include "model/run_result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace renkei {

struct StudyHeader {
  std::vector<std::string> scenario_names;
  std::vector<std::string> scenario_descriptions;
  // Names for readers (UTF-8); an empty or missing entry is written as the scenario's name.
  std::vector<std::string> scenario_display_names_en;
  std::vector<std::string> scenario_display_names_ja;
  std::vector<std::string> scenario_toml;  // fully resolved scenario text
  // Per scenario, its policies' names and budget caps (0: none), in Scenario::policies order:
  // the slots of the costs by policy and the budget warnings (empty: no policies).
  std::vector<std::vector<std::string>> policy_names;
  std::vector<std::vector<double>> policy_caps;
  std::vector<std::string> scenario_files;  // "sha256  path" lines, this file then parents
  // The study's replicates (> 0), and the most it may hold. The file's replicate dimension
  // grows as runs arrive and is completed to this count at commit (replicates never
  // written read as not run) unless ResultWriter::set_replicates lowers it first: run-count
  // control stops when the comparison is precise enough and the file holds what ran.
  int replicates = 0;
  int steps = 0;
  Date start;
  int step_days = 7;
  bool keep_replicate_series = true;
  std::vector<double> quantiles{0.05, 0.5, 0.95};
  // D > 0: replicate r of every scenario ran with posterior parameter draw r mod D,
  // recorded per replicate as the variable parameter_draw(replicate). 0: fixed parameters.
  int parameter_draws = 0;
  // Blocks of the worlds run (the union, in order of first appearance; empty: no per-block
  // output) and, per scenario, the column of each of its world's blocks in that list.
  // RunResult::certifications_by_block_* are written through this map.
  std::vector<std::string> block_ids;
  std::vector<std::vector<std::size_t>> scenario_block_columns;
  Date block_dec_date;  // the date of certifications_by_block (15 December of the start year)
  Date end_date;        // the date of certifications_by_block_end
  // Global provenance attributes (name, value), written as UTF-8 string attributes.
  std::vector<std::pair<std::string, std::string>> attributes;
};

// Ensemble statistics of one scenario over its successful replicates.
struct ScenarioSummary {
  std::uint32_t scenario = 0;
  int runs_ok = 0;
  std::vector<double> series_mean;      // [series][step]
  std::vector<double> series_sd;        // [series][step] (sample SD, n-1; NaN if n < 2)
  std::vector<double> series_quantile;  // [quantile][series][step]
  std::vector<double> final_mean;       // [final]
  std::vector<double> final_sd;         // [final]
  std::vector<double> final_quantile;   // [quantile][final]
};

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;  // without commit(): the temporary file is removed
  virtual void write_run(const RunResult& run) = 0;
  virtual void write_summary(const ScenarioSummary& summary) = 0;
  // Sets a global attribute, replacing the header's value of the same name: for facts
  // known only once the runs are done (the replicate count, the run-control outcome).
  // Sinks that keep no attributes ignore it.
  virtual void set_attribute(const std::string& name, const std::string& value) {
    (void)name;
    (void)value;
  }
  // The replicate count of the finished study, if fewer than the header's: at least the
  // replicates written, at most StudyHeader::replicates (std::invalid_argument otherwise).
  // Sinks without a replicate dimension ignore it.
  virtual void set_replicates(int replicates) { (void)replicates; }
  // Flushes, closes and atomically renames the temporary file to its final name.
  virtual void commit() = 0;
};

// Refuses (std::runtime_error) to replace an existing `path` unless `force`. Writes to a
// temporary file beside `path` until commit().
std::unique_ptr<ResultWriter> make_hdf5_writer(const std::string& path, bool force,
                                               const StudyHeader& header);

}  // namespace renkei
