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

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(prob_.size()); }
  double total_weight() const noexcept { return total_; }
  bool empty() const noexcept { return prob_.empty(); }

  template <dist::UniformSource G>
  std::uint32_t draw(G& g) const {
    const std::uint32_t i = dist::uniform_index(g, size());
    return g.uniform() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
  double total_ = 0.0;
};

}  // namespace renkei
