// Tests of policies that stop: an end date or a budget cap returns each lever to the value it
// would have without the policy (later policies' changes then act on that value), stops its
// running costs, and is held to the lever bounds along the whole timeline; the model records
// its spending by kind, and the lever schedule and the loader show and read ends, caps and
// display names.
#include "model_fixtures.hpp"

#include "model/model.hpp"
#include "scenario/lever_schedule.hpp"
#include "scenario/loader.hpp"
#include "scenario/policy_timeline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("policy end: levers return to their value without the policy and running costs stop",
          "[model][policy_timeline][policy_end]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2008, 3, 31});
  sc.params.information_push_rate = 0.1;
  PolicyChange lift =
      one_lever_policy("lift", Date{2005, 6, 3}, 4, "information.push_rate", LeverOp::add, 0.2);
  lift.end = Date{2006, 3, 31};
  lift.cost_fixed_yen = 1e6;
  lift.cost_per_year_yen = 36.525e6;  // 0.7 M per 7-day step
  sc.policies.push_back(lift);
  // A later policy that scales the value in force: before the end it scales 0.3, after it 0.1.
  sc.policies.push_back(one_lever_policy("double", Date{2005, 10, 7}, 0, "information.push_rate",
                                         LeverOp::scale, 2.0));
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int start = cal.step_of(Date{2005, 6, 3});
  const int end = cal.step_of(Date{2006, 3, 31}) + 1;  // the first step without 'lift'
  Params out;
  tl.params_at(end - 1, out);
  CHECK(out.information_push_rate == Approx(0.6));
  tl.params_at(end, out);
  CHECK(out.information_push_rate == Approx(0.2));
  // Exactly the scenario without 'lift' from its end on.
  Scenario without = sc;
  without.policies.erase(without.policies.begin());
  const PolicyTimeline tl2(without, cal);
  Params other;
  for (int step = end; step < cal.steps(); step += 5) {
    tl.params_at(step, out);
    tl2.params_at(step, other);
    CHECK(out.information_push_rate == other.information_push_rate);
  }
  // Costs: fixed at the start, running on every step in force, nothing after.
  CHECK(tl.cost_at(start) == Approx(1e6 + 0.7e6));
  CHECK(tl.cost_at(end - 1) == Approx(0.7e6));
  CHECK(tl.cost_at(end) == 0.0);
  const auto costs = tl.costs_at(start);
  CHECK(costs.fixed == 1e6);
  CHECK(costs.running == Approx(0.7e6));
  const auto spans = tl.spans();
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].end == end);
  CHECK_FALSE(spans[0].capped);
  CHECK(spans[1].end > cal.steps());
  // The end is a change step: the bounds check looks there.
  const auto steps = tl.change_steps();
  CHECK(std::find(steps.begin(), steps.end(), end) != steps.end());
}

TEST_CASE("policy end: a breach caused by an end is found on the step it happens",
          "[model][policy_timeline][policy_end]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2008, 3, 31});
  sc.name = "ends";
  sc.params.information_push_rate = 0.6;
  PolicyChange halve =
      one_lever_policy("halve", Date{2005, 6, 3}, 0, "information.push_rate", LeverOp::scale, 0.5);
  halve.end = Date{2006, 3, 31};
  sc.policies.push_back(halve);
  sc.policies.push_back(one_lever_policy("double", Date{2005, 10, 7}, 0, "information.push_rate",
                                         LeverOp::scale, 2.0));
  const Calendar cal = sc.calendar();
  const auto breaches = PolicyTimeline(sc, cal).breaches();
  REQUIRE(breaches.size() == 1);
  CHECK(breaches[0].policy == 1);
  CHECK(breaches[0].step == cal.step_of(Date{2006, 3, 31}) + 1);
  CHECK(breaches[0].value == Approx(1.2));
  // On a lower base (a posterior draw, a sweep point) the same policies stay within bounds.
  Params low = sc.params;
  low.information_push_rate = 0.4;
  CHECK(policy_problems(sc, low, "a lower base").empty());
  CHECK_FALSE(policy_problems(sc, sc.params, "its own parameters").empty());
}

TEST_CASE("budget cap: the policy stops at the step whose charge would pass the cap",
          "[model][policy_timeline][policy_end]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2008, 3, 31});
  sc.params.information_push_rate = 0.0;
  PolicyChange push =
      one_lever_policy("push", Date{2005, 6, 3}, 0, "information.push_rate", LeverOp::add, 0.01);
  push.cost_fixed_yen = 2e6;
  push.cost_per_year_yen = 36.525e6;  // 0.7 M per step
  // Fixed + 10 steps = 9 M exactly: the policy pays 10 steps, the 11th would pass the cap.
  push.budget_cap_yen = 9e6;
  sc.policies.push_back(push);
  const Calendar cal = sc.calendar();
  const PolicyTimeline tl(sc, cal);
  const int start = cal.step_of(Date{2005, 6, 3});
  const auto spans = tl.spans();
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].capped);
  CHECK(spans[0].end == start + 10);
  double spent = 0;
  for (int t = 0; t < cal.steps(); ++t) spent += tl.cost_at(t);
  CHECK(spent == Approx(9e6));
  Params out;
  tl.params_at(start + 9, out);
  CHECK(out.information_push_rate == 0.01);
  tl.params_at(start + 10, out);
  CHECK(out.information_push_rate == 0.0);
  // A cap the policy never reaches leaves it running to the end.
  sc.policies[0].budget_cap_yen = 1e12;
  const auto open = PolicyTimeline(sc, cal).spans();
  CHECK_FALSE(open[0].capped);
  CHECK(open[0].end > cal.steps());
}

