#include "stats/posterior.hpp"

#include "stats/t_dist.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace renkei::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Differences grouped by draw label, in label order.
std::map<double, std::vector<double>> by_draw(std::span<const double> d,
                                              std::span<const double> draw) {
  std::map<double, std::vector<double>> groups;
  for (std::size_t i = 0; i < d.size(); ++i) groups[draw[i]].push_back(d[i]);
  return groups;
}

double mean_of(const std::vector<double>& x) {
  double s = 0.0;
  for (const double v : x) s += v;
  return s / static_cast<double>(x.size());
}

}  // namespace

DrawEffect draw_effect(std::span<const double> policy, std::span<const double> baseline,
                       std::span<const double> draw, double level) {
  if (policy.size() != baseline.size() || policy.size() != draw.size())
    throw std::invalid_argument("draw_effect: policy, baseline and draw differ in length");
  std::vector<double> d(policy.size());
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = policy[i] - baseline[i];
  const auto groups = by_draw(d, draw);
  if (groups.size() < 2)
    throw std::invalid_argument("draw_effect: needs pairs from at least two draws");

  DrawEffect out;
  out.level = level;
  out.pairs = d.size();
  out.draws = groups.size();
  std::vector<double> means;
  double within_ss = 0.0, within_df = 0.0, inv_n = 0.0;
  std::size_t positive = 0;
  for (const auto& [label, g] : groups) {
    const double m = mean_of(g);
    means.push_back(m);
    positive += m > 0.0 ? 1 : 0;
    inv_n += 1.0 / static_cast<double>(g.size());
    if (g.size() >= 2) ++out.draws_with_two;
    for (const double x : g) within_ss += (x - m) * (x - m);
    within_df += static_cast<double>(g.size()) - 1.0;
  }
  const double D = static_cast<double>(means.size());
  inv_n /= D;
  out.mean = mean_of(means);
  double between_ss = 0.0;
  for (const double m : means) between_ss += (m - out.mean) * (m - out.mean);
  const double var_means = between_ss / (D - 1.0);
  const double t = t_critical(level, D - 1.0);
  const double half = t * std::sqrt(var_means / D);
  out.ci = {out.mean - half, out.mean + half};
  out.share_draws_positive = static_cast<double>(positive) / D;

  if (out.draws_with_two == 0) {
    out.sd_within = out.sd_parameter = out.prob_beats = kNaN;
    out.ci_stochastic = out.range_parameter = {kNaN, kNaN};
    return out;
  }
  // E[var of draw means] = Var E[d|θ] + E[1/n_j] · σ²_within (moments, unequal group sizes).
  const double var_within = within_ss / within_df;
  out.sd_within = std::sqrt(var_within);
  out.sd_parameter = std::sqrt(std::max(0.0, var_means - inv_n * var_within));
  const double t_w = t_critical(level, within_df);
  const double half_w = t_w * out.sd_within / std::sqrt(static_cast<double>(out.pairs));
  out.ci_stochastic = {out.mean - half_w, out.mean + half_w};
  const boost::math::normal_distribution<double> z;
  const double zq = boost::math::quantile(z, 0.5 + level / 2.0);
  out.range_parameter = {out.mean - zq * out.sd_parameter, out.mean + zq * out.sd_parameter};
  // P(E[d|θ] > 0) under N(mean, sd_parameter²), widened by the mean's own estimation variance
  // (var_means / D): when the moments put the parameter spread at 0 (it cannot be told from
  // chance), the probability is then that of the mean being positive, not a certainty.
  const double sd_beats = std::sqrt(out.sd_parameter * out.sd_parameter + var_means / D);
  if (sd_beats > 0.0)
    out.prob_beats = boost::math::cdf(z, out.mean / sd_beats);
  else
    out.prob_beats = out.mean > 0.0 ? 1.0 : out.mean < 0.0 ? 0.0 : 0.5;
  return out;
}

std::vector<double> share_first(const std::vector<std::vector<double>>& effects,
                                std::span<const double> draw) {
  std::vector<double> share(effects.size(), 0.0);
  if (effects.empty()) return share;
  std::vector<std::map<double, std::vector<double>>> groups;
  for (const auto& e : effects) groups.push_back(by_draw(e, draw));
  std::size_t draws = 0;
  for (const auto& [label, unused] : groups.front()) {
    (void)unused;
    std::vector<double> means;
    for (const auto& g : groups) means.push_back(mean_of(g.at(label)));
    double best = means.front();
    for (const double m : means) best = std::max(best, m);
    std::size_t ties = 0;
    for (const double m : means) ties += m == best ? 1 : 0;
    for (std::size_t p = 0; p < means.size(); ++p)
      if (means[p] == best) share[p] += 1.0 / static_cast<double>(ties);
    ++draws;
  }
  for (double& s : share) s /= static_cast<double>(draws);
  return share;
}

}  // namespace renkei::stats
