#include "world/world.hpp"

namespace renkei {

std::int64_t World::total_firms() const {
  std::int64_t total = 0;
  for (const auto& row : firm_counts) {
    for (const std::int64_t n : row) total += n;
  }
  return total;
}

int World::find_prefecture(const std::string& id) const {
  for (std::size_t i = 0; i < prefectures.size(); ++i) {
    if (prefectures[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int World::find_industry(const std::string& id) const {
  for (std::size_t i = 0; i < industries.size(); ++i) {
    if (industries[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace renkei
