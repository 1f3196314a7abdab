#include "calibrate/point_estimate.hpp"

#include "calibrate/abc_posterior.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace renkei::abc {

std::vector<double> posterior_mean(const std::vector<Prior>& priors, const Generation& generation) {
  std::vector<double> point;
  const auto w = weights_of(generation);
  for (std::size_t i = 0; i < priors.size(); ++i) {
    std::vector<double> v;
    for (const auto& p : generation.particles)
      v.push_back(priors[i].log_scale ? std::log(p.theta[i]) : p.theta[i]);
    const double m = weighted_mean(v, w);
    point.push_back(priors[i].log_scale ? std::exp(m) : m);
  }
  return point;
}

Representative representative_particle(const std::vector<Prior>& priors,
                                       const std::vector<Target>& targets,
                                       const Generation& generation) {
  const auto& ps = generation.particles;
  if (ps.empty())
    throw std::invalid_argument("representative_particle: the generation has no particles");
  for (const Particle& p : ps)
    if (p.stats.size() != targets.size() || p.theta.size() != priors.size())
      throw std::invalid_argument(
          "representative_particle: a particle lacks its statistics or parameters");
  const std::vector<double> w = weights_of(generation);
  const std::size_t n = ps.size();
  const std::size_t k = targets.size();

  Representative out;
  std::vector<std::vector<double>> z(n, std::vector<double>(k));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t t = 0; t < k; ++t)
      z[i][t] = (ps[i].stats[t] - targets[t].value) / targets[t].sd;
  out.median_z.resize(k);
  for (std::size_t t = 0; t < k; ++t) {
    std::vector<double> col(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = z[i][t];
    out.median_z[t] = weighted_quantile(col, w, 0.5);
  }
  std::vector<double> sorted = w;
  std::sort(sorted.begin(), sorted.end());
  // The lower median weight, so that with equal weights every particle is eligible.
  const double threshold = sorted[(n - 1) / 2];
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    if (w[i] < threshold) continue;
    ++out.eligible;
    double ss = 0.0;
    for (std::size_t t = 0; t < k; ++t)
      ss += (z[i][t] - out.median_z[t]) * (z[i][t] - out.median_z[t]);
    if (ss < best) {  // strict: ties keep the lower index
      best = ss;
      out.index = i;
    }
  }
  const Particle& p = ps[out.index];
  out.theta = p.theta;
  out.z = z[out.index];
  out.distance = k > 0 ? std::sqrt(best / static_cast<double>(k)) : 0.0;
  double total = 0.0;
  for (double x : w) total += x;
  out.weight = w[out.index] / total;
  std::size_t heavier = 0;
  for (std::size_t i = 0; i < n; ++i) heavier += w[i] > w[out.index] ? 1 : 0;
  out.weight_rank = static_cast<double>(heavier) / static_cast<double>(n);
  for (std::size_t d = 0; d < priors.size(); ++d) {
    double below = 0.0, at = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (ps[i].theta[d] < p.theta[d])
        below += w[i];
      else if (ps[i].theta[d] == p.theta[d])
        at += w[i];
    }
    // Mid-distribution position, so that the particle itself counts half.
    const double pos = (below + 0.5 * at) / total;
    out.position.push_back(pos);
    if (pos < 0.05 || pos > 0.95) out.outside_90.push_back(d);
  }
  return out;
}

}  // namespace renkei::abc
