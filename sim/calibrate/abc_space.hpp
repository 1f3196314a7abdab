// The search space of ABC-SMC: each parameter on the scale where its prior is flat (log for
// log-scale priors), so that the perturbation kernel treats a factor of two alike at every
// magnitude and the prior density is a constant inside the box.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstddef>
#include <vector>

namespace renkei::abc {

class SearchSpace {
 public:
  // The priors must already be valid (see validate()).
  explicit SearchSpace(const std::vector<Prior>& priors);

  std::size_t size() const noexcept { return lower_.size(); }
  const std::vector<double>& lower() const noexcept { return lower_; }
  const std::vector<double>& upper() const noexcept { return upper_; }
  double width(std::size_t i) const noexcept { return upper_[i] - lower_[i]; }

  // Inside the closed box [lower, upper].
  bool contains(const std::vector<double>& z) const noexcept;

  // Both directions clamp into the prior's support, so that rounding in exp/log can never
  // move a point out of it. The engine always derives search positions from stored
  // parameters (never keeps a proposal's z), so a resumed run sees the same numbers.
  std::vector<double> to_search(const std::vector<double>& theta) const;
  std::vector<double> to_parameters(const std::vector<double>& z) const;

 private:
  std::vector<bool> log_scale_;
  std::vector<double> lower_;
  std::vector<double> upper_;
  std::vector<double> lo_;  // natural-scale bounds, for clamping
  std::vector<double> hi_;
};

}  // namespace renkei::abc
