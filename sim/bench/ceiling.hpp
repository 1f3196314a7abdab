// What the machine itself allows, measured with kernels that do none of the model's work: how
// much faster two threads run than one when they compute and when they read memory at random,
// and what a random 64-byte read costs from a working set the size of the default world and
// from one the size of a 4-million-firm world. The model's own figures (thread speed-up, time
// per firm-week against world size) are read against these ceilings.
#pragma once

#include <cstddef>

namespace renkei::bench {

struct CeilingOptions {
  // Working sets in MiB: the default world's peak RSS and a 4 M-firm world's (the scaling
  // bench's figures, docs/performance.md); a replicate's state is its working set.
  std::size_t small_mib = 18;
  std::size_t large_mib = 2800;
  int repeats = 3;
};

// Prints the ceilings' table; returns an exit status.
int run_ceiling(const CeilingOptions& opt);

}  // namespace renkei::bench
