// Student t quantiles and probabilities for the interval estimates of `renkei compare`,
// from Boost.Math so that every interval rests on one well-tested implementation.
#pragma once

namespace renkei::stats {

// The p-quantile of Student's t with `df` degrees of freedom (df > 0, possibly
// fractional as in Welch's test; p in (0, 1)). Throws std::domain_error otherwise.
double t_quantile(double p, double df);

// P(T <= x) for Student's t with `df` degrees of freedom. x may be ±infinity.
double t_cdf(double x, double df);

// The multiplier of a two-sided interval at `level` (in (0, 1)): t_{(1+level)/2, df}.
double t_critical(double level, double df);

}  // namespace renkei::stats

namespace renkei::stats {

// Two-sided p-value of a t statistic: P(|T| >= |t|), computed from the upper tail so that
// small p-values keep their precision. t = ±infinity gives 0.
double t_two_sided_p(double t, double df);

}  // namespace renkei::stats
