// The synthetic firm population drawn from a world file: who the firms are (location,
// industry, size, capital, capabilities). Attitudes and program state are model state.
#pragma once

#include "core/rng.hpp"
#include "world/world.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace renkei {

// Flags of an out-of-region partner (Population::external); 0 for the region's firms.
enum ExternalFlag : std::uint8_t {
  external_agent = 1u << 0,
  external_national_network = 1u << 1,
  external_large = 1u << 2,
  external_university = 1u << 3,
};

// Structure of arrays; firms are ordered by (prefecture, industry) so that each cell of
// the world is a contiguous index range.
struct Population {
  std::vector<std::uint16_t> prefecture;
  std::vector<std::uint16_t> industry;
  std::vector<std::uint16_t> employees;
  std::vector<std::uint8_t> size_class;                      // index into World::size_classes
  std::vector<std::uint8_t> capital_bracket;                 // index into World::capital_brackets
  std::vector<std::array<float, kCapabilities>> capability;  // each in [0, 1]
  // cell_begin[p * n_industries + i] .. cell_begin[p * n_industries + i + 1]
  std::vector<std::uint32_t> cell_begin;
  // Firms of each industry across all prefectures (indices into the arrays above).
  std::vector<std::vector<std::uint32_t>> by_industry;
  // industry_rank[i * (n_prefectures + 1) + p]: firms of industry i in prefectures before p,
  // i.e. where prefecture p's firms start in by_industry[i]. Lets partner choice find a
  // range of an industry, and its k-th firm, without touching the long by_industry lists.
  std::vector<std::uint32_t> industry_rank;
  // Out-of-region partners come last: firms [0, n_regional) are the region's, in its first
  // n_regional_prefectures prefectures; partner choice within the region never reaches beyond.
  std::vector<std::uint8_t> external;  // ExternalFlag bits
  std::uint32_t n_regional = 0;
  std::uint32_t n_regional_prefectures = 0;
  std::vector<std::uint32_t> external_firms;  // out-of-region firms (not universities)
  std::vector<std::uint32_t> external_universities;

  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(prefecture.size()); }
  std::uint32_t n_prefectures() const noexcept {
    return by_industry.empty()
               ? 0
               : static_cast<std::uint32_t>(industry_rank.size() / by_industry.size() - 1);
  }
  // Position of prefecture `pref`'s first firm of industry `ind` in by_industry[ind]
  // (pref may be n_prefectures(): the industry's total).
  std::uint32_t industry_rank_of(std::uint32_t ind, std::uint32_t pref) const {
    return industry_rank[ind * (n_prefectures() + 1) + pref];
  }
  // by_industry[ind][k], found from the cell offsets.
  std::uint32_t industry_member(std::uint32_t ind, std::uint32_t k) const;
};

inline bool is_external(const Population& pop, std::uint32_t f) { return pop.external[f] != 0; }
inline bool is_university(const Population& pop, std::uint32_t f) {
  return (pop.external[f] & external_university) != 0;
}
inline bool has_national_network(const Population& pop, std::uint32_t f) {
  return (pop.external[f] & external_national_network) != 0;
}

// Draws the population. Firm counts are the world's counts; sizes, capital and
// capabilities come from the population stream of this replicate.
Population synthesize_population(const World& world, const rng::ReplicateStreams& streams);

}  // namespace renkei
