#include "calibrate/point_estimate.hpp"

#include "calibrate/abc_posterior.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

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

namespace {

double squared_distance(const std::vector<double>& z, const std::vector<double>& median) {
  double ss = 0.0;
  for (std::size_t t = 0; t < z.size(); ++t) ss += (z[t] - median[t]) * (z[t] - median[t]);
  return ss;
}

std::vector<double> standardised(const std::vector<Target>& targets,
                                 const std::vector<double>& stats) {
  std::vector<double> z(targets.size());
  for (std::size_t t = 0; t < targets.size(); ++t)
    z[t] = (stats[t] - targets[t].value) / targets[t].sd;
  return z;
}

double rms(double squared_sum, std::size_t k) {
  return k > 0 ? std::sqrt(squared_sum / static_cast<double>(k)) : 0.0;
}

// Fills what describes the chosen particle `index` within the posterior: its parameters,
// weight, weight rank and the position of each parameter in its weighted marginal.
void describe(const std::vector<Prior>& priors, const Generation& generation,
              const std::vector<double>& w, std::size_t index, Representative& out) {
  const auto& ps = generation.particles;
  const std::size_t n = ps.size();
  const Particle& p = ps[index];
  out.index = index;
  out.theta = p.theta;
  double total = 0.0;
  for (double x : w) total += x;
  out.weight = w[index] / total;
  std::size_t heavier = 0;
  for (std::size_t i = 0; i < n; ++i) heavier += w[i] > w[index] ? 1 : 0;
  out.weight_rank = static_cast<double>(heavier) / static_cast<double>(n);
  out.position.clear();
  out.outside_90.clear();
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
}

}  // namespace

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
  std::vector<std::vector<double>> z(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = standardised(targets, ps[i].stats);
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
  std::vector<std::pair<double, std::size_t>> eligible;
  for (std::size_t i = 0; i < n; ++i)
    if (w[i] >= threshold) eligible.emplace_back(squared_distance(z[i], out.median_z), i);
  // Ties keep the lower index, so the choice is deterministic.
  std::sort(eligible.begin(), eligible.end());
  out.eligible = eligible.size();
  for (const auto& e : eligible) out.ranked.push_back(e.second);
  describe(priors, generation, w, out.ranked.front(), out);
  out.z = z[out.index];
  out.distance = rms(eligible.front().first, k);
  out.own_distance = out.distance;
  return out;
}

Representative refine_representative(const std::vector<Prior>& priors,
                                     const std::vector<Target>& targets,
                                     const Generation& generation, const Representative& first,
                                     const std::vector<std::vector<double>>& mean_stats,
                                     std::size_t replicates) {
  if (mean_stats.size() > first.ranked.size())
    throw std::invalid_argument("refine_representative: more candidates than ranked particles");
  const std::size_t k = targets.size();
  Representative out = first;
  out.replicates = replicates;
  out.shortlist_distance.assign(mean_stats.size(), std::nan(""));
  double best = std::numeric_limits<double>::infinity();
  std::size_t chosen = mean_stats.size();
  for (std::size_t c = 0; c < mean_stats.size(); ++c) {
    if (mean_stats[c].empty()) continue;
    if (mean_stats[c].size() != k)
      throw std::invalid_argument("refine_representative: statistics of the wrong length");
    const double ss = squared_distance(standardised(targets, mean_stats[c]), first.median_z);
    out.shortlist_distance[c] = rms(ss, k);
    if (ss < best) {  // strict: ties keep the earlier candidate
      best = ss;
      chosen = c;
    }
  }
  if (chosen == mean_stats.size()) {
    out.replicates = 0;
    out.shortlist_distance.clear();
    return out;
  }
  const std::size_t index = first.ranked[chosen];
  describe(priors, generation, weights_of(generation), index, out);
  out.z = standardised(targets, mean_stats[chosen]);
  out.distance = rms(best, k);
  out.own_distance = rms(
      squared_distance(standardised(targets, generation.particles[index].stats), first.median_z),
      k);
  return out;
}

}  // namespace renkei::abc
