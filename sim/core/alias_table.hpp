// Walker's alias method (Vose's construction): O(1) draws from a fixed categorical
// distribution, used to pick meeting initiators in proportion to their activity.
#pragma once

#include "core/distributions.hpp"
#include "core/huge_pages.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace renkei {

class AliasTable {
 public:
  AliasTable() = default;
  // Weights must be finite and non-negative with a positive sum.
  explicit AliasTable(std::span<const double> weights);

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(slots_.size()); }
  double total_weight() const noexcept { return total_; }
  bool empty() const noexcept { return slots_.empty(); }

  template <dist::UniformSource G>
  std::uint32_t draw(G& g) const {
    const std::uint32_t i = dist::uniform_index(g, size());
    const Slot& s = slots_[i];
    return g.uniform() < s.prob ? i : s.alias;
  }

  // out.size() draws, the same numbers in the same order as as many calls of draw(), in two
  // passes: the random numbers and a prefetch of each slot first, then the resolution. In a
  // table larger than the caches each draw misses once; drawn one by one, the misses follow
  // one another, batched they overlap. `u` is scratch space (resized to out.size()).
  template <dist::UniformSource G>
  void draw_many(G& g, std::span<std::uint32_t> out, std::vector<double>& u) const {
    u.resize(out.size());
    for (std::size_t k = 0; k < out.size(); ++k) {
      out[k] = dist::uniform_index(g, size());
      __builtin_prefetch(&slots_[out[k]]);
      u[k] = g.uniform();
    }
    for (std::size_t k = 0; k < out.size(); ++k) {
      const Slot& s = slots_[out[k]];
      if (!(u[k] < s.prob)) out[k] = s.alias;
    }
  }

 private:
  // A slot's probability and alias side by side: a draw from a table larger than the
  // caches then misses once, not twice.
  struct Slot {
    double prob;
    std::uint32_t alias;
  };
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  double total_ = 0.0;
};

}  // namespace renkei
