// Seeds derived from a calibration's master seed for its auxiliary random work, one named
// derivation per use, so that no two uses share a stream by accident and a reader sees which
// seed drives what.
#pragma once

#include <cstdint>

namespace renkei::seeds {

enum class Use {
  posterior_draws_file,  // the draws written beside the calibrated file
  predictive_draws,      // the posterior draws of the posterior-predictive check
  point_validation,      // the replicates that check the calibrated point's fit
  predictive_runs,       // the one run per posterior draw of the predictive check
  representative_runs,   // the fresh runs that judge the shortlist of the point estimate
};

// The values are those the calibration has always used (checkpoints and shipped draws stay
// reproducible): small offsets for the draw selections, fixed masks for the model runs, whose
// replicate streams are then keyed by the replicate index.
constexpr std::uint64_t derived(std::uint64_t master, Use use) {
  switch (use) {
    case Use::posterior_draws_file: return master + 1;
    case Use::predictive_draws: return master + 2;
    case Use::point_validation: return master ^ 0x5A17F00DULL;
    case Use::predictive_runs: return master ^ 0x9D1C7ULL;
    case Use::representative_runs: return master ^ 0x2E9E5E47ULL;
  }
  return master;
}

}  // namespace renkei::seeds
