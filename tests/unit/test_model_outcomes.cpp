// Tests of outcomes and risk sharing: mean returns by stage and subsidy, leakage
// probability by governance, the statistics of reviews (leak frequency, mean return, the
// split of income), dissolution, stage progression and completion.
#include "model_fixtures.hpp"

#include "model/collaborations.hpp"
#include "model/outcomes.hpp"
#include "model/trust.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// A collaboration of the given firms with shares agreed under `gov`.
std::uint32_t make_collab(ModelState& s, const Params& p, const std::vector<std::uint32_t>& firms,
                          Governance gov, Stage stage, int step = 0) {
  for (std::uint32_t f : firms) set_open(s, f, true);
  const std::uint32_t id = create_collaboration(s, firms[0], firms[1], step);
  for (std::size_t k = 2; k < firms.size(); ++k) add_member(s, id, firms[k]);
  Collaboration& c = s.collabs[id];
  c.governance = gov;
  c.stage = stage;
  c.trust = 0.6f;
  c.complementarity = static_cast<float>(complementarity(s.pop, firms[0], firms[1]));
  c.stage_end_step = 1 << 30;
  agree_shares(s, p, id);
  return id;
}

// Parameters under which a review never changes trust enough to dissolve.
void steady(Params& p) {
  p.trust_leak_loss = 0;
  p.trust_loss = 0;
  p.trust_deficit_loss = 0;
  p.outcomes_dissolve_trust = 0;
}

}  // namespace

TEST_CASE(
    "outcomes: mean return rises through the stages and with complementarity, size and subsidy",
    "[model][outcomes]") {
  Params p;
  p.outcomes_return_exploration = -0.3;
  p.outcomes_return_development = 0.2;
  p.outcomes_return_commercial = 1.2;
  p.outcomes_return_complementarity = 1.0;
  p.program_subsidy_return_boost = 0.6;
  Collaboration c;
  c.members = {1, 2};
  c.complementarity = 0.0f;
  c.stage = Stage::exploration;
  CHECK(outcomes::mean_return(p, c) == Approx(-0.3));
  c.stage = Stage::development;
  CHECK(outcomes::mean_return(p, c) == Approx(0.2));
  c.stage = Stage::commercial;
  CHECK(outcomes::mean_return(p, c) == Approx(1.2));
  c.complementarity = 0.5f;
  CHECK(outcomes::mean_return(p, c) == Approx(1.8));
  c.members = {1, 2, 3, 4, 5, 6, 7, 8};  // sqrt(8/2) = 2
  CHECK(outcomes::mean_return(p, c) == Approx(3.6));
  c.subsidised = true;
  CHECK(outcomes::mean_return(p, c) == Approx(4.2));
}

TEST_CASE("outcomes: leakage needs a competitor and is lower under a contract or incorporation",
          "[model][outcomes]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params p;
  p.outcomes_leak_prob = 0.2;
  p.outcomes_leak_factor_contract = 0.6;
  p.outcomes_leak_factor_incorporated = 0.35;
  const std::uint32_t m1 = cell_first(s, 0, kMetal), m2 = m1 + 1,
                      e1 = cell_first(s, 0, kElectronics);
  s.firms.leak_sensitivity[m1] = 0.3f;
  s.firms.leak_sensitivity[m2] = 0.7f;
  s.firms.leak_sensitivity[e1] = 0.5f;
  const std::uint32_t cross = make_collab(s, p, {m1, e1}, Governance::trust, Stage::development);
  CHECK_FALSE(s.collabs[cross].has_competitors);
  CHECK(outcomes::leak_probability(s, p, s.collabs[cross]) == 0.0);
  end_collaboration(s, cross, EndReason::dissolved);
  const std::uint32_t id = make_collab(s, p, {m1, m2, e1}, Governance::trust, Stage::development);
  Collaboration& c = s.collabs[id];
  REQUIRE(c.has_competitors);
  const double trust_only = outcomes::leak_probability(s, p, c);
  CHECK(trust_only == Approx(0.2 * (0.5 + 0.5)));  // mean sensitivity 0.5
  c.governance = Governance::contract;
  const double contract = outcomes::leak_probability(s, p, c);
  c.governance = Governance::incorporated;
  const double incorporated = outcomes::leak_probability(s, p, c);
  CHECK(contract == Approx(0.6 * trust_only));
  CHECK(incorporated == Approx(0.35 * trust_only));
  CHECK(contract < trust_only);
  CHECK(incorporated < contract);
  p.outcomes_leak_prob = 1.0;
  c.governance = Governance::trust;
  s.firms.leak_sensitivity[m1] = s.firms.leak_sensitivity[m2] = s.firms.leak_sensitivity[e1] =
      0.99f;
  CHECK(outcomes::leak_probability(s, p, c) == 1.0);  // capped
}

