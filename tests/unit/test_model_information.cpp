// Tests of program information: inform() flags, the announcement, pull awareness among
// open and closed firms against 1 − exp(−rate·k), per-contact costs, briefings, and
// whole-run properties (no information ⇒ no program; push delivery raises awareness).
#include "model_fixtures.hpp"

#include "model/information.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("information: inform makes a firm aware once and may make it understand", "[model][information]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  information::inform(s, 4, 0.0);
  CHECK(s.firms.aware[4] == 1);
  CHECK(s.firms.understand[4] == 0);
  CHECK(s.aware_list.size() == 1);
  information::inform(s, 4, 1.0);
  CHECK(s.aware_list.size() == 1);  // no duplicate
  CHECK(s.firms.understand[4] == 1);
  CHECK(s.understand_count == 1);
  information::inform(s, 4, 1.0);
  CHECK(s.understand_count == 1);
  CHECK(consistency_violation(s, bench.params).empty());
}

TEST_CASE("information: each contact conveys understanding with its own probability (threshold form)",
          "[model][information]") {
  // Contacts with p1 then p2 to firms that do not understand: with the exposure/threshold
  // representation the first contact succeeds with p1 and the second, given the first
  // failed, with p2 (memorylessness of the Exp(1) threshold). Over the small world's firms
  // × 40 seeds the counts are Binomial; each share is checked within 4 binomial SE.
  const double p1 = 0.3, p2 = 0.6;
  double first = 0, tried_second = 0, second = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Bench bench(make_scenario(small_world()), seed);
    ModelState& s = bench.state();
    for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
      information::inform(s, f, p1);
      if (s.firms.understand[f]) {
        ++first;
        continue;
      }
      ++tried_second;
      information::inform(s, f, p2);
      second += s.firms.understand[f];
    }
  }
  const double n = first + tried_second;
  CHECK(std::abs(first / n - p1) < 4.0 * std::sqrt(p1 * (1 - p1) / n));
  CHECK(std::abs(second / tried_second - p2) < 4.0 * std::sqrt(p2 * (1 - p2) / tried_second));
}

TEST_CASE("information: more contacts never undo understanding across paired runs", "[model][information]") {
  // The threshold is one draw per firm, so two runs of the same replicate where one firm
  // gets a superset of the other's contacts agree: whoever understands in the first run
  // understands in the second (the coupling behind common random numbers).
  Bench a(make_scenario(small_world()), 7);
  Bench b(make_scenario(small_world()), 7);
  int only_in_b = 0;
  for (std::uint32_t f = 0; f < a.state().n_firms(); ++f) {
    information::inform(a.state(), f, 0.4);
    information::inform(b.state(), f, 0.4);
    information::inform(b.state(), f, 0.5);
    CHECK((a.state().firms.understand[f] == 0 || b.state().firms.understand[f] == 1));
    only_in_b += b.state().firms.understand[f] - a.state().firms.understand[f];
  }
  CHECK(only_in_b > 0);  // the extra contact did convey understanding to some
}

TEST_CASE("information: nothing spreads before the announcement; at it, initial_aware of firms know",
          "[model][information]") {
  // The announcement informs each firm with probability initial_aware: Binomial(n, 0.3)
  // over 300 firms × 20 seeds, within 4 SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_initial_aware = 0.3;
  bench.params.information_pull_rate = 0.5;
  information::spread(s, bench.ctx(-11), -10);
  CHECK(s.aware_list.empty());
  bench.params.information_pull_rate = 0.0;
  const std::uint32_t n = s.n_firms();
  double aware = 0;
  const int seeds = 20;
  for (int k = 0; k < seeds; ++k) {
    bench.reseed(100 + static_cast<std::uint64_t>(k));
    for (std::uint32_t f = 0; f < n; ++f) s.firms.aware[f] = s.firms.understand[f] = 0;
    s.aware_list.clear();
    s.understand_count = 0;
    information::spread(s, bench.ctx(-10), -10);
    const std::size_t at_announcement = s.aware_list.size();
    aware += static_cast<double>(at_announcement);
    information::spread(s, bench.ctx(-9), -10);  // only at the announcement step
    REQUIRE(s.aware_list.size() == at_announcement);
  }
  const double trials = double(n) * seeds;
  CHECK(stat_test::z_score(aware / trials, 0.3, std::sqrt(0.3 * 0.7 / trials)) < stat_test::kSeTolerance);
}

TEST_CASE("information: pull awareness after k steps is 1 - exp(-rate·k), thinned for closed firms",
          "[model][information]") {
  // Pull contacts are Poisson(rate·dt·n) to uniform firms, so each firm is contacted
  // Poisson(rate) times per step, independently; an open firm is aware after k steps with
  // probability 1 − exp(−rate·k), a closed one (kept with pull_closed_factor) with
  // 1 − exp(−rate·c·k). 10 seeds × 300 firms; each share within 4 binomial SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_pull_rate = 0.01;
  bench.params.information_pull_closed_factor = 0.35;
  const std::uint32_t n = s.n_firms();
  for (std::uint32_t f = 0; f < n; ++f) set_open(s, f, f % 3 != 0);
  const int k = 60;
  double open_aware = 0, open_n = 0, closed_aware = 0, closed_n = 0;
  for (int seed = 0; seed < 10; ++seed) {
    bench.reseed(200 + static_cast<std::uint64_t>(seed));
    for (std::uint32_t f = 0; f < n; ++f) s.firms.aware[f] = s.firms.understand[f] = 0;
    s.aware_list.clear();
    s.understand_count = 0;
    for (int step = 0; step < k; ++step) information::spread(s, bench.ctx(step), -10);
    for (std::uint32_t f = 0; f < n; ++f) {
      (s.firms.open[f] ? open_aware : closed_aware) += s.firms.aware[f];
      (s.firms.open[f] ? open_n : closed_n) += 1;
    }
  }
  const double po = 1 - std::exp(-0.01 * k), pc = 1 - std::exp(-0.01 * 0.35 * k);
  INFO("open " << open_aware / open_n << " vs " << po << "; closed " << closed_aware / closed_n << " vs " << pc);
  CHECK(stat_test::z_score(open_aware / open_n, po, std::sqrt(po * (1 - po) / open_n)) < stat_test::kSeTolerance);
  CHECK(stat_test::z_score(closed_aware / closed_n, pc, std::sqrt(pc * (1 - pc) / closed_n)) <
        stat_test::kSeTolerance);
}

