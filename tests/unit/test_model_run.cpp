// Whole-run properties: degenerate runs (no meetings), invariants at every step (memberships
// mirror member lists, max_collaborations), reproducibility (stepping equals run_replicate,
// same seed bit-identical, other replicate different) and stationarity without the program.
#include "model_fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("run: with every meeting rate zero there are no ties and no collaborations",
          "[model][run]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
  Params p = quiet_params();
  p.information_initial_aware = 0.5;  // the rest of the model still runs
  p.population_attitude_turnover = 0.01;
  sc.params = p;
  Model m(sc, 4, 0);
  while (m.current_step() < m.calendar().steps()) {
    m.step();
    REQUIRE(m.state().ties.count() == 0);
    REQUIRE(m.state().active_collabs.empty());
    REQUIRE(m.state().firms_in_collab == 0);
  }
  RunResult r = m.run(0);
  CHECK(r.final(F::formations_total) == 0);
  CHECK(r.final(F::collab_share_end) == 0);
  for (int t = 0; t < r.steps; ++t) {
    REQUIRE(r.at(S::meetings, t) == 0);
    REQUIRE(r.at(S::formations, t) == 0);
    REQUIRE(r.at(S::joins, t) == 0);
  }
  CHECK(r.final(F::aware_share_end) > 0.3);
}

TEST_CASE("run: every step keeps memberships consistent and within max_collaborations",
          "[model][run]") {
  // Formation made easy and joins frequent, so firms press against the limit; the check
  // runs after every step, burn-in included, for limits 1 and 3.
  for (int limit : {1, 3}) {
    Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
    sc.params = eager_program_params();
    sc.params.formation_intercept = 1.0;
    sc.params.formation_join_share = 0.6;
    sc.params.formation_max_collaborations = limit;
    sc.params.outcomes_leak_prob = 0.2;  // dissolutions too
    Model m(sc, 9, 0);
    int max_seen = 0, dissolutions = 0;
    while (m.current_step() < m.calendar().steps()) {
      m.step();
      const std::string why = consistency_violation(m.state(), m.params());
      INFO("limit " << limit << ", step " << m.current_step() - 1 << ": " << why);
      REQUIRE(why.empty());
      for (auto n : m.state().firms.n_memberships) max_seen = std::max<int>(max_seen, n);
      dissolutions += m.state().step.dissolutions;
    }
    CHECK(max_seen == limit);  // the limit was reached, and never exceeded
    CHECK(dissolutions > 0);
  }
}

TEST_CASE("run: a model stepped to the end equals run_replicate, and seeds reproduce bit for bit",
          "[model][run]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
  sc.params = eager_program_params();
  const RunResult direct = run_replicate(sc, 2, 77, 3);
  Model m(sc, 77, 3);
  while (m.current_step() < m.calendar().steps()) m.step();
  const RunResult stepped = m.run(2);
  CHECK(same_bits(direct, stepped));
  Model a(sc, 77, 3), b(sc, 77, 3);
  CHECK(same_bits(a.run(2), b.run(2)));
  const RunResult other_replicate = run_replicate(sc, 2, 77, 4);
  const RunResult other_seed = run_replicate(sc, 2, 78, 3);
  CHECK_FALSE(same_bits(direct, other_replicate));
  CHECK(direct.series != other_replicate.series);
  CHECK(direct.series != other_seed.series);
  CHECK(direct.replicate == 3);
  CHECK(direct.scenario == 2);
}

TEST_CASE("run: without the program the collaboration share is stationary after burn-in",
          "[model][run][slow]") {
  // 3000 firms, default parameters, no program information (so no applications) and no
  // policies, burn-in 520 weeks, the five-year horizon. The ensemble mean over 8
  // replicates of collab_share must stay within 2 percentage points of its value at step
  // 0 throughout: a trend would show the burn-in did not reach the steady state.
  Scenario sc = make_scenario(sized_world(3000), 520, Date{2010, 3, 31});
  sc.params = without_program_information(Params{});
  const int reps = 8;
  std::vector<double> mean;
  for (int r = 0; r < reps; ++r) {
    RunResult res = run_replicate(sc, 0, 2005, static_cast<std::uint32_t>(r));
    if (mean.empty()) mean.assign(static_cast<std::size_t>(res.steps), 0.0);
    for (int t = 0; t < res.steps; ++t) {
      mean[static_cast<std::size_t>(t)] += res.at(S::collab_share, t) / reps;
      REQUIRE(res.at(S::applications, t) == 0);
    }
  }
  double worst = 0;
  int worst_t = 0;
  for (std::size_t t = 0; t < mean.size(); ++t) {
    if (std::fabs(mean[t] - mean[0]) > worst) {
      worst = std::fabs(mean[t] - mean[0]);
      worst_t = static_cast<int>(t);
    }
  }
  INFO("share at step 0: " << mean[0] << ", at the end: " << mean.back() << ", largest drift "
                           << worst << " at step " << worst_t);
  CHECK(mean[0] > 0.05);  // a non-trivial steady state
  CHECK(worst < 0.02);
}
