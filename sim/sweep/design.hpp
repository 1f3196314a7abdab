// Sweep designs: which parameter values each run of a `renkei sweep` uses, read from a sweep
// file (TOML) and generated here once, so that the runner and the sensitivity analysis agree
// on the points and on how they group (Saltelli base samples, Morris trajectories).
#pragma once

#include "scenario/params.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

struct ParamOverride;  // scenario/run_spec.hpp

enum class DesignKind { grid, list, monte_carlo, latin_hypercube, saltelli, morris, csv };

// "grid", "list", "monte_carlo", "latin_hypercube", "saltelli", "morris", "csv".
std::string_view design_kind_name(DesignKind);

// One varied parameter.
struct SweepFactor {
  std::string key;  // scenario parameter key, e.g. "trust.gain" (validated with find_param)
  std::size_t param_index = 0;  // index into param_schema()
  double min = 0.0;             // range (uniform / log_uniform); for grid also `values`
  double max = 0.0;
  bool log_scale = false;      // distribution = "log_uniform"
  std::vector<double> values;  // explicit levels (grid / list)
};

struct Design {
  DesignKind kind = DesignKind::grid;
  std::vector<SweepFactor> factors;
  std::vector<std::vector<double>> points;  // [point][factor], parameter values (not unit-cube)
  std::vector<std::int32_t>
      point_group;  // per point: saltelli -> base-sample index; morris -> trajectory index; else -1
  std::size_t base_samples = 0;  // saltelli N, morris r (number of trajectories)
  int morris_levels = 0;
  bool second_order = false;  // saltelli with second-order rows (optional)
};

struct Sweep {
  std::string path;  // the sweep file
  std::string name;
  std::vector<std::string> scenario_paths;  // absolute, resolved relative to the sweep file
  int replicates = 1;                       // per (scenario, point)
  std::uint64_t seed = 0;  // model seed (replicate r of every point uses replicate stream r: common
                           // random numbers across points)
  std::vector<std::string>
      outputs;  // final metrics the sensitivity analysis looks at (names from kFinalDefs)
  Design design;
  std::string text;  // the sweep file's bytes (stored in the output)
  std::string sha256;
};

// Reads and validates a sweep file and generates its design; throws InputErrors
// (file:line:col, key, fix) listing every mistake at once.
Sweep load_sweep(const std::string& path);

// The parameters design point p sets (base values, before policies): run a scenario with
// them through with_overrides, which checks them. Throws std::out_of_range if p does not exist.
std::vector<ParamOverride> point_overrides(const Design&, std::size_t point);

// Applies design point p to a scenario's parameters; throws std::out_of_range if p does not
// exist or sets a value out of bounds.
void apply_point(const Design&, std::size_t point, Params& params);

}  // namespace renkei
