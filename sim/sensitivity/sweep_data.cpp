#include "sensitivity/sweep_data.hpp"

#include "input/input_error.hpp"
#include "sweep/design_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace renkei::sensitivity {
namespace {

constexpr std::string_view kFormat = "renkei-sweep 1";
// Far above any Morris grid a sweep file may declare; a larger value is damage.
constexpr int kMaxMorrisLevels = 1 << 16;

std::size_t to_size(const std::string& text, const std::string& what, const std::string& path) {
  try {
    std::size_t used = 0;
    const unsigned long long v = std::stoull(text, &used);
    if (used == text.size()) return static_cast<std::size_t>(v);
  } catch (const std::exception&) {
  }
  throw FileError(path + ": global attribute '" + what + "' = '" + text + "' is not a count");
}

std::string attribute(const H5Reader& in, const std::string& name) {
  try {
    return in.global_attribute(name);
  } catch (const std::exception&) {
    throw FileError(in.path() + ": no global attribute '" + name +
                    "'; not a complete sweep result");
  }
}

}  // namespace

SweepData read_sweep_data(const H5Reader& in) {
  const std::string& path = in.path();
  std::string format;
  try {
    format = in.global_attribute("renkei_format");
  } catch (const std::exception&) {
    format.clear();
  }
  in.expect(ResultKind::sweep, "sensitivity");
  if (format != kFormat)
    throw FileError(path + " is not a sweep result (global attribute renkei_format is '" + format +
                    "', expected '" + std::string(kFormat) +
                    "'); run `renkei sweep SWEEP.toml` and analyse its output");
  in.require_variables({"design", "point_group", "scenario_name", "factor_name", "run_ok"});

  SweepData d;
  d.path = path;
  d.sweep_name = attribute(in, "sweep_name");
  d.scenarios = in.read_strings("scenario_name");
  const auto names = in.read_strings("factor_name");
  Design& design = d.design;
  if (!parse_design_kind(attribute(in, "design_kind"), design.kind))
    throw FileError(path + ": unknown design_kind '" + attribute(in, "design_kind") + "'");
  design.base_samples = to_size(attribute(in, "design_base_samples"), "design_base_samples", path);
  const std::size_t levels =
      to_size(attribute(in, "design_morris_levels"), "design_morris_levels", path);
  design.morris_levels =
      levels > static_cast<std::size_t>(kMaxMorrisLevels) ? -1 : static_cast<int>(levels);
  design.second_order = attribute(in, "design_second_order") == "1";

  const auto x = in.read_numeric("design");
  if (x.shape.size() != 2 || x.shape[1] != names.size())
    throw FileError(path + ": 'design' is not a (point, factor) variable over " +
                    std::to_string(names.size()) + " factors");
  const std::size_t points = x.shape[0];
  const std::size_t k = x.shape[1];
  // A sampled design has at least one point per base sample (trajectory, Saltelli block).
  if (design.base_samples > points)
    throw FileError(
        path + ": global attribute design_base_samples = " + std::to_string(design.base_samples) +
        " exceeds the design's " + std::to_string(points) + " points; the file is damaged");
  if (design.morris_levels < 0 || design.morris_levels > kMaxMorrisLevels)
    throw FileError(path +
                    ": global attribute design_morris_levels is out of range; the file is damaged");
  design.points.assign(points, std::vector<double>(k));
  for (std::size_t p = 0; p < points; ++p)
    for (std::size_t f = 0; f < k; ++f) design.points[p][f] = x.values[p * k + f];
  const auto groups = in.read_numeric("point_group");
  if (groups.values.size() != points)
    throw FileError(path + ": 'point_group' does not have one entry per point");
  // Group indices address trajectories and Saltelli blocks: out of range or not whole, they
  // would index past the analyses' arrays.
  for (double g : groups.values) {
    if (!(g >= -1.0 && g < static_cast<double>(points)) || g != std::floor(g))
      throw FileError(path + ": 'point_group' holds " + std::to_string(g) +
                      ", not a group index in [-1, " + std::to_string(points) +
                      "); the file is damaged");
    design.point_group.push_back(static_cast<std::int32_t>(g));
  }
  for (const auto& row : design.points)
    for (const double v : row)
      if (!std::isfinite(v))
        throw FileError(path + ": 'design' holds a value that is not finite; the file is damaged");

  // Ranges and scales of the factors come from the sweep file as it was when the sweep ran.
  std::vector<SweepFactor> declared;
  try {
    const Sweep sweep =
        parse_sweep_text(attribute(in, "sweep_toml"), path + " (attribute sweep_toml)", false);
    declared = sweep.design.factors;
    d.sweep_outputs = sweep.outputs;
  } catch (const InputErrors& e) {
    throw FileError(path + ": the stored sweep file does not parse:\n" + std::string(e.what()));
  }
  for (std::size_t f = 0; f < k; ++f) {
    const auto it = std::find_if(declared.begin(), declared.end(),
                                 [&](const SweepFactor& s) { return s.key == names[f]; });
    SweepFactor factor;
    if (it != declared.end()) {
      factor = *it;
    } else {
      // csv designs declare no ranges: the column's extent stands in (used for the SALib bounds).
      factor.key = names[f];
      factor.min = std::numeric_limits<double>::infinity();
      factor.max = -factor.min;
      for (const auto& row : design.points) {
        factor.min = std::min(factor.min, row[f]);
        factor.max = std::max(factor.max, row[f]);
      }
    }
    if (const auto index = find_param(factor.key)) factor.param_index = *index;
    design.factors.push_back(std::move(factor));
  }

  const auto ok_shape = in.shape("run_ok");
  if (ok_shape.size() != 3 || ok_shape[0] != d.scenarios.size() || ok_shape[1] != points)
    throw FileError(path + ": 'run_ok' is not a (scenario, point, replicate) variable");
  d.replicates = ok_shape[2];
  for (const auto& v : in.variables()) {
    if (v.rfind("final_", 0) == 0 && in.shape(v) == ok_shape) d.metrics.push_back(v.substr(6));
  }
  return d;
}

