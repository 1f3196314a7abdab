// The shared-history rule: what warm start may run once for several scenarios, and what the
// model's rebind refuses.
#include "model_fixtures.hpp"
#include "scenario/history.hpp"

#include <catch2/catch.hpp>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("history: same world, calendar and parameters share a history; policies do not split it",
          "[history]") {
  const Scenario a = make_scenario(small_world());
  Scenario b = a;
  b.name = "other";
  b.policies.emplace_back();  // a policy acts only from its start: the past before it is shared
  CHECK(shares_history(a, b));
  CHECK_FALSE(history_difference(a, b));

  Scenario later = a;
  later.run.end = Date{2007, 3, 31};
  CHECK(history_difference(a, later) ==
        std::optional<std::string>("has another world or calendar"));
  Scenario burn = a;
  burn.run.burn_in_weeks += 1;
  CHECK_FALSE(shares_history(a, burn));

  Scenario param = a;
  param.params.program_coaching_capacity += 1;
  CHECK(history_difference(a, param) ==
        std::optional<std::string>("differs in program.coaching_capacity"));
}
