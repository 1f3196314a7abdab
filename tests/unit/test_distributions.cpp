// Tests of the random variates: goodness of fit of the discrete ones (chi-squared,
// alpha = 1e-4), moments and equal-probability-bin fits of the continuous ones, and the
// edge cases the model relies on.
#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "stat_helpers.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

using renkei::rng::Mechanism;
using renkei::rng::Stream;
namespace dist = renkei::dist;
namespace st = renkei::stat_test;

constexpr std::uint64_t kSeed = 777;
// 2e5 draws: expected counts stay >= 5 in all but far tails (which are pooled) and a
// 1 % error in a bin of probability 0.1 is 4.7 SE, yet the suite runs in seconds.
constexpr std::size_t kDraws = 200000;

Stream stream(std::uint32_t entity, std::uint32_t sub = 0) {
  return Stream(kSeed, 0, Mechanism::test, entity, sub);
}

// A generator replaying fixed 32-bit words through the stream's own conversions, to
// drive the algorithms to their edges.
struct FixedWords {
  std::vector<std::uint32_t> words;
  std::size_t i = 0;
  std::uint32_t next_u32() { return words[i++ % words.size()]; }
  double uniform() {
    const std::uint32_t first = next_u32();
    return renkei::rng::unit_closed_open(first, next_u32());
  }
  double uniform_open() {
    const std::uint32_t first = next_u32();
    return renkei::rng::unit_open(first, next_u32());
  }
};

template <class Draw>
std::vector<double> sample(Draw draw, std::size_t n = kDraws) {
  std::vector<double> x(n);
  for (auto& v : x) v = draw();
  return x;
}

// Chi-squared fit of a continuous sample: 50 bins of equal probability under the true
// distribution (edges from its quantile function), >= 2000 expected per bin.
template <class Dist>
st::GofResult equal_probability_fit(const Dist& d, const std::vector<double>& x) {
  constexpr std::size_t bins = 50;
  std::vector<double> edges;
  for (std::size_t b = 1; b < bins; ++b) {
    edges.push_back(boost::math::quantile(d, static_cast<double>(b) / bins));
  }
  std::vector<std::uint64_t> counts(bins, 0);
  for (double v : x) {
    ++counts[static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), v) -
                                      edges.begin())];
  }
  return st::chi_squared_gof(counts, std::vector<double>(bins, 1.0 / bins));
}

// Mean and variance against theory within kSeTolerance (4) standard errors; the SE of
// the variance uses the true kurtosis (see stat_helpers.hpp).
void check_moments(const std::vector<double>& x, double mean, double variance, double kurtosis) {
  st::SampleMoments m;
  for (double v : x) m.add(v);
  const double zm = st::z_score(m.mean, mean, st::se_mean(variance, m.n));
  const double zv = st::z_score(m.variance(), variance, st::se_variance(variance, kurtosis, m.n));
  INFO("mean " << m.mean << " vs " << mean << " (" << zm << " SE); variance " << m.variance()
               << " vs " << variance << " (" << zv << " SE)");
  CHECK(zm < st::kSeTolerance);
  CHECK(zv < st::kSeTolerance);
}

// Moments and equal-probability fit of one sample.
template <class Dist>
void check_continuous(const Dist& d, const std::vector<double>& x) {
  check_moments(x, boost::math::mean(d), boost::math::variance(d), boost::math::kurtosis(d));
  const auto r = equal_probability_fit(d, x);
  INFO(r.detail);
  CHECK(r.passes());
}

template <class Draw, class Pmf>
st::GofResult discrete_fit(std::size_t kmax, Draw draw, Pmf pmf, std::size_t n = kDraws) {
  std::vector<std::uint64_t> counts(kmax + 1, 0);
  for (std::size_t i = 0; i < n; ++i) st::tally(counts, draw());
  return st::chi_squared_gof(counts, st::probs_with_tail(kmax, pmf));
}

}  // namespace

