#include "calibrate/abc_kernel.hpp"

#include "engine/executor.hpp"

#include "core/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace renkei::abc {
namespace {

// Cholesky factor of a symmetric matrix, or an empty vector if it is not positive definite.
std::vector<double> try_cholesky(const std::vector<double>& a, std::size_t n) {
  std::vector<double> l(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      if (i == j) {
        if (!(s > 0.0) || !std::isfinite(s)) return {};
        l[i * n + i] = std::sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  }
  return l;
}

}  // namespace

std::vector<double> kernel_covariance(const Points& points, const std::vector<double>& weights) {
  const std::size_t n = points.empty() ? 0 : points.front().size();
  std::vector<double> mean(n, 0.0);
  for (std::size_t k = 0; k < points.size(); ++k)
    for (std::size_t i = 0; i < n; ++i) mean[i] += weights[k] * points[k][i];
  std::vector<double> cov(n * n, 0.0);
  for (std::size_t k = 0; k < points.size(); ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j <= i; ++j)
        cov[i * n + j] += weights[k] * (points[k][i] - mean[i]) * (points[k][j] - mean[j]);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      cov[i * n + j] *= 2.0;
      cov[j * n + i] = cov[i * n + j];
    }
  return cov;
}

PerturbationKernel::PerturbationKernel(const Points& points, const std::vector<double>& weights,
                                       const std::vector<double>& widths)
    : dim_(widths.size()) {
  factor(kernel_covariance(points, weights), widths);
}

PerturbationKernel PerturbationKernel::from_covariance(const std::vector<double>& covariance,
                                                       const std::vector<double>& widths) {
  PerturbationKernel k;
  k.dim_ = widths.size();
  k.factor(covariance, widths);
  return k;
}

void PerturbationKernel::factor(const std::vector<double>& cov, const std::vector<double>& widths) {
  // A ridge grown by factors of 100 from 1e-12 of each prior width squared: invisible when
  // the covariance is healthy, enough to move collapsed particles apart when it is not.
  for (int attempt = 0; attempt <= 6; ++attempt) {
    const double ridge = attempt == 0 ? 0.0 : 1e-12 * std::pow(100.0, attempt - 1);
    std::vector<double> a = cov;
    for (std::size_t i = 0; i < dim_; ++i) a[i * dim_ + i] += ridge * widths[i] * widths[i];
    chol_ = try_cholesky(a, dim_);
    if (!chol_.empty() || dim_ == 0) return;
  }
  throw std::runtime_error(
      "ABC-SMC: the covariance of the particles is not finite; the simulator or the priors "
      "produced non-finite parameters");
}

double PerturbationKernel::log_det() const noexcept {
  double s = 0.0;
  for (std::size_t i = 0; i < dim_; ++i) s += 2.0 * std::log(chol_[i * dim_ + i]);
  return s;
}

LocalKernels::LocalKernels(const Points& points, const std::vector<double>& weights,
                           const std::vector<double>& distances, double epsilon,
                           const std::vector<double>& widths) {
  const std::size_t n = points.size();
  const std::size_t d = widths.size();
  std::vector<std::size_t> inside;
  double mass = 0.0;
  for (std::size_t k = 0; k < n; ++k)
    if (distances[k] <= epsilon && weights[k] > 0.0) {
      inside.push_back(k);
      mass += weights[k];
    }
  if (inside.size() < 2 || !(mass > 0.0)) {
    const PerturbationKernel global(points, weights, widths);
    kernels_.assign(n, global);
    return;
  }
  // Sigma_i = C + (m - x_i)(m - x_i)^T with m, C the weighted mean and covariance of S.
  std::vector<double> m(d, 0.0);
  for (std::size_t k : inside)
    for (std::size_t a = 0; a < d; ++a) m[a] += weights[k] / mass * points[k][a];
  std::vector<double> c(d * d, 0.0);
  for (std::size_t k : inside)
    for (std::size_t a = 0; a < d; ++a)
      for (std::size_t b = 0; b <= a; ++b)
        c[a * d + b] += weights[k] / mass * (points[k][a] - m[a]) * (points[k][b] - m[b]);
  for (std::size_t a = 0; a < d; ++a)
    for (std::size_t b = 0; b < a; ++b) c[b * d + a] = c[a * d + b];
  kernels_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> s = c;
    for (std::size_t a = 0; a < d; ++a)
      for (std::size_t b = 0; b < d; ++b)
        s[a * d + b] += (m[a] - points[i][a]) * (m[b] - points[i][b]);
    kernels_.push_back(PerturbationKernel::from_covariance(s, widths));
  }
}

double LocalKernels::log_density(const std::vector<double>& x, const std::vector<double>& centre,
                                 std::size_t parent, std::vector<double>& work) const {
  const PerturbationKernel& k = kernels_[parent];
  return k.log_density(x, centre, work) - 0.5 * k.log_det();
}

