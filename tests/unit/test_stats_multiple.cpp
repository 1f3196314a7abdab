// Multiple-comparison corrections: Holm and Bonferroni adjusted p-values against a
// hand-computed example, and the per-interval level that keeps a family simultaneous.
#include "stats/multiple.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace renkei::stats;

TEST_CASE("Holm and Bonferroni adjust a hand-computed example", "[stats][compare]") {
  // m = 4. Sorted: 0.005 (#3), 0.01 (#0), 0.03 (#2), 0.04 (#1).
  // Holm: 4 x 0.005 = 0.02; 3 x 0.01 = 0.03; 2 x 0.03 = 0.06; 1 x 0.04 = 0.04 -> running
  // max 0.06. So #0 0.03, #1 0.06, #2 0.06, #3 0.02. Bonferroni: 4 p, capped at 1.
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const auto holm = adjust_p_values(p, Correction::holm);
  REQUIRE(holm.size() == 4);
  CHECK(holm[0] == Approx(0.03));
  CHECK(holm[1] == Approx(0.06));
  CHECK(holm[2] == Approx(0.06));
  CHECK(holm[3] == Approx(0.02));
  const auto bonf = adjust_p_values(p, Correction::bonferroni);
  CHECK(bonf[0] == Approx(0.04));
  CHECK(bonf[1] == Approx(0.16));
  CHECK(bonf[2] == Approx(0.12));
  CHECK(bonf[3] == Approx(0.02));
  CHECK(adjust_p_values(p, Correction::none) == p);
  // At alpha = 0.05 Holm rejects #0 and #3, Bonferroni only #3 (and #0 on the boundary
  // is not < 0.05): Holm is uniformly more powerful and never less.
  for (std::size_t i = 0; i < p.size(); ++i) CHECK(holm[i] <= bonf[i]);
}

TEST_CASE("Adjusted p-values are capped at 1 and keep ties", "[stats][compare]") {
  const std::vector<double> p = {0.5, 0.2, 0.2, 0.9};
  // Holm: sorted 0.2, 0.2, 0.5, 0.9 -> min(1, 0.8), min(1, 0.6) -> max 0.8, min(1, 1.0) = 1, 0.9
  // -> 1.
  const auto holm = adjust_p_values(p, Correction::holm);
  CHECK(holm[1] == Approx(0.8));
  CHECK(holm[2] == Approx(0.8));
  CHECK(holm[0] == 1.0);
  CHECK(holm[3] == 1.0);
  const auto bonf = adjust_p_values(p, Correction::bonferroni);
  CHECK(bonf[0] == 1.0);
  CHECK(bonf[1] == Approx(0.8));
  CHECK(adjust_p_values(std::vector<double>{}, Correction::holm).empty());
  CHECK(adjust_p_values(std::vector<double>{0.03}, Correction::holm)[0] == Approx(0.03));
}

TEST_CASE("Per-interval levels and correction names", "[stats][compare]") {
  CHECK(per_interval_level(0.95, 10, Correction::holm) == Approx(0.995));
  CHECK(per_interval_level(0.95, 10, Correction::bonferroni) == Approx(0.995));
  CHECK(per_interval_level(0.95, 10, Correction::none) == Approx(0.95));
  CHECK(per_interval_level(0.9, 1, Correction::holm) == Approx(0.9));
  CHECK_THROWS(per_interval_level(1.0, 3, Correction::holm));
  for (auto c : {Correction::holm, Correction::bonferroni, Correction::none})
    CHECK(parse_correction(correction_name(c)) == c);
  CHECK_FALSE(parse_correction("sidak").has_value());
  CHECK_FALSE(parse_correction("Holm").has_value());
}
