// Paired and Welch comparisons: hand-computed values, the gain from pairing on correlated
// data (common random numbers), and the coverage of the paired interval over many
// simulated studies.
#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "stats/paired.hpp"
#include "stats/t_dist.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace renkei;
using renkei::rng::Mechanism;
using renkei::rng::Stream;
using namespace renkei::stats;

namespace {

constexpr std::uint64_t kSeed = 20050401;

// n pairs sharing a common component z_r ~ N(0, common_sd^2) (the common random numbers),
// each with its own noise N(0, own_sd^2); the policy adds `effect`.
struct PairedSample {
  std::vector<double> policy, baseline;
};
PairedSample correlated(Stream& g, std::size_t n, double effect, double common_sd, double own_sd) {
  PairedSample s;
  for (std::size_t i = 0; i < n; ++i) {
    const double z = dist::normal(g, 0.0, common_sd);
    s.baseline.push_back(10.0 + z + dist::normal(g, 0.0, own_sd));
    s.policy.push_back(10.0 + effect + z + dist::normal(g, 0.0, own_sd));
  }
  return s;
}

}  // namespace

TEST_CASE("Paired comparison of a hand-computed example", "[stats][compare]") {
  // d = {1, 2, 2, 4}: mean 2.25, variance 4.75 / 3, SE = sqrt(4.75 / 12) = 0.62915287,
  // t = 3.5762374; df 3, t_0.975 = 3.182446305.
  const std::vector<double> policy = {3, 5, 4, 7};
  const std::vector<double> baseline = {2, 3, 2, 3};
  const PairedResult r = paired_compare(policy, baseline, 0.95);
  CHECK(r.n == 4);
  CHECK(r.df == 3);
  CHECK(r.mean_diff == Approx(2.25));
  CHECK(r.sd_diff == Approx(1.2583057392117916));
  CHECK(r.se == Approx(0.6291528696058958));
  CHECK(r.t == Approx(3.5762373640756184));
  CHECK(r.ci.lo == Approx(2.25 - 3.182446305 * 0.6291528696058958));
  CHECK(r.ci.hi == Approx(2.25 + 3.182446305 * 0.6291528696058958));
  // The df = 3 closed form of the t CDF at t = 3.5762 gives 0.98130696 (computed apart).
  CHECK(r.prob_positive == Approx(0.9813069632657507).epsilon(1e-9));
  CHECK(r.p_value == Approx(0.03738607346849854).epsilon(1e-8));
  CHECK(r.share_positive == 1.0);
  CHECK(r.policy.mean == Approx(4.75));
  CHECK(r.baseline.mean == Approx(2.5));
  // Welch on the same values: SE = sqrt(2.9166667 / 4 + 0.3333333 / 4) = 0.90138782,
  // Welch-Satterthwaite df = 0.8125^2 / ((0.7291667^2 + 0.0833333^2) / 3) = 3.6768735.
  CHECK(r.welch.mean_diff == Approx(2.25));
  CHECK(r.welch.se == Approx(0.9013878188659973));
  CHECK(r.welch.df == Approx(3.6768734891216766));
  CHECK(r.welch.ci.hi == Approx(2.25 + t_quantile(0.975, 3.6768734891216766) * 0.9013878188659973));
  CHECK(r.half_width_ratio == Approx(r.ci.half_width() / r.welch.ci.half_width()));
  // A p-value below 0.05 and a 95 % interval excluding 0 are the same statement.
  CHECK(r.ci.lo > 0.0);
}

TEST_CASE("Paired comparison: degenerate and invalid input", "[stats][compare]") {
  SECTION("every pair differs by the same amount") {
    const PairedResult r =
        paired_compare(std::vector<double>{2, 3, 5}, std::vector<double>{1, 2, 4}, 0.95);
    CHECK(r.se == 0.0);
    CHECK(r.ci.lo == 1.0);
    CHECK(r.ci.hi == 1.0);
    CHECK(r.p_value == 0.0);
    CHECK(r.prob_positive == 1.0);
    CHECK(r.half_width_ratio == 0.0);
  }
  SECTION("identical samples") {
    const std::vector<double> x = {1, 2, 4};
    const PairedResult r = paired_compare(x, x, 0.95);
    CHECK(r.mean_diff == 0.0);
    CHECK(r.p_value == 1.0);
    CHECK(r.prob_positive == 0.5);
    CHECK(r.share_positive == 0.0);
  }
  SECTION("constant samples: no interval width at all") {
    const PairedResult r =
        paired_compare(std::vector<double>{1, 1}, std::vector<double>{1, 1}, 0.95);
    CHECK(std::isnan(r.half_width_ratio));
    CHECK(std::isnan(r.welch.df));
  }
  CHECK_THROWS_AS(paired_compare(std::vector<double>{1}, std::vector<double>{2}, 0.95),
                  std::invalid_argument);
  CHECK_THROWS_AS(paired_compare(std::vector<double>{1, 2}, std::vector<double>{2}, 0.95),
                  std::invalid_argument);
  CHECK_THROWS_AS(paired_compare(std::vector<double>{1, NAN}, std::vector<double>{2, 3}, 0.95),
                  std::invalid_argument);
  CHECK_THROWS_AS(paired_compare(std::vector<double>{1, 2}, std::vector<double>{2, 3}, 1.0),
                  std::invalid_argument);
}

