#include "sensitivity/bootstrap.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <limits>

namespace renkei::sensitivity {
namespace {

// Outside the model's mechanism numbers, and apart from the design's streams.
constexpr auto kBootstrapStreams = rng::Mechanism::bootstrap;

}  // namespace

Resampler::Resampler(std::uint64_t seed, std::uint32_t purpose)
    : stream_(seed, 0, kBootstrapStreams, purpose) {}

std::size_t Resampler::below(std::size_t n) noexcept {
  // Multiply-shift: the bias (< n / 2^32) is far below the bootstrap's own noise.
  return static_cast<std::size_t>((static_cast<std::uint64_t>(stream_.next_u32()) * n) >> 32);
}

double normal_quantile(double p) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

double sample_sd(std::span<const double> values) {
  double n = 0.0;
  double mean = 0.0;
  double m2 = 0.0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    // Welford: no cancellation when the replicates cluster far from zero.
    n += 1.0;
    const double d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return n < 2.0 ? std::numeric_limits<double>::quiet_NaN() : std::sqrt(m2 / (n - 1.0));
}

Estimate make_estimate(double value, std::span<const double> replicates, double confidence) {
  Estimate e;
  e.value = value;
  e.se = sample_sd(replicates);
  const double z = normal_quantile(0.5 + 0.5 * confidence);
  e.lo = value - z * e.se;
  e.hi = value + z * e.se;
  return e;
}

}  // namespace renkei::sensitivity
