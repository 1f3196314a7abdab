// The comparison of every policy scenario of a study with its baseline: paired effects on
// each metric with corrected intervals and p-values, cost-effectiveness and a ranking. Pure
// computation on per-replicate finals, so that it is testable without files; the
// `renkei compare` command reads the finals and prints the result.
#pragma once

#include "stats/multiple.hpp"
#include "stats/paired.hpp"
#include "stats/ranking.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::stats {

// Per-replicate final metrics of a study: S scenarios × R replicates.
struct StudyFinals {
  std::vector<std::string> scenarios;
  std::size_t replicates = 0;
  std::vector<char> run_ok;  // [s * R + r]: 1 if the run finished
  struct Metric {
    std::string name;
    std::string unit;
    std::vector<double> values;  // [s * R + r]; NaN where missing
  };
  std::vector<Metric> metrics;
  // Spending by policy and kind (the variables policy_cost_<kind>_by_policy), when the file records
  // it: `policy_slots` per scenario (slot 0 the base, slot p its p-th policy), their names
  // [s * slots + slot] ("" beyond the scenario's policies) and the values
  // [((s * R + r) * slots + slot) * 4 + kind], kinds in the order fixed, running,
  // per_contact, coaching. policy_slots is 0 when the file has no such variable.
  std::size_t policy_slots = 0;
  std::vector<std::string> policy_names;
  std::vector<double> policy_costs;

  const Metric* find(const std::string& name) const;
};

// Which tests one correction covers. Per metric (the default): for each metric, the tests
// of every policy against the baseline; a verdict then does not depend on which other
// metrics are shown, so every tool that shows a metric (this command, the HTML report)
// gives it the same verdict. All: every policy x metric test shown, the stricter
// guarantee that no verdict in the whole table is false with probability L.
enum class Family { per_metric, all };
std::string_view family_name(Family f);
std::optional<Family> parse_family(std::string_view text);

struct CompareOptions {
  std::size_t baseline = 0;          // scenario index
  std::vector<std::string> metrics;  // tested and shown, in this order (all present)
  double level = 0.95;               // family-wise confidence level
  Correction correction = Correction::holm;
  Family family = Family::per_metric;
  std::string rank_by = "certifications_end";
  std::string cost_metric = "policy_cost_total";
  std::string gain_metric = "certifications_end";
};

struct MetricEffect {
  std::string metric;
  std::string unit;
  PairedResult paired;       // intervals at Comparison::interval_level
  double p_adjusted = 1.0;   // after the correction over the family (Comparison::family)
  bool significant = false;  // p_adjusted < 1 - level
  std::size_t dropped = 0;   // usable replicates left out because a value was NaN
};

// Δcost / Δgain: yen per additional certification.
struct CostEffectiveness {
  bool available = false;  // both metrics are in the file
  double delta_cost = 0.0;
  PairedResult gain;  // paired effect on the gain metric
  // The gain is significantly positive: its corrected test when the gain metric is among
  // the tests shown, otherwise its interval at the per-interval level lies above 0.
  bool gain_significant = false;
  double yen_per_unit = 0.0;  // delta_cost / gain.mean_diff; meaningful only if gain_significant
  // Its interval at Comparison::interval_level: the delta method over the paired replicates
  // (ratio_interval in stats/paired.hpp); NaN when fewer than 2 pairs have both metrics.
  RatioResult ratio;
};

struct PolicyEffects {
  std::size_t scenario = 0;
  std::size_t usable = 0;  // replicates where run_ok is 1 in both this scenario and the baseline
  std::vector<MetricEffect> effects;  // in CompareOptions::metrics order
  CostEffectiveness cost;
};

struct RankedPolicy {
  std::size_t policy = 0;  // index into Comparison::policies
  RankEntry entry;         // overlaps index Comparison::policies too
  PairedResult effect;     // on rank_by, vs the baseline
  // This policy minus the next-ranked one on rank_by, paired by replicate (runs ok in
  // both), at the per-interval level; absent for the last or with fewer than 2 pairs.
  std::optional<PairedResult> vs_next;
};

struct Comparison {
  std::size_t baseline = 0;
  double family_level = 0.95;
  double interval_level = 0.95;
  Correction correction = Correction::holm;
  Family family = Family::per_metric;
  std::size_t tests = 0;                // policies × metrics shown
  std::size_t family_size = 0;          // tests per family: policies (per metric) or all tests
  std::vector<PolicyEffects> policies;  // every scenario but the baseline, in file order
  std::string rank_by;
  std::vector<RankedPolicy> ranking;
};

// Throws std::invalid_argument (a message without the file name) when the study has fewer
// than 2 scenarios, a metric is absent, or a policy has fewer than 2 usable replicates.
Comparison compare_study(const StudyFinals& study, const CompareOptions& options);

}  // namespace renkei::stats
