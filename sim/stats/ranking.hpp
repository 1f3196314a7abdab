// Ranking of policies by their mean effect on one metric, marking the ranks that the data
// cannot separate (equal means, or intervals that overlap).
#pragma once

#include "stats/paired.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace renkei::stats {

struct Effect {
  double mean = 0.0;  // mean paired difference from the baseline
  Interval ci;        // its interval
};

struct RankEntry {
  std::size_t index = 0;  // into the effects given
  // Competition ranking (1, 2, 2, 4): equal means share the smaller rank.
  std::size_t rank = 0;
  bool tied = false;  // another effect has exactly the same mean
  // Indices of the other effects whose intervals overlap this one's: the data do not
  // order this pair with confidence (overlap is a conservative screen; a paired test of
  // the two policies can still separate them, see vs_next in comparison.hpp).
  std::vector<std::size_t> overlaps;
};

// Effects sorted by mean, largest first (ties keep input order).
std::vector<RankEntry> rank_effects(std::span<const Effect> effects);

}  // namespace renkei::stats
