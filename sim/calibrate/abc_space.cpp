#include "calibrate/abc_space.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::abc {

SearchSpace::SearchSpace(const std::vector<Prior>& priors) {
  for (const Prior& p : priors) {
    log_scale_.push_back(p.log_scale);
    lo_.push_back(p.lo);
    hi_.push_back(p.hi);
    lower_.push_back(p.log_scale ? std::log(p.lo) : p.lo);
    upper_.push_back(p.log_scale ? std::log(p.hi) : p.hi);
  }
}

bool SearchSpace::contains(const std::vector<double>& z) const noexcept {
  for (std::size_t i = 0; i < z.size(); ++i)
    if (!(z[i] >= lower_[i] && z[i] <= upper_[i])) return false;
  return true;
}

std::vector<double> SearchSpace::to_search(const std::vector<double>& theta) const {
  std::vector<double> z(theta.size());
  for (std::size_t i = 0; i < theta.size(); ++i) {
    const double v = log_scale_[i] ? std::log(theta[i]) : theta[i];
    z[i] = std::clamp(v, lower_[i], upper_[i]);
  }
  return z;
}

std::vector<double> SearchSpace::to_parameters(const std::vector<double>& z) const {
  std::vector<double> theta(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double v = log_scale_[i] ? std::exp(z[i]) : z[i];
    theta[i] = std::clamp(v, lo_[i], hi_[i]);
  }
  return theta;
}

}  // namespace renkei::abc
