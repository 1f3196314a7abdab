// Random variates with fixed, documented algorithms (never std:: distributions, whose
// algorithms differ between standard libraries): results depend only on the stream.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>

namespace renkei::dist {

// Any generator with uniform() on [0,1), uniform_open() on (0,1) and next_u32().
template <class G>
concept UniformSource = requires(G g) {
  { g.uniform() } -> std::convertible_to<double>;
  { g.uniform_open() } -> std::convertible_to<double>;
  { g.next_u32() } -> std::convertible_to<std::uint32_t>;
};

template <UniformSource G>
bool bernoulli(G& g, double p) {
  return g.uniform() < p;
}

// Uniform integer in [0, n) by Lemire's multiply-and-reject method (unbiased). n >= 1.
template <UniformSource G>
std::uint32_t uniform_index(G& g, std::uint32_t n) {
  std::uint64_t m = static_cast<std::uint64_t>(g.next_u32()) * n;
  auto low = static_cast<std::uint32_t>(m);
  if (low < n) {
    const std::uint32_t threshold = static_cast<std::uint32_t>(-n) % n;
    while (low < threshold) {
      m = static_cast<std::uint64_t>(g.next_u32()) * n;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

// Exponential with the given rate, by inversion.
template <UniformSource G>
double exponential(G& g, double rate) {
  return -std::log(g.uniform_open()) / rate;
}

// Standard normal by the Box–Muller transform (one variate per two uniforms; the sine
// branch is discarded so that the generator carries no hidden state).
template <UniformSource G>
double normal(G& g) {
  const double u1 = g.uniform_open();
  const double u2 = g.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

template <UniformSource G>
double normal(G& g, double mean, double sd) {
  return mean + sd * normal(g);
}

// log(k!) for k >= 0. Through lgamma_r: std::lgamma writes the global `signgam` and is
// therefore not safe to call from concurrent runs.
inline double log_factorial(double k) {
  int sign = 0;
  return ::lgamma_r(k + 1.0, &sign);
}

// Poisson variate. Inversion by sequential search for mean < 12; for larger means the
// PTRS transformed-rejection method of Hörmann (1993), exact for all means.
template <UniformSource G>
std::uint32_t poisson(G& g, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 12.0) {
    double p = std::exp(-mean);
    double cdf = p;
    const double u = g.uniform();
    std::uint32_t k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mean / k;
      cdf += p;
      if (p < 1e-300 && cdf >= 1.0 - 1e-15) break;
    }
    return k;
  }
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = g.uniform() - 0.5;
    const double v = g.uniform_open();
    const double us = 0.5 - std::fabs(u);
    const double kf = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (kf < 0.0) continue;
    if (us >= 0.07 && v <= vr) return static_cast<std::uint32_t>(kf);
    if (us < 0.013 && v > us) continue;
    const double lhs = std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b);
    const double rhs = -mean + kf * loglam - log_factorial(kf);
    if (lhs <= rhs) return static_cast<std::uint32_t>(kf);
  }
}

// Binomial(n, p) by counting geometric waiting times (Devroye 1986, ch. X.4): exact,
// cost O(n·min(p,1-p) + 1), which is small for the event counts this model draws.
template <UniformSource G>
std::uint32_t binomial(G& g, std::uint32_t n, double p) {
  if (n == 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  const bool flip = p > 0.5;
  const double q = flip ? 1.0 - p : p;
  const double log1mq = std::log1p(-q);
  std::uint64_t position = 0;
  std::uint32_t successes = 0;
  for (;;) {
    // Failures before the next success. Compared as a double: for tiny q it can exceed
    // every integer type, and converting it first would wrap into bogus successes.
    const double gap = std::floor(std::log(g.uniform_open()) / log1mq);
    if (gap >= static_cast<double>(n - position)) break;
    position += static_cast<std::uint64_t>(gap) + 1;
    ++successes;
  }
  return flip ? n - successes : successes;
}

// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the boost u^(1/shape).
template <UniformSource G>
double gamma(G& g, double shape) {
  if (shape < 1.0) {
    const double u = g.uniform_open();
    return gamma(g, shape + 1.0) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x;
    double v;
    do {
      x = normal(g);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = g.uniform_open();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// Beta(a, b) from two gamma variates.
template <UniformSource G>
double beta(G& g, double a, double b) {
  const double x = gamma(g, a);
  const double y = gamma(g, b);
  return x / (x + y);
}

// Beta parameterised by mean m in (0,1) and concentration k = a + b > 0.
template <UniformSource G>
double beta_mean(G& g, double m, double k) {
  return beta(g, m * k, (1.0 - m) * k);
}

// Probability that an event with a constant hazard (per week) happens within dt weeks.
// Index drawn with probability proportional to the (non-negative) weights w.
template <UniformSource G, class Weights>
std::size_t categorical(G& g, const Weights& w) {
  double total = 0;
  for (double x : w) total += x;
  double u = g.uniform() * total;
  std::size_t k = 0;
  for (double x : w) {
    if (u < x) return k;
    u -= x;
    ++k;
  }
  return k - 1;  // rounding
}

inline double hazard_to_probability(double rate_per_week, double dt_weeks) {
  return -std::expm1(-rate_per_week * dt_weeks);
}

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace renkei::dist
