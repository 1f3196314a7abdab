// The calibrated point: the posterior's representative particle (nearest the weighted
// median of the standardised simulated targets among the heavier half), on populations
// whose answer is known by construction.
#include "calibrate/point_estimate.hpp"
#include "core/distributions.hpp"
#include "core/rng.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace renkei;
using namespace renkei::abc;

namespace {

Particle particle(double x, double y, double w, std::vector<double> stats) {
  return Particle{{x, y}, w, 0.0, std::move(stats)};
}

}  // namespace

TEST_CASE("representative: the heavy particle nearest the median of the standardised outputs",
          "[abc][point]") {
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  // Targets 0.5 and 0.2 with SEs 0.1 and 0.05: z = (s - v) / sd.
  const std::vector<Target> targets{{"a", 0.5, 0.1}, {"b", 0.2, 0.05}};
  Generation g;
  // z of the particles: (-2, 0), (-1, 1), (0, 0.4), (1, 2), (3, -1), (0, 0) light.
  g.particles = {particle(0.1, 0.1, 0.2, {0.3, 0.2}),   particle(0.2, 0.2, 0.2, {0.4, 0.25}),
                 particle(0.3, 0.3, 0.2, {0.5, 0.22}),  particle(0.4, 0.4, 0.2, {0.6, 0.3}),
                 particle(0.5, 0.5, 0.15, {0.8, 0.15}), particle(0.6, 0.6, 0.05, {0.5, 0.2})};
  // Weighted medians: z_a: sorted -2(.2) -1(.2) 0(.2+.05) ... cumulative reaches 0.5 at 0;
  // z_b: -1(.15) 0(.2+.05) 0.4(.2) -> 0.6 at 0.4, so the median is 0.4. Median (0, 0.4):
  // particle 2 sits on it. The light particle 5 (0, 0) is as close but below the median
  // weight, so not eligible.
  const Representative r = representative_particle(priors, targets, g);
  CHECK(r.index == 2);
  CHECK(r.median_z[0] == Approx(0.0).margin(1e-12));
  CHECK(r.median_z[1] == Approx(0.4));
  CHECK(r.distance == Approx(0.0).margin(1e-12));
  CHECK(r.eligible == 4);  // weight >= the lower median weight (0.2): particle 4 (0.15) is out too
  CHECK(r.theta == std::vector<double>{0.3, 0.3});
  CHECK(r.weight == Approx(0.2));
  // Its parameters sit mid-posterior: below it 0.4 of the weight, itself 0.2 -> 0.5.
  CHECK(r.position[0] == Approx(0.5));
  CHECK(r.outside_90.empty());
}

TEST_CASE(
    "representative: a posterior draw near the centre of a noisy posterior, whatever the order",
    "[abc][point]") {
  // 400 particles, stats = parameters + N(0, 0.02) (one simulated survey each), targets at
  // the centre (0.5, 0.5) with SE 0.02, particles N(0.5, 0.05). The representative is a
  // particle (a posterior draw), in the heavier half, and its parameters lie inside the
  // posterior's central 90 % (in fact near its centre: within 1.5 posterior SD).
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"a", 0.5, 0.02}, {"b", 0.5, 0.02}};
  rng::Stream s(3, 0, rng::Mechanism::test, 11);
  Generation g;
  for (int i = 0; i < 400; ++i) {
    const double x = 0.5 + 0.05 * dist::normal(s), y = 0.5 + 0.05 * dist::normal(s);
    g.particles.push_back(particle(x, y, 0.5 + s.uniform(),
                                   {x + 0.02 * dist::normal(s), y + 0.02 * dist::normal(s)}));
  }
  const Representative r = representative_particle(priors, targets, g);
  REQUIRE(r.index < g.particles.size());
  CHECK(r.theta == g.particles[r.index].theta);
  CHECK(r.weight_rank <= 0.5);
  CHECK(r.outside_90.empty());
  CHECK(std::abs(r.theta[0] - 0.5) < 1.5 * 0.05);
  CHECK(std::abs(r.theta[1] - 0.5) < 1.5 * 0.05);
  // Deterministic and independent of the particles' order.
  Generation reversed = g;
  std::reverse(reversed.particles.begin(), reversed.particles.end());
  const Representative again = representative_particle(priors, targets, reversed);
  CHECK(again.theta == r.theta);
  // Bad input.
  CHECK_THROWS(representative_particle(priors, targets, Generation{}));
}

TEST_CASE("representative: the posterior mean is geometric for log-scale priors", "[abc][point]") {
  const std::vector<Prior> priors{{"x", 1.0, 100.0, true}, {"y", 0.0, 1.0, false}};
  Generation g;
  g.particles = {particle(1.0, 0.2, 0.5, {}), particle(100.0, 0.4, 0.5, {})};
  const auto m = posterior_mean(priors, g);
  CHECK(m[0] == Approx(10.0));
  CHECK(m[1] == Approx(0.3));
}