TEST_CASE("uniform_index is uniform for any n, including n = 1 and non-powers of two", "[dist]") {
  Stream g = stream(1);
  for (std::uint32_t n : {1u, 2u, 3u, 7u, 10u, 1000u}) {
    INFO("n = " << n);
    std::vector<std::uint64_t> counts(n, 0);
    bool in_range = true;
    for (std::size_t i = 0; i < kDraws; ++i) {
      const std::uint32_t k = dist::uniform_index(g, n);
      in_range = in_range && k < n;
      if (k < n) ++counts[k];
    }
    REQUIRE(in_range);
    if (n == 1) {
      CHECK(counts[0] == kDraws);
      continue;
    }
    const auto r = st::chi_squared_gof(counts, std::vector<double>(n, 1.0 / n));
    INFO(r.detail);
    CHECK(r.passes());
  }
}

TEST_CASE("uniform_index rejects the biased words for a large n", "[dist]") {
  // n = 3 * 2^30: without Lemire's rejection step the outputs divisible by 3 would come
  // twice as often as the others (residues 1/2, 1/4, 1/4 instead of 1/3 each).
  const std::uint32_t n = 3u << 30;
  Stream g = stream(2);
  std::vector<std::uint64_t> residues(3, 0);
  for (std::size_t i = 0; i < kDraws; ++i) ++residues[dist::uniform_index(g, n) % 3];
  const auto r = st::chi_squared_gof(residues, {1.0 / 3, 1.0 / 3, 1.0 / 3});
  INFO(r.detail);
  CHECK(r.passes());
  // The largest n works too (rejection threshold 1, nearly always accepted).
  const std::uint32_t top = std::numeric_limits<std::uint32_t>::max();
  for (int i = 0; i < 1000; ++i) CHECK(dist::uniform_index(g, top) < top);
}

TEST_CASE("bernoulli frequencies and certain outcomes", "[dist]") {
  Stream g = stream(3);
  for (double p : {0.001, 0.3, 0.5, 0.97}) {
    INFO("p = " << p);
    std::vector<std::uint64_t> counts(2, 0);
    for (std::size_t i = 0; i < kDraws; ++i) ++counts[dist::bernoulli(g, p) ? 1 : 0];
    const auto r = st::chi_squared_gof(counts, {1.0 - p, p});
    INFO(r.detail);
    CHECK(r.passes());
  }
  bool never = true;
  bool always = true;
  for (int i = 0; i < 10000; ++i) {
    never = never && !dist::bernoulli(g, 0.0);
    always = always && dist::bernoulli(g, 1.0);
  }
  CHECK(never);
  CHECK(always);
}

TEST_CASE("poisson fits its pmf on both code paths", "[dist]") {
  // Means below 12 use inversion, 12 and above PTRS; 11.9 and 12 straddle the switch.
  std::uint32_t entity = 10;
  for (double mean : {0.1, 3.0, 11.9, 12.0, 50.0, 1000.0}) {
    INFO("mean = " << mean);
    Stream g = stream(entity++);
    const boost::math::poisson_distribution<double> d(mean);
    const auto kmax = static_cast<std::size_t>(mean + 12.0 * std::sqrt(mean) + 20.0);
    const auto r = discrete_fit(
        kmax, [&] { return dist::poisson(g, mean); },
        [&](std::size_t k) { return boost::math::pdf(d, static_cast<double>(k)); });
    INFO(r.detail);
    CHECK(r.passes());
  }
}

TEST_CASE("poisson moments at large means and degenerate means", "[dist]") {
  // Poisson: variance = mean, kurtosis = 3 + 1/mean.
  std::uint32_t entity = 20;
  for (double mean : {12.0, 1e4, 1e7}) {
    INFO("mean = " << mean);
    Stream g = stream(entity++);
    check_moments(sample([&] { return static_cast<double>(dist::poisson(g, mean)); }, 50000), mean,
                  mean, 3.0 + 1.0 / mean);
  }
  Stream g = stream(30);
  bool zero = true;
  for (int i = 0; i < 1000; ++i) {
    zero = zero && dist::poisson(g, 0.0) == 0 && dist::poisson(g, -1.0) == 0 &&
           dist::poisson(g, std::numeric_limits<double>::quiet_NaN()) == 0;
  }
  CHECK(zero);
}

