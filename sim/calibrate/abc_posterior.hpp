// Summaries of an ABC-SMC posterior (a weighted particle population): weighted moments and
// quantiles, the effective sample size, how far the data moved each parameter from its
// prior, and a deterministic resample of parameter vectors for parameter-uncertainty runs.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace renkei::abc {

struct ParameterSummary {
  std::string name;
  double mean = 0.0;  // natural scale
  double sd = 0.0;
  double q05 = 0.0;
  double q50 = 0.0;
  double q95 = 0.0;
  double identification = 0.0;  // see identification()
  double width_ratio = 0.0;     // see interval_width_ratio()
};

// How much the targets say about a parameter, from its SD ratio (identification()):
// identified below 0.5, weakly identified from 0.5 to 0.8, not identified from 0.8 (its
// posterior is close to its prior). The SD ratio rather than the 90 % width ratio decides
// because it uses every particle, not two tail quantiles of a weighted sample.
enum class IdentificationClass { identified, weak, none };
IdentificationClass classify_identification(double sd_ratio) noexcept;
const char* identification_name(IdentificationClass c) noexcept;

// Kish's effective sample size (sum w)^2 / sum w^2: N for equal weights, 1 when one
// particle carries all the weight. Weights need not be normalised; 0 if they sum to 0.
double effective_sample_size(const std::vector<double>& weights);

// The weights of a generation's particles, in particle order.
std::vector<double> weights_of(const Generation& generation);

// Weighted mean and standard deviation. The variance uses the reliability-weights
// correction 1 / (1 - sum w^2) (w normalised), which reduces to the usual n - 1 divisor
// for equal weights; 0 when a single particle carries all the weight.
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights);
double weighted_sd(const std::vector<double>& values, const std::vector<double>& weights);

// Inverse of the weighted empirical distribution function: the smallest value whose
// cumulative normalised weight reaches p (p in [0, 1]).
double weighted_quantile(std::vector<double> values, std::vector<double> weights, double p);

// Ratio of the posterior to the prior standard deviation of parameter `index`, both in the
// search space (log for log-scale priors), where the prior is uniform with sd
// width / sqrt(12). Near 1: the targets do not inform the parameter; well below 1: they do.
double identification(const Prior& prior, const Generation& posterior, std::size_t index);

// Width of the weighted 5-95 % posterior interval over the prior's (0.9 of its range), both
// in the search space: a second view of identification(), reported beside it.
double interval_width_ratio(const Prior& prior, const Generation& posterior, std::size_t index);

// Weighted Pearson correlation of x and y (weights need not be normalised); 0 when either
// has no spread. Posterior correlations expose combinations the targets pin down while each
// parameter alone stays unidentified (e.g. an application rate against an acceptance rate).
double weighted_correlation(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& weights);

// The posterior correlation matrix in the search space, row-major [i * d + j], 1 on the
// diagonal.
std::vector<double> correlation_matrix(const std::vector<Prior>& priors,
                                       const Generation& posterior);

// One summary per prior, in prior order.
std::vector<ParameterSummary> summarize(const std::vector<Prior>& priors,
                                        const Generation& posterior);

// Systematic resampling: indices k such that particle k appears floor(M w_k) or
// ceil(M w_k) times, using the positions (i + u) / M, i = 0..M-1, with u in [0, 1).
// Indices come in particle order.
std::vector<std::size_t> systematic_resample(const std::vector<double>& weights, std::size_t m,
                                             double u);

// M parameter vectors (natural scale) resampled from the posterior by systematic
// resampling, with u drawn from `seed`: the same seed gives the same draws.
std::vector<std::vector<double>> draws(const Generation& posterior, std::size_t m,
                                       std::uint64_t seed);

}  // namespace renkei::abc