TEST_CASE("representative, stage 2: the candidate whose mean survey is nearest the median",
          "[abc][point]") {
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"a", 0.5, 0.1}, {"b", 0.2, 0.05}};
  Generation g;
  // Equal weights: all eligible. Own-survey z: (0, 0.4) (0.1, 0.4) (1, 2) (-2, 0) ...
  g.particles = {particle(0.1, 0.1, 1, {0.5, 0.22}), particle(0.2, 0.2, 1, {0.51, 0.22}),
                 particle(0.3, 0.3, 1, {0.6, 0.3}), particle(0.4, 0.4, 1, {0.3, 0.2}),
                 particle(0.5, 0.5, 1, {0.52, 0.22})};
  const Representative first = representative_particle(priors, targets, g);
  // Median z: a: sorted -2, 0, 0.1, 0.2, 1 -> 0.1; b: 0, 0.4, 0.4, 0.4, 2 -> 0.4.
  REQUIRE(first.median_z[0] == Approx(0.1));
  REQUIRE(first.median_z[1] == Approx(0.4));
  REQUIRE(first.index == 1);  // its own survey sits on the median
  REQUIRE(first.ranked.size() == 5);
  REQUIRE(first.ranked[0] == 1);
  // Fresh runs show particle 1's survey was lucky (mean z (1.1, 1.4)), while the second of
  // the shortlist is centred (mean z (0.1, 0.4)); the third's runs were incomplete.
  const std::size_t second = first.ranked[1], third = first.ranked[2];
  const std::vector<std::vector<double>> mean{{0.61, 0.27}, {0.51, 0.22}, {}};
  const Representative r = refine_representative(priors, targets, g, first, mean, 10);
  CHECK(r.index == second);
  CHECK(r.theta == g.particles[second].theta);
  CHECK(r.replicates == 10);
  CHECK(r.distance == Approx(0.0).margin(1e-9));
  REQUIRE(r.shortlist_distance.size() == 3);
  CHECK(r.shortlist_distance[0] == Approx(1.0));  // RMS of (1, 1)
  CHECK(std::isnan(r.shortlist_distance[2]));
  CHECK(r.median_z == first.median_z);
  (void)third;
  // No usable candidate: the first stage's choice stands.
  const Representative same = refine_representative(priors, targets, g, first, {{}, {}}, 10);
  CHECK(same.index == first.index);
  CHECK(same.replicates == 0);
  // Bad input.
  CHECK_THROWS(
      refine_representative(priors, targets, g, first, std::vector<std::vector<double>>(6), 10));
  CHECK_THROWS(refine_representative(priors, targets, g, first, {{0.5}}, 10));
}

TEST_CASE("representative, stage 2: nearer the posterior's centre than one noisy survey",
          "[abc][point]") {
  // Per trial: 400 particles theta ~ N(0.5, s^2) per parameter (s = 0.05); a particle's
  // expected outputs are its parameters, its own survey adds N(0, s^2) noise (as large as the
  // posterior spread, as one survey of 300 answers is), the stage-2 mean of fresh runs
  // N(0, (s/5)^2). Theory, per parameter: given an own survey at the centre, theta - 0.5 is
  // N(0, s^2/2), so stage 1's pick has E|theta - centre|^2 = 2 (s^2/2) = s^2 = 0.0025.
  // Stage 2 takes the nearest of 20 such candidates by nearly noise-free outputs: the least
  // of 20 (s^2/2) chi^2_2 = s^2 Exp(1) draws, expectation s^2 / 20, plus its own noise
  // (2 (s/5)^2 / 2 in the same units): about 0.0003, a tenth of stage 1's. Over 100 trials
  // the means carry about 10 % sampling error, so "stage 2 below a quarter of stage 1" has a
  // wide margin on both sides.
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"a", 0.5, 0.05}, {"b", 0.5, 0.05}};
  const double sd = 0.05;
  const auto dist2 = [](const std::vector<double>& t) {
    return (t[0] - 0.5) * (t[0] - 0.5) + (t[1] - 0.5) * (t[1] - 0.5);
  };
  double stage1 = 0.0, stage2 = 0.0;
  const int trials = 100;
  for (int trial = 0; trial < trials; ++trial) {
    rng::Stream s(5, static_cast<std::uint32_t>(trial), rng::Mechanism::test, 13);
    Generation g;
    for (int i = 0; i < 400; ++i) {
      const double x = 0.5 + sd * dist::normal(s), y = 0.5 + sd * dist::normal(s);
      g.particles.push_back(
          particle(x, y, 1.0, {x + sd * dist::normal(s), y + sd * dist::normal(s)}));
    }
    const Representative first = representative_particle(priors, targets, g);
    std::vector<std::vector<double>> mean;
    for (std::size_t c = 0; c < 20; ++c) {
      const auto& t = g.particles[first.ranked[c]].theta;
      mean.push_back({t[0] + sd / 5 * dist::normal(s), t[1] + sd / 5 * dist::normal(s)});
    }
    const Representative r = refine_representative(priors, targets, g, first, mean, 25);
    stage1 += dist2(first.theta) / trials;
    stage2 += dist2(r.theta) / trials;
  }
  CHECK(stage1 == Approx(sd * sd).epsilon(0.3));
  CHECK(stage2 < 0.25 * stage1);
}
