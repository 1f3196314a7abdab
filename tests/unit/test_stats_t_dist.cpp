// Student t quantiles and probabilities behind the compare intervals, against published
// table values and the closed forms that exist for 1, 2 and 3 degrees of freedom.
#include "stats/t_dist.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

using namespace renkei::stats;

TEST_CASE("t quantiles match table values", "[stats][compare]") {
  // Two-sided 95 % and 99 % critical values (e.g. Abramowitz & Stegun table 26.10).
  CHECK(t_quantile(0.975, 1) == Approx(12.706204736).epsilon(1e-9));
  CHECK(t_quantile(0.975, 2) == Approx(4.302652730).epsilon(1e-9));
  CHECK(t_quantile(0.975, 3) == Approx(3.182446305).epsilon(1e-9));
  CHECK(t_quantile(0.975, 5) == Approx(2.570581836).epsilon(1e-9));
  CHECK(t_quantile(0.975, 10) == Approx(2.228138852).epsilon(1e-9));
  CHECK(t_quantile(0.975, 30) == Approx(2.042272456).epsilon(1e-9));
  CHECK(t_quantile(0.995, 5) == Approx(4.032142984).epsilon(1e-9));
  CHECK(t_quantile(0.95, 3) == Approx(2.353363435).epsilon(1e-9));
  // Symmetry, and the normal limit (z_0.975 = 1.959963985; the t excess is O(1/df)).
  CHECK(t_quantile(0.025, 5) == Approx(-2.570581836).epsilon(1e-9));
  CHECK(t_quantile(0.975, 1e8) == Approx(1.959963985).epsilon(1e-7));
  CHECK(t_critical(0.95, 5) == Approx(2.570581836).epsilon(1e-9));
  CHECK(t_critical(0.99, 5) == Approx(4.032142984).epsilon(1e-9));
}

TEST_CASE("t quantiles and CDF match the closed forms for df = 1, 2, 3", "[stats][compare]") {
  const double pi = std::numbers::pi;
  for (double p : {0.001, 0.05, 0.3, 0.5, 0.8, 0.9, 0.995}) {
    CAPTURE(p);
    CHECK(t_quantile(p, 1) ==
          Approx(std::tan(pi * (p - 0.5))).margin(1e-12).epsilon(1e-10));  // Cauchy
    CHECK(t_quantile(p, 2) ==
          Approx((2 * p - 1) / std::sqrt(2 * p * (1 - p))).margin(1e-12).epsilon(1e-10));
  }
  for (double t : {-30.0, -2.0, -0.1, 0.0, 0.7, 3.5762373640756184, 12.0}) {
    CAPTURE(t);
    CHECK(t_cdf(t, 1) == Approx(0.5 + std::atan(t) / pi).epsilon(1e-10));
    CHECK(t_cdf(t, 2) == Approx(0.5 + t / (2 * std::sqrt(2 + t * t))).epsilon(1e-10));
    const double s3 = std::sqrt(3.0);
    CHECK(t_cdf(t, 3) ==
          Approx(0.5 + (t / (s3 * (1 + t * t / 3)) + std::atan(t / s3)) / pi).epsilon(1e-10));
  }
  CHECK(t_cdf(INFINITY, 4) == 1.0);
  CHECK(t_cdf(-INFINITY, 4) == 0.0);
  // Two-sided p-values: from the upper tail, so tiny ones keep their digits.
  CHECK(t_two_sided_p(t_quantile(0.975, 7), 7) == Approx(0.05).epsilon(1e-9));
  CHECK(t_two_sided_p(-t_quantile(0.995, 7), 7) == Approx(0.01).epsilon(1e-9));
  CHECK(t_two_sided_p(200.0, 5) > 0.0);
  CHECK(t_two_sided_p(200.0, 5) < 1e-9);
  CHECK(t_two_sided_p(0.0, 5) == Approx(1.0));
}

TEST_CASE("t functions refuse invalid arguments", "[stats][compare]") {
  CHECK_THROWS_AS(t_quantile(0.0, 5), std::domain_error);
  CHECK_THROWS_AS(t_quantile(1.0, 5), std::domain_error);
  CHECK_THROWS_AS(t_quantile(0.5, 0), std::domain_error);
  CHECK_THROWS_AS(t_quantile(0.5, NAN), std::domain_error);
  CHECK_THROWS_AS(t_critical(1.0, 5), std::domain_error);
  CHECK_THROWS_AS(t_cdf(NAN, 5), std::domain_error);
}
