// Tests of the Shin-Renkei program: the four certification requirements, the expectation
// of the core firm, the application hazard (with the bureau factor), coaching capacity,
// acceptance, the yearly subsidy budget, and the whole-run effect of no coaching capacity.
#include "model_fixtures.hpp"

#include "core/distributions.hpp"
#include "model/collaborations.hpp"
#include "model/information.hpp"
#include "model/program.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// Aware and understanding, with the state's lists and counters kept in step.
void make_understand(ModelState& s, std::uint32_t f) { information::inform(s, f, 1.0); }

// A collaboration meeting all four requirements: core SME in `pref` (metal), an
// electronics and a software SME, past exploration, a sizeable market, a contract.
std::uint32_t eligible(ModelState& s, const Params& p, std::uint32_t pref = 0, std::uint32_t offset = 0) {
  const std::uint32_t core = cell_first(s, pref, kMetal) + offset;
  const std::uint32_t e = cell_first(s, pref, kElectronics) + offset;
  const std::uint32_t w = cell_first(s, pref, kSoftware) + offset;
  for (std::uint32_t f : {core, e, w}) {
    s.firms.sme[f] = 1;
    set_open(s, f, true);
    make_understand(s, f);
    s.firms.clarity_draw[f] = 0.0f;
  }
  s.pop.employees[core] = 250;  // the largest, so the core
  s.pop.employees[e] = 20;
  s.pop.employees[w] = 10;
  const std::uint32_t id = create_collaboration(s, core, e, 0);
  add_member(s, id, w);
  Collaboration& c = s.collabs[id];
  c.stage = Stage::development;
  c.market = 0.8f;
  c.novelty = 0.6f;
  c.governance = Governance::contract;
  c.stage_end_step = 1 << 30;
  agree_shares(s, p, id);
  return id;
}

}  // namespace

TEST_CASE("program: each of the four requirements can fail on its own", "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_min_members = 3;
  p.program_market_threshold = 0.5;
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  REQUIRE(c.members[0] == cell_first(s, 0, kMetal));
  CHECK(program::requirements(s, p, c).all());
  SECTION("1: different fields and enough members") {
    p.program_min_members = 4;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.different_fields);
    CHECK((r.commercial_market && r.core_firm && r.internal_rules));
    CHECK_FALSE(r.all());
  }
  SECTION("1: members all of one field") {
    c.cross_industry = false;
    CHECK_FALSE(program::requirements(s, p, c).different_fields);
    CHECK_FALSE(program::requirements(s, p, c).all());
  }
  SECTION("2: still exploring, or a small market") {
    c.stage = Stage::exploration;
    CHECK_FALSE(program::requirements(s, p, c).commercial_market);
    c.stage = Stage::commercial;
    CHECK(program::requirements(s, p, c).commercial_market);
    c.market = 0.3f;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.commercial_market);
    CHECK((r.different_fields && r.core_firm && r.internal_rules));
  }
  SECTION("3: a core SME with SMEs in the majority") {
    s.firms.sme[c.members[0]] = 0;
    CHECK_FALSE(program::requirements(s, p, c).core_firm);
    s.firms.sme[c.members[0]] = 1;
    s.firms.sme[c.members[1]] = 0;
    CHECK(program::requirements(s, p, c).core_firm);  // 2 of 3
    s.firms.sme[c.members[2]] = 0;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.core_firm);  // 1 of 3
    CHECK((r.different_fields && r.commercial_market && r.internal_rules));
  }
  SECTION("4: written internal rules") {
    c.governance = Governance::trust;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.internal_rules);
    CHECK((r.different_fields && r.commercial_market && r.core_firm));
    c.governance = Governance::incorporated;
    CHECK(program::requirements(s, p, c).internal_rules);
  }
}