TEST_CASE("binomial fits its pmf, including the p > 0.5 flip", "[dist]") {
  struct Case {
    std::uint32_t n;
    double p;
  };
  std::uint32_t entity = 40;
  for (const Case c : {Case{20, 0.3}, Case{1000, 0.002}, Case{20, 0.7}, Case{15, 0.5},
                       Case{200, 0.95}, Case{1, 0.4}}) {
    INFO("n = " << c.n << ", p = " << c.p);
    Stream g = stream(entity++);
    const boost::math::binomial_distribution<double> d(c.n, c.p);
    const auto r = discrete_fit(
        c.n + 1, [&] { return dist::binomial(g, c.n, c.p); },
        [&](std::size_t k) { return boost::math::pdf(d, static_cast<double>(k)); }, kDraws / 2);
    INFO(r.detail);
    CHECK(r.passes());
  }
}

TEST_CASE("binomial edge cases", "[dist]") {
  Stream g = stream(50);
  bool ok = true;
  for (int i = 0; i < 1000; ++i) {
    ok = ok && dist::binomial(g, 37, 0.0) == 0 && dist::binomial(g, 37, -0.5) == 0 &&
         dist::binomial(g, 37, 1.0) == 37 && dist::binomial(g, 37, 1.5) == 37 &&
         dist::binomial(g, 0, 0.5) == 0;
  }
  CHECK(ok);
  // Tiny probabilities (e.g. a hazard over a short step) must give essentially no
  // successes: P(any success in 10^4 draws) = 10^4 * 1000 * 1e-20 = 1e-13. The geometric
  // gap then exceeds 2^64, which once wrapped into bogus successes.
  std::uint64_t successes = 0;
  for (int i = 0; i < 10000; ++i) {
    successes += dist::binomial(g, 1000, 1e-20);
    successes += dist::binomial(g, 1000, 1e-300);
    successes += dist::binomial(g, 1000, std::numeric_limits<double>::denorm_min());
  }
  CHECK(successes == 0);
  // The result never exceeds n.
  bool bounded = true;
  for (int i = 0; i < 10000; ++i) bounded = bounded && dist::binomial(g, 3, 0.45) <= 3;
  CHECK(bounded);
}

TEST_CASE("normal: moments and distribution", "[dist]") {
  // Moments are checked against the closed forms of Boost.Math (normal: kurtosis 3).
  Stream g = stream(60);
  check_continuous(boost::math::normal_distribution<double>(0.0, 1.0),
                   sample([&] { return dist::normal(g); }));
  check_continuous(boost::math::normal_distribution<double>(5.0, 2.0),
                   sample([&] { return dist::normal(g, 5.0, 2.0); }, kDraws / 2));
}

TEST_CASE("exponential: moments and distribution", "[dist]") {
  // Exponential(rate): mean 1/rate, variance 1/rate^2, kurtosis 9.
  Stream g = stream(61);
  const double rate = 2.5;
  const boost::math::exponential_distribution<double> d(rate);
  CHECK(boost::math::kurtosis(d) == Approx(9.0));
  check_continuous(d, sample([&] { return dist::exponential(g, rate); }));
}

TEST_CASE("gamma: moments and distribution for shapes below, at and above 1", "[dist]") {
  // Gamma(k, 1): mean k, variance k, kurtosis 3 + 6/k.
  std::uint32_t entity = 62;
  for (double shape : {0.5, 1.0, 3.7}) {
    INFO("shape = " << shape);
    Stream g = stream(entity++);
    const boost::math::gamma_distribution<double> d(shape, 1.0);
    CHECK(boost::math::kurtosis(d) == Approx(3.0 + 6.0 / shape));
    check_continuous(d, sample([&] { return dist::gamma(g, shape); }));
  }
}

