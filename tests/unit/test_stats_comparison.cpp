// The study-level comparison (replicate selection, correction over the family of tests,
// cost-effectiveness, ranking) on small synthetic studies with known answers.
#include "stats/comparison.hpp"
#include "stats/ranking.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using namespace renkei::stats;

namespace {

// Scenarios base, a, b with R = 5. certs: base r+10 + noise pattern; a adds about 2 (runs
// fail in replicate 2), b adds about 0.2 with noise that hides it. cost: a +1e6, b +3e6.
StudyFinals study() {
  StudyFinals st;
  st.scenarios = {"a", "base", "b"};
  st.replicates = 5;
  st.run_ok = {1, 1, 0, 1, 1,   // a
               1, 1, 1, 1, 1,   // base
               1, 1, 1, 1, 1};  // b
  const double noise[5] = {0.1, -0.2, 0.0, 0.15, -0.05};
  const double swing[5] = {1.0, -1.0, 0.5, -0.4, 0.1};
  StudyFinals::Metric certs{"certifications_end", "cases", {}};
  StudyFinals::Metric cost{"policy_cost_total", "yen", {}};
  StudyFinals::Metric leak{"leakage_total", "events", {}};
  for (int s = 0; s < 3; ++s)
    for (int r = 0; r < 5; ++r) {
      const double base = 10.0 + r;
      const double add = s == 0 ? 2.0 + noise[r] : s == 2 ? 0.2 + swing[r] : 0.0;
      certs.values.push_back(base + add);
      cost.values.push_back(s == 0 ? 1e6 : s == 2 ? 3e6 : 0.0);
      leak.values.push_back(s == 2 && r == 4 ? NAN : 3.0 + r % 2);
    }
  st.metrics = {certs, cost, leak};
  return st;
}

CompareOptions options() {
  CompareOptions o;
  o.baseline = 1;
  o.metrics = {"certifications_end", "leakage_total"};
  return o;
}

}  // namespace

TEST_CASE("Study comparison: replicates, family correction and significance", "[stats][compare]") {
  const StudyFinals st = study();
  CompareOptions all = options();
  all.family = Family::all;
  const Comparison c = compare_study(st, all);
  REQUIRE(c.policies.size() == 2);
  CHECK(c.tests == 4);
  CHECK(c.family_size == 4);
  CHECK(c.interval_level == Approx(1 - 0.05 / 4));
  const auto& a = c.policies[0];
  const auto& b = c.policies[1];
  CHECK(a.scenario == 0);
  CHECK(b.scenario == 2);
  CHECK(a.usable == 4);  // replicate 2 failed in a
  CHECK(b.usable == 5);
  CHECK(a.effects[0].paired.n == 4);
  CHECK(a.effects[0].paired.mean_diff == Approx(2.0 + (0.1 - 0.2 + 0.15 - 0.05) / 4));
  CHECK(b.effects[1].paired.n == 4);  // a NaN leakage value drops one pair
  CHECK(b.effects[1].dropped == 1);
  // Holm over the four p-values, recomputed here.
  std::vector<double> raw;
  for (const auto& pe : c.policies)
    for (const auto& me : pe.effects) raw.push_back(me.paired.p_value);
  const auto adj = adjust_p_values(raw, Correction::holm);
  CHECK(a.effects[0].p_adjusted == Approx(adj[0]));
  CHECK(b.effects[0].p_adjusted == Approx(adj[2]));
  CHECK(a.effects[0].significant);
  CHECK_FALSE(b.effects[0].significant);
  CHECK_FALSE(a.effects[1].significant);  // leakage identical: p = 1
  CHECK(a.effects[1].p_adjusted == 1.0);
}

