#include "core/online_stats.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace renkei {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Interpolates between neighbouring order statistics the way numpy does (from the nearer
// end), so results match numpy.quantile to the last bit and stay monotone in t.
double lerp_order(double a, double b, double t) noexcept {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

// Type-7 quantile of n >= 1 sorted values.
double type7_sorted(const double* sorted, std::size_t n, double p) noexcept {
  const double h = static_cast<double>(n - 1) * p;
  const double lo = std::floor(h);
  const auto i = static_cast<std::size_t>(lo);
  const std::size_t j = std::min(i + 1, n - 1);
  return lerp_order(sorted[i], sorted[j], h - lo);
}

void fill_dn(double p, double* dn) noexcept {
  dn[0] = 0.0;
  dn[1] = p / 2.0;
  dn[2] = p;
  dn[3] = (1.0 + p) / 2.0;
  dn[4] = 1.0;
}

void check_p(double p, const char* who) {
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument(std::string(who) + ": quantile " + std::to_string(p) +
                                " is outside (0, 1); give a probability such as 0.05 or 0.95");
  }
}

// Both the scalar and the vector classes go through these two kernels, which is what makes
// their results bit-identical.
inline void welford_step(double& mean, double& m2, std::uint64_t n, double x) noexcept {
  const double delta = x - mean;
  mean += delta / static_cast<double>(n);
  m2 += delta * (x - mean);
}

// One P² observation on a marker record s: s[0..4] heights, s[5..7] positions of the
// three inner markers (the outer ones are always at 1 and n). n counts the values
// including x. Written without data-dependent branches in the common path, because the
// cell of x is unpredictable and a mispredicted branch costs more than the arithmetic.
inline void p2_step(double* s, const double* dn, std::uint64_t n, double x) noexcept {
  double* q = s;
  if (n <= 5) {
    // Keep the first values sorted (insertion) so small-n answers are exact.
    std::size_t i = n - 1;
    while (i > 0 && q[i - 1] > x) {
      q[i] = q[i - 1];
      --i;
    }
    q[i] = x;
    if (n == 5) {
      s[5] = 2.0;
      s[6] = 3.0;
      s[7] = 4.0;
    }
    return;
  }
  // Markers above x move up one position; x widens the extremes if it lies outside.
  double pos[5] = {1.0, s[5] + (x < q[1] ? 1.0 : 0.0), s[6] + (x < q[2] ? 1.0 : 0.0),
                   s[7] + (x < q[3] ? 1.0 : 0.0), static_cast<double>(n)};
  q[0] = x < q[0] ? x : q[0];
  q[4] = x > q[4] ? x : q[4];
  // Desired positions are computed from n rather than accumulated: no drift, no state.
  const auto steps = static_cast<double>(n - 1);
  for (int m = 1; m <= 3; ++m) {
    const double d = 1.0 + steps * dn[m] - pos[m];
    const double right = pos[m + 1] - pos[m];
    const double left = pos[m - 1] - pos[m];
    if ((d >= 1.0 && right > 1.0) || (d <= -1.0 && left < -1.0)) {
      const double sg = d >= 0.0 ? 1.0 : -1.0;
      // Piecewise-parabolic prediction; fall back to linear if it breaks monotonicity.
      double h = q[m] + sg / (pos[m + 1] - pos[m - 1]) *
                            ((pos[m] - pos[m - 1] + sg) * (q[m + 1] - q[m]) / right +
                             (right - sg) * (q[m] - q[m - 1]) / (pos[m] - pos[m - 1]));
      if (!(q[m - 1] < h && h < q[m + 1])) {
        const int o = sg > 0.0 ? m + 1 : m - 1;
        h = q[m] + sg * (q[o] - q[m]) / (pos[o] - pos[m]);
      }
      q[m] = h;
      pos[m] += sg;
    }
  }
  s[5] = pos[1];
  s[6] = pos[2];
  s[7] = pos[3];
}

inline double p2_value(const double* q, std::uint64_t n, double p) noexcept {
  if (n == 0) return kNaN;
  if (n <= 5) return type7_sorted(q, static_cast<std::size_t>(n), p);
  return q[2];
}

}  // namespace