TEST_CASE("beta and beta_mean: moments and distribution", "[dist]") {
  // Each beta variate costs two gamma variates: 1e5 draws (>= 2000 per fit bin).
  const std::size_t n = kDraws / 2;
  struct Case {
    double a;
    double b;
  };
  std::uint32_t entity = 70;
  for (const Case c : {Case{2.0, 5.0}, Case{0.5, 0.5}, Case{0.7, 3.0}}) {
    INFO("a = " << c.a << ", b = " << c.b);
    Stream g = stream(entity++);
    check_continuous(boost::math::beta_distribution<double>(c.a, c.b),
                     sample([&] { return dist::beta(g, c.a, c.b); }, n));
  }
  // beta_mean(m, k) is Beta(m k, (1 - m) k): m = 0.3, k = 10 gives Beta(3, 7).
  Stream g = stream(80);
  check_continuous(boost::math::beta_distribution<double>(3.0, 7.0),
                   sample([&] { return dist::beta_mean(g, 0.3, 10.0); }, n));
  bool in_unit = true;
  for (int i = 0; i < 10000; ++i) {
    const double x = dist::beta_mean(g, 0.05, 2.0);
    in_unit = in_unit && x >= 0.0 && x <= 1.0;
  }
  CHECK(in_unit);
}

TEST_CASE("uniform conversions stay inside their intervals at the extreme words", "[dist][rng]") {
  using renkei::rng::unit_closed_open;
  using renkei::rng::unit_open;
  const std::uint32_t all = 0xFFFFFFFFu;
  CHECK(unit_closed_open(0, 0) == 0.0);
  CHECK(unit_closed_open(all, all) == 1.0 - 0x1.0p-53);
  CHECK(unit_open(0, 0) == 0x1.0p-54);
  // The top word pair once rounded to exactly 1.0, so log(u) = 0 and the exponential
  // variate came out as -0.
  CHECK(unit_open(all, all) < 1.0);
  CHECK(unit_open(all, all) == 1.0 - 0x1.0p-53);
  FixedWords ones{{all}};
  CHECK(dist::exponential(ones, 1.0) > 0.0);
  FixedWords zeros{{0u}};
  CHECK(std::isfinite(dist::exponential(zeros, 1.0)));
  CHECK(std::isfinite(dist::normal(zeros)));
  // The stream converts its words in order, first word to the high bits.
  Stream a = stream(90);
  Stream b = stream(90);
  FixedWords replay;
  for (int i = 0; i < 64; ++i) replay.words.push_back(b.next_u32());
  for (int i = 0; i < 16; ++i) CHECK(a.uniform() == replay.uniform());
  for (int i = 0; i < 16; ++i) CHECK(a.uniform_open() == replay.uniform_open());
}

TEST_CASE("hazard_to_probability and logistic", "[dist]") {
  using dist::hazard_to_probability;
  CHECK(hazard_to_probability(0.0, 1.0) == 0.0);
  CHECK(hazard_to_probability(0.2, 0.0) == 0.0);
  CHECK(hazard_to_probability(std::log(2.0), 1.0) == Approx(0.5).epsilon(1e-14));
  CHECK(hazard_to_probability(1e3, 1.0) == 1.0);
  // Small hazards keep full relative precision (expm1, not 1 - exp).
  CHECK(hazard_to_probability(1e-12, 1.0) == Approx(1e-12).epsilon(1e-12));
  // Survival over consecutive intervals multiplies: p(a + b) = 1 - (1 - p(a))(1 - p(b)).
  const double pa = hazard_to_probability(0.13, 1.0);
  const double pb = hazard_to_probability(0.13, 2.5);
  CHECK(hazard_to_probability(0.13, 3.5) == Approx(1.0 - (1.0 - pa) * (1.0 - pb)).epsilon(1e-14));
  CHECK(hazard_to_probability(0.1, 1.0) < hazard_to_probability(0.2, 1.0));

  using dist::logistic;
  CHECK(logistic(0.0) == 0.5);
  CHECK(logistic(std::log(3.0)) == Approx(0.75).epsilon(1e-14));
  for (double x : {0.1, 1.0, 4.0, 20.0}) CHECK(logistic(-x) == Approx(1.0 - logistic(x)));
  // No NaN or overflow at the extremes.
  CHECK(logistic(800.0) == 1.0);
  CHECK(logistic(-800.0) == 0.0);
  CHECK(logistic(2.0) > logistic(1.0));
}
