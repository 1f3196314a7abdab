#include "calibrate/point_estimate.hpp"

#include "calibrate/abc_parallel.hpp"
#include "calibrate/abc_posterior.hpp"
#include "calibrate/abc_space.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace renkei::abc {
namespace {

// Signed z of one item against the scale on its side (Target::below / above, else sd): the
// study's interval, where the point's fit is judged, rather than the symmetric SE. An
// open-ended side (infinite scale) never counts against the point.
double item_residual(const Target& t, double x) {
  const double side = x < t.value ? t.below : t.above;
  const double scale = side > 0.0 ? side : t.sd;
  return std::isinf(scale) ? 0.0 : (x - t.value) / scale;
}

struct Score {
  double worst = 0.0;
  double distance = 0.0;
  double squares = 0.0;  // sum of squared side-specific residuals (HUGE_VAL if undefined)
};

Score score_of(const std::vector<Target>& targets, const std::vector<double>& mean) {
  Score out;
  out.distance = distance(targets, mean);
  for (std::size_t t = 0; t < mean.size(); ++t) {
    const double r = item_residual(targets[t], mean[t]);
    out.worst = std::max(out.worst, std::isnan(r) ? HUGE_VAL : std::abs(r));
    out.squares += r * r;
  }
  if (std::isnan(out.squares)) out.squares = HUGE_VAL;
  return out;
}

// The statistics of several parameter vectors, each averaged over `runs` runs with seeds
// seed + r (common to all vectors), run in parallel over vectors x runs.
std::vector<std::vector<double>> mean_statistics(const std::vector<std::vector<double>>& thetas,
                                                 const Simulator& simulate, int runs, std::uint64_t seed) {
  const auto r_count = static_cast<std::size_t>(std::max(runs, 1));
  std::vector<std::vector<double>> stats(thetas.size() * r_count);
  parallel_indices(stats.size(), [&](std::size_t i) { stats[i] = simulate(thetas[i / r_count], seed + i % r_count); });
  std::vector<std::vector<double>> out(thetas.size());
  for (std::size_t c = 0; c < thetas.size(); ++c) {
    out[c].assign(stats[c * r_count].size(), 0.0);
    for (std::size_t r = 0; r < r_count; ++r) {
      if (stats[c * r_count + r].size() != out[c].size()) {  // a failed run: the mean is undefined
        out[c].assign(out[c].size(), std::nan(""));
        break;
      }
      for (std::size_t t = 0; t < out[c].size(); ++t) out[c][t] += stats[c * r_count + r][t] / static_cast<double>(r_count);
    }
  }
  return out;
}

// Solves A x = b for the damped normal matrix A (symmetric, positive diagonal) by Gaussian
// elimination with partial pivoting; A is small (one row per calibrated parameter).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]);
    std::swap(b[c], b[pivot]);
    if (a[c][c] == 0.0) continue;  // cannot happen with the damping's positive diagonal
    for (std::size_t r = c + 1; r < n; ++r) {
      const double m = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= m * a[c][k];
      b[r] -= m * b[c];
    }
  }
  std::vector<double> x(n, 0.0);
  for (std::size_t c = n; c-- > 0;) {
    double s = b[c];
    for (std::size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = a[c][c] != 0.0 ? s / a[c][c] : 0.0;
  }
  return x;
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
  const auto means = mean_statistics(thetas, simulate, runs, seed);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Score sc = score_of(targets, means[c]);
    candidates[c].distance = sc.distance;
    candidates[c].worst = sc.worst;
    candidates[c].squares = sc.squares;
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const PointCandidate& a, const PointCandidate& b) {
    return a.squares != b.squares ? a.squares < b.squares : a.worst < b.worst;
  });
  return candidates;
}

