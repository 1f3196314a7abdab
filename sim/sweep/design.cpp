#include "sweep/design.hpp"

#include "core/rng.hpp"
#include "input/toml_text.hpp"
#include "scenario/run_spec.hpp"
#include "sweep/design_generate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace renkei {
namespace {

// Design randomness has its own streams, keyed by the design seed: a design does not change
// when the model's seed or its mechanisms change. The value lies outside the model's
// mechanism numbers so that the two can never share a stream.
constexpr auto kDesignStreams = rng::Mechanism::design;

enum class Purpose : std::uint32_t {
  monte_carlo = 1,
  latin_hypercube = 2,
  saltelli = 3,
  morris = 4
};

rng::Stream stream(std::uint64_t seed, Purpose p, std::uint32_t sub = 0) {
  return rng::Stream(seed, 0, kDesignStreams, static_cast<std::uint32_t>(p), sub);
}

// Uniform integer in [0, n) by multiply-shift; the bias (< n / 2^32) is far below any
// design's resolution.
std::size_t below(rng::Stream& s, std::size_t n) {
  return static_cast<std::size_t>((static_cast<std::uint64_t>(s.next_u32()) * n) >> 32);
}

void shuffle(std::vector<std::size_t>& v, rng::Stream& s) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(s, i)]);
}

std::vector<std::vector<double>> matrix(std::size_t rows, std::size_t cols) {
  return std::vector<std::vector<double>>(rows, std::vector<double>(cols, 0.0));
}

}  // namespace

std::string_view design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::list: return "list";
    case DesignKind::monte_carlo: return "monte_carlo";
    case DesignKind::latin_hypercube: return "latin_hypercube";
    case DesignKind::saltelli: return "saltelli";
    case DesignKind::morris: return "morris";
    case DesignKind::csv: return "csv";
  }
  return "unknown";
}

UnitDesign monte_carlo_unit(std::size_t n, std::size_t k, std::uint64_t seed) {
  UnitDesign d{matrix(n, k), std::vector<std::int32_t>(n, -1)};
  rng::Stream s = stream(seed, Purpose::monte_carlo);
  for (auto& row : d.points)
    for (auto& u : row) u = s.uniform();
  return d;
}

UnitDesign latin_hypercube_unit(std::size_t n, std::size_t k, std::uint64_t seed) {
  UnitDesign d{matrix(n, k), std::vector<std::int32_t>(n, -1)};
  const double width = 1.0 / static_cast<double>(n);
  for (std::size_t f = 0; f < k; ++f) {
    // One stream per factor: adding a factor leaves the columns of the others unchanged.
    rng::Stream s = stream(seed, Purpose::latin_hypercube, static_cast<std::uint32_t>(f));
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    shuffle(strata, s);
    for (std::size_t i = 0; i < n; ++i) {
      // Clamped so that rounding in (stratum + u) / n never leaves the stratum.
      const double lo = static_cast<double>(strata[i]) * width;
      d.points[i][f] = std::min(lo + s.uniform() * width, std::nextafter(lo + width, lo));
    }
  }
  return d;
}

UnitDesign saltelli_unit(std::size_t n, std::size_t k, bool second_order, std::uint64_t seed) {
  const std::size_t block = second_order ? 2 * k + 2 : k + 2;
  UnitDesign d;
  d.points.reserve(n * block);
  d.groups.reserve(n * block);
  rng::Stream s = stream(seed, Purpose::saltelli);
  std::vector<double> a(k), b(k);
  for (std::size_t j = 0; j < n; ++j) {
    for (auto& u : a) u = s.uniform();
    for (auto& u : b) u = s.uniform();
    d.points.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      auto ab = a;
      ab[i] = b[i];
      d.points.push_back(std::move(ab));
    }
    if (second_order) {
      for (std::size_t i = 0; i < k; ++i) {
        auto ba = b;
        ba[i] = a[i];
        d.points.push_back(std::move(ba));
      }
    }
    d.points.push_back(b);
    d.groups.insert(d.groups.end(), block, static_cast<std::int32_t>(j));
  }
  return d;
}

