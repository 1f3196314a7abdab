// Tests of program information: inform() flags, the announcement, pull awareness among
// open and closed firms against 1 − exp(−rate·k), per-contact costs, briefings, forgetting
// (its hazard, who is exempt, the steady state of push against forgetting), reach weights
// (uniform at elasticity 0, proportional to (employees/median)^e otherwise), and whole-run
// properties (no information ⇒ no program; push delivery raises awareness).
#include "model_fixtures.hpp"

#include "model/information.hpp"
#include "model/information_reach.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("information: inform makes a firm aware once and may make it understand",
          "[model][information]") {
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

TEST_CASE(
    "information: each contact conveys understanding with its own probability (threshold form)",
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

TEST_CASE("information: more contacts never undo understanding across paired runs",
          "[model][information]") {
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

TEST_CASE(
    "information: nothing spreads before the announcement; at it, initial_aware of firms know",
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
  CHECK(stat_test::z_score(aware / trials, 0.3, std::sqrt(0.3 * 0.7 / trials)) <
        stat_test::kSeTolerance);
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
  bench.rebuild_reach();  // uniform reach (quiet_params): the per-firm rate is pull_rate
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
  INFO("open " << open_aware / open_n << " vs " << po << "; closed " << closed_aware / closed_n
               << " vs " << pc);
  CHECK(stat_test::z_score(open_aware / open_n, po, std::sqrt(po * (1 - po) / open_n)) <
        stat_test::kSeTolerance);
  CHECK(stat_test::z_score(closed_aware / closed_n, pc, std::sqrt(pc * (1 - pc) / closed_n)) <
        stat_test::kSeTolerance);
}

TEST_CASE("information: push contacts are costed per contact from the start date only",
          "[model][information]") {
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

TEST_CASE("information: briefings reach only aware firms that do not yet understand",
          "[model][information]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_briefing_rate = 0.5;
  bench.params.information_understand_briefing = 1.0;
  bench.params.cost_briefing_attendee_yen = 1.0;
  bench.rebuild_reach();
  for (std::uint32_t f = 0; f < 100; ++f) information::inform(s, f, f < 50 ? 1.0 : 0.0);
  REQUIRE(s.understand_count == 50);
  double attendees = 0;
  for (int step = 0; step < 40; ++step) information::spread(s, bench.ctx(step), -10);
  attendees = s.policy_cost;
  CHECK(s.aware_list.size() == 100);  // briefings do not make new firms aware
  CHECK(s.understand_count == 100);   // after 40 steps at 0.5 per week all 50 attended
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

TEST_CASE(
    "information: the announcement informs firms even when the burn-in is shorter than its lead",
    "[model][information]") {
  // With information.announce_weeks = 10 and a burn-in of 4 weeks the run starts after the
  // announcement step (−10); the announcement then happens at the first step, so at step 0
  // about initial_aware of the firms are aware (Binomial(300, 0.5): within 4 SE = 4·sqrt(0.25/300)
  // = 0.115).
  Scenario sc = make_scenario(small_world(), 4, Date{2005, 6, 30});
  sc.params = quiet_params();
  sc.params.information_announce_weeks = 10;
  sc.params.information_initial_aware = 0.5;
  RunResult r = run_replicate(sc, 0, 1, 0);
  const double share = r.at(S::aware, 0) / r.final(F::firms);
  INFO("aware share at step 0: " << share);
  CHECK(stat_test::z_score(share, 0.5, std::sqrt(0.25 / r.final(F::firms))) <
        stat_test::kSeTolerance);
}

namespace {

// Everyone unaware, with the lists and counters to match.
void reset_information(ModelState& s) {
  for (std::uint32_t f = 0; f < s.n_firms(); ++f) information::forget(s, f);
}

}  // namespace

TEST_CASE(
    "information: an aware firm forgets at forget_rate per week, understanding and exposure with "
    "it",
    "[model][information]") {
  // Every firm aware (half understanding) and one step of forgetting at 0.05 per week:
  // each forgets with probability q = 1 − e^−0.05 independently (the candidates are
  // Poisson(0.05·n) uniform firms, so each firm gets Poisson(0.05) of them). Over 300 firms ×
  // 30 seeds the forgotten count is Binomial(9000, q): checked within 4 binomial SE,
  // sqrt(q(1 − q)/9000) = 0.0023.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_forget_rate = 0.05;
  const std::uint32_t n = s.n_firms();
  double forgot = 0, trials = 0;
  for (int seed = 0; seed < 30; ++seed) {
    bench.reseed(300 + static_cast<std::uint64_t>(seed));
    reset_information(s);
    for (std::uint32_t f = 0; f < n; ++f) information::inform(s, f, f % 2 == 0 ? 1.0 : 0.0);
    REQUIRE(s.aware_list.size() == n);
    information::spread(s, bench.ctx(0), -10);
    forgot += static_cast<double>(n - s.aware_list.size());
    trials += n;
    for (std::uint32_t f = 0; f < n; ++f)
      if (!s.firms.aware[f]) REQUIRE(s.firms.understand_exposure[f] == 0.0f);
    REQUIRE(consistency_violation(s, bench.params).empty());
  }
  const double q = -std::expm1(-0.05);
  INFO("forgotten share " << forgot / trials << " vs " << q);
  CHECK(stat_test::z_score(forgot / trials, q, std::sqrt(q * (1 - q) / trials)) <
        stat_test::kSeTolerance);
}

TEST_CASE("information: firms in contact with the program do not forget", "[model][information]") {
  // A certified firm and the members of a collaboration under review never forget, even at
  // a forgetting hazard of 1 per week over 20 steps (everyone else forgets with probability
  // 1 − e^−20).
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.information_forget_rate = 1.0;
  const std::uint32_t n = s.n_firms();
  for (std::uint32_t f = 0; f < n; ++f) information::inform(s, f, 1.0);
  const std::uint32_t certified = 5;
  s.firms.certified[certified] = 1;
  s.certified_firms.push_back(certified);
  std::vector<std::uint32_t> in_review;
  for (const std::uint32_t id : s.active_collabs) {
    if (s.collabs[id].members.size() < 2) continue;
    s.collabs[id].app = AppState::review;
    in_review = s.collabs[id].members;
    break;
  }
  for (int step = 0; step < 20; ++step) information::spread(s, bench.ctx(step), -10);
  CHECK(s.firms.aware[certified] == 1);
  CHECK(s.firms.understand[certified] == 1);
  for (const std::uint32_t f : in_review) CHECK(s.firms.aware[f] == 1);
  std::size_t in_contact = 0;
  for (std::uint32_t f = 0; f < n; ++f) in_contact += information::in_contact(s, f) ? 1 : 0;
  CHECK(s.aware_list.size() == in_contact);  // all others forgot
}

TEST_CASE(
    "information: push against forgetting settles at the balance p / (p + q − pq), below "
    "saturation",
    "[model][information]") {
  // Push at r = 0.02 and forgetting at f = 0.02 per week, uniform reach, nothing else. Per
  // step a firm forgets with q = 1 − e^−f, then is contacted with p = 1 − e^−r, so its
  // awareness is a two-state chain with stationary share a* = p / (p + q − pq) ≈
  // r / (r + f) = 0.5; it mixes in about 1/(p + q) = 25 steps. After 300 steps firms are
  // independent Bernoulli(a*): over 300 firms × 20 seeds within 4 binomial SE
  // (sqrt(0.25/6000) = 0.0065). Without forgetting the same push makes 1 − e^−6 = 99.8 %
  // aware: forgetting, not the data, keeps awareness from saturating.
  const double r = 0.02, f = 0.02;
  const int steps = 300;
  double aware = 0, aware_no_forget = 0, trials = 0;
  for (int seed = 0; seed < 20; ++seed) {
    for (const bool forgetting : {true, false}) {
      Bench bench(make_scenario(small_world()));
      ModelState& s = bench.state();
      bench.params = quiet_params();
      bench.params.information_push_rate = r;
      bench.params.information_forget_rate = forgetting ? f : 0.0;
      bench.rebuild_reach();
      bench.reseed(400 + static_cast<std::uint64_t>(seed));
      for (int step = 0; step < steps; ++step) information::spread(s, bench.ctx(step), -10);
      (forgetting ? aware : aware_no_forget) += static_cast<double>(s.aware_list.size());
      if (forgetting) trials += s.n_firms();
    }
  }
  const double p = -std::expm1(-r), q = -std::expm1(-f);
  const double balance = p / (p + q - p * q);
  INFO("aware with forgetting " << aware / trials << " vs balance " << balance << "; without "
                                << aware_no_forget / trials);
  CHECK(stat_test::z_score(aware / trials, balance, std::sqrt(balance * (1 - balance) / trials)) <
        stat_test::kSeTolerance);
  CHECK(aware_no_forget / trials > 0.99);
  CHECK(aware / trials < aware_no_forget / trials - 0.3);
}

TEST_CASE("information: reach weights: uniform at elasticity 0, (employees/median)^e otherwise",
          "[model][information]") {
  // Push targets drawn by the route's alias table, 60,000 draws, binned by firm size into
  // quintiles of the firm index sorted by employees. Expected bin shares: the bins' firm
  // counts (elasticity 0) or their summed weights (elasticity 0.8). Chi-squared GOF at
  // alpha = 1e-4 (stat_helpers.hpp).
  Scenario sc = make_scenario(sized_world(2000));
  for (const double e : {0.0, 0.8}) {
    sc.params.information_reach_size_elasticity = e;
    Bench bench(sc);
    ModelState& s = bench.state();
    const std::uint32_t n = s.n_firms();
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return s.pop.employees[a] < s.pop.employees[b];
    });
    const int bins = 5;
    std::vector<int> bin_of(n);
    for (std::uint32_t k = 0; k < n; ++k) bin_of[order[k]] = static_cast<int>(k * bins / n);
    std::vector<std::uint16_t> sizes(s.pop.employees);
    std::nth_element(sizes.begin(), sizes.begin() + n / 2, sizes.end());
    const double median = std::max<double>(1.0, sizes[n / 2]);
    std::vector<double> probs(bins, 0.0);
    double total = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const double w = information::reach_weight(*s.world, s.pop, sc.params,
                                                 information::ReachClass::mass, i, median);
      probs[static_cast<std::size_t>(bin_of[i])] += w;
      total += w;
    }
    for (double& pr : probs) pr /= total;
    std::vector<std::uint64_t> counts(bins, 0);
    auto g = bench.ctx(0).stream(rng::Mechanism::test, 1);
    for (int k = 0; k < 60000; ++k)
      ++counts[static_cast<std::size_t>(
          bin_of[information::draw_target(s, information::Route::push, g)])];
    const auto gof = stat_test::chi_squared_gof(counts, probs);
    INFO("elasticity " << e << ": chi2 " << gof.statistic << " (critical " << gof.critical << ") "
                       << gof.detail << "; largest bin share " << probs.back() << " smallest "
                       << probs.front());
    CHECK(gof.passes());
    if (e == 0.0) CHECK(probs.back() == Approx(0.2).margin(0.001));
    if (e > 0.0) CHECK(probs.back() > 2 * probs.front());  // the test has power: bins really differ
  }
}

TEST_CASE(
    "information: with reach by size, push makes large firms aware as predicted, small ones less",
    "[model][information]") {
  // Push alone at 0.01 per firm-week for 30 steps, size elasticity 0.8: firm i is contacted
  // Poisson(0.01·n·w_i/Σw) times per step, so it is aware at the end with probability
  // p_i = 1 − exp(−0.3·n·w_i/Σw). The aware count among the firms above and below the
  // median size, over 20 seeds, is a sum of independent Bernoulli(p_i): checked against Σp_i
  // within 4 SD (sqrt(Σp_i(1 − p_i))).
  Scenario sc = make_scenario(sized_world(2000));
  sc.params = quiet_params();
  sc.params.information_reach_size_elasticity = 0.8;
  sc.params.information_push_rate = 0.01;
  double obs_large = 0, obs_small = 0, exp_large = 0, exp_small = 0, var_large = 0, var_small = 0;
  for (int seed = 0; seed < 20; ++seed) {
    Bench bench(sc, 1);
    ModelState& s = bench.state();
    bench.reseed(500 + static_cast<std::uint64_t>(seed));
    const std::uint32_t n = s.n_firms();
    std::vector<std::uint16_t> sizes(s.pop.employees);
    std::nth_element(sizes.begin(), sizes.begin() + n / 2, sizes.end());
    const double median = std::max<double>(1.0, sizes[n / 2]);
    double total = 0;
    std::vector<double> w(n);
    for (std::uint32_t i = 0; i < n; ++i)
      total += w[i] = information::reach_weight(*s.world, s.pop, sc.params,
                                                information::ReachClass::mass, i, median);
    for (int step = 0; step < 30; ++step) information::spread(s, bench.ctx(step), -10);
    for (std::uint32_t i = 0; i < n; ++i) {
      const double p = -std::expm1(-0.01 * 30 * n * w[i] / total);
      const bool large = s.pop.employees[i] > median;
      (large ? obs_large : obs_small) += s.firms.aware[i];
      (large ? exp_large : exp_small) += p;
      (large ? var_large : var_small) += p * (1 - p);
    }
  }
  INFO("large: " << obs_large << " vs " << exp_large << "; small: " << obs_small << " vs "
                 << exp_small);
  CHECK(std::abs(obs_large - exp_large) < stat_test::kSeTolerance * std::sqrt(var_large));
  CHECK(std::abs(obs_small - exp_small) < stat_test::kSeTolerance * std::sqrt(var_small));
  CHECK(exp_large > 1.3 * exp_small);
}

TEST_CASE("information: the bureau factor and the service factor weight the right firms",
          "[model][information]") {
  Scenario sc = make_scenario(small_world());
  sc.params.information_reach_bureau_factor = 2.0;
  sc.params.information_reach_service_factor = 0.25;
  sc.params.information_reach_size_elasticity = 0.0;
  Bench bench(sc);
  const ModelState& s = bench.state();
  for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
    const bool bureau = s.pop.prefecture[f] == 0;  // the test world's bureau sits in prefecture 0
    CHECK(information::in_bureau_prefecture(*s.world, s.pop, f) == bureau);
    CHECK(information::reach_weight(*s.world, s.pop, sc.params, information::ReachClass::bureau, f,
                                    10.0) == (bureau ? 2.0 : 1.0));
    const bool service = s.pop.industry[f] == kSoftware;
    CHECK(information::reach_weight(*s.world, s.pop, sc.params, information::ReachClass::technical,
                                    f, 10.0) == (service ? 0.25 : 1.0));
    CHECK(information::reach_weight(*s.world, s.pop, sc.params, information::ReachClass::mass, f,
                                    10.0) == 1.0);
  }
  CHECK(information::reach_class(information::Route::pull) == information::ReachClass::bureau);
  CHECK(information::reach_class(information::Route::push) == information::ReachClass::mass);
  CHECK(information::reach_class(information::Route::institute) ==
        information::ReachClass::technical);
  CHECK(information::reach_class(information::Route::word_of_mouth) ==
        information::ReachClass::uniform);
}
