#include "stats/t_dist.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace renkei::stats {
namespace {

boost::math::students_t_distribution<double> make(double df) {
  if (!(df > 0.0) || std::isnan(df))
    throw std::domain_error("Student t needs degrees of freedom > 0, got " + std::to_string(df));
  return boost::math::students_t_distribution<double>(df);
}

}  // namespace

double t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0))
    throw std::domain_error("t quantile needs p in (0, 1), got " + std::to_string(p));
  return boost::math::quantile(make(df), p);
}

double t_cdf(double x, double df) {
  const auto d = make(df);
  if (std::isnan(x)) throw std::domain_error("t probability of NaN");
  // Boost refuses infinite arguments; the limits are exact.
  if (std::isinf(x)) return x > 0 ? 1.0 : 0.0;
  return boost::math::cdf(d, x);
}

double t_critical(double level, double df) {
  if (!(level > 0.0 && level < 1.0))
    throw std::domain_error("interval level must be in (0, 1), got " + std::to_string(level));
  return t_quantile(0.5 + 0.5 * level, df);
}

}  // namespace renkei::stats

namespace renkei::stats {

double t_two_sided_p(double t, double df) {
  const auto d = make(df);
  if (std::isnan(t)) throw std::domain_error("t p-value of NaN");
  if (std::isinf(t)) return 0.0;
  return 2.0 * boost::math::cdf(boost::math::complement(d, std::fabs(t)));
}

}  // namespace renkei::stats