double morris_delta(int levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

UnitDesign morris_unit(std::size_t r, std::size_t k, int levels, std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("Morris levels must be even and at least 2");
  // With an even number p of levels the step is p / 2 grid intervals, so from the lower half
  // of the levels a factor can only move up and from the upper half only down: drawing the
  // start level uniformly fixes the direction and every level is visited equally often
  // (Morris 1991, section 3).
  const auto p = static_cast<std::size_t>(levels);
  const std::size_t half = p / 2;
  const double spacing = 1.0 / static_cast<double>(p - 1);
  UnitDesign d;
  d.points.reserve(r * (k + 1));
  d.groups.reserve(r * (k + 1));
  for (std::size_t t = 0; t < r; ++t) {
    rng::Stream s = stream(seed, Purpose::morris, static_cast<std::uint32_t>(t));
    std::vector<std::size_t> level(k);
    for (auto& l : level) l = below(s, p);
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    shuffle(order, s);
    std::vector<double> x(k);
    for (std::size_t i = 0; i < k; ++i) x[i] = static_cast<double>(level[i]) * spacing;
    d.points.push_back(x);
    for (std::size_t i : order) {
      level[i] = level[i] < half ? level[i] + half : level[i] - half;
      x[i] = static_cast<double>(level[i]) * spacing;
      d.points.push_back(x);
    }
    d.groups.insert(d.groups.end(), k + 1, static_cast<std::int32_t>(t));
  }
  return d;
}

double from_unit(const SweepFactor& f, double u) {
  if (f.log_scale) {
    const double lo = std::log(f.min);
    const double hi = std::log(f.max);
    // Ends are returned exactly: exp(log(x)) may differ from x in the last bit and leave bounds.
    if (u <= 0.0) return f.min;
    if (u >= 1.0) return f.max;
    return std::clamp(std::exp(lo + u * (hi - lo)), f.min, f.max);
  }
  if (u >= 1.0) return f.max;
  return std::clamp(f.min + u * (f.max - f.min), f.min, f.max);
}

double to_unit(const SweepFactor& f, double x) {
  if (f.log_scale) return (std::log(x) - std::log(f.min)) / (std::log(f.max) - std::log(f.min));
  return (x - f.min) / (f.max - f.min);
}

std::vector<std::vector<double>> grid_points(const std::vector<SweepFactor>& factors) {
  std::size_t count = factors.empty() ? 0 : 1;
  for (const auto& f : factors) count *= f.values.size();
  std::vector<std::vector<double>> out;
  out.reserve(count);
  std::vector<std::size_t> idx(factors.size(), 0);
  for (std::size_t p = 0; p < count; ++p) {
    std::vector<double> row(factors.size());
    for (std::size_t f = 0; f < factors.size(); ++f) row[f] = factors[f].values[idx[f]];
    out.push_back(std::move(row));
    for (std::size_t f = factors.size(); f-- > 0;) {
      if (++idx[f] < factors[f].values.size()) break;
      idx[f] = 0;
    }
  }
  return out;
}

std::size_t design_point_count(DesignKind kind, std::size_t factors, std::size_t samples,
                               bool second_order) {
  switch (kind) {
    case DesignKind::monte_carlo:
    case DesignKind::latin_hypercube: return samples;
    case DesignKind::saltelli: return samples * (second_order ? 2 * factors + 2 : factors + 2);
    case DesignKind::morris: return samples * (factors + 1);
    default: return 0;
  }
}

void generate_design(Design& design, std::size_t samples, std::uint64_t seed) {
  const std::size_t k = design.factors.size();
  UnitDesign unit;
  switch (design.kind) {
    case DesignKind::grid:
      design.points = grid_points(design.factors);
      design.point_group.assign(design.points.size(), -1);
      return;
    case DesignKind::list: {
      const std::size_t n = k == 0 ? 0 : design.factors.front().values.size();
      design.points = matrix(n, k);
      for (std::size_t p = 0; p < n; ++p)
        for (std::size_t f = 0; f < k; ++f) design.points[p][f] = design.factors[f].values.at(p);
      design.point_group.assign(n, -1);
      return;
    }
    case DesignKind::csv:
      throw std::invalid_argument("csv designs take their points from the file");
    case DesignKind::monte_carlo: unit = monte_carlo_unit(samples, k, seed); break;
    case DesignKind::latin_hypercube: unit = latin_hypercube_unit(samples, k, seed); break;
    case DesignKind::saltelli:
      unit = saltelli_unit(samples, k, design.second_order, seed);
      design.base_samples = samples;
      break;
    case DesignKind::morris:
      unit = morris_unit(samples, k, design.morris_levels, seed);
      design.base_samples = samples;
      break;
  }
  design.points = matrix(unit.points.size(), k);
  for (std::size_t p = 0; p < unit.points.size(); ++p)
    for (std::size_t f = 0; f < k; ++f)
      design.points[p][f] = from_unit(design.factors[f], unit.points[p][f]);
  design.point_group = std::move(unit.groups);
}

std::vector<ParamOverride> point_overrides(const Design& design, std::size_t point) {
  if (point >= design.points.size())
    throw std::out_of_range("design point " + std::to_string(point) +
                            " does not exist (the design has " +
                            std::to_string(design.points.size()) + " points)");
  const auto& row = design.points[point];
  std::vector<ParamOverride> out;
  for (std::size_t f = 0; f < design.factors.size() && f < row.size(); ++f)
    out.push_back(ParamOverride{design.factors[f].param_index, row[f]});
  return out;
}

void apply_point(const Design& design, std::size_t point, Params& params) {
  const std::vector<ParamOverride> overrides = point_overrides(design, point);
  for (const ParamOverride& o : overrides) {
    const ParamDef& def = param_schema()[o.param];
    if (!within_bounds(def, o.value))
      throw std::out_of_range("design point " + std::to_string(point) + " sets " +
                              std::string(def.key) + " = " + number_text(o.value) +
                              ", outside its bounds " + bounds_text(def));
  }
  params = overridden_params(params, overrides);
}

}  // namespace renkei
