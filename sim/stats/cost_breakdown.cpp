#include "stats/cost_breakdown.hpp"

#include <cmath>
#include <string>

namespace renkei::stats {

std::vector<ScenarioCosts> cost_breakdown(const StudyFinals& finals) {
  std::array<const StudyFinals::Metric*, 5> metrics{};
  for (std::size_t k = 0; k < kCostKinds.size(); ++k)
    metrics[k] = finals.find(std::string(kCostKinds[k]));
  metrics[4] = finals.find(std::string(kCostTotal));
  for (const auto* m : metrics)
    if (m == nullptr) return {};
  const std::size_t R = finals.replicates;
  std::vector<ScenarioCosts> out;
  for (std::size_t s = 0; s < finals.scenarios.size(); ++s) {
    ScenarioCosts c;
    c.scenario = s;
    std::array<double, 5> sum{};
    for (std::size_t r = 0; r < R; ++r) {
      const std::size_t i = s * R + r;
      if (!finals.run_ok[i]) continue;
      bool finite = true;
      for (const auto* m : metrics) finite = finite && std::isfinite(m->values[i]);
      if (!finite) continue;
      ++c.runs;
      for (std::size_t k = 0; k < metrics.size(); ++k) sum[k] += metrics[k]->values[i];
    }
    const double n = c.runs > 0 ? static_cast<double>(c.runs) : std::nan("");
    for (std::size_t k = 0; k < kCostKinds.size(); ++k) c.kinds[k] = sum[k] / n;
    c.total = sum[4] / n;
    out.push_back(c);
  }
  return out;
}

}  // namespace renkei::stats
