// The scaling benchmark: one replicate of a scenario on copies of its world scaled from
// about 25 thousand to 4 million firms, each in a child process of its own so that its
// peak memory is its own; prints time per firm-week, encounters per second and bytes per firm.
#pragma once

#include "scenario/scenario.hpp"

namespace renkei::bench {

// Runs sizes up to `max_firms` and prints one table row per size; returns an exit status.
int run_scaling(const Scenario& base, long max_firms);

}  // namespace renkei::bench
