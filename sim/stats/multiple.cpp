#include "stats/multiple.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace renkei::stats {

std::string_view correction_name(Correction c) {
  switch (c) {
    case Correction::holm: return "holm";
    case Correction::bonferroni: return "bonferroni";
    case Correction::none: return "none";
  }
  return "?";
}

std::optional<Correction> parse_correction(std::string_view text) {
  for (Correction c : {Correction::holm, Correction::bonferroni, Correction::none})
    if (text == correction_name(c)) return c;
  return std::nullopt;
}

std::vector<double> adjust_p_values(std::span<const double> p, Correction c) {
  const std::size_t m = p.size();
  std::vector<double> out(p.begin(), p.end());
  if (c == Correction::none || m == 0) return out;
  const auto md = static_cast<double>(m);
  if (c == Correction::bonferroni) {
    for (double& x : out) x = std::min(1.0, md * x);
    return out;
  }
  // Holm step-down; a stable sort keeps ties in input order, which does not change the
  // result (tied p-values get the same adjusted value through the running maximum).
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  double running = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    const double factor = static_cast<double>(m - k);
    running = std::max(running, std::min(1.0, factor * p[order[k]]));
    out[order[k]] = running;
  }
  return out;
}

double per_interval_level(double family_level, std::size_t m, Correction c) {
  if (!(family_level > 0.0 && family_level < 1.0))
    throw std::invalid_argument("confidence level must be in (0, 1)");
  if (c == Correction::none || m <= 1) return family_level;
  return 1.0 - (1.0 - family_level) / static_cast<double>(m);
}

}  // namespace renkei::stats
