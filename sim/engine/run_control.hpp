// Run-count control (`renkei run --until-halfwidth METRIC=H`): replicates are added in
// batches until the paired t-interval of every policy's mean difference from the baseline on
// one final metric is narrow enough, or a replicate cap is reached. The rule is a pure
// function of the per-replicate finals, so that it is testable without running the model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace renkei {

struct HalfWidthTarget {
  std::string metric;           // a final metric name (kFinalDefs), e.g. "certifications_end"
  std::size_t final_index = 0;  // its index in kFinalDefs
  double half_width = 0.0;      // H > 0, in the metric's units
};

// Parses "METRIC=H". Throws std::invalid_argument with the fix (did-you-mean for an unknown
// metric) for a missing '=', an unknown metric, or H that is not a number > 0.
HalfWidthTarget parse_half_width_target(const std::string& text);

// Half-width of the two-sided paired t-interval at `level` of mean(policy_r - baseline_r)
// over the replicates where both values are finite (failed runs are NaN and left out):
// t_{(1+level)/2, n-1} · sd(d) / sqrt(n). +infinity with fewer than 2 pairs.
double paired_half_width(const std::vector<double>& policy, const std::vector<double>& baseline,
                         double level);

struct HalfWidthCheck {
  std::vector<double> half_width;     // per scenario; NaN for the baseline
  std::optional<std::size_t> widest;  // the policy scenario with the largest half-width
  double largest = 0.0;               // its half-width (+infinity while a pair is missing)
  bool met = false;                   // largest <= target
};

// The stopping rule after a batch: `values[s]` holds scenario s's metric for replicates
// 0..R-1. Met when every policy's half-width is <= `target`. Requires at least two
// scenarios of equal length and `baseline` < values.size() (std::invalid_argument otherwise).
HalfWidthCheck check_half_widths(const std::vector<std::vector<double>>& values,
                                 std::size_t baseline, double level, double target);

// The replicate count of the next round: done + batch, capped at `max_replicates`.
int next_replicate_target(int done, int batch, int max_replicates);

}  // namespace renkei