TEST_CASE("Study comparison: by default each metric is its own family", "[stats][compare]") {
  const StudyFinals st = study();
  const Comparison c = compare_study(st, options());
  CHECK(c.family == Family::per_metric);
  CHECK(c.tests == 4);
  CHECK(c.family_size == 2);  // the two policies
  CHECK(c.interval_level == Approx(1 - 0.05 / 2));
  // Holm within each metric: the adjusted p-value of a metric does not depend on the others.
  for (std::size_t j = 0; j < 2; ++j) {
    const double pa = c.policies[0].effects[j].paired.p_value,
                 pb = c.policies[1].effects[j].paired.p_value;
    const std::vector<double> raw = {pa, pb};
    const auto adj = adjust_p_values(raw, Correction::holm);
    CHECK(c.policies[0].effects[j].p_adjusted == Approx(adj[0]));
    CHECK(c.policies[1].effects[j].p_adjusted == Approx(adj[1]));
  }
  CompareOptions one = options();
  one.metrics = {"certifications_end"};
  const Comparison c1 = compare_study(st, one);
  CHECK(c1.policies[0].effects[0].p_adjusted == Approx(c.policies[0].effects[0].p_adjusted));
  CHECK(c1.interval_level == Approx(c.interval_level));
  CHECK(parse_family("metric") == Family::per_metric);
  CHECK(parse_family("all") == Family::all);
  CHECK_FALSE(parse_family("global"));
}

TEST_CASE("Study comparison: cost per additional certification only for a significant gain",
          "[stats][compare]") {
  const Comparison c = compare_study(study(), options());
  const auto& a = c.policies[0].cost;
  const auto& b = c.policies[1].cost;
  REQUIRE(a.available);
  CHECK(a.gain_significant);
  CHECK(a.delta_cost == Approx(1e6));
  CHECK(a.yen_per_unit == Approx(1e6 / c.policies[0].effects[0].paired.mean_diff));
  CHECK_FALSE(b.gain_significant);
  SECTION("gain metric not among the tests: its own interval decides") {
    auto o = options();
    o.metrics = {"leakage_total"};
    const Comparison c2 = compare_study(study(), o);
    CHECK(c2.policies[0].cost.gain_significant);
    CHECK(c2.policies[0].cost.gain.ci.lo > 0.0);
    CHECK_FALSE(c2.policies[1].cost.gain_significant);
  }
}

TEST_CASE("Study comparison: ranking with the paired comparison to the next policy",
          "[stats][compare]") {
  const Comparison c = compare_study(study(), options());
  REQUIRE(c.ranking.size() == 2);
  CHECK(c.policies[c.ranking[0].policy].scenario == 0);  // a: about +2
  CHECK(c.policies[c.ranking[1].policy].scenario == 2);  // b: about +0.28
  CHECK(c.ranking[0].entry.rank == 1);
  REQUIRE(c.ranking[0].vs_next.has_value());
  CHECK(c.ranking[0].vs_next->n == 4);  // replicates where both a and b finished
  CHECK_FALSE(c.ranking[1].vs_next.has_value());
}

TEST_CASE("Study comparison refuses what it cannot compare", "[stats][compare]") {
  auto st = study();
  SECTION("fewer than 2 usable replicates") {
    st.run_ok = {1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    CHECK_THROWS_WITH(compare_study(st, options()),
                      Catch::Contains("'a'") && Catch::Contains("at least 2"));
  }
  SECTION("one scenario") {
    st.scenarios = {"base"};
    CHECK_THROWS_AS(compare_study(st, options()), std::invalid_argument);
  }
  SECTION("unknown metric") {
    auto o = options();
    o.metrics = {"nothing"};
    CHECK_THROWS_WITH(compare_study(st, o), Catch::Contains("nothing"));
  }
}

TEST_CASE("Ranking orders effects and marks ties and overlapping intervals", "[stats][compare]") {
  const std::vector<Effect> e = {
      {1.0, {0.5, 1.5}}, {3.0, {2.5, 3.5}}, {1.0, {0.8, 1.2}}, {2.0, {1.4, 2.6}}};
  const auto r = rank_effects(e);
  REQUIRE(r.size() == 4);
  CHECK(r[0].index == 1);
  CHECK(r[1].index == 3);
  CHECK(r[2].index == 0);
  CHECK(r[3].index == 2);
  CHECK(r[0].rank == 1);
  CHECK(r[1].rank == 2);
  CHECK(r[2].rank == 3);
  CHECK(r[3].rank == 3);  // equal means share a rank
  CHECK_FALSE(r[0].tied);
  CHECK(r[2].tied);
  CHECK(r[3].tied);
  CHECK(r[0].overlaps == std::vector<std::size_t>{3});     // 2.5 <= 2.6
  CHECK(r[1].overlaps == std::vector<std::size_t>{1, 0});  // touches both neighbours
  CHECK(r[2].overlaps == std::vector<std::size_t>{3, 2});
  CHECK(r[3].overlaps == std::vector<std::size_t>{0});
}
