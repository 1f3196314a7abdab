// What every mechanism is handed for one step: the current parameters, the run's random
// streams and the step's place in the calendar. Mechanisms take it explicitly.
#pragma once

#include "core/rng.hpp"
#include "scenario/params.hpp"

#include <cmath>
#include <cstdint>

namespace renkei {

struct StepContext {
  const Params& p;
  const rng::ReplicateStreams& streams;
  int step = 0;     // calendar step; negative during burn-in
  int burn_in = 0;  // burn-in steps (so that step + burn_in >= 0)
  double dt = 1.0;  // weeks per step

  // Stream of a mechanism for this step (sub = step offset, unique within the run).
  rng::Stream stream(rng::Mechanism m, std::uint32_t entity) const {
    return streams(m, entity, static_cast<std::uint32_t>(step + burn_in));
  }
  // Weeks expressed in whole steps (at least 1), halves rounded up. For s >= 1, lround
  // equals the truncation of s + 0.5 that this once was (which errs only below 1/2).
  int steps_for_weeks(double weeks) const {
    const double s = weeks / dt;
    return s < 1.0 ? 1 : static_cast<int>(std::lround(s));
  }
};

}  // namespace renkei