std::vector<double> PerturbationKernel::perturb(const std::vector<double>& centre,
                                                CandidateStream& g) const {
  std::vector<double> normal(dim_);
  for (double& v : normal) v = dist::normal(g);
  std::vector<double> x = centre;
  for (std::size_t i = 0; i < dim_; ++i)
    for (std::size_t k = 0; k <= i; ++k) x[i] += chol_[i * dim_ + k] * normal[k];
  return x;
}

double PerturbationKernel::log_density(const std::vector<double>& x,
                                       const std::vector<double>& centre) const {
  std::vector<double> work(dim_);
  return log_density(x, centre, work);
}

double PerturbationKernel::log_density(const std::vector<double>& x,
                                       const std::vector<double>& centre,
                                       std::vector<double>& y) const {
  // Forward substitution L y = x - centre; the quadratic form is |y|^2.
  double q = 0.0;
  for (std::size_t i = 0; i < dim_; ++i) {
    double s = x[i] - centre[i];
    for (std::size_t k = 0; k < i; ++k) s -= chol_[i * dim_ + k] * y[k];
    y[i] = s / chol_[i * dim_ + i];
    q += y[i] * y[i];
  }
  return -0.5 * q;
}

namespace {

// Normalised importance weights 1 / sum_j w_j K_j(current_i | previous_j), for any kernel:
// `log_k(i, j, work)` is log K_j(current[i] | previous[j]) (work: dim scratch doubles).
template <class LogKernel>
std::vector<double> mixture_weights(const Points& current, const Points& previous,
                                    const std::vector<double>& previous_weights, std::size_t dim,
                                    const LogKernel& log_k) {
  const std::size_t n = current.size();
  if (n == 0) return {};
  std::vector<double> log_mixture(n);
  parallel_indices(n, [&](std::size_t i) {
    double top = -std::numeric_limits<double>::infinity();
    std::vector<double> terms(previous.size());
    std::vector<double> work(dim);
    for (std::size_t j = 0; j < previous.size(); ++j) {
      terms[j] = previous_weights[j] > 0.0 ? std::log(previous_weights[j]) + log_k(i, j, work)
                                           : -std::numeric_limits<double>::infinity();
      top = std::max(top, terms[j]);
    }
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - top);
    log_mixture[i] = top + std::log(sum);
  });
  // Every current particle was proposed from the mixture, so its density is positive and
  // finite; shift by the smallest before exponentiating to keep the largest weight at 1.
  const double base = *std::min_element(log_mixture.begin(), log_mixture.end());
  std::vector<double> w(n);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    w[i] = std::exp(base - log_mixture[i]);
    total += w[i];
  }
  for (double& v : w) v /= total;
  return w;
}

}  // namespace

std::vector<double> importance_weights(const Points& current, const Points& previous,
                                       const std::vector<double>& previous_weights,
                                       const PerturbationKernel& kernel) {
  return mixture_weights(current, previous, previous_weights, kernel.size(),
                         [&](std::size_t i, std::size_t j, std::vector<double>& work) {
                           return kernel.log_density(current[i], previous[j], work);
                         });
}

std::vector<double> importance_weights(const Points& current, const Points& previous,
                                       const std::vector<double>& previous_weights,
                                       const LocalKernels& kernels) {
  const std::size_t dim = previous.empty() ? 0 : previous.front().size();
  return mixture_weights(current, previous, previous_weights, dim,
                         [&](std::size_t i, std::size_t j, std::vector<double>& work) {
                           return kernels.log_density(current[i], previous[j], j, work);
                         });
}

std::vector<double> truncate_weights(std::vector<double> w) {
  const std::size_t n = w.size();
  if (n == 0) return w;
  const double cap = std::sqrt(static_cast<double>(n)) / static_cast<double>(n);
  // Each pass caps at least one more weight, so n passes suffice; capped weights stay at
  // the cap because the rest are scaled up to fill exactly 1 - capped·cap.
  std::vector<char> capped(n, 0);
  for (std::size_t pass = 0; pass < n; ++pass) {
    double free_mass = 0.0;
    std::size_t n_capped = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (capped[i])
        ++n_capped;
      else
        free_mass += w[i];
    }
    const double room = 1.0 - static_cast<double>(n_capped) * cap;
    if (!(free_mass > 0.0) || !(room > 0.0)) break;
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (capped[i]) {
        w[i] = cap;
        continue;
      }
      w[i] *= room / free_mass;
      if (w[i] > cap) {
        w[i] = cap;
        capped[i] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  double total = 0.0;
  for (double v : w) total += v;
  for (double& v : w) v /= total;
  return w;
}

}  // namespace renkei::abc