TEST_CASE("policy costs: the kinds add up to policy_cost_total and a bound cap is recorded",
          "[model][policy_timeline][policy_end]") {
  // Every kind charged: fixed and running (the policy), per contact (push delivery reaches
  // firms at cost.push_contact_yen each) and coaching (one extra place a block).
  Scenario sc = make_scenario(small_world(), 26, Date{2006, 3, 31});
  sc.params = quiet_params();
  sc.params.program_coaching_capacity = 4;
  sc.params.cost_coaching_week_yen = 1000;
  sc.params.cost_push_contact_yen = 2000;
  PolicyChange pc =
      one_lever_policy("push", Date{2005, 7, 1}, 0, "information.push_rate", LeverOp::set, 0.05);
  pc.levers.push_back(LeverChange{param_index("program.coaching_capacity"), LeverOp::set, 5,
                                  LeverIntent::unstated});
  pc.cost_fixed_yen = 2e6;
  pc.cost_per_year_yen = 1e7;
  pc.budget_cap_yen = 4e6;
  sc.policies.push_back(pc);
  const RunResult r = run_replicate(sc, 0, 7, 0);
  const double fixed = r.final(F::policy_cost_fixed), running = r.final(F::policy_cost_running);
  const double contact = r.final(F::policy_cost_per_contact),
               coaching = r.final(F::policy_cost_coaching);
  CHECK(fixed == 2e6);
  CHECK(running > 0.0);
  CHECK(contact > 0.0);
  CHECK(coaching > 0.0);
  // Each kind is summed on its own: the total agrees to rounding (a few ulps of ~1e7 yen).
  CHECK(fixed + running + contact + coaching ==
        Approx(r.final(F::policy_cost_total)).epsilon(1e-12));
  // The cap binds: fixed + running stay within it, and the week is recorded.
  CHECK(fixed + running <= 4e6 * (1 + 1e-12));
  CHECK(r.final(F::policy_caps_bound) == 1.0);
  const Calendar cal = sc.calendar();
  const int end = PolicyTimeline(sc, cal).spans()[0].end;
  CHECK(r.final(F::policy_cap_bound_week) == Approx(end));  // weekly steps
  // Without a cap: none bound, and the week is undefined.
  sc.policies[0].budget_cap_yen = 0.0;
  const RunResult free = run_replicate(sc, 0, 7, 0);
  CHECK(free.final(F::policy_caps_bound) == 0.0);
  CHECK(std::isnan(free.final(F::policy_cap_bound_week)));
  CHECK(free.final(F::policy_cost_running) > running);
}

TEST_CASE("scenario files: end, budget cap and display names load, show and round-trip",
          "[loader][policy_end]") {
  const std::string dir = std::string(RENKEI_TEST_DATA) + "/good";
  const std::string text =
      "[scenario]\nname = \"ends\"\ndisplay_name_en = \"Push, two years\"\n"
      "display_name_ja = \"プッシュ型広報（2年間）\"\n"
      "[run]\nworld = \"worlds/small.toml\"\nstart = 2005-04-01\nend = 2010-03-31\n"
      "[[policy]]\nname = \"push\"\nstart = 2006-04-01\nend = 2008-03-31\nramp_weeks = 12\n"
      "cost_fixed_yen = 5.0e6\ncost_per_year_yen = 1.0e7\nbudget_cap_yen = 1.0e8\n"
      "[policy.add]\ninformation.push_rate = 0.008\n";
  const Scenario s = load_scenario_from_string(text, dir + "/ends.toml");
  CHECK(s.display_name_en == "Push, two years");
  CHECK(s.display_name_ja == "プッシュ型広報（2年間）");
  REQUIRE(s.policies.size() == 1);
  REQUIRE(s.policies[0].end.has_value());
  CHECK(*s.policies[0].end == Date{2008, 3, 31});
  CHECK(s.policies[0].budget_cap_yen == 1e8);
  const Scenario again = load_scenario_from_string(s.resolved_toml, dir + "/again.toml");
  CHECK(again.display_name_ja == s.display_name_ja);
  CHECK(again.policies[0].end == s.policies[0].end);
  CHECK(again.policies[0].budget_cap_yen == s.policies[0].budget_cap_yen);

  const std::string levers = lever_schedule(s);
  INFO(levers);
  const Calendar cal = s.calendar();
  const std::string full = cal.date_of(cal.step_of(Date{2006, 4, 1}) + 11).iso();  // 12-step ramp
  const std::string stop = cal.date_of(cal.step_of(Date{2008, 3, 31}) + 1).iso();
  CHECK(levers.find("information.push_rate = 0  (") != std::string::npos);
  CHECK(levers.find("2006-04-01 (full from " + full + ")") != std::string::npos);
  CHECK(levers.find("'push' add 0.008 over 12 weeks: 0 -> 0.008") != std::string::npos);
  CHECK(levers.find(stop + "  'push' stops (it ends on 2008-03-31): 0.008 -> 0") !=
        std::string::npos);
  // A lever no policy changes is listed with its value alone.
  CHECK(levers.find("information.bank_rate = ") != std::string::npos);
}
