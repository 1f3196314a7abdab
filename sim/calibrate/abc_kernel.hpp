// The perturbation kernel of ABC-SMC: a multivariate normal with twice the weighted
// covariance of the previous population (Beaumont et al. 2009), in the search space, and
// the importance weights that correct for sampling from it instead of from the prior.
#pragma once

#include "calibrate/abc_random.hpp"

#include <cstddef>
#include <vector>

namespace renkei::abc {

using Points = std::vector<std::vector<double>>;  // [particle][parameter]

class PerturbationKernel {
 public:
  // `weights` sum to 1. `widths` are the prior widths in the search space: a degenerate
  // covariance (identical particles) gets a ridge scaled by them so the kernel stays
  // positive definite.
  PerturbationKernel(const Points& points, const std::vector<double>& weights,
                     const std::vector<double>& widths);

  std::size_t size() const noexcept { return dim_; }
  // centre + L·n with n standard normal, L the Cholesky factor of the covariance.
  std::vector<double> perturb(const std::vector<double>& centre, CandidateStream& g) const;
  // log K(x | centre) up to the normalising constant, which is common to every centre
  // and cancels in normalised weights.
  double log_density(const std::vector<double>& x, const std::vector<double>& centre) const;
  // The same with caller-provided scratch space of size() doubles: the weight computation
  // calls this N^2 times per generation and must not allocate each time.
  double log_density(const std::vector<double>& x, const std::vector<double>& centre,
                     std::vector<double>& work) const;
  // Row-major lower-triangular factor (for tests and diagnostics).
  const std::vector<double>& cholesky() const noexcept { return chol_; }

 private:
  std::size_t dim_;
  std::vector<double> chol_;
};

// Twice the weighted covariance, row-major (sum_k w_k (x_k - m)(x_k - m)^T, w normalised).
std::vector<double> kernel_covariance(const Points& points, const std::vector<double>& weights);

// Weights of a new population drawn from the kernel mixture over `previous`:
// w_i ∝ prior(x_i) / sum_j w_j K(x_i | x_j), with the prior flat on the search box. Computed
// in log space (the kernel values underflow far from the bulk) and normalised to sum to 1.
// Uses oneTBB inside whatever arena the caller runs in; the result does not depend on it.
std::vector<double> importance_weights(const Points& current, const Points& previous,
                                       const std::vector<double>& previous_weights,
                                       const PerturbationKernel& kernel);

// Truncated importance weights (Ionides 2008): each normalised weight is capped at
// sqrt(N)/N, the excess spread over the others in proportion, until no weight exceeds
// the cap; the result sums to 1. In 20-odd dimensions a few particles that land where the
// kernel mixture is thin otherwise take almost all the weight (ESS of a handful out of
// hundreds) and the next generation descends from them alone; the cap bounds that at
// the price of a bias that vanishes as N grows. ESS >= sqrt(N) afterwards.
std::vector<double> truncate_weights(std::vector<double> weights);

}  // namespace renkei::abc
