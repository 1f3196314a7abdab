// The synthetic firm population drawn from a world file: who the firms are (location,
// industry, size, capital, capabilities). Attitudes and program state are model state.
#pragma once

#include "core/rng.hpp"
#include "world/world.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace renkei {

// Structure of arrays; firms are ordered by (prefecture, industry) so that each cell of
// the world is a contiguous index range.
struct Population {
  std::vector<std::uint16_t> prefecture;
  std::vector<std::uint16_t> industry;
  std::vector<std::uint16_t> employees;
  std::vector<std::uint8_t> size_class;      // index into World::size_classes
  std::vector<std::uint8_t> capital_bracket; // index into World::capital_brackets
  std::vector<std::array<float, kCapabilities>> capability;  // each in [0, 1]
  // cell_begin[p * n_industries + i] .. cell_begin[p * n_industries + i + 1]
  std::vector<std::uint32_t> cell_begin;
  // Firms of each industry across all prefectures (indices into the arrays above).
  std::vector<std::vector<std::uint32_t>> by_industry;

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(prefecture.size()); }
};

// Draws the population. Firm counts are the world's counts; sizes, capital and
// capabilities come from the population stream of this replicate.
Population synthesize_population(const World& world, const rng::ReplicateStreams& streams);

}  // namespace renkei
