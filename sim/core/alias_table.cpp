#include "core/alias_table.hpp"

#include <stdexcept>

namespace renkei {

AliasTable::AliasTable(std::span<const double> weights) {
  const std::size_t n = weights.size();
  if (n == 0) return;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) throw std::invalid_argument("alias table: bad weight");
    total_ += w;
  }
  if (!(total_ > 0.0)) throw std::invalid_argument("alias table: weights sum to zero");
  slots_.assign(n, Slot{0.0, 0});
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total_;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back();
    small.pop_back();
    const std::uint32_t l = large.back();
    slots_[s] = Slot{scaled[s], l};
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers are 1 up to rounding.
  for (std::uint32_t l : large) slots_[l] = Slot{1.0, l};
  for (std::uint32_t s : small) slots_[s] = Slot{1.0, s};
}

}  // namespace renkei
