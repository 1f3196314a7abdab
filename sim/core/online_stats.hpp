// Ensemble statistics computed online, one replicate at a time, in bounded memory.
//
// The engine feeds replicates in replicate order, so every statistic here is a deterministic
// function of the input sequence: the same replicates in the same order give bit-identical
// results whatever the thread count. Memory depends on the number of tracked values and
// quantiles, never on the number of replicates.
//
// NaN inputs (e.g. a mean over an empty set in one replicate) are counted apart and
// excluded, so one undefined value does not poison an ensemble mean.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace renkei {

// Mean and variance by Welford's update (numerically stable, one pass).
class Welford {
 public:
  void add(double x) noexcept;

  std::uint64_t count() const noexcept { return n_; }        // non-NaN values
  std::uint64_t nan_count() const noexcept { return nan_; }  // NaN values seen
  double mean() const noexcept;                              // NaN when count() == 0
  double variance() const noexcept;  // sample variance (n-1); NaN when count() < 2
  double sd() const noexcept { return std::sqrt(variance()); }

 private:
  std::uint64_t n_ = 0;
  std::uint64_t nan_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

// Doubles per P² marker record (five heights, three inner positions): 64 bytes.
inline constexpr std::size_t kP2Record = 8;

// One quantile by the P² algorithm (Jain & Chlamtac 1985): five markers, O(1) memory.
// While at most five values have been seen the answer is exact (type-7 interpolation,
// numpy's default), so small ensembles are not approximated at all.
class P2Quantile {
 public:
  explicit P2Quantile(double p);  // p in (0, 1)

  void add(double x) noexcept;

  double p() const noexcept { return p_; }
  std::uint64_t count() const noexcept { return n_; }
  std::uint64_t nan_count() const noexcept { return nan_; }
  double value() const noexcept;  // NaN when count() == 0

 private:
  double p_;
  double dn_[5];  // desired-position increments per observation
  // Marker heights [0..4] (the sorted first values while count() <= 5), then the
  // positions of the three inner markers [5..7]; the outer ones are always 1 and n.
  double state_[kP2Record]{};
  std::uint64_t n_ = 0;
  std::uint64_t nan_ = 0;
};

// Mean, SD and quantiles of each of k values across replicates (e.g. every series × week).
// All state lives in a few flat arrays indexed by value (and quantile), so one add() is a
// linear sweep through memory and there is no per-value allocation. Results are
// element-wise identical to Welford and P2Quantile fed the same values.
class VectorStats {
 public:
  VectorStats(std::size_t k, std::vector<double> quantiles);

  void add(std::span<const double> values);  // values.size() == size()

  std::size_t size() const noexcept { return k_; }
  const std::vector<double>& quantiles() const noexcept { return probs_; }
  std::uint64_t count() const noexcept { return adds_; }  // replicates added
  std::uint64_t valid_count(std::size_t i) const { return n_.at(i); }
  std::uint64_t nan_count(std::size_t i) const { return adds_ - n_.at(i); }

  // Each writes size() values; NaN where the statistic is undefined (too few values).
  void mean(std::span<double> out) const;
  void variance(std::span<double> out) const;
  void sd(std::span<double> out) const;
  void quantile(std::size_t qi, std::span<double> out) const;  // qi indexes quantiles()

 private:
  void check_out(std::span<double> out) const;

  std::size_t k_;
  std::vector<double> probs_;
  std::vector<double> dn_;  // [qi][5]
  std::uint64_t adds_ = 0;
  std::vector<std::uint64_t> n_;  // [i] non-NaN values seen
  std::vector<double> mean_;      // [i]
  std::vector<double> m2_;        // [i]
  std::vector<double> state_;     // [i][qi][kP2Record], as in P2Quantile
};

// Exact quantile of all values (type 7: linear interpolation between order statistics,
// numpy's default), for per-run final metrics where every value is kept. NaNs are
// excluded; NaN when no value remains. p in [0, 1].
double sample_quantile(std::vector<double> values, double p);

}  // namespace renkei
