#include "stats/ranking.hpp"

#include <algorithm>
#include <numeric>

namespace renkei::stats {

std::vector<RankEntry> rank_effects(std::span<const Effect> effects) {
  std::vector<std::size_t> order(effects.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return effects[a].mean > effects[b].mean; });
  std::vector<RankEntry> out;
  out.reserve(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    RankEntry e;
    e.index = order[k];
    const Effect& me = effects[e.index];
    e.rank = (k > 0 && effects[order[k - 1]].mean == me.mean) ? out.back().rank : k + 1;
    for (std::size_t j = 0; j < order.size(); ++j) {
      if (j == k) continue;
      const Effect& other = effects[order[j]];
      if (other.mean == me.mean) e.tied = true;
      if (other.ci.lo <= me.ci.hi && me.ci.lo <= other.ci.hi) e.overlaps.push_back(order[j]);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace renkei::stats
