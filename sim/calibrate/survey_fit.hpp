// The like-for-like comparison of simulated survey answers with the study's: per item, the
// study value and its own 95 % sampling interval beside the simulated ensemble's mean and
// 90 % band, and whether the simulated mean falls inside the study's interval.
#pragma once

#include "calibrate/targets.hpp"

#include <functional>
#include <string>
#include <vector>

namespace renkei {

struct FitRow {
  const TargetItem* item = nullptr;
  int replicates = 0;                 // replicates with a value
  double sim_mean = 0;                // in the study's units (counts as shares of n)
  double sim_lo = 0, sim_hi = 0;      // 5 % and 95 % quantiles over replicates
  double study_lo = 0, study_hi = 0;  // the study's 95 % sampling interval
  double z = 0;                       // (sim_mean - study) / study SE
  bool inside = false;                // shares, counts, means: sim_mean in the study's interval;
                                      // cases: the study value in the simulated 90 % band
  bool in_band = false;               // the study value inside the simulated 90 % band (the
                                      // predictive check when replicates carry posterior draws)
};

struct FitTable {
  std::vector<FitRow> rows;  // modelled items with simulated values, targets first
  std::vector<const TargetItem*> not_modelled;
  // Counts over role = target items only: inputs and identities are reproduced by
  // construction and cannot fail, so they are counted apart.
  int inside = 0;
  int tested = 0;
  int in_band = 0;            // targets whose study value lies in the simulated 90 % band
  int calibrated_inside = 0;  // of the targets marked calibrate = true
  int calibrated_tested = 0;
  int other_inside = 0;  // inputs and identities
  int other_tested = 0;
  bool survey = false;  // some survey_* item has values
  // Replicates ran with posterior draws: the 90 % band is the posterior-predictive band over
  // draws x replicates, and in_band the fraction of targets the predictive check passes.
  bool predictive = false;
  std::string verdict() const;
};

// values(name) returns the item's value in every replicate (NaN for failed runs).
FitTable fit_table(const Targets& targets,
                   const std::function<std::vector<double>(const std::string&)>& values);

// Prints the table (aligned text).
std::string format_fit_table(const FitTable& table, const std::string& title);

}  // namespace renkei
