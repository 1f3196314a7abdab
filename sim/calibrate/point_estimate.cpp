#include "calibrate/point_estimate.hpp"

#include "calibrate/abc_parallel.hpp"
#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_space.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace renkei::abc {
namespace {

// |z| of one item against the scale on its side (Target::below / above, else sd): the
// study's interval, where the point's fit is judged, rather than the symmetric SE.
double item_z(const Target& t, double x) {
  if (std::isnan(x)) return HUGE_VAL;
  const double side = x < t.value ? t.below : t.above;
  const double scale = side > 0.0 ? side : t.sd;
  return std::isinf(scale) ? 0.0 : std::abs(x - t.value) / scale;
}

struct Score {
  double worst = 0.0;
  double distance = 0.0;
};

// Scores of several parameter vectors, each from `runs` runs with seeds seed + r (common to
// all vectors), run in parallel over vectors x runs.
std::vector<Score> score_all(const std::vector<std::vector<double>>& thetas, const std::vector<Target>& targets,
                             const Simulator& simulate, int runs, std::uint64_t seed) {
  const auto r_count = static_cast<std::size_t>(std::max(runs, 1));
  std::vector<std::vector<double>> stats(thetas.size() * r_count);
  parallel_indices(stats.size(), [&](std::size_t i) { stats[i] = simulate(thetas[i / r_count], seed + i % r_count); });
  std::vector<Score> out(thetas.size());
  for (std::size_t c = 0; c < thetas.size(); ++c) {
    std::vector<double> mean(targets.size(), 0.0);
    for (std::size_t r = 0; r < r_count; ++r)
      for (std::size_t t = 0; t < mean.size(); ++t) mean[t] += stats[c * r_count + r][t] / static_cast<double>(r_count);
    out[c].distance = distance(targets, mean);
    for (std::size_t t = 0; t < mean.size(); ++t) out[c].worst = std::max(out[c].worst, item_z(targets[t], mean[t]));
  }
  return out;
}

}  // namespace

std::vector<double> posterior_mean(const std::vector<Prior>& priors, const Generation& generation) {
  std::vector<double> point;
  const auto w = weights_of(generation);
  for (std::size_t i = 0; i < priors.size(); ++i) {
    std::vector<double> v;
    for (const auto& p : generation.particles) v.push_back(priors[i].log_scale ? std::log(p.theta[i]) : p.theta[i]);
    const double m = weighted_mean(v, w);
    point.push_back(priors[i].log_scale ? std::exp(m) : m);
  }
  return point;
}

std::vector<PointCandidate> rank_point_candidates(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                                                  const Generation& generation, const Simulator& simulate,
                                                  int particles, int runs, std::uint64_t seed) {
  std::vector<PointCandidate> candidates;
  candidates.push_back({"posterior mean", posterior_mean(priors, generation), 0.0});
  // Heaviest particles first; equal weights keep the generation's order, so the choice is
  // reproducible.
  std::vector<std::size_t> order(generation.particles.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return generation.particles[a].weight > generation.particles[b].weight;
  });
  const std::size_t k = std::min(order.size(), static_cast<std::size_t>(std::max(particles, 0)));
  for (std::size_t j = 0; j < k; ++j) {
    const Particle& p = generation.particles[order[j]];
    char label[64];
    std::snprintf(label, sizeof label, "particle %zu (weight %.3g)", order[j], p.weight);
    candidates.push_back({label, p.theta, 0.0});
  }

  std::vector<std::vector<double>> thetas;
  for (const auto& c : candidates) thetas.push_back(c.theta);
  const auto scores = score_all(thetas, targets, simulate, runs, seed);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    candidates[c].distance = scores[c].distance;
    candidates[c].worst = scores[c].worst;
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const PointCandidate& a, const PointCandidate& b) {
    return a.worst != b.worst ? a.worst < b.worst : a.distance < b.distance;
  });
  return candidates;
}

