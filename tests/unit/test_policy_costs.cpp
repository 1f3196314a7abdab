// Tests of policy costs by policy: fixed and running charges belong to their policy, charges
// per contact and coaching places are shared by the policies' changes to the lever that
// produced them (PolicyTimeline::lever_shares), and over the policies and the base each kind
// adds up to the run's final policy_cost_<kind>. Also the interval on yen per additional
// certification (stats::ratio_interval) against cases with a known answer.
#include "model_fixtures.hpp"

#include "model/model.hpp"
#include "scenario/policy_timeline.hpp"
#include "stats/comparison.hpp"
#include "stats/cost_breakdown.hpp"
#include "stats/paired.hpp"
#include "stats/t_dist.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

constexpr std::size_t kKinds = kCostKindCount;

double slot_cost(const RunResult& r, std::size_t slot, std::size_t kind) {
  return r.policy_costs[slot * kKinds + kind];
}

double kind_sum(const RunResult& r, std::size_t kind) {
  double sum = 0.0;
  for (std::size_t slot = 0; slot * kKinds < r.policy_costs.size(); ++slot)
    sum += slot_cost(r, slot, kind);
  return sum;
}

}  // namespace

TEST_CASE("lever shares: the base and each policy's change over the value in force",
          "[policy_timeline][policy_costs]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2008, 3, 31});
  sc.params.information_institute_rate = 0.0005;
  // 0.0005 + 0.0005 = 0.001, then doubled to 0.002: base 1/4, 'add' 1/4, 'double' 1/2.
  sc.policies.push_back(one_lever_policy("add", Date{2005, 6, 3}, 0, "information.institute_rate",
                                         LeverOp::add, 0.0005));
  sc.policies.push_back(one_lever_policy("double", Date{2005, 10, 7}, 0,
                                         "information.institute_rate", LeverOp::scale, 2.0));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const std::size_t lever = param_index("information.institute_rate");
  std::vector<double> shares;
  tl.lever_shares(cal.step_of(Date{2006, 1, 6}), lever, false, shares);
  REQUIRE(shares.size() == 3);
  CHECK(shares[0] == Approx(0.25));
  CHECK(shares[1] == Approx(0.25));
  CHECK(shares[2] == Approx(0.5));
  // Before 'double' starts: base and 'add' half each.
  tl.lever_shares(cal.step_of(Date{2005, 7, 1}), lever, false, shares);
  CHECK(shares[0] == Approx(0.5));
  CHECK(shares[1] == Approx(0.5));
  CHECK(shares[2] == 0.0);
  // Beyond the base only (coaching places): the policies' changes over what they added.
  tl.lever_shares(cal.step_of(Date{2006, 1, 6}), lever, true, shares);
  CHECK(shares[0] == 0.0);
  CHECK(shares[1] == Approx(1.0 / 3.0));
  CHECK(shares[2] == Approx(2.0 / 3.0));
  // A policy that lowers the lever is credited with the saving: a negative share.
  sc.policies[1] = one_lever_policy("halve", Date{2005, 10, 7}, 0, "information.institute_rate",
                                    LeverOp::scale, 0.5);
  PolicyTimeline(sc, cal).lever_shares(cal.step_of(Date{2006, 1, 6}), lever, false, shares);
  CHECK(shares[0] == Approx(1.0));
  CHECK(shares[1] == Approx(1.0));
  CHECK(shares[2] == Approx(-1.0));
  CHECK(shares[0] + shares[1] + shares[2] == Approx(1.0));
  // A lever no policy moves, at 0: nothing to divide (and nothing is charged).
  PolicyTimeline(sc, cal).lever_shares(cal.step_of(Date{2006, 1, 6}),
                                       param_index("information.push_rate"), false, shares);
  CHECK(shares[0] == 0.0);
  CHECK(shares[1] == 0.0);
}

