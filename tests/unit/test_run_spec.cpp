// Parameters overridden after loading (posterior draws, sweep design points, calibration
// candidates): one function applies them and re-checks what the loader checks.
#include "input/input_error.hpp"
#include "model/model.hpp"
#include "model_fixtures.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/run_spec.hpp"
#include "sweep/design.hpp"
#include "sweep/plan_check.hpp"
#include "sweep/runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

using namespace renkei;

namespace {

Scenario small_scenario() {
  Scenario s = model_test::make_scenario(model_test::small_world(), 8, Date{2005, 9, 30});
  s.name = "small";
  return s;
}

// The messages and keys of the InputErrors `f` throws, one "key: message" line each.
template <class F>
std::string input_errors_of(const F& f) {
  try {
    f();
  } catch (const InputErrors& e) {
    std::string out;
    for (const InputError& err : e.errors()) out += err.key + ": " + err.message + "\n";
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("with_overrides gives the same parameters, and the same run, as setting them by hand",
          "[runspec]") {
  const Scenario base = small_scenario();
  const std::vector<ParamOverride> overrides{
      {model_test::param_index("meetings.rate_personal"), 0.3},
      {model_test::param_index("formation.max_members"), 5.4}};
  const Scenario got = with_overrides(base, overrides, "test");
  Scenario by_hand = base;
  by_hand.params.meetings_rate_personal = 0.3;
  by_hand.params.formation_max_members = 5;  // integers are rounded, as ParamDef::set does
  CHECK(got.params.meetings_rate_personal == 0.3);
  CHECK(got.params.formation_max_members == 5);
  CHECK(model_test::same_bits(run_replicate(got, 0, 7, 1), run_replicate(by_hand, 0, 7, 1)));
}

TEST_CASE("an override set breaking program.min_members <= formation.max_members is refused",
          "[runspec]") {
  const Scenario base = small_scenario();
  const std::vector<ParamOverride> overrides{{model_test::param_index("program.min_members"), 7}};
  const std::string errors =
      input_errors_of([&] { (void)with_overrides(base, overrides, "design point 3"); });
  CHECK_THAT(errors,
             Catch::Contains("program.min_members: design point 3: program.min_members (7) exceeds "
                             "formation.max_members (6)"));
  // The loader's rule, the same text.
  const auto rules = parameter_rule_problems(overridden_params(base.params, overrides));
  REQUIRE(rules.size() == 1);
  CHECK_THAT(rules[0].message,
             Catch::StartsWith("program.min_members (7) exceeds formation.max_members (6)"));
  CHECK(parameter_rule_problems(base.params).empty());

  // Out of bounds is refused too, naming the parameter and its bounds.
  const std::vector<ParamOverride> far{{model_test::param_index("meetings.rate_personal"), 99.0}};
  CHECK_THAT(input_errors_of([&] { (void)with_overrides(base, far, "design point 2"); }),
             Catch::Contains(
                 "design point 2 sets meetings.rate_personal = 99, outside its bounds [0, 5]"));
}

TEST_CASE("a sweep whose design point breaks a rule across parameters is refused at plan time",
          "[runspec][sweep]") {
  SweepPlan plan;
  plan.scenarios.push_back(small_scenario());
  plan.sweep.replicates = 1;
  SweepFactor min_f;
  min_f.key = "program.min_members";
  min_f.param_index = model_test::param_index(min_f.key);
  SweepFactor max_f;
  max_f.key = "formation.max_members";
  max_f.param_index = model_test::param_index(max_f.key);
  plan.sweep.design.kind = DesignKind::list;
  plan.sweep.design.factors = {min_f, max_f};
  plan.sweep.design.points = {{3, 6}, {5, 4}};
  plan.sweep.design.point_group = {-1, -1};
  const std::string errors = input_errors_of([&] { check_plan_policies(plan, "s.toml"); });
  CHECK_THAT(
      errors,
      Catch::Contains("design point 1: program.min_members (5) exceeds formation.max_members (4)"));
  CHECK_THAT(errors, !Catch::Contains("design point 0"));
  // A run of the point fails rather than running a scenario the loader would reject.
  const std::atomic<bool> go{false};
  CHECK_THROWS_WITH(run_sweep_task(plan, 1, go), Catch::Contains("exceeds formation.max_members"));
  CHECK(run_sweep_task(plan, 0, go).ok);
}

TEST_CASE("posterior draws breaking a rule across parameters are refused at load",
          "[runspec][draws]") {
  const ParameterDraws draws = parse_parameter_draws(
      "program.min_members,formation.max_members\n"
      "3,6\n"
      "8,7\n",
      "d.csv");
  std::vector<InputError> got;
  try {
    check_policies_under_draws({small_scenario()}, draws);
  } catch (const InputErrors& e) {
    got = e.errors();
  }
  REQUIRE(got.size() == 1);
  CHECK(got[0].file == "d.csv");
  CHECK(got[0].line == 3);
  CHECK(got[0].key == "program.min_members");
  CHECK_THAT(got[0].message,
             Catch::Contains("posterior draw 1 (line 3): program.min_members (8) exceeds "
                             "formation.max_members (7)"));
}