PolishResult polish_point(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                          const Simulator& simulate, const std::vector<double>& start, int runs, std::uint64_t seed,
                          int max_evaluations) {
  const SearchSpace space(priors);
  const std::size_t d = space.size();
  // Unit-box coordinates: u in [0, 1]^d maps to the search box.
  auto to_theta = [&](const std::vector<double>& u) {
    std::vector<double> z(d);
    for (std::size_t i = 0; i < d; ++i) z[i] = space.lower()[i] + std::clamp(u[i], 0.0, 1.0) * space.width(i);
    return space.to_parameters(z);
  };
  PolishResult best;
  auto evaluate = [&](const std::vector<std::vector<double>>& us) {
    std::vector<std::vector<double>> thetas;
    for (const auto& u : us) thetas.push_back(to_theta(u));
    const auto sc = score_all(thetas, targets, simulate, runs, seed);
    std::vector<double> f(us.size());
    for (std::size_t k = 0; k < us.size(); ++k) {
      f[k] = sc[k].worst + 0.1 * sc[k].distance;
      ++best.evaluations;
      if (best.theta.empty() || f[k] < best.worst + 0.1 * best.distance) {
        best.theta = thetas[k];
        best.worst = sc[k].worst;
        best.distance = sc[k].distance;
      }
    }
    return f;
  };
  std::vector<double> u0(d);
  {
    const auto z = space.to_search(start);
    for (std::size_t i = 0; i < d; ++i) u0[i] = space.width(i) > 0 ? (z[i] - space.lower()[i]) / space.width(i) : 0.0;
  }
  // Initial simplex: steps of a tenth of each prior range, inward from the box's edge.
  std::vector<std::vector<double>> x{u0};
  for (std::size_t i = 0; i < d; ++i) {
    auto v = u0;
    v[i] += v[i] + 0.1 <= 1.0 ? 0.1 : -0.1;
    x.push_back(v);
  }
  std::vector<double> f = evaluate(x);  // the vertices in parallel
  const auto budget = std::max(max_evaluations, static_cast<int>(d) + 1);
  auto clamp_unit = [](std::vector<double> v) {
    for (double& e : v) e = std::clamp(e, 0.0, 1.0);
    return v;
  };
  while (best.evaluations < budget) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return f[a] < f[b]; });
    if (f[order.back()] - f[order.front()] < 1e-3) break;
    const std::size_t worst = order.back(), second = order[order.size() - 2], top = order.front();
    std::vector<double> centroid(d, 0.0);
    for (std::size_t k : order)
      if (k != worst)
        for (std::size_t i = 0; i < d; ++i) centroid[i] += x[k][i] / static_cast<double>(d);
    auto along = [&](double t) {
      std::vector<double> v(d);
      for (std::size_t i = 0; i < d; ++i) v[i] = centroid[i] + t * (x[worst][i] - centroid[i]);
      return clamp_unit(v);
    };
    const auto xr = along(-1.0);
    const double fr = evaluate({xr})[0];
    if (fr < f[top]) {
      const auto xe = along(-2.0);
      const double fe = evaluate({xe})[0];
      if (fe < fr) {
        x[worst] = xe;
        f[worst] = fe;
      } else {
        x[worst] = xr;
        f[worst] = fr;
      }
      continue;
    }
    if (fr < f[second]) {
      x[worst] = xr;
      f[worst] = fr;
      continue;
    }
    const bool outside = fr < f[worst];
    const auto xc = along(outside ? -0.5 : 0.5);
    const double fc = evaluate({xc})[0];
    if (fc < (outside ? fr : f[worst])) {
      x[worst] = xc;
      f[worst] = fc;
      continue;
    }
    // Shrink towards the best vertex; the d new vertices are evaluated together.
    std::vector<std::vector<double>> shrunk;
    std::vector<std::size_t> which;
    for (std::size_t k = 0; k < x.size(); ++k) {
      if (k == top) continue;
      for (std::size_t i = 0; i < d; ++i) x[k][i] = x[top][i] + 0.5 * (x[k][i] - x[top][i]);
      shrunk.push_back(x[k]);
      which.push_back(k);
    }
    const auto fs = evaluate(shrunk);
    for (std::size_t j = 0; j < which.size(); ++j) f[which[j]] = fs[j];
  }
  return best;
}

}  // namespace renkei::abc