TEST_CASE("policy costs: by policy and kind they add up to the run's totals per kind",
          "[model][policy_costs]") {
  // Two policies on the same lever from the same date (the loader refuses that, as the order
  // of two changes would be arbitrary; two `add`s commute, and built here directly they give
  // an exact ratio) where the second adds three times as much, a
  // third that adds coaching places, and a base route (institutes) that charges per contact
  // without any policy.
  Scenario sc = make_scenario(small_world(), 26, Date{2006, 9, 29});
  sc.params = quiet_params();
  sc.params.information_institute_rate = 0.01;
  sc.params.program_coaching_capacity = 4;
  sc.params.cost_coaching_week_yen = 1000;
  sc.params.cost_push_contact_yen = 2000;
  sc.params.cost_route_contact_yen = 1500;
  PolicyChange one = one_lever_policy("push_one", Date{2005, 7, 1}, 0, "information.push_rate",
                                      LeverOp::add, 0.01);
  one.cost_fixed_yen = 2e6;
  one.cost_per_year_yen = 1e7;
  PolicyChange three = one_lever_policy("push_three", Date{2005, 7, 1}, 0, "information.push_rate",
                                        LeverOp::add, 0.03);
  three.cost_per_year_yen = 5e6;
  PolicyChange places = one_lever_policy("places", Date{2005, 10, 7}, 0,
                                         "program.coaching_capacity", LeverOp::add, 2);
  places.cost_fixed_yen = 1e6;
  sc.policies = {one, three, places};
  const RunResult r = run_replicate(sc, 0, 7, 0);
  REQUIRE(r.policy_costs.size() == 4 * kKinds);
  const F finals[] = {F::policy_cost_fixed, F::policy_cost_running, F::policy_cost_per_contact,
                      F::policy_cost_coaching};
  for (std::size_t k = 0; k < kKinds; ++k) {
    INFO("kind " << kCostKindNames[k]);
    CHECK(r.final(finals[k]) > 0.0);
    CHECK(kind_sum(r, k) == Approx(r.final(finals[k])).epsilon(1e-12));
  }
  // Fixed and running: each policy's own.
  CHECK(slot_cost(r, 1, 0) == 2e6);
  CHECK(slot_cost(r, 2, 0) == 0.0);
  CHECK(slot_cost(r, 3, 0) == 1e6);
  CHECK(slot_cost(r, 0, 0) == 0.0);
  CHECK(slot_cost(r, 0, 1) == 0.0);
  CHECK(slot_cost(r, 1, 1) == Approx(2.0 * slot_cost(r, 2, 1)));
  CHECK(slot_cost(r, 3, 1) == 0.0);
  // Per contact: the base pays for the institutes' contacts, the two push policies share push
  // delivery in proportion to their changes (1 : 3); adding places costs no contacts.
  CHECK(slot_cost(r, 0, 2) > 0.0);
  CHECK(slot_cost(r, 1, 2) > 0.0);
  CHECK(slot_cost(r, 2, 2) == Approx(3.0 * slot_cost(r, 1, 2)));
  CHECK(slot_cost(r, 3, 2) == 0.0);
  // Coaching places beyond the base: all the third policy's.
  CHECK(slot_cost(r, 3, 3) == Approx(r.final(F::policy_cost_coaching)));
  CHECK(slot_cost(r, 0, 3) == 0.0);
  CHECK(slot_cost(r, 1, 3) == 0.0);
  double total = 0.0;
  for (std::size_t k = 0; k < kKinds; ++k) total += r.final(finals[k]);
  CHECK(total == Approx(r.final(F::policy_cost_total)).epsilon(1e-12));
}

TEST_CASE("policy costs: a budget cap stops the policy's charges, and its share of the lever",
          "[model][policy_costs]") {
  Scenario sc = make_scenario(small_world(), 26, Date{2006, 9, 29});
  sc.params = quiet_params();
  sc.params.cost_push_contact_yen = 2000;
  PolicyChange capped =
      one_lever_policy("capped", Date{2005, 7, 1}, 0, "information.push_rate", LeverOp::add, 0.02);
  capped.cost_fixed_yen = 1e6;
  capped.cost_per_year_yen = 36.525e6;  // 0.7 M per step
  capped.budget_cap_yen = 8e6;          // fixed + 10 steps
  PolicyChange open =
      one_lever_policy("open", Date{2005, 7, 1}, 0, "information.push_rate", LeverOp::add, 0.02);
  sc.policies = {capped, open};
  const RunResult r = run_replicate(sc, 0, 7, 0);
  CHECK(r.final(F::policy_caps_bound) == 1.0);
  CHECK(slot_cost(r, 1, 0) + slot_cost(r, 1, 1) == Approx(8e6));
  // After the cap only 'open' moves push delivery, so it pays for more contacts.
  CHECK(slot_cost(r, 2, 2) > slot_cost(r, 1, 2));
  CHECK(kind_sum(r, 2) == Approx(r.final(F::policy_cost_per_contact)).epsilon(1e-12));
}

