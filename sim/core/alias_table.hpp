// Walker's alias method (Vose's construction): O(1) draws from a fixed categorical
// distribution, used to pick meeting initiators in proportion to their activity.
#pragma once

#include "core/distributions.hpp"

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

 private:
  // A slot's probability and alias side by side: a draw from a table larger than the
  // caches then misses once, not twice.
  struct Slot {
    double prob;
    std::uint32_t alias;
  };
  std::vector<Slot> slots_;
  double total_ = 0.0;
};

}  // namespace renkei
