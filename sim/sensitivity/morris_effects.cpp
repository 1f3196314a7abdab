#include "sensitivity/morris_effects.hpp"

#include "sweep/design_generate.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace renkei::sensitivity {
namespace {

constexpr std::uint32_t kMorrisPurpose = 2;
// Unit-cube coordinates closer than this are the same level (levels are >= 1/999 apart).
constexpr double kSameLevel = 1e-9;

double mean_abs(const std::vector<double>& ee, const std::vector<std::size_t>& use) {
  double s = 0.0;
  for (std::size_t t : use) s += std::fabs(ee[t]);
  return s / static_cast<double>(use.size());
}

}  // namespace

MorrisEffects morris_effects(const Design& design, std::span<const double> y,
                             const BootstrapOptions& options) {
  const std::size_t k = design.factors.size();
  const std::size_t r = design.base_samples;
  // Divided, not multiplied: r comes from the results file, and r * (k + 1) can wrap around
  // to the point count (a crafted r = 2^63 + 2 with one factor passed, then read past the end).
  if (k == 0 || r == 0 || design.points.size() % (k + 1) != 0 ||
      design.points.size() / (k + 1) != r)
    throw std::invalid_argument("the design has " + std::to_string(design.points.size()) +
                                " points, not " + std::to_string(r) + " trajectories of " +
                                std::to_string(k + 1) + " points");
  if (y.size() != design.points.size())
    throw std::invalid_argument(std::to_string(y.size()) + " outputs for " +
                                std::to_string(design.points.size()) + " design points");
  MorrisEffects out;
  // ee[i][t]: the effect of factor i in trajectory t (kept trajectories only).
  std::vector<std::vector<double>> ee(k);
  for (std::size_t t = 0; t < r; ++t) {
    const std::size_t first = t * (k + 1);
    std::vector<double> effect(k, std::numeric_limits<double>::quiet_NaN());
    bool finite = true;
    for (std::size_t s = 0; s < k; ++s) {
      const auto& x0 = design.points[first + s];
      const auto& x1 = design.points[first + s + 1];
      std::size_t changed = k;
      std::size_t count = 0;
      double du = 0.0;
      for (std::size_t i = 0; i < k; ++i) {
        const double d = to_unit(design.factors[i], x1[i]) - to_unit(design.factors[i], x0[i]);
        if (std::fabs(d) > kSameLevel) {
          changed = i;
          du = d;
          ++count;
        }
      }
      if (count != 1 || !std::isnan(effect[changed]))
        throw std::invalid_argument("design points " + std::to_string(first + s) + " and " +
                                    std::to_string(first + s + 1) + " (trajectory " +
                                    std::to_string(t) + ") differ in " + std::to_string(count) +
                                    " factors" + (count == 1 ? " already moved" : "") +
                                    "; a Morris trajectory moves each factor once, one per step");
      const double dy = y[first + s + 1] - y[first + s];
      finite = finite && std::isfinite(dy);
      effect[changed] = dy / du;
    }
    if (!finite) {
      ++out.dropped;
      continue;
    }
    for (std::size_t i = 0; i < k; ++i) ee[i].push_back(effect[i]);
  }
  out.trajectories = r - out.dropped;
  if (out.trajectories == 0)
    throw std::invalid_argument("no trajectory has finite outputs at all its points");
  std::vector<std::size_t> all(out.trajectories);
  for (std::size_t t = 0; t < all.size(); ++t) all[t] = t;
  Resampler draw(options.seed, kMorrisPurpose);
  std::vector<std::size_t> sample(all.size());
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0.0;
    for (double e : ee[i]) sum += e;
    out.mu.push_back(sum / static_cast<double>(out.trajectories));
    out.sigma.push_back(sample_sd(ee[i]));
    std::vector<double> boot;
    boot.reserve(options.resamples);
    for (std::size_t b = 0; b < options.resamples; ++b) {
      for (auto& t : sample) t = draw.below(all.size());
      boot.push_back(mean_abs(ee[i], sample));
    }
    out.mu_star.push_back(make_estimate(mean_abs(ee[i], all), boot, options.confidence));
  }
  return out;
}

}  // namespace renkei::sensitivity
