// The ABC-SMC engine's parallel loop is the executor's (engine/executor.hpp); this name
// stays for callers not yet moved to it.
#pragma once

#include "engine/executor.hpp"

namespace renkei::abc {

using renkei::parallel_indices;

}  // namespace renkei::abc
