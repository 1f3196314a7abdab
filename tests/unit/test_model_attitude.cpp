// Tests of attitudes to collaboration: reconsidering firms redraw openness from their own
// propensity (statistically, against the Poisson reconsideration law), members stay open,
// and without turnover nothing changes.
#include "model_fixtures.hpp"

#include "model/attitude.hpp"
#include "model/collaborations.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("attitude: closed firms reopen at the rate of reconsideration times their propensity",
          "[model][attitude]") {
  // Reconsiderations are Poisson(turnover·dt·n) on uniform firms, so firm f reconsiders
  // Poisson(turnover) times per step, independently of the others. Starting all closed,
  // after k steps firm f is open with probability q_f = prop_f·(1 − exp(−turnover·k)) (its
  // last redraw decides). The open count over 10 seeds is a sum of independent Bernoullis:
  // mean Σq, variance Σq(1−q); checked within 4 SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.population_attitude_turnover = 0.02;
  const std::uint32_t n = s.n_firms();
  const int k = 50;
  double expected = 0, variance = 0, observed = 0;
  for (int seed = 0; seed < 10; ++seed) {
    bench.reseed(300 + static_cast<std::uint64_t>(seed));
    set_all_open(s, false);
    for (int step = 0; step < k; ++step) attitude::update(s, bench.ctx(step));
    for (std::uint32_t f = 0; f < n; ++f) {
      const double q = s.firms.open_propensity[f] * (1 - std::exp(-0.02 * k));
      expected += q;
      variance += q * (1 - q);
      observed += s.firms.open[f];
    }
  }
  INFO("open " << observed << " expected " << expected);
  CHECK(stat_test::z_score(observed, expected, std::sqrt(variance)) < stat_test::kSeTolerance);
}

TEST_CASE("attitude: members stay open and without turnover nobody changes", "[model][attitude]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  const std::vector<std::uint8_t> before = s.firms.open;
  for (int step = 0; step < 100; ++step) attitude::update(s, bench.ctx(step));
  CHECK(s.firms.open == before);
  // Members keep their attitude even with heavy turnover and zero propensity.
  set_open(s, 0, true);
  set_open(s, 70, true);
  create_collaboration(s, 0, 70, 0);
  s.firms.open_propensity[0] = s.firms.open_propensity[70] = 0.0f;
  s.firms.open_propensity[1] = 0.0f;
  set_open(s, 1, true);
  bench.params.population_attitude_turnover = 1.0;
  for (int step = 0; step < 20; ++step) attitude::update(s, bench.ctx(step));
  CHECK(s.firms.open[0] == 1);
  CHECK(s.firms.open[70] == 1);
  CHECK(s.firms.open[1] == 0);  // a non-member with propensity 0 closes (P(kept) = e^-20)
}
