// Generation of sweep designs: sampling plans on the unit cube (Monte Carlo, Latin hypercube,
// Saltelli, Morris trajectories) and their mapping to parameter values. Kept apart from the
// sweep file reader so that tests and the sensitivity estimators can build designs directly.
#pragma once

#include "sweep/design.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace renkei {

// A plan on [0, 1]^k: one row per point, with the grouping the estimators need.
struct UnitDesign {
  std::vector<std::vector<double>> points;  // [point][factor], in [0, 1]
  std::vector<std::int32_t> groups;         // see Design::point_group
};

// Independent uniform points.
UnitDesign monte_carlo_unit(std::size_t n, std::size_t k, std::uint64_t seed);
// Latin hypercube (McKay, Beckman and Conover 1979): each of the n equal strata of every
// factor holds exactly one point, placed uniformly inside its stratum.
UnitDesign latin_hypercube_unit(std::size_t n, std::size_t k, std::uint64_t seed);
// Saltelli (2010) radial layout in SALib's row order, so that SALib's sobol.analyze reads our
// outputs unchanged: per base sample j the rows A_j, AB_j^(1..k), [BA_j^(1..k)], B_j. The base
// matrices A and B are independent uniform (pseudo-random, not quasi-random) samples.
UnitDesign saltelli_unit(std::size_t n, std::size_t k, bool second_order, std::uint64_t seed);
// Morris (1991) trajectories on a `levels`-level grid: r groups of k + 1 points, each point
// differing from the previous one in one factor by +/- levels / (2 (levels - 1)).
UnitDesign morris_unit(std::size_t r, std::size_t k, int levels, std::uint64_t seed);

// The Morris step in unit-cube coordinates: levels / (2 (levels - 1)).
double morris_delta(int levels);

// Unit-cube coordinate <-> parameter value over [min, max], linear or logarithmic.
double from_unit(const SweepFactor& f, double u);
double to_unit(const SweepFactor& f, double x);

// Cartesian product of the factors' `values`; the last factor varies fastest.
std::vector<std::vector<double>> grid_points(const std::vector<SweepFactor>& factors);

// Fills design.points and design.point_group from design.kind and design.factors (all kinds
// but csv, whose points come from its file). `samples` is the point count of monte_carlo and
// latin_hypercube, N of saltelli and r of morris; `seed` drives the design's randomness only.
void generate_design(Design& design, std::size_t samples, std::uint64_t seed);

// Points the design would have, without generating it (for size checks before allocation).
std::size_t design_point_count(DesignKind kind, std::size_t factors, std::size_t samples,
                               bool second_order);

}  // namespace renkei