PolishResult polish_point(const std::vector<Prior>& priors, const std::vector<Target>& targets,
                          const Simulator& simulate, const std::vector<double>& start, int runs, std::uint64_t seed,
                          int max_evaluations, const PolishProgress& on_iteration) {
  const SearchSpace space(priors);
  const std::size_t d = space.size();
  // Unit-box coordinates: u in [0, 1]^d maps to the search box, so that one step length
  // means the same share of every prior range.
  auto to_theta = [&](const std::vector<double>& u) {
    std::vector<double> z(d);
    for (std::size_t i = 0; i < d; ++i) z[i] = space.lower()[i] + std::clamp(u[i], 0.0, 1.0) * space.width(i);
    return space.to_parameters(z);
  };
  struct Point {
    std::vector<double> u;
    std::vector<double> r;  // residuals, one per target
    double f = HUGE_VAL;    // sum of squared residuals
  };
  PolishResult best;
  auto evaluate = [&](const std::vector<std::vector<double>>& us) {
    std::vector<std::vector<double>> thetas;
    for (const auto& u : us) thetas.push_back(to_theta(u));
    const auto means = mean_statistics(thetas, simulate, runs, seed);
    std::vector<Point> out;
    for (std::size_t k = 0; k < us.size(); ++k) {
      const Score sc = score_of(targets, means[k]);  // an undefined statistic: f = HUGE_VAL, never accepted
      Point pt{us[k], std::vector<double>(targets.size()), sc.squares};
      for (std::size_t t = 0; t < targets.size(); ++t) pt.r[t] = item_residual(targets[t], means[k][t]);
      ++best.evaluations;
      if (best.theta.empty() || sc.squares < best.squares) {
        best.theta = thetas[k];
        best.worst = sc.worst;
        best.distance = sc.distance;
        best.squares = sc.squares;
      }
      out.push_back(std::move(pt));
    }
    return out;
  };

  std::vector<double> u0(d);
  {
    const auto z = space.to_search(start);
    for (std::size_t i = 0; i < d; ++i) u0[i] = space.width(i) > 0 ? (z[i] - space.lower()[i]) / space.width(i) : 0.0;
  }
  Point cur = evaluate({u0})[0];
  // Forward differences of 5 % of each range: wide enough that the averaged runs' noise
  // (common seeds at both ends) does not swamp the slope, narrow enough to stay local.
  constexpr double kStep = 0.05;
  // Each iteration tries the step for four dampings at once (one parallel batch), so a
  // wrong guess of the damping costs no extra round.
  constexpr std::array<double, 4> kDampings = {0.1, 1.0, 10.0, 100.0};
  // No step moves a parameter by more than a quarter of its range: the linearisation is
  // trusted only that far.
  constexpr double kMaxStep = 0.25;
  double lambda = 0.01;
  const std::size_t budget = static_cast<std::size_t>(std::max(max_evaluations, 0));
  while (cur.f < HUGE_VAL && best.evaluations + d + kDampings.size() <= budget && lambda < 1e6) {
    std::vector<std::vector<double>> probes;
    std::vector<double> steps;
    for (std::size_t i = 0; i < d; ++i) {
      auto v = cur.u;
      steps.push_back(v[i] + kStep <= 1.0 ? kStep : -kStep);  // inward at the box's edge
      v[i] += steps.back();
      probes.push_back(std::move(v));
    }
    const auto probed = evaluate(probes);
    // Gauss-Newton normal equations J'J and J'r; a probe with an undefined statistic
    // leaves its column at zero (that parameter is not moved on this iteration's evidence).
    std::vector<std::vector<double>> jtj(d, std::vector<double>(d, 0.0));
    std::vector<double> jtr(d, 0.0);
    std::vector<std::vector<double>> jac(d, std::vector<double>(targets.size(), 0.0));
    for (std::size_t i = 0; i < d; ++i)
      if (probed[i].f < HUGE_VAL)
        for (std::size_t t = 0; t < targets.size(); ++t) jac[i][t] = (probed[i].r[t] - cur.r[t]) / steps[i];
    double max_diag = 0.0;
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = 0; j < d; ++j)
        for (std::size_t t = 0; t < targets.size(); ++t) jtj[i][j] += jac[i][t] * jac[j][t];
      for (std::size_t t = 0; t < targets.size(); ++t) jtr[i] += jac[i][t] * cur.r[t];
      max_diag = std::max(max_diag, jtj[i][i]);
    }
    // Marquardt's scaling (damping proportional to each parameter's curvature), with a
    // floor so that a parameter no target responds to stays put instead of making the
    // system singular.
    const double floor = 1e-6 * std::max(max_diag, 1e-12);
    std::vector<std::vector<double>> trials;
    for (double factor : kDampings) {
      auto a = jtj;
      for (std::size_t i = 0; i < d; ++i) a[i][i] += lambda * factor * (jtj[i][i] + floor);
      std::vector<double> minus_g(d);
      for (std::size_t i = 0; i < d; ++i) minus_g[i] = -jtr[i];
      auto delta = solve(std::move(a), std::move(minus_g));
      double largest = 0.0;
      for (double x : delta) largest = std::max(largest, std::abs(x));
      const double shrink = largest > kMaxStep ? kMaxStep / largest : 1.0;
      auto v = cur.u;
      for (std::size_t i = 0; i < d; ++i) v[i] = std::clamp(v[i] + shrink * delta[i], 0.0, 1.0);
      trials.push_back(std::move(v));
    }
    const auto tried = evaluate(trials);
    std::size_t pick = 0;
    for (std::size_t k = 1; k < tried.size(); ++k)
      if (tried[k].f < tried[pick].f) pick = k;
    ++best.iterations;
    if (tried[pick].f < cur.f) {
      cur = tried[pick];
      lambda *= kDampings[pick];
    } else {
      lambda *= 1000.0;  // every damping overshot: try steps ten times shorter than the shortest
    }
    if (on_iteration) on_iteration(best);
  }
  return best;
}

}  // namespace renkei::abc
