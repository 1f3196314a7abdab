// A finished sweep as the sensitivity analysis sees it: the design (rebuilt from the result
// file's design matrix and the sweep file text stored with it) and one output value per design
// point. HDF5-free: the file is read through H5Reader.
#pragma once

#include "io/h5_reader.hpp"
#include "sweep/design.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace renkei::sensitivity {

struct SweepData {
  std::string path;
  std::string sweep_name;
  Design design;  // factors with their ranges, points, groups
  std::vector<std::string> scenarios;
  std::size_t replicates = 0;
  std::vector<std::string> metrics;        // final metrics the file holds
  std::vector<std::string> sweep_outputs;  // the sweep file's [sweep] outputs
};

// Reads the design part of a sweep result; throws std::runtime_error naming the file if it is
// not a complete sweep result (marker, variables, shapes, design attributes).
SweepData read_sweep_data(const H5Reader& in);

// The value of each design point: the mean over the replicates whose run finished with a
// finite value, or replicate `replicate` alone; NaN where none qualifies. With `versus`, the
// value is the scenario's effect: the mean over replicates of (scenario - versus), each
// replicate paired with the same replicate of `versus` (the sweep gives both the same random
// streams, so the difference carries the policy's effect, not two draws' noise), and only
// where both runs finished. `finals` and `run_ok` are (scenario, point, replicate) arrays,
// row-major.
std::vector<double> point_values(std::span<const double> finals, std::span<const double> run_ok,
                                 std::size_t scenario, std::size_t points, std::size_t replicates,
                                 std::optional<std::size_t> replicate,
                                 std::optional<std::size_t> versus = std::nullopt);

// point_values of final metric `metric` read from the file.
std::vector<double> read_point_values(const H5Reader& in, const SweepData& data,
                                      const std::string& metric, std::size_t scenario,
                                      std::optional<std::size_t> replicate,
                                      std::optional<std::size_t> versus = std::nullopt);

}  // namespace renkei::sensitivity