TEST_CASE("program: the core firm expects something only if aware, understanding, open and clear",
          "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.information_clarity_manufacturing = 0.6;
  p.information_clarity_services = 0.2;
  const std::uint32_t f = cell_first(s, 0, kMetal), w = cell_first(s, 0, kSoftware);
  for (auto x : {f, w}) {
    s.firms.aware[x] = s.firms.understand[x] = 1;
    set_open(s, x, true);
    s.firms.clarity_draw[x] = 0.4f;
  }
  CHECK(program::expects(s, p, f));
  CHECK_FALSE(program::expects(s, p, w));  // services: 0.4 is not below 0.2
  CHECK(program::eligibility_clear(s, p, f));
  CHECK_FALSE(program::eligibility_clear(s, p, w));
  s.firms.understand[f] = 0;
  CHECK_FALSE(program::expects(s, p, f));
  s.firms.understand[f] = 1;
  set_open(s, f, false);
  CHECK_FALSE(program::expects(s, p, f));
  set_open(s, f, true);
  s.firms.aware[f] = 0;
  CHECK_FALSE(program::expects(s, p, f));
}

TEST_CASE("program: acceptance rises with quality and falls for service-led cases", "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_acceptance_intercept = 0.3;
  p.program_acceptance_slope = 4.0;
  p.program_quality_boost = 0.1;
  p.program_service_acceptance_penalty = 0.5;
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  c.novelty = 0.6f;
  c.market = 0.8f;
  const double q = 0.5 * (0.6 + 0.8) + 0.1;
  CHECK(program::acceptance_probability(s, p, c) == Approx(dist::logistic(0.3 + 4.0 * (q - 0.5))).epsilon(1e-6));
  const double base = program::acceptance_probability(s, p, c);
  c.novelty = 0.9f;
  CHECK(program::acceptance_probability(s, p, c) > base);
  // The same case led by a service firm.
  const std::uint32_t w = cell_first(s, 1, kSoftware);
  c.members[0] = w;
  CHECK(program::acceptance_probability(s, p, c) ==
        Approx(dist::logistic(0.3 + 4.0 * (0.5 * (0.9 + 0.8) + 0.1 - 0.5) - 0.5)).epsilon(1e-6));
}

TEST_CASE("program: application frequency follows the hazard, higher in the bureau's prefecture",
          "[model][program]") {
  // At each review an eligible case applies with probability 1 − exp(−rate·factor·13
  // weeks). 4000 reviews per prefecture: the count is Binomial, within 4 SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_apply_rate = 0.02;
  p.program_bureau_factor = 1.5;
  p.outcomes_review_weeks = 13;
  REQUIRE(s.world->blocks[0].bureau_prefecture == 0);
  for (std::uint32_t pref : {0u, 1u}) {
    const std::uint32_t id = eligible(s, p, pref);
    rng::Stream g(31, pref, rng::Mechanism::test, 9);
    const int n = 4000;
    int applied = 0;
    for (int k = 0; k < n; ++k) {
      s.step = StepCounters{};
      program::consider_application(s, bench.ctx(k), id, g);
      if (s.collabs[id].app == AppState::queued) {
        ++applied;
        CHECK(s.step.applications == 1);
        s.collabs[id].app = AppState::none;
      }
    }
    s.teams[0].queue.clear();
    const double q = dist::hazard_to_probability(0.02 * (pref == 0 ? 1.5 : 1.0), 13.0);
    INFO("prefecture " << pref << ": applied " << applied << " of " << n << ", q " << q);
    CHECK(stat_test::z_score(applied / double(n), q, std::sqrt(q * (1 - q) / n)) < stat_test::kSeTolerance);
  }
}

TEST_CASE("program: no application before the start date, when ineligible or already in the pipeline",
          "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_apply_rate = 1.0;  // applies at the first chance (1 − e^−13)
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  rng::Stream g(37, 0, rng::Mechanism::test, 10);
  program::consider_application(s, bench.ctx(-1), id, g);
  CHECK(c.app == AppState::none);
  c.governance = Governance::trust;
  program::consider_application(s, bench.ctx(1), id, g);
  CHECK(c.app == AppState::none);
  c.governance = Governance::contract;
  s.firms.understand[c.members[0]] = 0;
  program::consider_application(s, bench.ctx(1), id, g);
  CHECK(c.app == AppState::none);
  s.firms.understand[c.members[0]] = 1;
  c.app = AppState::rejected;
  c.reapply_step = 10;
  program::consider_application(s, bench.ctx(5), id, g);
  CHECK(c.app == AppState::rejected);
  program::consider_application(s, bench.ctx(10), id, g);
  CHECK(c.app == AppState::queued);
  CHECK(c.app_step == 10);
  c.app = AppState::coaching;
  program::consider_application(s, bench.ctx(11), id, g);
  CHECK(c.app == AppState::coaching);
}

