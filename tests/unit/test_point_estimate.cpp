// The calibrated point: candidate ranking by the worst item on averaged runs with common
// seeds, the side-specific item scale, and the least-squares polish on problems with a
// known optimum.
#include "calibrate/point_estimate.hpp"
#include "core/distributions.hpp"
#include "core/rng.hpp"

#include <catch2/catch.hpp>

#include <oneapi/tbb/task_arena.h>

#include <cmath>
#include <vector>

using namespace renkei;
using namespace renkei::abc;

namespace {

// Statistics = parameters + N(0, 0.01²) noise from the run's seed: a model whose best
// point is known (the targets) and whose runs carry noise, like the survey's.
Simulator noisy_identity() {
  return [](const std::vector<double>& theta, std::uint64_t seed) {
    rng::Stream g(seed, 0, rng::Mechanism::test, 5);
    std::vector<double> out;
    for (double t : theta) out.push_back(t + 0.01 * dist::normal(g));
    return out;
  };
}

Particle particle(double x, double y, double w) { return Particle{{x, y}, w, 0.0, {}}; }

}  // namespace

TEST_CASE("point estimate: the candidate with the best least-squares fit wins, whatever its weight",
          "[abc][point]") {
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"x", 0.3, 0.05}, {"y", 0.7, 0.05}};
  Generation g;
  g.particles = {particle(0.9, 0.1, 0.5), particle(0.31, 0.69, 0.1), particle(0.3, 0.9, 0.4)};
  // Posterior mean (0.60, 0.48): z about (6, -4.4), sum of squares about 55; particle 1: sum
  // about 0.1; particle 2: x fits exactly but y is 4 SE off, sum 16; particle 0 (0.9, 0.1):
  // sum about 288. The lightest particle wins.
  const auto ranked = rank_point_candidates(priors, targets, g, noisy_identity(), 3, 8, 99);
  REQUIRE(ranked.size() == 4);
  CHECK(ranked.front().label.rfind("particle 1 ", 0) == 0);
  CHECK(ranked.front().worst < 0.5);
  CHECK(ranked.front().squares < 0.5);
  CHECK(ranked[1].label.rfind("particle 2 ", 0) == 0);
  // (4 + e)² with e the 8-run mean's noise, SD 0.07 SE: SD of the sum about 8 x 0.07 = 0.57;
  // within 4 SD.
  CHECK(ranked[1].squares == Approx(16.0).margin(2.3));
  CHECK(ranked[2].label == "posterior mean");
  CHECK(ranked.back().label.rfind("particle 0 ", 0) == 0);
  bool mean_listed = false;
  for (const auto& c : ranked) mean_listed |= c.label == "posterior mean";
  CHECK(mean_listed);
  // Only the heaviest `particles` are tried.
  CHECK(rank_point_candidates(priors, targets, g, noisy_identity(), 1, 4, 99).size() == 2);
}

TEST_CASE("point estimate: items are judged on the side of their interval the point falls", "[abc][point]") {
  // A share near 0 with a narrow lower interval: 0.5 SE-units low on the symmetric scale but
  // 2 units on the lower scale, so the asymmetric scale decides.
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}};
  const Simulator exact = [](const std::vector<double>& theta, std::uint64_t) { return theta; };
  Generation g;
  g.particles = {particle(0.0, 0.0, 1.0)};
  g.particles[0].theta = {0.015};
  Target t{"x", 0.02, 0.01, 0.0025, 0.01};
  const auto ranked = rank_point_candidates(priors, {t}, g, exact, 1, 1, 1);
  CHECK(ranked.front().worst == Approx(2.0));
  t.below = 0.0;  // no side scale: the symmetric SE
  CHECK(rank_point_candidates(priors, {t}, g, exact, 1, 1, 1).front().worst == Approx(0.5));
}

TEST_CASE("point estimate: least-squares polish reaches the known optimum of a coupled model", "[abc][point]") {
  // Three statistics couple two parameters nonlinearly (a = x + y/2, b = 2xy, c = y²), plus
  // a log-scale parameter w that no statistic responds to. The targets are the model's
  // values at (0.3, 0.6) with SE 0.05; the start (0.8, 0.2) is 5 SE off on a. The noise of
  // an 8-run mean is 0.01 / sqrt(8) = 0.0035, i.e. 0.07 SE, so reaching within 0.03 of
  // each parameter (well under one SE in the statistics) means the search found the
  // optimum, not noise.
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}, {"w", 0.1, 10.0, true}};
  const std::vector<Target> targets{{"a", 0.6, 0.05}, {"b", 0.36, 0.05}, {"c", 0.36, 0.05}};
  const Simulator coupled = [](const std::vector<double>& th, std::uint64_t seed) {
    rng::Stream g(seed, 0, rng::Mechanism::test, 6);
    const double x = th[0], y = th[1];
    return std::vector<double>{x + 0.5 * y + 0.01 * dist::normal(g), 2.0 * x * y + 0.01 * dist::normal(g),
                               y * y + 0.01 * dist::normal(g)};
  };
  tbb::task_arena arena(2);
  PolishResult r;
  int reported = 0;
  arena.execute([&] {
    r = polish_point(priors, targets, coupled, {0.8, 0.2, 1.0}, 8, 7, 200,
                     [&](const PolishResult& so_far) { reported = so_far.iterations; });
  });
  CHECK(r.evaluations <= 200);
  CHECK(r.iterations >= 1);
  CHECK(reported == r.iterations);  // progress after every iteration
  CHECK(r.worst < 0.5);
  CHECK(std::abs(r.theta[0] - 0.3) < 0.03);
  CHECK(std::abs(r.theta[1] - 0.6) < 0.03);
  CHECK(r.theta[2] == Approx(1.0));  // no statistic responds to w: the damping floor keeps it put
  // Deterministic: the same call gives the same point, on any thread count.
  PolishResult again;
  tbb::task_arena one(1);
  one.execute([&] { again = polish_point(priors, targets, coupled, {0.8, 0.2, 1.0}, 8, 7, 200); });
  CHECK(again.theta == r.theta);
  // Too small a budget for one iteration (1 + 3 + 4 evaluations): the start is returned.
  PolishResult none;
  arena.execute([&] { none = polish_point(priors, targets, coupled, {0.8, 0.2, 1.0}, 8, 7, 7); });
  CHECK(none.evaluations == 1);
  CHECK(none.theta[0] == Approx(0.8));
}

TEST_CASE("point estimate: the polish stops at the prior box and never worsens the start", "[abc][point]") {
  // x's target (1.2) lies beyond its prior (at most 1): the best point in the box has x at
  // its bound and y at its own target.
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"x", 1.2, 0.05}, {"y", 0.6, 0.05}};
  tbb::task_arena arena(2);
  PolishResult r;
  arena.execute([&] { r = polish_point(priors, targets, noisy_identity(), {0.5, 0.2}, 8, 7, 200); });
  CHECK(r.theta[0] == Approx(1.0));
  CHECK(std::abs(r.theta[1] - 0.6) < 0.03);
  // Already at the optimum: the result is no worse than the start.
  const std::vector<Target> inside{{"x", 0.3, 0.05}, {"y", 0.6, 0.05}};
  PolishResult at;
  arena.execute([&] { at = polish_point(priors, inside, noisy_identity(), {0.3, 0.6}, 8, 7, 30); });
  CHECK(at.worst <= 0.5);
}