TEST_CASE("policy costs: the breakdown of a study averages each slot over the runs",
          "[stats][policy_costs]") {
  stats::StudyFinals st;
  st.scenarios = {"baseline", "two"};
  st.replicates = 2;
  st.run_ok = {1, 1, 1, 0};
  const std::vector<std::string> kinds = {"policy_cost_fixed", "policy_cost_running",
                                          "policy_cost_per_contact", "policy_cost_coaching"};
  // Scenario 'two', replicate 0: base 10 per contact; 'a' 100 fixed, 5 per contact; 'b' 50
  // running, 15 per contact. Replicate 1 failed.
  const std::vector<double> run0 = {0, 0, 10, 0, 100, 0, 5, 0, 0, 50, 15, 0};
  st.policy_slots = 3;
  st.policy_names = {"(base)", "", "", "(base)", "a", "b"};
  st.policy_costs.assign(2 * 2 * 3 * 4, 0.0);
  std::copy(run0.begin(), run0.end(), st.policy_costs.begin() + 2 * 3 * 4);
  std::fill(st.policy_costs.begin() + 3 * 3 * 4, st.policy_costs.end(), std::nan(""));
  const std::vector<std::vector<double>> finals = {
      {0, 0, 100, 0}, {0, 0, 50, 0}, {0, 0, 30, 0}, {0, 0, 0, 0}};
  for (std::size_t k = 0; k < 4; ++k) st.metrics.push_back({kinds[k], "yen", finals[k]});
  st.metrics.push_back({"policy_cost_total", "yen", {0, 0, 180, 0}});
  const auto rows = stats::policy_cost_breakdown(st);
  REQUIRE(rows.size() == 4);  // baseline's base; two's base, a, b
  CHECK(rows[0].name == "(base)");
  CHECK(rows[1].scenario == 1);
  CHECK(rows[2].name == "a");
  CHECK(rows[2].runs == 1);
  CHECK(rows[2].kinds[0] == 100.0);
  CHECK(rows[3].kinds[1] == 50.0);
  const auto totals = stats::cost_breakdown(st);
  for (std::size_t k = 0; k < 4; ++k)
    CHECK(rows[1].kinds[k] + rows[2].kinds[k] + rows[3].kinds[k] == totals[1].kinds[k]);
}

TEST_CASE("yen per additional certification: the delta-method interval on known cases",
          "[stats][policy_costs]") {
  // Costs exactly proportional to the gains: the ratio is known without error.
  const std::vector<double> gain = {2, 3, 5, 4, 6};
  std::vector<double> cost;
  for (const double g : gain) cost.push_back(7e6 * g);
  const auto exact = stats::ratio_interval(cost, gain, 0.95);
  CHECK(exact.n == 5);
  CHECK(exact.ratio == Approx(7e6));
  CHECK(exact.ci.lo == Approx(7e6));
  CHECK(exact.ci.hi == Approx(7e6));

  // A gain of exactly 2 in every replicate: the ratio's interval is the cost's paired t
  // interval divided by 2.
  const std::vector<double> two(6, 2.0);
  const std::vector<double> c = {10, 14, 9, 12, 15, 6};
  const auto r = stats::ratio_interval(c, two, 0.9);
  const double mean = 11.0;
  double ss = 0;
  for (const double x : c) ss += (x - mean) * (x - mean);
  const double se = std::sqrt(ss / 5.0 / 6.0);
  const double h = stats::t_critical(0.9, 5.0) * se;
  CHECK(r.ratio == Approx(5.5));
  CHECK(r.se == Approx(se / 2.0));
  CHECK(r.ci.lo == Approx((mean - h) / 2.0));
  CHECK(r.ci.hi == Approx((mean + h) / 2.0));

  // Too few pairs, or no gain on average: undefined.
  CHECK(std::isnan(
      stats::ratio_interval(std::vector<double>{1.0}, std::vector<double>{1.0}, 0.95).ratio));
  CHECK(std::isnan(stats::ratio_interval(c, std::vector<double>{1, -1, 1, -1, 1, -1}, 0.95).ratio));
}

TEST_CASE("yen per additional certification: compare_study gives the ratio its interval",
          "[stats][policy_costs]") {
  stats::StudyFinals st;
  st.scenarios = {"baseline", "policy"};
  st.replicates = 4;
  st.run_ok.assign(8, 1);
  // Gains 2, 4, 3, 3 and costs 20, 40, 30, 30 M yen: exactly 10 M yen each.
  st.metrics.push_back({"certifications_end", "cases", {10, 11, 12, 13, 12, 15, 15, 16}});
  st.metrics.push_back({"policy_cost_total", "yen", {0, 0, 0, 0, 20e6, 40e6, 30e6, 30e6}});
  stats::CompareOptions opt;
  opt.metrics = {"certifications_end"};
  const auto c = stats::compare_study(st, opt);
  const auto& ce = c.policies[0].cost;
  REQUIRE(ce.available);
  CHECK(ce.yen_per_unit == Approx(10e6));
  CHECK(ce.ratio.n == 4);
  CHECK(ce.ratio.ci.lo == Approx(10e6));
  CHECK(ce.ratio.ci.hi == Approx(10e6));
}
