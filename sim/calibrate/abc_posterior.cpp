#include "calibrate/abc_posterior.hpp"

#include "calibrate/abc_random.hpp"
#include "calibrate/abc_space.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace renkei::abc {

double effective_sample_size(const std::vector<double>& weights) {
  double sum = 0.0;
  double sum_sq = 0.0;
  for (double w : weights) {
    sum += w;
    sum_sq += w * w;
  }
  return sum_sq > 0.0 ? sum * sum / sum_sq : 0.0;
}

std::vector<double> weights_of(const Generation& generation) {
  std::vector<double> w;
  w.reserve(generation.particles.size());
  for (const Particle& p : generation.particles) w.push_back(p.weight);
  return w;
}

double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
  double total = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    total += weights[i];
    sum += weights[i] * values[i];
  }
  return sum / total;
}

double weighted_sd(const std::vector<double>& values, const std::vector<double>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  const double mean = weighted_mean(values, weights);
  double ss = 0.0;
  double w2 = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double w = weights[i] / total;
    ss += w * (values[i] - mean) * (values[i] - mean);
    w2 += w * w;
  }
  return w2 < 1.0 ? std::sqrt(ss / (1.0 - w2)) : 0.0;
}

double weighted_quantile(std::vector<double> values, std::vector<double> weights, double p) {
  if (values.empty()) throw std::invalid_argument("weighted_quantile: no values");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double cumulative = 0.0;
  for (std::size_t k : order) {
    cumulative += weights[k] / total;
    // The tolerance absorbs rounding in the running sum, so p = 1 reaches the largest value.
    if (cumulative >= p - 1e-12) return values[k];
  }
  return values[order.back()];
}

double identification(const Prior& prior, const Generation& posterior, std::size_t index) {
  const SearchSpace space({prior});
  std::vector<double> z;
  z.reserve(posterior.particles.size());
  for (const Particle& p : posterior.particles) z.push_back(space.to_search({p.theta[index]})[0]);
  const double prior_sd = space.width(0) / std::sqrt(12.0);
  return weighted_sd(z, weights_of(posterior)) / prior_sd;
}

IdentificationClass classify_identification(double sd_ratio) noexcept {
  if (sd_ratio < 0.5) return IdentificationClass::identified;
  if (sd_ratio < 0.8) return IdentificationClass::weak;
  return IdentificationClass::none;
}

const char* identification_name(IdentificationClass c) noexcept {
  switch (c) {
    case IdentificationClass::identified: return "identified";
    case IdentificationClass::weak: return "weakly identified";
    case IdentificationClass::none: break;
  }
  return "not identified";
}

namespace {
std::vector<double> search_values(const Prior& prior, const Generation& posterior,
                                  std::size_t index) {
  const SearchSpace space({prior});
  std::vector<double> z;
  z.reserve(posterior.particles.size());
  for (const Particle& p : posterior.particles) z.push_back(space.to_search({p.theta[index]})[0]);
  return z;
}
}  // namespace

double interval_width_ratio(const Prior& prior, const Generation& posterior, std::size_t index) {
  const SearchSpace space({prior});
  const std::vector<double> z = search_values(prior, posterior, index);
  const std::vector<double> w = weights_of(posterior);
  return (weighted_quantile(z, w, 0.95) - weighted_quantile(z, w, 0.05)) / (0.9 * space.width(0));
}

double weighted_correlation(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& weights) {
  const double mx = weighted_mean(x, weights);
  const double my = weighted_mean(y, weights);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += weights[i] * (x[i] - mx) * (y[i] - my);
    sxx += weights[i] * (x[i] - mx) * (x[i] - mx);
    syy += weights[i] * (y[i] - my) * (y[i] - my);
  }
  return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

std::vector<double> correlation_matrix(const std::vector<Prior>& priors,
                                       const Generation& posterior) {
  const std::size_t d = priors.size();
  std::vector<std::vector<double>> z;
  for (std::size_t i = 0; i < d; ++i) z.push_back(search_values(priors[i], posterior, i));
  const std::vector<double> w = weights_of(posterior);
  std::vector<double> r(d * d, 1.0);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t j = 0; j < i; ++j)
      r[i * d + j] = r[j * d + i] = weighted_correlation(z[i], z[j], w);
  return r;
}

std::vector<ParameterSummary> summarize(const std::vector<Prior>& priors,
                                        const Generation& posterior) {
  const std::vector<double> w = weights_of(posterior);
  std::vector<ParameterSummary> out;
  for (std::size_t i = 0; i < priors.size(); ++i) {
    std::vector<double> values;
    values.reserve(posterior.particles.size());
    for (const Particle& p : posterior.particles) values.push_back(p.theta[i]);
    ParameterSummary s;
    s.name = priors[i].name;
    s.mean = weighted_mean(values, w);
    s.sd = weighted_sd(values, w);
    s.q05 = weighted_quantile(values, w, 0.05);
    s.q50 = weighted_quantile(values, w, 0.50);
    s.q95 = weighted_quantile(values, w, 0.95);
    s.identification = identification(priors[i], posterior, i);
    s.width_ratio = interval_width_ratio(priors[i], posterior, i);
    out.push_back(s);
  }
  return out;
}

std::vector<std::size_t> systematic_resample(const std::vector<double>& weights, std::size_t m,
                                             double u) {
  std::vector<std::size_t> out;
  if (weights.empty() || m == 0) return out;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  out.reserve(m);
  // Stopping at the last positive weight keeps rounding in the running sum from ever
  // selecting a trailing particle of weight zero.
  std::size_t last = weights.size() - 1;
  while (last > 0 && !(weights[last] > 0.0)) --last;
  double cumulative = weights[0] / total;
  std::size_t k = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double position = (static_cast<double>(i) + u) / static_cast<double>(m);
    while (position >= cumulative && k < last) cumulative += weights[++k] / total;
    out.push_back(k);
  }
  return out;
}

std::vector<std::vector<double>> draws(const Generation& posterior, std::size_t m,
                                       std::uint64_t seed) {
  CandidateStream g(seed, CandidateStream::kDrawsGeneration, 0);
  const double u = g.uniform();
  std::vector<std::vector<double>> out;
  out.reserve(m);
  for (std::size_t k : systematic_resample(weights_of(posterior), m, u))
    out.push_back(posterior.particles[k].theta);
  return out;
}

}  // namespace renkei::abc