TEST_CASE("outcomes: leakage frequency and mean return over many reviews match their laws",
          "[model][outcomes]") {
  // One competitor collaboration (metal, metal, electronics) reviewed at 8000 distinct
  // steps (distinct streams); trust cannot fall, the stage never ends, and it is marked
  // certified so it never applies. Leakages ~ Binomial(8000, q): within 4 SE. The return
  // x ~ Normal(mean_return, return_sd·sqrt(n/2)): its mean within 4 SE = 4·sd/sqrt(8000).
  // The members' incomes split x exactly (shares sum to 1 in float precision), so their
  // sum times n equals the solo sum up to float rounding of the shares (1e-5 relative).
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  steady(p);
  p.outcomes_leak_prob = 0.3;
  const std::uint32_t m1 = cell_first(s, 0, kMetal), e1 = cell_first(s, 0, kElectronics);
  const std::uint32_t id =
      make_collab(s, p, {m1, m1 + 1, e1}, Governance::contract, Stage::development);
  s.collabs[id].app = AppState::certified;
  const double q = outcomes::leak_probability(s, p, s.collabs[id]);
  const double mean = outcomes::mean_return(p, s.collabs[id]);
  const double sd = p.outcomes_return_sd * std::sqrt(3.0 / 2.0);
  const int n = 8000;
  int leaks = 0;
  double member_sum = 0, solo_sum = 0, solo_n = 0;
  for (int k = 0; k < n; ++k) {
    s.step = StepCounters{};
    outcomes::review(s, bench.ctx(k), id);
    REQUIRE(s.collabs[id].active);
    leaks += s.step.leakage;
    member_sum += s.step.member_sum;
    solo_sum += s.step.solo_sum;
    solo_n += s.step.solo_n;
  }
  CHECK(s.collabs[id].reviews == static_cast<std::uint32_t>(n));
  INFO("leaks " << leaks << " expected " << q * n);
  CHECK(stat_test::z_score(leaks / double(n), q, std::sqrt(q * (1 - q) / n)) <
        stat_test::kSeTolerance);
  const double mean_x = solo_sum / solo_n;
  INFO("mean return " << mean_x << " expected " << mean);
  CHECK(stat_test::z_score(mean_x, mean, sd / std::sqrt(double(n))) < stat_test::kSeTolerance);
  CHECK(solo_n == 3.0 * n);
  CHECK(member_sum * 3.0 == Approx(solo_sum).epsilon(1e-5).margin(1e-6 * n));
}

TEST_CASE("outcomes: without a leak probability there is no leakage", "[model][outcomes]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  steady(p);
  p.outcomes_leak_prob = 0.0;
  const std::uint32_t m1 = cell_first(s, 0, kMetal);
  const std::uint32_t id = make_collab(s, p, {m1, m1 + 1}, Governance::trust, Stage::development);
  s.collabs[id].app = AppState::certified;
  int leaks = 0;
  for (int k = 0; k < 2000; ++k) {
    s.step = StepCounters{};
    outcomes::review(s, bench.ctx(k), id);
    leaks += s.step.leakage;
  }
  CHECK(leaks == 0);
}

TEST_CASE("outcomes: low trust dissolves the collaboration and leaves no membership behind",
          "[model][outcomes]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.outcomes_dissolve_trust = 0.99;  // any review ends it
  p.population_close_after_failure = 1.0;
  p.outcomes_leak_prob = 1.0;  // a grievance: members close
  p.outcomes_leak_factor_contract = 1.0;
  const std::uint32_t m1 = cell_first(s, 0, kMetal), e1 = cell_first(s, 0, kElectronics);
  const std::uint32_t other =
      make_collab(s, p, {m1, e1 + 5}, Governance::trust, Stage::development);
  const std::uint32_t id =
      make_collab(s, p, {m1, m1 + 1, e1}, Governance::contract, Stage::development);
  for (std::uint32_t f : {m1, m1 + 1, e1})
    s.firms.leak_sensitivity[f] = 0.9f;  // leak probability 1
  s.step = StepCounters{};
  outcomes::review(s, bench.ctx(3), id);
  CHECK(s.step.dissolutions == 1);
  CHECK(s.step.leakage == 1);
  CHECK_FALSE(s.collabs[id].active);
  CHECK(s.firms.n_memberships[m1] == 1);
  CHECK(s.firms.memberships[m1][0] == other);
  CHECK(s.firms.n_memberships[m1 + 1] == 0);
  CHECK(s.firms.n_memberships[e1] == 0);
  CHECK(s.firms.open[m1 + 1] == 0);
  CHECK(s.firms.open[e1] == 0);
  CHECK(s.active_collabs.size() == 1);
  CHECK(s.firms_in_collab == 2);
  CHECK(consistency_violation(s, p).empty());
}

