// Bootstrap settings and interval estimates shared by the sensitivity estimators: an index
// comes with the standard error of its bootstrap distribution and a normal interval, the
// convention of SALib, so that our tables and SALib's read the same.
#pragma once

#include "core/rng.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace renkei::sensitivity {

struct BootstrapOptions {
  std::size_t resamples = 1000;  // 0: no intervals (se, lo, hi are NaN)
  double confidence = 0.95;      // in (0, 1)
  std::uint64_t seed = 1;        // resampling stream; the same seed gives the same intervals
};

struct Estimate {
  double value = 0.0;
  double se = 0.0;  // standard deviation of the bootstrap replicates of the estimator
  double lo = 0.0;  // value -/+ z * se, z the normal quantile of (1 + confidence) / 2
  double hi = 0.0;
};

// Indices drawn with replacement for bootstrap resamples, from a stream of their own keyed
// by the bootstrap seed (independent of the model's and the design's streams).
class Resampler {
 public:
  Resampler(std::uint64_t seed, std::uint32_t purpose);
  // Uniform in [0, n).
  std::size_t below(std::size_t n) noexcept;

 private:
  rng::Stream stream_;
};

// The standard normal quantile at p in (0, 1).
double normal_quantile(double p);

// Sample standard deviation (n - 1 denominator) of the finite values; NaN with fewer than two.
double sample_sd(std::span<const double> values);

// Estimate from a point value and its bootstrap replicates.
Estimate make_estimate(double value, std::span<const double> replicates, double confidence);

}  // namespace renkei::sensitivity
