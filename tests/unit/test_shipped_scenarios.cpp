// The shipped scenario files as an analyst meets them: every one loads against the calibrated
// baseline, every policy lever declares its direction and keeps it on the calibrated point
// and on every posterior draw, every cost names its source, and the package files carry the
// same policies as the single-policy files they combine.
#include "scenario/loader.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/policy_timeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace renkei;
namespace fs = std::filesystem;

namespace {

const fs::path kScenarios = fs::path(RENKEI_TEST_DATA) / ".." / ".." / "scenarios";

std::vector<Scenario> shipped() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kScenarios))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Scenario> out;
  for (const auto& f : files) {
    INFO(f.string());
    REQUIRE_NOTHROW(out.push_back(load_scenario(f.string())));
  }
  return out;
}

}  // namespace

TEST_CASE("shipped scenarios: each loads, and the baseline has no policy", "[scenario][shipped]") {
  const auto all = shipped();
  REQUIRE(all.size() >= 13);
  const auto base =
      std::find_if(all.begin(), all.end(), [](const Scenario& s) { return s.name == "baseline"; });
  REQUIRE(base != all.end());
  CHECK(base->policies.empty());
  for (const auto& s : all) {
    if (s.name != "baseline") CHECK_FALSE(s.policies.empty());
  }
}

TEST_CASE("shipped scenarios: every lever declares its direction and every cost its source",
          "[scenario][shipped]") {
  for (const auto& s : shipped()) {
    for (const auto& p : s.policies) {
      INFO(s.name << ", policy '" << p.name << "'");
      if (p.cost_fixed_yen > 0 || p.cost_per_year_yen > 0) CHECK_FALSE(p.cost_source.empty());
      for (const auto& c : p.levers) {
        INFO(param_schema()[c.param].key);
        CHECK(c.intent != LeverIntent::unstated);
        // A shipped policy is a change relative to the program as it runs, not an absolute
        // value written against one calibration.
        CHECK(c.op != LeverOp::set);
      }
    }
  }
}

TEST_CASE("shipped scenarios: every policy keeps its bounds and direction on every posterior draw",
          "[scenario][shipped]") {
  const auto draws =
      load_parameter_draws((kScenarios / "calibrated" / "tohoku2005_draws.csv").string());
  REQUIRE(draws.size() > 0);
  const auto all = shipped();
  CHECK_NOTHROW(check_policies_under_draws(all, draws));
}

TEST_CASE("shipped scenarios: reversing any declared intent is caught on the calibrated baseline",
          "[scenario][shipped]") {
  for (const auto& s : shipped()) {
    for (std::size_t p = 0; p < s.policies.size(); ++p) {
      for (std::size_t c = 0; c < s.policies[p].levers.size(); ++c) {
        Scenario inverted = s;
        LeverIntent& intent = inverted.policies[p].levers[c].intent;
        intent = intent == LeverIntent::raise ? LeverIntent::lower : LeverIntent::raise;
        const auto problems = policy_problems(inverted, inverted.params, "the calibrated baseline");
        INFO(s.name << ", policy '" << s.policies[p].name << "', "
                    << param_schema()[s.policies[p].levers[c].param].key);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].kind == PolicyProblem::Kind::intent);
        CHECK(problems[0].policy == p);
        CHECK(problems[0].change == c);
      }
    }
  }
}

TEST_CASE("shipped scenarios: package files carry the same policies as the single-policy files",
          "[scenario][shipped]") {
  std::map<std::string, std::vector<const PolicyChange*>> by_name;
  const auto all = shipped();
  for (const auto& s : all)
    for (const auto& p : s.policies) by_name[p.name].push_back(&p);
  for (const auto& [name, copies] : by_name) {
    INFO("policy '" << name << "' in " << copies.size() << " files");
    for (const PolicyChange* p : copies) {
      CHECK(p->levers == copies.front()->levers);
      CHECK(p->start == copies.front()->start);
      CHECK(p->ramp_weeks == copies.front()->ramp_weeks);
      CHECK(p->cost_fixed_yen == copies.front()->cost_fixed_yen);
      CHECK(p->cost_per_year_yen == copies.front()->cost_per_year_yen);
      CHECK(p->cost_source == copies.front()->cost_source);
    }
  }
}
