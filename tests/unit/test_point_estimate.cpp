// The calibrated point: candidate ranking by the worst item on averaged runs with common
// seeds, the side-specific item scale, and the Nelder-Mead polish on a problem with a known
// optimum.
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

TEST_CASE("point estimate: the candidate with the best worst item wins, whatever its weight", "[abc][point]") {
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"x", 0.3, 0.05}, {"y", 0.7, 0.05}};
  Generation g;
  g.particles = {particle(0.9, 0.1, 0.5), particle(0.31, 0.69, 0.1), particle(0.3, 0.9, 0.4)};
  // Posterior mean (0.60, 0.48): worst |z| about 6; particle 1: |z| about 0.2; particle 2:
  // x fits exactly but y is 4 SE off, so the worst-item rule ranks it below particle 1 even
  // though its RMS is not far off.
  const auto ranked = rank_point_candidates(priors, targets, g, noisy_identity(), 3, 8, 99);
  REQUIRE(ranked.size() == 4);
  CHECK(ranked.front().label.rfind("particle 1 ", 0) == 0);
  CHECK(ranked.front().worst < 0.5);
  CHECK(ranked[1].label.rfind("particle 2 ", 0) == 0);
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

TEST_CASE("point estimate: Nelder-Mead polish reaches the known optimum and never worsens the start",
          "[abc][point]") {
  // Start at (0.7, 0.2), targets (0.3, 0.6) with SE 0.05: worst |z| 8 at the start. The
  // objective (averaged over 8 seeds) is minimised near the targets; the noise of the mean
  // is 0.01 / sqrt(8) = 0.0035, i.e. 0.07 SE, so a polished worst |z| below 0.5 means the
  // search found the optimum rather than noise.
  const std::vector<Prior> priors{{"x", 0.0, 1.0, false}, {"y", 0.0, 1.0, false}};
  const std::vector<Target> targets{{"x", 0.3, 0.05}, {"y", 0.6, 0.05}};
  tbb::task_arena arena(2);
  PolishResult r;
  arena.execute([&] { r = polish_point(priors, targets, noisy_identity(), {0.7, 0.2}, 8, 7, 200); });
  CHECK(r.evaluations <= 200 + 3);  // a shrink (d = 2 points) may finish its batch
  CHECK(r.worst < 0.5);
  CHECK(std::abs(r.theta[0] - 0.3) < 0.03);
  CHECK(std::abs(r.theta[1] - 0.6) < 0.03);
  // Deterministic: the same call gives the same point, on any thread count.
  PolishResult again;
  tbb::task_arena one(1);
  one.execute([&] { again = polish_point(priors, targets, noisy_identity(), {0.7, 0.2}, 8, 7, 200); });
  CHECK(again.theta == r.theta);
  // Already at the optimum: the result is no worse than the start.
  PolishResult at;
  arena.execute([&] { at = polish_point(priors, targets, noisy_identity(), {0.3, 0.6}, 8, 7, 30); });
  CHECK(at.worst <= 0.5);
}