TEST_CASE("program: coaching starts within capacity, skips stale entries, and reviews end in a decision",
          "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_coaching_capacity = 2;
  std::vector<std::uint32_t> ids;
  for (std::uint32_t k = 0; k < 5; ++k) {
    ids.push_back(eligible(s, p, k % 2, k / 2 * 3));
    s.collabs[ids.back()].app = AppState::queued;
    s.teams[0].queue.emplace_back(ids.back(), s.collabs[ids.back()].generation);
  }
  end_collaboration(s, ids[0], EndReason::dissolved);  // stale entry at the head
  program::start_coaching(s, bench.ctx(0));
  CHECK(s.teams[0].coaching == 2);
  CHECK(s.teams[0].queue.size() == 2);
  CHECK(s.collabs[ids[1]].app == AppState::coaching);
  CHECK(s.collabs[ids[2]].app == AppState::coaching);
  CHECK(s.collabs[ids[3]].app == AppState::queued);
  CHECK(consistency_violation(s, p).empty());
  CHECK(s.teams[0].places.size() == 2);
  CHECK(s.teams[0].places[s.collabs[ids[2]].coach] == ids[2]);
  rng::Stream g(38, 0, rng::Mechanism::test, 10);
  program::on_coaching_done(s, bench.ctx(3), ids[1], g);
  CHECK(s.teams[0].places[0] == SupportTeam::kFreePlace);
  CHECK(s.teams[0].coaching == 1);
  CHECK(s.teams[0].in_review == 1);
  CHECK(s.collabs[ids[1]].app == AppState::review);
  p.program_acceptance_intercept = 20;  // accepted for sure
  program::on_review_done(s, bench.ctx(5), ids[1], 2005);
  CHECK(s.collabs[ids[1]].app == AppState::certified);
  CHECK(s.collabs[ids[1]].certified_step == 5);
  CHECK(s.certifications == 1);
  for (std::uint32_t f : s.collabs[ids[1]].members) CHECK(s.firms.certified[f] == 1);
  CHECK(s.certified_firms.size() == 3);
  // Ending a case under coaching frees its coach.
  end_collaboration(s, ids[2], EndReason::dissolved);
  CHECK(s.teams[0].coaching == 0);
  program::start_coaching(s, bench.ctx(6));
  CHECK(s.teams[0].coaching == 2);
  CHECK(consistency_violation(s, p).empty());
}

TEST_CASE("program: coaching ends at rate dt/coaching_weeks; acceptance follows acceptance_probability",
          "[model][program]") {
  // One case coached 4000 times through the real path (queue, place, per-step coaching end,
  // review decision). Coaching steps are Geometric(p = dt/coaching_weeks = 0.1): mean 10,
  // SD sqrt(1-p)/p = 9.49, so the sample mean is within 4 SE = 4·9.49/sqrt(4000). Accepted
  // counts are Binomial(4000, q), within 4 SE. Rejections set the re-application date.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_coaching_capacity = 1;
  p.program_coaching_weeks = 10.0;
  p.program_acceptance_intercept = -0.4;
  p.program_reapply_weeks = 26;
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  const double q = program::acceptance_probability(s, p, c);
  const int n = 4000;
  int accepted = 0, step = 0;
  double coaching_steps = 0;
  for (int k = 0; k < n; ++k) {
    c.app = AppState::queued;
    s.teams[0].queue.emplace_back(id, c.generation);
    program::start_coaching(s, bench.ctx(step));
    REQUIRE(c.app == AppState::coaching);
    const int started = step;
    while (c.app == AppState::coaching) program::advance_coaching(s, bench.ctx(++step));
    coaching_steps += step - started;
    REQUIRE(c.app == AppState::review);
    REQUIRE(s.teams[0].coaching == 0);
    const int before = s.certifications;
    program::on_review_done(s, bench.ctx(step), id, 2005);
    REQUIRE(s.teams[0].in_review == 0);
    if (s.certifications > before) {
      ++accepted;
      REQUIRE(c.app == AppState::certified);
    } else {
      REQUIRE(c.app == AppState::rejected);
      REQUIRE(c.reapply_step == step + 26);
    }
  }
  const double pe = 0.1;
  CHECK(stat_test::z_score(coaching_steps / n, 1.0 / pe, std::sqrt(1 - pe) / pe / std::sqrt(double(n))) <
        stat_test::kSeTolerance);
  CHECK(s.rejections == n - accepted);
  INFO("accepted " << accepted << " of " << n << ", q " << q);
  CHECK(stat_test::z_score(accepted / double(n), q, std::sqrt(q * (1 - q) / n)) < stat_test::kSeTolerance);
}