std::vector<double> point_values(std::span<const double> finals, std::span<const double> run_ok,
                                 std::size_t scenario, std::size_t points, std::size_t replicates,
                                 std::optional<std::size_t> replicate,
                                 std::optional<std::size_t> versus) {
  std::vector<double> out(points, std::numeric_limits<double>::quiet_NaN());
  const auto usable = [&](std::size_t at) {
    return run_ok[at] == 1.0 && std::isfinite(finals[at]);
  };
  for (std::size_t p = 0; p < points; ++p) {
    const std::size_t base = (scenario * points + p) * replicates;
    const std::size_t other = versus ? (*versus * points + p) * replicates : base;
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t r = 0; r < replicates; ++r) {
      if (replicate && r != *replicate) continue;
      if (!usable(base + r) || (versus && !usable(other + r))) continue;
      sum += versus ? finals[base + r] - finals[other + r] : finals[base + r];
      ++n;
    }
    if (n > 0) out[p] = sum / static_cast<double>(n);
  }
  return out;
}

std::vector<double> read_point_values(const H5Reader& in, const SweepData& data,
                                      const std::string& metric, std::size_t scenario,
                                      std::optional<std::size_t> replicate,
                                      std::optional<std::size_t> versus) {
  const auto finals = in.read_numeric("final_" + metric);
  const auto ok = in.read_numeric("run_ok");
  if (finals.values.size() != ok.values.size())
    throw FileError(data.path + ": final_" + metric + " does not have the shape of run_ok");
  return point_values(finals.values, ok.values, scenario, data.design.points.size(),
                      data.replicates, replicate, versus);
}

}  // namespace renkei::sensitivity
