#include "sensitivity/sobol_indices.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace renkei::sensitivity {
namespace {

constexpr std::uint32_t kSobolPurpose = 1;

// Indices from the base samples `use` (repetitions allowed: bootstrap resamples).
void estimate(std::span<const double> y, std::size_t k, std::size_t block,
              const std::vector<std::size_t>& use, double centre, std::vector<double>& s1,
              std::vector<double>& st, double& variance) {
  const double n = static_cast<double>(use.size());
  // Variance over the A and B rows together, as SALib (np.var of r_[A, B], n denominator).
  double sum = 0.0;
  double sum2 = 0.0;
  for (std::size_t j : use) {
    const double a = y[j * block] - centre;
    const double b = y[j * block + block - 1] - centre;
    sum += a + b;
    sum2 += a * a + b * b;
  }
  const double mean = sum / (2.0 * n);
  variance = sum2 / (2.0 * n) - mean * mean;
  s1.assign(k, 0.0);
  st.assign(k, 0.0);
  for (std::size_t j : use) {
    const double a = y[j * block] - centre;
    const double b = y[j * block + block - 1] - centre;
    for (std::size_t i = 0; i < k; ++i) {
      const double ab = y[j * block + 1 + i] - centre;
      s1[i] += b * (ab - a);               // Saltelli et al. 2010, table 2 (b)
      st[i] += 0.5 * (a - ab) * (a - ab);  // Jansen 1999
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    s1[i] = variance > 0.0 ? s1[i] / n / variance : std::numeric_limits<double>::quiet_NaN();
    st[i] = variance > 0.0 ? st[i] / n / variance : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace

SobolIndices sobol_indices(std::span<const double> y, std::size_t factors, bool second_order,
                           const BootstrapOptions& options) {
  if (factors == 0) throw std::invalid_argument("a Saltelli design needs at least one factor");
  const std::size_t block = second_order ? 2 * factors + 2 : factors + 2;
  if (y.size() % block != 0)
    throw std::invalid_argument(
        std::to_string(y.size()) + " outputs are not a whole number of Saltelli blocks of " +
        std::to_string(block) + " rows (" + std::to_string(factors) + " factors)");
  const std::size_t n = y.size() / block;
  SobolIndices out;
  std::vector<std::size_t> kept;
  double total = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    bool ok = true;
    for (std::size_t r = 0; r < block; ++r) ok = ok && std::isfinite(y[j * block + r]);
    if (!ok) {
      ++out.dropped;
      continue;
    }
    kept.push_back(j);
    for (std::size_t r = 0; r < block; ++r) total += y[j * block + r];
  }
  if (kept.size() < 2)
    throw std::invalid_argument(
        "only " + std::to_string(kept.size()) + " of " + std::to_string(n) +
        " base samples have finite outputs in all their rows; at least 2 are needed");
  out.base_samples = kept.size();
  // Centring first (as SALib) keeps b * (ab - a) from cancelling when outputs sit far from 0.
  const double centre = total / static_cast<double>(kept.size() * block);
  std::vector<double> s1, st;
  estimate(y, factors, block, kept, centre, s1, st, out.variance);

  std::vector<std::vector<double>> s1_boot(factors), st_boot(factors);
  Resampler draw(options.seed, kSobolPurpose);
  std::vector<std::size_t> sample(kept.size());
  std::vector<double> b1, bt;
  double var = 0.0;
  for (std::size_t b = 0; b < options.resamples; ++b) {
    for (auto& j : sample) j = kept[draw.below(kept.size())];
    estimate(y, factors, block, sample, centre, b1, bt, var);
    for (std::size_t i = 0; i < factors; ++i) {
      s1_boot[i].push_back(b1[i]);
      st_boot[i].push_back(bt[i]);
    }
  }
  for (std::size_t i = 0; i < factors; ++i) {
    out.s1.push_back(make_estimate(s1[i], s1_boot[i], options.confidence));
    out.st.push_back(make_estimate(st[i], st_boot[i], options.confidence));
  }
  return out;
}

}  // namespace renkei::sensitivity
