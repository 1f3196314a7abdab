#include "stats/paired.hpp"

#include "stats/t_dist.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace renkei::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("confidence level must be in (0, 1), got " + std::to_string(level));
}

}  // namespace

SampleSummary summarize(std::span<const double> x) {
  SampleSummary s;
  s.n = x.size();
  if (x.empty()) {
    s.mean = s.sd = kNaN;
    return s;
  }
  // Two passes: the values are few and kept, and this is exact for constant samples.
  double sum = 0.0;
  for (double v : x) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2) {
    s.sd = kNaN;
    return s;
  }
  double ss = 0.0;
  for (double v : x) ss += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
  return s;
}

WelchResult welch(std::span<const double> policy, std::span<const double> baseline, double level) {
  check_level(level);
  if (policy.size() < 2 || baseline.size() < 2)
    throw std::invalid_argument("Welch's test needs at least 2 values in each sample");
  const SampleSummary p = summarize(policy);
  const SampleSummary b = summarize(baseline);
  WelchResult w;
  w.mean_diff = p.mean - b.mean;
  const double vp = p.sd * p.sd / static_cast<double>(p.n);
  const double vb = b.sd * b.sd / static_cast<double>(b.n);
  w.se = std::sqrt(vp + vb);
  if (w.se > 0.0) {
    w.df = (vp + vb) * (vp + vb) /
           (vp * vp / static_cast<double>(p.n - 1) + vb * vb / static_cast<double>(b.n - 1));
    const double h = t_critical(level, w.df) * w.se;
    w.ci = {w.mean_diff - h, w.mean_diff + h};
  } else {
    w.df = kNaN;
    w.ci = {w.mean_diff, w.mean_diff};
  }
  return w;
}

PairedResult paired_compare(std::span<const double> policy, std::span<const double> baseline,
                            double level) {
  check_level(level);
  if (policy.size() != baseline.size())
    throw std::invalid_argument("paired comparison needs samples of equal size, got " +
                                std::to_string(policy.size()) + " and " +
                                std::to_string(baseline.size()));
  if (policy.size() < 2)
    throw std::invalid_argument("paired comparison needs at least 2 pairs, got " +
                                std::to_string(policy.size()));
  for (std::size_t i = 0; i < policy.size(); ++i)
    if (!std::isfinite(policy[i]) || !std::isfinite(baseline[i]))
      throw std::invalid_argument("paired comparison got a non-finite value in pair " +
                                  std::to_string(i));

  PairedResult r;
  r.n = policy.size();
  r.level = level;
  r.policy = summarize(policy);
  r.baseline = summarize(baseline);
  std::vector<double> d(r.n);
  std::size_t positive = 0;
  for (std::size_t i = 0; i < r.n; ++i) {
    d[i] = policy[i] - baseline[i];
    if (d[i] > 0.0) ++positive;
  }
  const SampleSummary sd = summarize(d);
  r.mean_diff = sd.mean;
  r.sd_diff = sd.sd;
  r.se = sd.sd / std::sqrt(static_cast<double>(r.n));
  r.df = static_cast<double>(r.n - 1);
  r.share_positive = static_cast<double>(positive) / static_cast<double>(r.n);
  if (r.se > 0.0) {
    const double h = t_critical(level, r.df) * r.se;
    r.ci = {r.mean_diff - h, r.mean_diff + h};
    r.t = r.mean_diff / r.se;
    r.p_value = t_two_sided_p(r.t, r.df);
    r.prob_positive = t_cdf(r.t, r.df);
  } else {
    // Every pair differs by the same amount: no sampling uncertainty is visible.
    r.ci = {r.mean_diff, r.mean_diff};
    if (r.mean_diff == 0.0) {
      r.t = kNaN;
      r.p_value = 1.0;
      r.prob_positive = 0.5;
    } else {
      r.t = r.mean_diff > 0 ? std::numeric_limits<double>::infinity()
                            : -std::numeric_limits<double>::infinity();
      r.p_value = 0.0;
      r.prob_positive = r.mean_diff > 0 ? 1.0 : 0.0;
    }
  }
  r.welch = welch(policy, baseline, level);
  const double wh = r.welch.ci.half_width();
  r.half_width_ratio = wh > 0.0 ? r.ci.half_width() / wh : kNaN;
  return r;
}

RatioResult ratio_interval(std::span<const double> num, std::span<const double> den, double level) {
  if (num.size() != den.size())
    throw std::invalid_argument("ratio_interval: numerator and denominator differ in length");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  RatioResult r;
  r.n = num.size();
  if (r.n < 2) {
    r.ratio = r.se = nan;
    r.ci = {nan, nan};
    return r;
  }
  const double n = static_cast<double>(r.n);
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < r.n; ++i) {
    mx += num[i];
    my += den[i];
  }
  mx /= n;
  my /= n;
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < r.n; ++i) {
    const double dx = num[i] - mx, dy = den[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  sxx /= n - 1.0;
  syy /= n - 1.0;
  sxy /= n - 1.0;
  if (my == 0.0) {
    r.ratio = r.se = nan;
    r.ci = {nan, nan};
    return r;
  }
  r.ratio = mx / my;
  const double q = r.ratio;
  // Rounding can leave a tiny negative variance when num is proportional to den.
  const double var = std::max(0.0, sxx - 2.0 * q * sxy + q * q * syy);
  r.se = std::sqrt(var / n) / std::fabs(my);
  const double h = t_critical(level, n - 1.0) * r.se;
  r.ci = {q - h, q + h};
  return r;
}

}  // namespace renkei::stats
