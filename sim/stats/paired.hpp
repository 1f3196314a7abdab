// Paired (common-random-numbers) and unpaired (Welch) comparison of one policy with the
// baseline on one metric, from per-replicate values: the statistics behind `renkei compare`.
//
// Replicate r of every scenario uses the same random streams, so policy_r and baseline_r
// share most of their noise and the paired differences d_r = policy_r - baseline_r vary far
// less than either sample. The Welch interval ignores the pairing; the ratio of the two
// half-widths shows what common random numbers gained.
#pragma once

#include <cstddef>
#include <span>

namespace renkei::stats {

// Mean and sample standard deviation (n - 1) of one sample.
struct SampleSummary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;  // NaN when n < 2
};
SampleSummary summarize(std::span<const double> x);

struct Interval {
  double lo = 0.0;
  double hi = 0.0;
  double half_width() const { return 0.5 * (hi - lo); }
  bool contains(double x) const { return lo <= x && x <= hi; }
};

// Welch's unpaired comparison of two independent samples (policy minus baseline).
struct WelchResult {
  double mean_diff = 0.0;
  double se = 0.0;  // sqrt(s_p^2 / n_p + s_b^2 / n_b)
  double df = 0.0;  // Welch-Satterthwaite; NaN when se == 0
  Interval ci;      // mean_diff ± t_{(1+level)/2, df} · se; a point when se == 0
};
WelchResult welch(std::span<const double> policy, std::span<const double> baseline, double level);

struct PairedResult {
  std::size_t n = 0;       // pairs used
  SampleSummary policy;    // of the policy values of those pairs
  SampleSummary baseline;  // of the baseline values of those pairs
  double mean_diff = 0.0;  // mean of d_r
  double sd_diff = 0.0;    // sample SD of d_r
  double se = 0.0;         // sd_diff / sqrt(n)
  double df = 0.0;         // n - 1
  double level = 0.0;      // confidence level of `ci` and `welch.ci`
  Interval ci;             // mean_diff ± t_{(1+level)/2, n-1} · se
  double t = 0.0;          // mean_diff / se (±inf or NaN when se == 0, see p_value)
  double p_value = 1.0;    // two-sided test of E[d] = 0, before any correction
  // P(mean difference > 0) under the t approximation: the t_{n-1} CDF at mean_diff / se,
  // i.e. the posterior probability of a positive effect under a flat prior on the mean
  // (and on log sigma). 1 or 0 when se == 0 and the mean is non-zero; 0.5 when all d_r = 0.
  double prob_positive = 0.5;
  double share_positive = 0.0;  // share of pairs with d_r > 0
  WelchResult welch;            // the same values, unpaired
  // Paired half-width / Welch half-width: below 1 when the pairing helped. NaN when the
  // Welch interval has zero width.
  double half_width_ratio = 0.0;
};

// Requires policy.size() == baseline.size() >= 2 (throws std::invalid_argument otherwise)
// and finite values; level in (0, 1).
PairedResult paired_compare(std::span<const double> policy, std::span<const double> baseline,
                            double level);

// A ratio of two paired mean differences, mean(num) / mean(den), over the same pairs (yen per
// additional certification: num_r the cost difference and den_r the gain difference of
// replicate r), with its delta-method interval: the ratio's standard error is
//   se = sqrt((s_num^2 - 2 q s_num,den + q^2 s_den^2) / n) / |mean(den)|
// (q the ratio, s the sample (co)variances with n - 1), and the interval q ± t_{(1+level)/2,
// n-1} · se. The approximation needs mean(den) well away from 0 (a significant gain);
// near 0 the ratio and its interval mean nothing.
struct RatioResult {
  std::size_t n = 0;
  double ratio = 0.0;  // NaN when mean(den) == 0 or n < 2
  double se = 0.0;
  Interval ci;
};
// Requires num.size() == den.size() and finite values; level in (0, 1). Fewer than 2 pairs
// give NaN everywhere.
RatioResult ratio_interval(std::span<const double> num, std::span<const double> den, double level);

}  // namespace renkei::stats
