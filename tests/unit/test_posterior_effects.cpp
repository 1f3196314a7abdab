// Effects over posterior draws: the split of the paired differences' variance into chance
// (within a draw) and parameters (between draws) recovers known components of simulated
// data, its interval covers the true mean at its level, and P(beats baseline) follows the
// normal approximation over the posterior.
#include "stats/posterior.hpp"

#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using renkei::stats::draw_effect;
using renkei::stats::share_first;

namespace {

// d_ij = θ_j + ε_ij with θ_j ~ N(mu, sd_theta) (the parameters' effect) and ε ~ N(0, sd_eps)
// (chance): D draws, k replicates each. Returned as policy = d, baseline = 0.
struct Sim {
  std::vector<double> policy, baseline, draw;
};

Sim simulate(std::mt19937_64& rng, int D, int k, double mu, double sd_theta, double sd_eps) {
  std::normal_distribution<double> theta(mu, sd_theta), eps(0.0, sd_eps);
  Sim s;
  for (int j = 0; j < D; ++j) {
    const double t = theta(rng);
    for (int i = 0; i < k; ++i) {
      s.policy.push_back(t + eps(rng));
      s.baseline.push_back(0.0);
      s.draw.push_back(j);
    }
  }
  return s;
}

}  // namespace

TEST_CASE("draw effects: chance and parameter parts of the variance are recovered",
          "[stats][posterior]") {
  std::mt19937_64 rng(20261205);
  const Sim s = simulate(rng, 400, 4, 1.0, 2.0, 3.0);
  const auto e = draw_effect(s.policy, s.baseline, s.draw, 0.95);
  CHECK(e.draws == 400);
  CHECK(e.pairs == 1600);
  CHECK(e.draws_with_two == 400);
  // Tolerances are four standard errors of each estimator under normal data:
  // within SD: 3 / sqrt(2 · 1200 df) = 0.061 -> 0.25;
  // Var of draw means = 4 + 9/4 = 6.25, SE 6.25 · sqrt(2 / 399) = 0.44, so the parameter
  //   variance 4 has SE 0.44 and its SD 2 about 0.11 -> 0.45;
  // mean: sqrt(6.25 / 400) = 0.125 -> 0.5;
  // P(beats) = Φ(1/2) = 0.691; by the delta method its SE is about 0.024 -> 0.1.
  CHECK(e.sd_within == Approx(3.0).margin(0.25));
  CHECK(e.sd_parameter == Approx(2.0).margin(0.45));
  CHECK(e.mean == Approx(1.0).margin(0.5));
  const boost::math::normal_distribution<double> z;
  CHECK(e.prob_beats == Approx(boost::math::cdf(z, 0.5)).margin(0.1));
  // The interval with the parameters known is narrower than the one that includes them.
  CHECK(e.ci_stochastic.half_width() < e.ci.half_width());
  CHECK(e.range_parameter.lo < e.mean);
  CHECK(e.range_parameter.hi > e.mean);
}

TEST_CASE("draw effects: the interval covers the posterior-mean effect at its level",
          "[stats][posterior]") {
  // 200 studies of 20 draws x 2 replicates: coverage ~ Binomial(200, 0.95), mean 190, SD 3.1;
  // 4 SD below the mean is 177.7.
  std::mt19937_64 rng(7);
  int covered = 0;
  for (int study = 0; study < 200; ++study) {
    const Sim s = simulate(rng, 20, 2, 0.7, 1.5, 2.0);
    covered += draw_effect(s.policy, s.baseline, s.draw, 0.95).ci.contains(0.7) ? 1 : 0;
  }
  CHECK(covered >= 178);
}

TEST_CASE("draw effects: P(beats) with no parameter spread is that of the mean being positive",
          "[stats][posterior]") {
  // Draw means 0.4 and -0.2 with the same spread within draws: the moments give no parameter
  // spread, so P(beats) is Φ(mean / SE of the mean over draws), not 1.
  const std::vector<double> pol = {1.4, -0.6, 0.8, -1.2}, base = {0.0, 0.0, 0.0, 0.0},
                            draw = {0, 0, 1, 1};
  const auto e = draw_effect(pol, base, draw, 0.95);
  CHECK(e.sd_parameter == 0.0);
  const double mean = 0.1, var_means = 2 * 0.09, se = std::sqrt(var_means / 2);
  const boost::math::normal_distribution<double> z;
  CHECK(e.prob_beats == Approx(boost::math::cdf(z, mean / se)).epsilon(1e-9));
  CHECK(e.prob_beats < 0.9);
}

TEST_CASE(
    "draw effects: an identical positive effect everywhere gives P(beats) 1; one replicate per "
    "draw "
    "leaves the split undetermined",
    "[stats][posterior]") {
  const std::vector<double> pol = {2.0, 2.0, 2.0, 2.0}, base = {0.0, 0.0, 0.0, 0.0},
                            draw = {0, 0, 1, 1};
  const auto e = draw_effect(pol, base, draw, 0.95);
  CHECK(e.sd_parameter == 0.0);
  CHECK(e.prob_beats == 1.0);
  CHECK(e.share_draws_positive == 1.0);
  const std::vector<double> one = {1.0, 3.0, -1.0}, zero = {0.0, 0.0, 0.0}, labels = {0, 1, 2};
  const auto f = draw_effect(one, zero, labels, 0.95);
  CHECK(std::isnan(f.sd_parameter));
  CHECK(std::isnan(f.prob_beats));
  CHECK(f.share_draws_positive == Approx(2.0 / 3.0));
  CHECK(f.mean == Approx(1.0));
  CHECK_THROWS_AS(draw_effect(pol, base, std::vector<double>{0, 0, 0, 0}, 0.95),
                  std::invalid_argument);
}

TEST_CASE("share first: how often each policy has the largest mean effect, ties shared",
          "[stats][posterior]") {
  const std::vector<double> draw = {0, 0, 1, 1, 2, 2};
  const std::vector<std::vector<double>> effects = {
      {1, 1, 5, 5, 2, 2},  // first in draw 1, tied in draw 2
      {2, 2, 1, 1, 2, 2},  // first in draw 0, tied in draw 2
  };
  const auto share = share_first(effects, draw);
  REQUIRE(share.size() == 2);
  CHECK(share[0] == Approx(0.5));
  CHECK(share[1] == Approx(0.5));
}