// --- Welford ---------------------------------------------------------------------------

void Welford::add(double x) noexcept {
  if (std::isnan(x)) {
    ++nan_;
    return;
  }
  welford_step(mean_, m2_, ++n_, x);
}

double Welford::mean() const noexcept { return n_ == 0 ? kNaN : mean_; }

double Welford::variance() const noexcept {
  return n_ < 2 ? kNaN : m2_ / static_cast<double>(n_ - 1);
}

// --- P2Quantile ------------------------------------------------------------------------

P2Quantile::P2Quantile(double p) : p_(p) {
  check_p(p, "P2Quantile");
  fill_dn(p, dn_);
}

void P2Quantile::add(double x) noexcept {
  if (std::isnan(x)) {
    ++nan_;
    return;
  }
  p2_step(state_, dn_, ++n_, x);
}

double P2Quantile::value() const noexcept { return p2_value(state_, n_, p_); }

// --- VectorStats -----------------------------------------------------------------------

VectorStats::VectorStats(std::size_t k, std::vector<double> quantiles)
    : k_(k), probs_(std::move(quantiles)) {
  dn_.resize(probs_.size() * 5);
  for (std::size_t qi = 0; qi < probs_.size(); ++qi) {
    check_p(probs_[qi], "VectorStats");
    fill_dn(probs_[qi], &dn_[qi * 5]);
  }
  n_.assign(k_, 0);
  mean_.assign(k_, 0.0);
  m2_.assign(k_, 0.0);
  state_.assign(k_ * probs_.size() * kP2Record, 0.0);
}

void VectorStats::add(std::span<const double> values) {
  if (values.size() != k_) {
    throw std::invalid_argument("VectorStats::add: got " + std::to_string(values.size()) +
                                " values, expected " + std::to_string(k_));
  }
  ++adds_;
  const std::size_t nq = probs_.size();
  for (std::size_t i = 0; i < k_; ++i) {
    const double x = values[i];
    if (std::isnan(x)) continue;
    const std::uint64_t n = ++n_[i];
    welford_step(mean_[i], m2_[i], n, x);
    double* s = &state_[i * nq * kP2Record];
    for (std::size_t qi = 0; qi < nq; ++qi) p2_step(s + qi * kP2Record, &dn_[qi * 5], n, x);
  }
}

void VectorStats::check_out(std::span<double> out) const {
  if (out.size() != k_) {
    throw std::invalid_argument("VectorStats: output span has " + std::to_string(out.size()) +
                                " elements, expected " + std::to_string(k_));
  }
}

void VectorStats::mean(std::span<double> out) const {
  check_out(out);
  for (std::size_t i = 0; i < k_; ++i) out[i] = n_[i] == 0 ? kNaN : mean_[i];
}

void VectorStats::variance(std::span<double> out) const {
  check_out(out);
  for (std::size_t i = 0; i < k_; ++i) {
    out[i] = n_[i] < 2 ? kNaN : m2_[i] / static_cast<double>(n_[i] - 1);
  }
}

void VectorStats::sd(std::span<double> out) const {
  variance(out);
  for (double& v : out) v = std::sqrt(v);
}

void VectorStats::quantile(std::size_t qi, std::span<double> out) const {
  check_out(out);
  const std::size_t nq = probs_.size();
  if (qi >= nq) {
    throw std::out_of_range("VectorStats::quantile: index " + std::to_string(qi) + " but only " +
                            std::to_string(nq) + " quantiles are tracked");
  }
  for (std::size_t i = 0; i < k_; ++i) {
    out[i] = p2_value(&state_[(i * nq + qi) * kP2Record], n_[i], probs_[qi]);
  }
}

// --- sample_quantile -------------------------------------------------------------------

double sample_quantile(std::vector<double> values, double p) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw std::invalid_argument("sample_quantile: p = " + std::to_string(p) + " is outside [0, 1]");
  }
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  return type7_sorted(values.data(), values.size(), p);
}

}  // namespace renkei
