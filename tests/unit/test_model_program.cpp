// Tests of the Shin-Renkei program funnel: the certification requirements, the expectation
// of the core firm, the consultation hazard (per valued measure, with the bureau factor),
// the window's screening, brush-up (capacity, plan improvement, rules, ending), acceptance,
// the yearly subsidy budget, and whole-run effects (no capacity, the funnel's outputs).
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
std::uint32_t eligible(ModelState& s, const Params& p, std::uint32_t pref = 0,
                       std::uint32_t offset = 0) {
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
  s.firms.benefits[core] = benefit_subsidy;  // values one measure: consultation hazard × 1
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
  SECTION("1: a university member is not a participating firm") {
    s.pop.external[c.members[2]] = external_agent | external_university;
    CHECK_FALSE(program::requirements(s, p, c).different_fields);  // two firms of three members
    p.program_min_members = 2;
    CHECK(program::requirements(s, p, c).different_fields);
    s.pop.external[c.members[2]] = 0;
  }
  SECTION("1: members all of one field") {
    for (std::uint32_t f : c.members) s.pop.industry[f] = s.pop.industry[c.members[0]];
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
  SECTION("2a: novelty of the joint business") {
    p.program_novelty_threshold = 0.7;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.novelty);
    CHECK((r.different_fields && r.commercial_market && r.core_firm && r.internal_rules));
    CHECK_FALSE(r.all());
    c.novelty = 0.75f;
    CHECK(program::requirements(s, p, c).all());
  }
  SECTION("3: a core SME with SMEs in the majority") {
    s.firms.sme[c.members[0]] = 0;
    CHECK_FALSE(program::requirements(s, p, c).core_firm);
    s.firms.sme[c.members[0]] = 1;
    s.firms.sme[c.members[1]] = 0;
    CHECK(program::requirements(s, p, c).core_firm);  // 2 of 3
    s.firms.sme[c.members[2]] = 0;
    const auto r = program::requirements(s, p, c);
    CHECK_FALSE(r.core_firm);         // 1 of 3
    CHECK_FALSE(r.different_fields);  // one SME: no SMEs of different fields to pool
    CHECK((r.commercial_market && r.internal_rules));
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

TEST_CASE("program: acceptance rises with quality and falls for service-led cases",
          "[model][program]") {
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
  CHECK(program::acceptance_probability(s, p, c) ==
        Approx(dist::logistic(0.3 + 4.0 * (q - 0.5))).epsilon(1e-6));
  const double base = program::acceptance_probability(s, p, c);
  c.novelty = 0.9f;
  CHECK(program::acceptance_probability(s, p, c) > base);
  // The same case led by a service firm.
  const std::uint32_t w = cell_first(s, 1, kSoftware);
  c.members[0] = w;
  CHECK(program::acceptance_probability(s, p, c) ==
        Approx(dist::logistic(0.3 + 4.0 * (0.5 * (0.9 + 0.8) + 0.1 - 0.5) - 0.5)).epsilon(1e-6));
}

TEST_CASE(
    "program: consultation frequency follows the hazard per valued measure, higher in the bureau's "
    "prefecture",
    "[model][program]") {
  // At each review a case whose core firm values k measures consults with probability
  // 1 − exp(−rate·k·factor·13 weeks). 4000 reviews per setting: the count is Binomial,
  // within 4 SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_consult_rate = 0.01;
  p.program_bureau_factor = 1.5;
  p.outcomes_review_weeks = 13;
  REQUIRE(s.world->blocks[0].bureau_prefecture == 0);
  for (std::uint32_t pref : {0u, 1u}) {
    for (std::uint8_t benefits : {std::uint8_t{benefit_subsidy},
                                  std::uint8_t{benefit_subsidy | benefit_tax | benefit_loans}}) {
      const std::uint32_t id = eligible(s, p, pref, benefits == benefit_subsidy ? 0 : 3);
      s.firms.benefits[s.collabs[id].members[0]] = benefits;
      const int k_valued = program::valued_benefits(s, s.collabs[id].members[0]);
      rng::Stream g(31, pref * 8 + benefits, rng::Mechanism::test, 9);
      const int n = 4000;
      int consulted = 0;
      for (int k = 0; k < n; ++k) {
        s.step = StepCounters{};
        program::consider_consultation(s, bench.ctx(k), id, g);
        if (s.collabs[id].app == AppState::queued) {
          ++consulted;
          CHECK(s.step.consultations == 1);
          CHECK(s.step.applications == 0);  // an application comes only after brush-up
          s.collabs[id].app = AppState::none;
        }
      }
      s.teams[0].queue.clear();
      const double q = dist::hazard_to_probability(0.01 * k_valued * (pref == 0 ? 1.5 : 1.0), 13.0);
      INFO("prefecture " << pref << ", " << k_valued << " measures valued: consulted " << consulted
                         << " of " << n << ", q " << q);
      CHECK(stat_test::z_score(consulted / double(n), q, std::sqrt(q * (1 - q) / n)) <
            stat_test::kSeTolerance);
    }
  }
}

TEST_CASE(
    "program: no consultation before the start date, without expectation or a valued measure, or "
    "in the pipeline; "
    "the window turns plainly ineligible cases away",
    "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_consult_rate = 1.0;  // consults at the first chance (1 − e^−13)
  p.program_reconsult_weeks = 52;
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  const std::uint32_t core = c.members[0];
  rng::Stream g(37, 0, rng::Mechanism::test, 10);
  program::consider_consultation(s, bench.ctx(-1), id, g);
  CHECK(c.app == AppState::none);
  s.firms.understand[core] = 0;
  program::consider_consultation(s, bench.ctx(1), id, g);
  CHECK(c.app == AppState::none);
  s.firms.understand[core] = 1;
  s.firms.benefits[core] = 0;
  program::consider_consultation(s, bench.ctx(1), id, g);
  CHECK(c.app == AppState::none);
  CHECK(s.consultations == 0);
  s.firms.benefits[core] = benefit_followup;
  SECTION("rules and a small market are for brush-up: the case queues") {
    c.governance = Governance::trust;
    c.market = 0.1f;
    program::consider_consultation(s, bench.ctx(1), id, g);
    CHECK(c.app == AppState::queued);
    CHECK(s.consultations == 1);
    CHECK(s.turned_away == 0);
    CHECK(s.teams[0].queue.size() == 1);
  }
  SECTION("one field, or still exploring: turned away, back after reconsult_weeks") {
    std::vector<std::uint16_t> industries;
    for (std::uint32_t f : c.members) industries.push_back(s.pop.industry[f]);
    for (std::uint32_t f : c.members) s.pop.industry[f] = industries[0];
    program::consider_consultation(s, bench.ctx(1), id, g);
    CHECK(c.app == AppState::ended);
    CHECK(s.turned_away == 1);
    CHECK(c.reapply_step == 1 + 52);
    for (std::size_t k = 0; k < c.members.size(); ++k) s.pop.industry[c.members[k]] = industries[k];
    c.stage = Stage::exploration;
    program::consider_consultation(s, bench.ctx(52), id, g);
    CHECK(s.consultations == 1);  // too early
    program::consider_consultation(s, bench.ctx(53), id, g);
    CHECK(s.consultations == 2);
    CHECK(s.turned_away == 2);
    c.stage = Stage::development;
    program::consider_consultation(s, bench.ctx(53 + 52), id, g);
    CHECK(c.app == AppState::queued);
    CHECK(s.teams[0].queue.empty() == false);
  }
  SECTION("a rejected case consults again after reapply_steps; a case in the pipeline does not") {
    c.app = AppState::rejected;
    c.reapply_step = 10;
    program::consider_consultation(s, bench.ctx(5), id, g);
    CHECK(c.app == AppState::rejected);
    program::consider_consultation(s, bench.ctx(10), id, g);
    CHECK(c.app == AppState::queued);
    CHECK(c.app_step == 10);
    c.app = AppState::coaching;
    program::consider_consultation(s, bench.ctx(11), id, g);
    CHECK(c.app == AppState::coaching);
    CHECK(s.consultations == 1);
  }
}

TEST_CASE(
    "program: brush-up improves the plan, writes rules, and ends a case that still misses a "
    "requirement",
    "[model][program]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_coaching_capacity = 1;
  p.program_market_threshold = 0.5;
  p.program_novelty_threshold = 0.5;
  p.program_brushup_gain = 0.25;
  p.program_reconsult_weeks = 52;
  const std::uint32_t id = eligible(s, p);
  Collaboration& c = s.collabs[id];
  auto brush = [&](int step, std::uint32_t stream) {
    c.app = AppState::queued;
    s.teams[0].queue.emplace_back(id, c.generation);
    program::start_coaching(s, bench.ctx(step));
    REQUIRE(c.app == AppState::coaching);
    rng::Stream g(41, stream, rng::Mechanism::test, 11);
    program::on_coaching_done(s, bench.ctx(step), id, g);
  };
  SECTION("a market just below the bar is lifted over it: the case applies") {
    c.market = 0.4f;    // 0.4 + 0.25 · 0.6 = 0.55
    c.novelty = 0.36f;  // 0.36 + 0.25 · 0.64 = 0.52
    brush(3, 0);
    CHECK(c.market == Approx(0.55f));
    CHECK(c.novelty == Approx(0.52f));
    CHECK(c.app == AppState::review);
    CHECK(s.applications == 1);
    CHECK(s.teams[0].in_review == 1);
  }
  SECTION("a market far below the bar stays below: the case ends without applying") {
    c.market = 0.2f;  // 0.2 + 0.25 · 0.8 = 0.4
    brush(3, 0);
    CHECK(c.app == AppState::ended);
    CHECK(s.brushup_ended == 1);
    CHECK(s.applications == 0);
    CHECK(s.teams[0].in_review == 0);
    CHECK(s.teams[0].coaching == 0);
    CHECK(c.reapply_step == 3 + 52);
  }
  SECTION("a group governed by trust gets written rules with probability rules_help") {
    // 4000 brush-ups of a trust-governed case: contracts are Binomial(4000, 0.3), within 4 SE.
    p.program_rules_help = 0.3;
    p.program_brushup_gain = 0.0;
    const int n = 4000;
    int ruled = 0;
    for (int k = 0; k < n; ++k) {
      c.governance = Governance::trust;
      brush(k, static_cast<std::uint32_t>(k));
      ruled += c.governance == Governance::contract;
      CHECK(c.app == (c.governance == Governance::contract ? AppState::review : AppState::ended));
      if (c.app == AppState::review) --s.teams[0].in_review;
    }
    CHECK(stat_test::z_score(ruled / double(n), 0.3, std::sqrt(0.3 * 0.7 / n)) <
          stat_test::kSeTolerance);
  }
}

TEST_CASE(
    "program: coaching starts within capacity, skips stale entries, and reviews end in a decision",
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

TEST_CASE("program: a block's capacity follows its support_scale, at least one place",
          "[model][program]") {
  using program::block_capacity;
  CHECK(block_capacity(6, 1.0) == 6);
  CHECK(block_capacity(6, 5.126) == 31);  // round(30.756)
  CHECK(block_capacity(6, 0.371) == 2);   // round(2.226)
  CHECK(block_capacity(6, 0.059) == 1);   // round(0.354) = 0, but every block has a team
  CHECK(block_capacity(0, 3.0) == 0);     // no capacity is no capacity anywhere
  CHECK(block_capacity(6, 0.0) == 0);     // the out-of-region block holds no core firm

  // A block twice the calibrated one coaches twice as many cases at once.
  auto world = std::make_shared<World>(*small_world());
  world->blocks[0].support_scale = 2.0;
  Bench bench(make_scenario(world));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.program_coaching_capacity = 2;
  for (std::uint32_t k = 0; k < 6; ++k) {
    const std::uint32_t id = eligible(s, p, k % 2, k / 2 * 3);
    s.collabs[id].app = AppState::queued;
    s.teams[0].queue.emplace_back(id, s.collabs[id].generation);
  }
  program::start_coaching(s, bench.ctx(0));
  CHECK(s.teams[0].coaching == 4);
  CHECK(s.teams[0].queue.size() == 2);
  CHECK(consistency_violation(s, p).empty());

  // A policy that raises the capacity pays for the places it adds, summed over the blocks.
  REQUIRE(s.world->blocks.size() == 1);
  Params base = p;
  p.program_coaching_capacity = 3;  // 4 -> 6 places
  CHECK(program::extra_coaching_places(s, p, base) == 2);
  auto two = std::make_shared<World>(*world);
  two->blocks.push_back(two->blocks[0]);
  two->blocks[1].support_scale = 1.0;  // 2 -> 3 places
  ModelState s2;
  s2.world = two.get();
  CHECK(program::extra_coaching_places(s2, p, base) == 3);
  CHECK(program::extra_coaching_places(s, base, p) == 0);
}

TEST_CASE(
    "program: coaching ends at rate dt/coaching_weeks; acceptance follows acceptance_probability",
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
  p.program_brushup_gain = 0.0;  // the case's quality stays put over the 4000 rounds
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
  CHECK(stat_test::z_score(coaching_steps / n, 1.0 / pe,
                           std::sqrt(1 - pe) / pe / std::sqrt(double(n))) <
        stat_test::kSeTolerance);
  CHECK(s.rejections == n - accepted);
  INFO("accepted " << accepted << " of " << n << ", q " << q);
  CHECK(stat_test::z_score(accepted / double(n), q, std::sqrt(q * (1 - q) / n)) <
        stat_test::kSeTolerance);
}

TEST_CASE("program: a coaching place's draws are the same whichever case it holds",
          "[model][program]") {
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

TEST_CASE(
    "program: the funnel narrows: consultations >= applications >= certifications, ratios agree",
    "[model][program]") {
  // A whole run with an eager program and a demanding market bar, so that cases are turned
  // away, brushed up and ended. The funnel's stages are counts of the same cases, so each is
  // at most the one before (an invariant, not a statistical check), and the finals are the
  // ratios of the series.
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
  sc.params = eager_program_params();
  sc.params.program_market_threshold = 0.6;
  sc.params.program_novelty_threshold = 0.55;
  sc.params.program_min_members = 3;
  const RunResult r = run_replicate(sc, 0, 7, 0);
  const int last = r.steps - 1;
  double consultations = 0, applications = 0;
  for (int t = 0; t < r.steps; ++t) {
    consultations += r.at(S::consultations, t);
    applications += r.at(S::applications, t);
    REQUIRE(r.at(S::req_all, t) <= r.at(S::req_fields, t));
    REQUIRE(r.at(S::req_all, t) <= r.at(S::req_market, t));
    REQUIRE(r.at(S::req_fields, t) <= r.at(S::collaborations, t));
  }
  const double certified = r.at(S::certifications, last);
  INFO("consultations " << consultations << ", applications " << applications << ", certified "
                        << certified << ", turned away " << r.at(S::turned_away, last)
                        << ", ended in brush-up " << r.at(S::brushup_ended, last));
  CHECK(consultations > 0);
  CHECK(applications <= consultations);
  CHECK(certified <= applications);
  CHECK(r.at(S::turned_away, last) + r.at(S::brushup_ended, last) <= consultations - applications);
  CHECK(r.final(F::consultations_total) == consultations);
  CHECK(r.final(F::applications_total) == applications);
  if (applications > 0)
    CHECK(r.final(F::consultations_per_application) == Approx(consultations / applications));
  const double share = r.final(F::requirements_met_share_end);
  CHECK(share == Approx(r.at(S::req_all, last) / r.at(S::collaborations, last)));
  CHECK(share >= 0.0);
  CHECK(share <= 1.0);
}
