// The perturbation kernels of ABC-SMC in the search space: a multivariate normal with twice
// the weighted covariance of the previous population (Beaumont et al. 2009), or one local
// covariance per parent (Filippi et al. 2013's optimal local covariance matrix, OLCM), and
// the importance weights that correct for sampling from them instead of from the prior.
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
  // A kernel of the given covariance (row-major, symmetric), with the same ridge fallback.
  static PerturbationKernel from_covariance(const std::vector<double>& covariance,
                                            const std::vector<double>& widths);
  // log det of the covariance: kernels of different covariances are compared only through
  // their normalised densities.
  double log_det() const noexcept;

  std::size_t size() const noexcept { return dim_; }
  // centre + L·n with n standard normal, L the Cholesky factor of the covariance.
  std::vector<double> perturb(const std::vector<double>& centre, CandidateStream& g) const;
  // log K(x | centre) up to the normalising constant, which is common to every centre
  // and cancels in normalised weights.
  double log_density(const std::vector<double>& x, const std::vector<double>& centre) const;
  // The same with caller-provided scratch space `y` of size() doubles (it holds the solution
  // of L y = x - centre): the weight computation calls this N^2 times per generation and must
  // not allocate each time.
  double log_density(const std::vector<double>& x, const std::vector<double>& centre,
                     std::vector<double>& y) const;
  // Row-major lower-triangular factor (for tests and diagnostics).
  const std::vector<double>& cholesky() const noexcept { return chol_; }

 private:
  PerturbationKernel() = default;
  void factor(const std::vector<double>& covariance, const std::vector<double>& widths);

  std::size_t dim_ = 0;
  std::vector<double> chol_;
};

// The OLCM kernels: parent i perturbs with covariance
//   Sigma_i = sum_{k in S} w'_k (x_k - x_i)(x_k - x_i)^T,
// S the previous particles already within the new epsilon and w' their normalised weights
// (Filippi et al. 2013, eq. 8): a kernel that moves each parent towards and across the
// region the next generation accepts, rather than across the whole previous cloud. In 20-odd
// dimensions the global 2 x covariance kernel proposes mostly outside that region, so each
// generation costs several times the simulations for the same particles. With fewer than
// 2 particles in S (or none of positive weight), every parent uses twice the covariance of
// the whole population, as the global kernel does.
class LocalKernels {
 public:
  LocalKernels(const Points& points, const std::vector<double>& weights,
               const std::vector<double>& distances, double epsilon,
               const std::vector<double>& widths);
  std::size_t size() const noexcept { return kernels_.size(); }
  const PerturbationKernel& operator[](std::size_t parent) const { return kernels_[parent]; }
  // Normalised log density of x under parent j's kernel (up to a constant common to all).
  double log_density(const std::vector<double>& x, const std::vector<double>& centre,
                     std::size_t parent, std::vector<double>& work) const;

 private:
  std::vector<PerturbationKernel> kernels_;
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

// The same for OLCM proposals: each parent j with its own kernel, normalised densities.
std::vector<double> importance_weights(const Points& current, const Points& previous,
                                       const std::vector<double>& previous_weights,
                                       const LocalKernels& kernels);

// Truncated importance weights (Ionides 2008): each normalised weight is capped at
// sqrt(N)/N, the excess spread over the others in proportion, until no weight exceeds
// the cap; the result sums to 1. In 20-odd dimensions a few particles that land where the
// kernel mixture is thin otherwise take almost all the weight (ESS of a handful out of
// hundreds) and the next generation descends from them alone; the cap bounds that at
// the price of a bias that vanishes as N grows. ESS >= sqrt(N) afterwards.
std::vector<double> truncate_weights(std::vector<double> weights);

}  // namespace renkei::abc