TEST_CASE("information: push contacts are costed per contact from the start date only", "[model][information]") {
  // Contacts per step ~ Poisson(rate·n): over 200 steps the cost divided by the unit cost
  // is a whole number of contacts whose mean is within 4 SE of rate·n.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_push_rate = 0.05;
  bench.params.cost_push_contact_yen = 1000;
  information::spread(s, bench.ctx(-3), -10);
  CHECK(s.policy_cost == 0.0);  // burn-in: not costed
  CHECK_FALSE(s.aware_list.empty());
  const int steps = 200;
  for (int step = 0; step < steps; ++step) information::spread(s, bench.ctx(step), -10);
  const double contacts = s.policy_cost / 1000;
  CHECK(contacts == std::round(contacts));
  const double lambda = 0.05 * s.n_firms() * steps;
  CHECK(stat_test::z_score(contacts, lambda, std::sqrt(lambda)) < stat_test::kSeTolerance);
}

TEST_CASE("information: briefings reach only aware firms that do not yet understand", "[model][information]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_briefing_rate = 0.5;
  bench.params.information_understand_briefing = 1.0;
  bench.params.cost_briefing_attendee_yen = 1.0;
  for (std::uint32_t f = 0; f < 100; ++f) information::inform(s, f, f < 50 ? 1.0 : 0.0);
  REQUIRE(s.understand_count == 50);
  double attendees = 0;
  for (int step = 0; step < 40; ++step) information::spread(s, bench.ctx(step), -10);
  attendees = s.policy_cost;
  CHECK(s.aware_list.size() == 100);  // briefings do not make new firms aware
  CHECK(s.understand_count == 100);  // after 40 steps at 0.5 per week all 50 attended
  CHECK(attendees == 50);             // each non-understanding firm attends once, then never again
}

TEST_CASE("information: without any information nobody becomes aware and nobody applies",
          "[model][information]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 9, 30});
  sc.params.information_initial_aware = 0;
  sc.params.information_pull_rate = 0;
  sc.params.information_wom_rate = 0;
  sc.params.information_institute_rate = 0;
  sc.params.information_push_rate = 0;
  sc.params.information_bank_rate = 0;
  sc.params.information_university_rate = 0;
  sc.params.information_press_rate = 0;
  sc.params.information_newsletter_rate = 0;
  sc.params.information_local_gov_rate = 0;
  sc.params.information_briefing_rate = 0.5;  // briefings and learning need aware firms
  sc.params.information_learn_rate = 0.5;
  sc.params.program_consult_rate = 1.0;
  const RunResult r = run_replicate(sc, 0, 3, 0);
  for (int t = 0; t < r.steps; ++t) {
    INFO("step " << t);
    REQUIRE(r.at(S::aware, t) == 0);
    REQUIRE(r.at(S::understand, t) == 0);
    REQUIRE(r.at(S::applications, t) == 0);
    REQUIRE(r.at(S::certifications, t) == 0);
  }
  CHECK(r.at(S::collaborations, r.steps - 1) > 0);  // the rest of the model still runs
}

TEST_CASE("information: push delivery raises awareness at the end (common random numbers)",
          "[model][information]") {
  // Same seeds with and without push (0.01 per firm-week): push adds an independent
  // Poisson route, so over 52 weeks it informs about 1 − e^−0.52 = 41 % of firms on its own.
  // Every seed must end with more aware firms; the mean gap exceeds 20 percentage points.
  double gap = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Scenario sc = make_scenario(small_world(), 26, Date{2006, 3, 31});
    RunResult without = run_replicate(sc, 0, seed, 0);
    sc.params.information_push_rate = 0.01;
    RunResult with = run_replicate(sc, 0, seed, 0);
    const double a0 = without.final(F::aware_share_end), a1 = with.final(F::aware_share_end);
    INFO("seed " << seed << ": " << a0 << " -> " << a1);
    CHECK(a1 > a0);
    gap += (a1 - a0) / 5;
  }
  CHECK(gap > 0.2);
}

TEST_CASE("information: the announcement informs firms even when the burn-in is shorter than its lead",
          "[model][information]") {
  // With information.announce_weeks = 10 and a burn-in of 4 weeks the run starts after the
  // announcement step (−10); the announcement then happens at the first step, so at step 0
  // about initial_aware of the firms are aware (Binomial(300, 0.5): within 4 SE = 4·sqrt(0.25/300) = 0.115).
  Scenario sc = make_scenario(small_world(), 4, Date{2005, 6, 30});
  sc.params = quiet_params();
  sc.params.information_announce_weeks = 10;
  sc.params.information_initial_aware = 0.5;
  RunResult r = run_replicate(sc, 0, 1, 0);
  const double share = r.at(S::aware, 0) / r.final(F::firms);
  INFO("aware share at step 0: " << share);
  CHECK(stat_test::z_score(share, 0.5, std::sqrt(0.25 / r.final(F::firms))) < stat_test::kSeTolerance);
}