TEST_CASE("Pairing narrows the interval on correlated data and not on independent data",
          "[stats][compare]") {
  Stream g(kSeed, 0, Mechanism::test, 1);
  SECTION("correlated (common random numbers)") {
    // Var(d) = 2 own^2 = 0.5 against Var(policy) + Var(baseline) = 2 (9 + 0.25) = 18.5:
    // the expected half-width ratio is about sqrt(0.5 / 18.5) = 0.16. The SD estimates of
    // n = 20 have relative SE about 1 / sqrt(2 (n - 1)) = 16 %, so 0.5 is far outside chance.
    const auto s = correlated(g, 20, 1.0, 3.0, 0.5);
    const PairedResult r = paired_compare(s.policy, s.baseline, 0.95);
    CHECK(r.half_width_ratio < 0.5);
    CHECK(r.ci.contains(1.0));
    CHECK(r.ci.lo > 0.0);  // the paired test sees the effect
    // The unpaired one does not (SE about 0.96 against an effect of 1; true for this seed,
    // as for about 84 % of seeds).
    CHECK(r.welch.ci.contains(0.0));
  }
  SECTION("independent") {
    // Without a shared component the two variances agree in expectation; the sample
    // correlation of n = 20 has SE ~ 0.23, so the ratio stays within [0.5, 1.5].
    const auto s = correlated(g, 20, 1.0, 0.0, 2.0);
    const PairedResult r = paired_compare(s.policy, s.baseline, 0.95);
    CHECK(r.half_width_ratio > 0.5);
    CHECK(r.half_width_ratio < 1.5);
  }
}

TEST_CASE("Paired t-interval covers the true effect at its nominal rate", "[stats][compare]") {
  // 4000 simulated studies of n = 8 correlated pairs with normal noise, where the paired
  // t-interval is exact. The number covering is Binomial(4000, level): accept within 4
  // binomial SEs, sqrt(level (1 - level) / 4000) = 0.0034 at 95 % and 0.0011 at 99.5 %
  // (the per-interval level of 10 tests under Bonferroni).
  constexpr int kStudies = 4000;
  constexpr double kEffect = 0.7;
  for (double level : {0.95, 0.995}) {
    CAPTURE(level);
    Stream g(kSeed, 1, Mechanism::test, static_cast<std::uint32_t>(level * 1000));
    int covered = 0;
    int covered_welch = 0;
    for (int k = 0; k < kStudies; ++k) {
      const auto s = correlated(g, 8, kEffect, 2.0, 0.5);
      const PairedResult r = paired_compare(s.policy, s.baseline, level);
      covered += r.ci.contains(kEffect);
      covered_welch += r.welch.ci.contains(kEffect);
    }
    const double rate = covered / static_cast<double>(kStudies);
    const double se = std::sqrt(level * (1 - level) / kStudies);
    CHECK(std::fabs(rate - level) < 4 * se);
    // Welch's interval ignores the positive correlation, so it over-covers (too wide).
    CHECK(covered_welch >= covered);
  }
}

TEST_CASE("P(mean difference > 0) agrees with the one-sided p-value", "[stats][compare]") {
  Stream g(kSeed, 2, Mechanism::test, 1);
  for (int k = 0; k < 20; ++k) {
    const auto s = correlated(g, 6, 0.3 * (k % 3 - 1), 1.0, 0.4);
    const PairedResult r = paired_compare(s.policy, s.baseline, 0.9);
    CAPTURE(k, r.mean_diff, r.p_value);
    // Under the t approximation P(mean > 0) = F_t(mean / SE): 1 - p/2 when the mean is
    // positive, p/2 when it is negative.
    const double expected = r.mean_diff > 0 ? 1 - r.p_value / 2 : r.p_value / 2;
    CHECK(r.prob_positive == Approx(expected).margin(1e-12));
    // 90 % interval excludes 0 exactly when the two-sided p is below 0.1.
    CHECK((r.ci.lo > 0 || r.ci.hi < 0) == (r.p_value < 0.1));
  }
}
