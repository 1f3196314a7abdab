// The result file of a sweep: the final metrics of every (scenario, point, replicate) run
// and the design, as one netCDF-4 compatible HDF5 file (marker renkei_format =
// "renkei-sweep 1"; layout in docs/cluster.md). Written in one go from the merged table, so
// the data are the same bytes however the runs were distributed. HDF5-free interface.
#pragma once

#include "model/series.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace renkei {

inline constexpr std::string_view kSweepFormatAttribute = "renkei_format";
inline constexpr std::string_view kSweepFormat = "renkei-sweep 1";

struct SweepTable {
  std::vector<std::string> scenario_names;
  std::vector<std::string> scenario_toml;   // fully resolved scenario text, per scenario
  std::vector<std::string> factor_names;    // parameter keys
  std::vector<std::vector<double>> design;  // [point][factor]
  std::vector<std::int32_t> point_group;    // [point]
  std::size_t replicates = 0;
  // [final][scenario][point][replicate] (NaN for failed runs), and per run ok flag and error.
  std::vector<double> finals;
  std::vector<std::int8_t> run_ok;     // [scenario][point][replicate]
  std::vector<std::string> run_error;  // [scenario][point][replicate]
  // Global attributes (name, value) as UTF-8 strings; the first of a repeated name wins.
  std::vector<std::pair<std::string, std::string>> attributes;

  std::size_t runs() const noexcept { return scenario_names.size() * design.size() * replicates; }
};

// Writes `table` atomically to `path` (refuses an existing file unless `force`; throws
// std::invalid_argument for a table of inconsistent shape, std::runtime_error for I/O).
void write_sweep_file(const std::string& path, bool force, const SweepTable& table);

}  // namespace renkei