TEST_CASE("program: a coaching place's draws are the same whichever case it holds", "[model][program]") {
  // Common random numbers for the queue: two different cases in place 0 from the same step
  // end coaching at the same step and get the same acceptance draw.
  auto run = [](std::uint32_t which) {
    Bench bench(make_scenario(small_world()));
    ModelState& s = bench.state();
    Params& p = bench.params;
    p.program_coaching_capacity = 1;
    const std::uint32_t id = eligible(s, p, which, which * 3);
    s.collabs[id].app = AppState::queued;
    s.teams[0].queue.emplace_back(id, s.collabs[id].generation);
    program::start_coaching(s, bench.ctx(0));
    int step = 0;
    while (s.collabs[id].app == AppState::coaching) program::advance_coaching(s, bench.ctx(++step));
    return std::pair{step, s.collabs[id].accept_draw};
  };
  const auto a = run(0);
  const auto b = run(1);
  CHECK(a.first == b.first);
  CHECK(a.second == b.second);
}

TEST_CASE("program: subsidies stop at the yearly budget and resume in the next fiscal year",
          "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_subsidised_per_year = 2;
  p.program_subsidy_yen = 1e6;
  p.program_acceptance_intercept = 20;
  std::vector<std::uint32_t> ids;
  for (std::uint32_t k = 0; k < 4; ++k) ids.push_back(eligible(s, p, k % 2, k / 2 * 3));
  auto certify = [&](std::uint32_t id, int fy) {
    s.collabs[id].app = AppState::review;
    s.collabs[id].accept_draw = 0.5f;
    ++s.teams[0].in_review;
    program::on_review_done(s, bench.ctx(1), id, fy);
    return s.collabs[id].subsidised;
  };
  CHECK(certify(ids[0], 2005));
  CHECK(certify(ids[1], 2005));
  CHECK_FALSE(certify(ids[2], 2005));
  CHECK(certify(ids[3], 2006));
  CHECK(s.subsidised == 3);
  CHECK(s.subsidy_spent == 3e6);
  CHECK(s.certifications == 4);
}

TEST_CASE("program: without coaching capacity nothing is certified", "[model][program]") {
  // Metamorphic on a whole run with an eager program: capacity 6 certifies cases, capacity
  // 0 certifies none (applications queue up instead).
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
  sc.params = eager_program_params();
  const RunResult with = run_replicate(sc, 0, 5, 0);
  sc.params.program_coaching_capacity = 0;
  const RunResult without = run_replicate(sc, 0, 5, 0);
  const int last = with.steps - 1;
  INFO("certifications with capacity: " << with.at(S::certifications, last));
  CHECK(with.at(S::certifications, last) > 0);
  CHECK(without.at(S::certifications, last) == 0);
  CHECK(without.at(S::coaching, last) == 0);
  CHECK(without.at(S::queue, last) > 0);
  for (int t = 0; t < without.steps; ++t) REQUIRE(without.at(S::certified_active, t) == 0);
}
