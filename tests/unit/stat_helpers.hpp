// Shared tools for statistical tests: chi-squared goodness of fit with critical values from
// Boost.Math, and checks of sample moments against theory in units of standard errors.
//
// Conventions every stochastic test follows, so a failure means a bug and not bad luck:
// fixed seeds (a test either always passes or always fails), chi-squared at
// alpha = 1e-4, moment checks at k = 4 standard errors (two-sided normal tail 6.3e-5).
#pragma once

#include <boost/math/distributions/chi_squared.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace renkei::stat_test {

inline constexpr double kAlpha = 1e-4;
// Two-sided normal tail beyond 4 SE is 6.3e-5, the same order as kAlpha.
inline constexpr double kSeTolerance = 4.0;

// Upper-tail critical value: P(chi2_df > c) = alpha.
inline double chi_squared_critical(double df, double alpha = kAlpha) {
  const boost::math::chi_squared_distribution<double> d(df);
  return boost::math::quantile(boost::math::complement(d, alpha));
}

struct GofResult {
  double statistic = 0.0;
  int df = 0;  // bins after pooling, minus one
  double critical = 0.0;
  std::string detail;  // what went wrong, or the pooled table size
  bool passes() const { return statistic < critical; }
};

// Pearson chi-squared test of observed counts against category probabilities.
// Adjacent bins are pooled until every expected count is at least `min_expected` (the
// usual validity condition of the chi-squared approximation). A count in a bin of
// probability zero is an outright failure (statistic = +inf): pooling must not hide it.
inline GofResult chi_squared_gof(const std::vector<std::uint64_t>& counts,
                                 const std::vector<double>& probs, double alpha = kAlpha,
                                 double min_expected = 5.0) {
  GofResult r;
  std::ostringstream msg;
  if (counts.size() != probs.size() || counts.empty()) {
    r.statistic = std::numeric_limits<double>::infinity();
    r.detail = "counts and probabilities differ in length";
    return r;
  }
  std::uint64_t n = 0;
  for (auto c : counts) n += c;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (probs[i] == 0.0 && counts[i] > 0) {
      r.statistic = std::numeric_limits<double>::infinity();
      msg << "category " << i << " has probability 0 but " << counts[i] << " draws";
      r.detail = msg.str();
      return r;
    }
  }
  std::vector<double> obs;
  std::vector<double> exp;
  double o = 0.0;
  double e = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    o += static_cast<double>(counts[i]);
    e += probs[i] * static_cast<double>(n);
    if (e >= min_expected) {
      obs.push_back(o);
      exp.push_back(e);
      o = e = 0.0;
    }
  }
  if (e > 0.0 || o > 0.0) {  // a small remainder joins the last full bin
    if (exp.empty()) {
      obs.push_back(o);
      exp.push_back(e);
    } else {
      obs.back() += o;
      exp.back() += e;
    }
  }
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const double d = obs[i] - exp[i];
    r.statistic += d * d / exp[i];
  }
  r.df = static_cast<int>(obs.size()) - 1;
  r.critical = r.df > 0 ? chi_squared_critical(r.df, alpha) : 0.0;
  msg << obs.size() << " pooled bins, n = " << n << ", chi2 = " << r.statistic
      << ", critical(df=" << r.df << ", alpha=" << alpha << ") = " << r.critical;
  r.detail = msg.str();
  if (r.df <= 0) r.statistic = std::numeric_limits<double>::infinity();  // untestable
  return r;
}

// Tallies integer draws 0..kmax-1 with everything >= kmax in one tail bin (index kmax).
inline void tally(std::vector<std::uint64_t>& counts, std::uint64_t value) {
  const std::size_t last = counts.size() - 1;
  ++counts[value < last ? static_cast<std::size_t>(value) : last];
}

// Probabilities for tally(): pmf(0..kmax-1) then the tail 1 - sum.
template <class Pmf>
std::vector<double> probs_with_tail(std::size_t kmax, Pmf pmf) {
  std::vector<double> p(kmax + 1);
  double sum = 0.0;
  for (std::size_t k = 0; k < kmax; ++k) {
    p[k] = pmf(k);
    sum += p[k];
  }
  p[kmax] = std::max(0.0, 1.0 - sum);
  return p;
}

// Sample moments accumulated in one pass (Welford), independent of the code under test.
struct SampleMoments {
  std::uint64_t n = 0;
  double mean = 0.0;
  double m2 = 0.0;
  void add(double x) {
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  double variance() const { return m2 / static_cast<double>(n - 1); }
};

// Standard errors from the true distribution: SE(mean) = sigma / sqrt(n) and
// SE(s^2) = sigma^2 * sqrt((kappa - 1) / n) + O(1/n), with kappa = mu4 / sigma^4 the
// (non-excess) kurtosis.
inline double se_mean(double variance, std::uint64_t n) {
  return std::sqrt(variance / static_cast<double>(n));
}
inline double se_variance(double variance, double kurtosis, std::uint64_t n) {
  return variance * std::sqrt((kurtosis - 1.0) / static_cast<double>(n));
}

// |observed - expected| in standard errors, for messages and checks.
inline double z_score(double observed, double expected, double se) {
  return std::fabs(observed - expected) / se;
}

// Pearson correlation of paired samples.
inline double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double mx = 0.0;
  double my = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0.0;
  double sxx = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace renkei::stat_test
