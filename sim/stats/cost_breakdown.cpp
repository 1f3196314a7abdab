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

std::vector<PolicyCosts> policy_cost_breakdown(const StudyFinals& finals) {
  const std::size_t P = finals.policy_slots, R = finals.replicates, S = finals.scenarios.size();
  std::vector<PolicyCosts> out;
  if (P == 0 || finals.policy_names.size() != S * P || finals.policy_costs.size() != S * R * P * 4)
    return out;
  std::array<const StudyFinals::Metric*, 5> metrics{};
  for (std::size_t k = 0; k < kCostKinds.size(); ++k)
    metrics[k] = finals.find(std::string(kCostKinds[k]));
  metrics[4] = finals.find(std::string(kCostTotal));
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t slot = 0; slot < P; ++slot) {
      const std::string& name = finals.policy_names[s * P + slot];
      if (slot > 0 && name.empty()) continue;
      PolicyCosts c;
      c.scenario = s;
      c.slot = slot;
      c.name = name.empty() ? "(base)" : name;
      std::array<double, 4> sum{};
      for (std::size_t r = 0; r < R; ++r) {
        const std::size_t i = s * R + r;
        if (!finals.run_ok[i]) continue;
        bool finite = true;
        for (const auto* m : metrics)
          finite = finite && (m == nullptr || std::isfinite(m->values[i]));
        const double* v = finals.policy_costs.data() + (i * P + slot) * 4;
        for (std::size_t k = 0; k < 4; ++k) finite = finite && std::isfinite(v[k]);
        if (!finite) continue;
        ++c.runs;
        for (std::size_t k = 0; k < 4; ++k) sum[k] += v[k];
      }
      const double n = c.runs > 0 ? static_cast<double>(c.runs) : std::nan("");
      for (std::size_t k = 0; k < 4; ++k) {
        c.kinds[k] = sum[k] / n;
        c.total += c.kinds[k];
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace renkei::stats