TEST_CASE("outcomes: stages advance when due and the commercial stage completes",
          "[model][outcomes]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  steady(p);
  p.outcomes_explore_fail = 0.0;
  p.outcomes_leak_prob = 0.0;
  const std::uint32_t m1 = cell_first(s, 0, kMetal), e1 = cell_first(s, 0, kElectronics);
  double t = 0;
  trust::encounter(s, bench.ctx(0), m1, e1, Channel::personal, t);
  const std::uint32_t id = make_collab(s, p, {m1, e1}, Governance::contract, Stage::exploration);
  Collaboration& c = s.collabs[id];
  c.app = AppState::certified;
  c.stage_end_step = 5;
  outcomes::review(s, bench.ctx(4), id);
  CHECK(c.stage == Stage::exploration);
  outcomes::review(s, bench.ctx(5), id);
  CHECK(c.stage == Stage::development);
  CHECK(c.stage_end_step > 5);
  c.stage_end_step = 6;
  outcomes::review(s, bench.ctx(6), id);
  CHECK(c.stage == Stage::commercial);
  c.stage_end_step = 7;
  c.trust = 0.9f;
  s.step = StepCounters{};
  outcomes::review(s, bench.ctx(7), id);
  CHECK(s.step.completions == 1);
  CHECK_FALSE(s.collabs[id].active);
  CHECK(s.firms.n_memberships[m1] == 0);
  // Completion carries the group's trust, plus a gain, into the founders' tie.
  CHECK(s.ties.trust_at(s.ties.find(m1, e1), 7) >= trust::gain(0.9, p.trust_gain) - 1e-6);
  CHECK(consistency_violation(s, p).empty());
}

TEST_CASE("outcomes: a failed exploration dissolves without grievance", "[model][outcomes]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  steady(p);
  p.outcomes_explore_fail = 1.0;
  p.population_close_after_failure = 1.0;
  const std::uint32_t m1 = cell_first(s, 0, kMetal), e1 = cell_first(s, 0, kElectronics);
  const std::uint32_t id = make_collab(s, p, {m1, e1}, Governance::contract, Stage::exploration);
  s.collabs[id].stage_end_step = 2;
  s.step = StepCounters{};
  outcomes::review(s, bench.ctx(2), id);
  CHECK(s.step.dissolutions == 1);
  CHECK(s.firms.open[m1] == 1);  // no grievance, so nobody closes
  CHECK(s.firms.open[e1] == 1);
}

TEST_CASE("outcomes: a higher leakage probability brings more dissolutions over a run",
          "[model][outcomes]") {
  // Metamorphic, 10 seeds with common random numbers: leak_prob 0.5 against 0.0. The
  // per-seed difference of dissolutions from the start to the end date must have a mean
  // above 4 standard errors of that mean (sd of the 10 differences / sqrt(10)), i.e. the
  // effect is clearly positive, not a fluctuation.
  auto dissolutions = [](double leak, std::uint64_t seed) {
    Scenario sc = make_scenario(small_world(), 104, Date{2006, 9, 30});
    sc.params.outcomes_leak_prob = leak;
    sc.params.formation_intercept = -2.0;
    return run_replicate(sc, 0, seed, 0).final(F::dissolutions_total);
  };
  stat_test::SampleMoments d;
  for (std::uint64_t seed = 1; seed <= 10; ++seed)
    d.add(dissolutions(0.5, seed) - dissolutions(0.0, seed));
  INFO("mean extra dissolutions " << d.mean << ", sd " << std::sqrt(d.variance()));
  CHECK(d.mean > 0);
  CHECK(d.mean > 4 * std::sqrt(d.variance() / 10.0));
}
