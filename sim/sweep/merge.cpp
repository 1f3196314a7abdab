#include "sweep/merge.hpp"

#include <algorithm>
#include <limits>

namespace renkei {

SweepTable gather_sweep(const SweepPlan& plan, const std::vector<const Ledger*>& ledgers,
                        MergeReport& report) {
  const std::uint64_t n = plan.task_count();
  SweepTable t;
  t.replicates = static_cast<std::size_t>(plan.replicate_count());
  t.finals.assign(n * kFinalCount, std::numeric_limits<double>::quiet_NaN());
  t.run_ok.assign(n, 0);
  t.run_error.assign(n, std::string());
  std::vector<bool> seen(n, false);
  std::vector<TaskRange> present;
  report = MergeReport{};
  report.runs = n;
  for (const Ledger* ledger : ledgers) {
    ledger->open_existing();
    ledger->committed(&report.damaged);
    ledger->for_each_chunk([&](const Chunk& c) {
      present.push_back(c.range());
      for (std::size_t i = 0; i < c.records.size(); ++i) {
        const std::uint64_t task = c.first + i;
        if (task >= n || seen[task]) continue;
        seen[task] = true;
        const TaskRecord& r = c.records[i];
        t.run_ok[task] = r.ok ? 1 : 0;
        t.run_error[task] = r.ok ? std::string() : r.error;
        for (std::size_t f = 0; f < kFinalCount; ++f)
          t.finals[f * n + task] = r.ok ? r.finals[f] : std::numeric_limits<double>::quiet_NaN();
        ++report.present;
        if (!r.ok) ++report.failed;
      }
    });
  }
  report.missing = missing_ranges(present, {0, n});
  for (const TaskRange& m : report.missing)
    for (std::uint64_t task = m.first; task < m.end(); ++task) t.run_error[task] = "not run";
  return t;
}

void describe_sweep(const SweepPlan& plan,
                    const std::vector<std::pair<std::string, std::string>>& provenance,
                    SweepTable& t) {
  const Sweep& s = plan.sweep;
  t.scenario_names.clear();
  t.scenario_toml.clear();
  for (const Scenario& sc : plan.scenarios) {
    t.scenario_names.push_back(sc.name);
    t.scenario_toml.push_back(sc.resolved_toml);
  }
  t.factor_names.clear();
  for (const SweepFactor& f : s.design.factors) t.factor_names.push_back(f.key);
  t.design = s.design.points;
  t.point_group = s.design.point_group;
  if (t.point_group.size() != t.design.size()) t.point_group.assign(t.design.size(), -1);
  t.replicates = static_cast<std::size_t>(s.replicates);
  std::string outputs;
  for (const auto& o : s.outputs) outputs += (outputs.empty() ? "" : " ") + o;
  t.attributes = {
      {"title", "renkei sweep results: " + s.name},
      {"design_kind", std::string(design_kind_name(s.design.kind))},
      {"design_base_samples", std::to_string(s.design.base_samples)},
      {"design_morris_levels", std::to_string(s.design.morris_levels)},
      {"design_second_order", s.design.second_order ? "1" : "0"},
      {"sweep_name", s.name},
      {"sweep_toml", s.text},
      {"sweep_sha256", s.sha256},
      {"sweep_outputs", outputs},
      {"seed", std::to_string(s.seed)},
      {"replicates", std::to_string(s.replicates)},
  };
  t.attributes.insert(t.attributes.end(), provenance.begin(), provenance.end());
}

std::string format_ranges(const std::vector<TaskRange>& ranges, std::size_t max_items) {
  std::string out;
  std::size_t shown = 0;
  for (const TaskRange& r : ranges) {
    if (r.count == 0) continue;
    if (shown == max_items) {
      out += ", ...";
      break;
    }
    if (!out.empty()) out += ", ";
    out += std::to_string(r.first);
    if (r.count > 1) out += "-" + std::to_string(r.end() - 1);
    ++shown;
  }
  return out;
}

}  // namespace renkei
