// Variance-based (Sobol) sensitivity indices from a Saltelli design: first-order S1 by the
// estimator of Saltelli et al. (2010, table 2 (b)) and total ST by Jansen's (1999), the pair
// SALib's sobol.analyze uses, with bootstrap intervals over base samples.
#pragma once

#include "sensitivity/bootstrap.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace renkei::sensitivity {

struct SobolIndices {
  std::vector<Estimate> s1;      // per factor
  std::vector<Estimate> st;      // per factor
  std::size_t base_samples = 0;  // N used
  std::size_t dropped = 0;       // base samples left out: a row of theirs had no finite output
  double variance = 0.0;         // output variance over the A and B rows used
};

// `y` holds one output per design point in the Saltelli row order (per base sample: A, AB_1..k,
// [BA_1..k when second_order], B). A base sample with any non-finite output is left out whole
// (its rows are only meaningful together); bootstrap replicates resample the base samples kept.
// Throws std::invalid_argument if y does not have that layout or fewer than two base samples
// remain.
SobolIndices sobol_indices(std::span<const double> y, std::size_t factors, bool second_order,
                           const BootstrapOptions& options);

}  // namespace renkei::sensitivity
