// Tests of the dated policy timeline: levers ramp linearly from their previous value to
// the target, booleans and integers switch or round, several policies apply in date
// order, and fixed and running costs fall on the right steps.
#include "model_fixtures.hpp"

#include "model/policy_timeline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace renkei;
using namespace renkei::model_test;

namespace {

std::size_t index_of(std::string_view key) {
  const auto i = find_param(key);
  REQUIRE(i.has_value());
  return *i;
}

PolicyChange policy(std::string name, Date start, int ramp_weeks, std::string_view key, double target) {
  PolicyChange pc;
  pc.name = std::move(name);
  pc.start = start;
  pc.ramp_weeks = ramp_weeks;
  pc.targets = {{index_of(key), target}};
  return pc;
}

}  // namespace

TEST_CASE("policy timeline: without policies the base parameters hold at every step", "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world());
  sc.params.information_push_rate = 0.0;
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  Params out;
  for (int step : {-cal.burn_in_steps(), 0, 10, cal.steps() - 1}) {
    tl.params_at(step, out);
    CHECK(out.information_push_rate == 0.0);
    CHECK(out.meetings_rate_personal == sc.params.meetings_rate_personal);
    CHECK(tl.cost_at(step) == 0.0);
  }
  CHECK(tl.first_policy_step() > cal.steps());
}

TEST_CASE("policy timeline: a lever ramps linearly from its value to the target", "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.params.information_push_rate = 0.0;
  sc.policies.push_back(policy("push", Date{2005, 6, 3}, 8, "information.push_rate", 0.04));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int start = cal.step_of(Date{2005, 6, 3});
  CHECK(tl.first_policy_step() == start);
  Params out;
  tl.params_at(start - 1, out);
  CHECK(out.information_push_rate == 0.0);
  // Ramp of 8 steps: the value reaches k/8 of the way at the k-th step of the policy.
  for (int k = 0; k < 8; ++k) {
    tl.params_at(start + k, out);
    CHECK(out.information_push_rate == Approx(0.04 * (k + 1) / 8.0));
  }
  for (int step = start + 8; step < start + 30; ++step) {
    tl.params_at(step, out);
    CHECK(out.information_push_rate == Approx(0.04));
  }
  // Constant increments along the ramp (linear).
  Params a, b, c;
  tl.params_at(start + 2, a);
  tl.params_at(start + 3, b);
  tl.params_at(start + 4, c);
  CHECK(b.information_push_rate - a.information_push_rate == Approx(c.information_push_rate - b.information_push_rate));
  // Other parameters untouched.
  CHECK(c.information_bank_rate == sc.params.information_bank_rate);
  CHECK(tl.base().information_push_rate == 0.0);
}

TEST_CASE("policy timeline: integer levers round, and a later policy ramps from the earlier one's value",
          "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.params.program_coaching_capacity = 4;
  sc.params.program_acceptance_intercept = 0.0;
  // Listed out of date order: the timeline sorts by start.
  sc.policies.push_back(policy("second", Date{2005, 10, 7}, 0, "program.acceptance_intercept", -1.0));
  sc.policies.push_back(policy("first", Date{2005, 5, 6}, 4, "program.acceptance_intercept", 2.0));
  sc.policies.push_back(policy("capacity", Date{2005, 5, 6}, 3, "program.coaching_capacity", 10));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int first = cal.step_of(Date{2005, 5, 6});
  const int second = cal.step_of(Date{2005, 10, 7});
  Params out;
  tl.params_at(first, out);
  CHECK(out.program_acceptance_intercept == Approx(0.5));
  CHECK(out.program_coaching_capacity == 6);  // 4 + 6/3 = 6
  tl.params_at(first + 1, out);
  CHECK(out.program_coaching_capacity == 8);
  tl.params_at(first + 2, out);
  CHECK(out.program_coaching_capacity == 10);
  tl.params_at(second - 1, out);
  CHECK(out.program_acceptance_intercept == Approx(2.0));
  tl.params_at(second, out);
  CHECK(out.program_acceptance_intercept == Approx(-1.0));  // at once, from 2.0
  CHECK(out.program_coaching_capacity == 10);
}

TEST_CASE("policy timeline: the fixed cost falls at the start, the running cost every step after",
          "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2008, 3, 31});
  PolicyChange pc = policy("briefings", Date{2005, 7, 1}, 0, "information.briefing_rate", 0.01);
  pc.cost_fixed_yen = 5e6;
  pc.cost_per_year_yen = 36.525e6;  // 0.7 M per 7-day step
  sc.policies.push_back(pc);
  PolicyChange later = policy("press", Date{2007, 4, 6}, 0, "information.press_rate", 0.01);
  later.cost_fixed_yen = 1e6;
  sc.policies.push_back(later);
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int start = cal.step_of(Date{2005, 7, 1});
  const int start2 = cal.step_of(Date{2007, 4, 6});
  CHECK(tl.cost_at(start - 1) == 0.0);
  CHECK(tl.cost_at(start) == Approx(5e6 + 0.7e6));
  CHECK(tl.cost_at(start + 1) == Approx(0.7e6));
  CHECK(tl.cost_at(start2) == Approx(0.7e6 + 1e6));
  CHECK(tl.cost_at(start2 + 1) == Approx(0.7e6));
  // 52 steps of running cost (between the two fixed costs) = 52·7/365.25 of a year's.
  double year = 0;
  for (int t = start + 1; t < start + 1 + 52; ++t) year += tl.cost_at(t);
  CHECK(year == Approx(36.525e6 * 52 * 7 / 365.25));
}

TEST_CASE("policy timeline: the model charges policy costs and capacity beyond the baseline",
          "[model][policy_timeline]") {
  // A whole run: cumulative policy_cost at the end = Σ cost_at over recorded steps + the
  // extra coaching capacity's weekly cost (the rest of the model adds no per-contact cost
  // when all contact routes are off).
  Scenario sc = make_scenario(small_world(), 26, Date{2005, 12, 31});
  sc.params = quiet_params();
  sc.params.program_coaching_capacity = 4;
  sc.params.cost_coaching_week_yen = 1000;
  PolicyChange pc = policy("capacity", Date{2005, 7, 1}, 0, "program.coaching_capacity", 6);
  pc.cost_fixed_yen = 2e6;
  pc.cost_per_year_yen = 1e6;
  sc.policies.push_back(pc);
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  RunResult r = run_replicate(sc, 0, 1, 0);
  double expected = 0;
  for (int t = 0; t < cal.steps(); ++t) {
    expected += tl.cost_at(t);
    if (t >= cal.step_of(Date{2005, 7, 1})) expected += 2 * 1000.0 * 1 /*team*/;
    INFO("step " << t);
    REQUIRE(r.at(S::policy_cost, t) == Approx(expected));
  }
  CHECK(r.final(F::policy_cost_total) == Approx(expected));
}
