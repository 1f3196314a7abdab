// Tests of the dated policy timeline: levers ramp linearly from their previous value to
// the target, booleans and integers switch or round, several policies apply in date
// order, and fixed and running costs fall on the right steps.
#include "model_fixtures.hpp"

#include "scenario/policy_timeline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace renkei;
using namespace renkei::model_test;

namespace {

PolicyChange policy(std::string name, Date start, int ramp_weeks, std::string_view key,
                    double target) {
  return one_lever_policy(std::move(name), start, ramp_weeks, key, LeverOp::set, target);
}

}  // namespace

TEST_CASE("policy timeline: without policies the base parameters hold at every step",
          "[model][policy_timeline]") {
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

TEST_CASE("policy timeline: a lever ramps linearly from its value to the target",
          "[model][policy_timeline]") {
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
  CHECK(b.information_push_rate - a.information_push_rate ==
        Approx(c.information_push_rate - b.information_push_rate));
  // Other parameters untouched.
  CHECK(c.information_bank_rate == sc.params.information_bank_rate);
  CHECK(tl.base().information_push_rate == 0.0);
}

TEST_CASE(
    "policy timeline: integer levers round, and a later policy ramps from the earlier one's value",
    "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.params.program_coaching_capacity = 4;
  sc.params.program_acceptance_intercept = 0.0;
  // Listed out of date order: the timeline sorts by start.
  sc.policies.push_back(
      policy("second", Date{2005, 10, 7}, 0, "program.acceptance_intercept", -1.0));
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

namespace {

PolicyChange change(std::string name, Date start, int ramp_weeks, std::string_view key, LeverOp op,
                    double operand, LeverIntent intent = LeverIntent::unstated) {
  PolicyChange pc = policy(std::move(name), start, ramp_weeks, key, 0.0);
  pc.levers = {LeverChange{param_index(key), op, operand, intent}};
  return pc;
}

}  // namespace

TEST_CASE("policy timeline: add shifts and scale multiplies the value in force, along the ramp",
          "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.params.program_acceptance_intercept = 2.0;
  sc.params.program_review_weeks = 6.0;
  sc.policies.push_back(
      change("looser", Date{2005, 6, 3}, 4, "program.acceptance_intercept", LeverOp::add, 0.4));
  sc.policies.push_back(
      change("faster", Date{2005, 6, 3}, 0, "program.review_weeks", LeverOp::scale, 0.5));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int start = cal.step_of(Date{2005, 6, 3});
  Params out;
  tl.params_at(start - 1, out);
  CHECK(out.program_acceptance_intercept == 2.0);
  CHECK(out.program_review_weeks == 6.0);
  for (int k = 0; k < 4; ++k) {
    tl.params_at(start + k, out);
    CHECK(out.program_acceptance_intercept == Approx(2.0 + 0.4 * (k + 1) / 4.0));
    CHECK(out.program_review_weeks == Approx(3.0));
  }
  tl.params_at(start + 20, out);
  CHECK(out.program_acceptance_intercept == Approx(2.4));
}

TEST_CASE(
    "policy timeline: a change written with add or scale keeps its meaning when the baseline "
    "changes",
    "[model][policy_timeline]") {
  // The recalibration case: the same policy file on two baselines. `add` and `scale` move the
  // lever by the same amount or ratio on both; `set` moves it by whatever the baseline leaves.
  for (const double base : {-1.0, 0.0, 2.04, 3.6}) {
    INFO("baseline acceptance_intercept " << base);
    Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
    sc.params.program_acceptance_intercept = base;
    sc.params.program_coaching_capacity = 6;
    sc.policies.push_back(change("looser", Date{2005, 6, 3}, 0, "program.acceptance_intercept",
                                 LeverOp::add, 0.4, LeverIntent::raise));
    sc.policies.push_back(change("capacity", Date{2005, 6, 3}, 0, "program.coaching_capacity",
                                 LeverOp::scale, 1.5, LeverIntent::raise));
    const PolicyTimeline tl(sc, sc.calendar());
    const auto moves = tl.moves();
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].before == base);
    CHECK(moves[0].after == Approx(base + 0.4));
    CHECK(moves[1].after == 9.0);
    CHECK(policy_problems(sc, sc.params, "the test base").empty());
  }
}

TEST_CASE("policy problems: a lever moving against its declared intent is named with its values",
          "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.name = "exchange";
  sc.params.program_acceptance_intercept = 2.04;
  sc.policies.push_back(change("inter-regional exchange", Date{2006, 4, 7}, 52,
                               "program.acceptance_intercept", LeverOp::set, 0.4,
                               LeverIntent::raise));
  auto problems = policy_problems(sc, sc.params, "the calibrated baseline");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == PolicyProblem::Kind::intent);
  CHECK(problems[0].message.find("policy 'inter-regional exchange' declares it will raise "
                                 "program.acceptance_intercept") != std::string::npos);
  CHECK(problems[0].message.find("from 2.04 to 0.4") != std::string::npos);
  CHECK(problems[0].message.find("the calibrated baseline") != std::string::npos);
  // The same change on a baseline below 0.4 does what it says.
  Params low = sc.params;
  low.program_acceptance_intercept = 0.1;
  CHECK(policy_problems(sc, low, "a lower base").empty());
  // Declared "lower", the problem goes away on the calibrated baseline.
  sc.policies[0].levers[0].intent = LeverIntent::lower;
  CHECK(policy_problems(sc, sc.params, "the calibrated baseline").empty());
}

TEST_CASE("policy problems: the result of a change is held to the lever's bounds at every step",
          "[model][policy_timeline]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2007, 3, 31});
  sc.params.information_push_rate = 0.5;
  // Two policies on one lever: each alone stays within [0, 1]; together they leave it, and
  // only from the step where the second one's ramp takes the sum past 1.
  sc.policies.push_back(
      change("push a", Date{2005, 6, 3}, 0, "information.push_rate", LeverOp::add, 0.3));
  sc.policies.push_back(
      change("push b", Date{2006, 6, 2}, 10, "information.push_rate", LeverOp::add, 0.4));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const auto breaches = tl.breaches();
  REQUIRE(breaches.size() == 1);
  CHECK(breaches[0].policy == 1);
  // 0.8 + 0.4·k/10 > 1 first at k = 6, the sixth step of the ramp.
  CHECK(breaches[0].step == cal.step_of(Date{2006, 6, 2}) + 5);
  CHECK(breaches[0].value == Approx(1.04));
  const auto problems = policy_problems(sc, sc.params, "its own parameters");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("outside its bounds [0, 1]") != std::string::npos);
  // Scaling a zero rate leaves it at zero: a declared raise fails, naming the unchanged value.
  Scenario zero = make_scenario(small_world(), 52, Date{2007, 3, 31});
  zero.params.information_push_rate = 0.0;
  zero.policies.push_back(change("push", Date{2005, 6, 3}, 0, "information.push_rate",
                                 LeverOp::scale, 2.0, LeverIntent::raise));
  const auto zp = policy_problems(zero, zero.params, "its own parameters");
  REQUIRE(zp.size() == 1);
  CHECK(zp[0].message.find("leaves it at 0") != std::string::npos);
}
