// The world: blocks, prefectures, industries, firm counts and size distributions, read
// from a world file (scenarios/worlds/*.toml). The model never hard-codes geography.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace renkei {

// Meeting channels. Values index parameter arrays and output columns: append only.
enum class Channel : std::uint8_t {
  personal = 0,
  industry = 1,
  institute = 2,
  university = 3,
  bank = 4,
  event = 5,
  introduction = 6,
};
inline constexpr int kChannels = 7;
inline constexpr std::array<const char*, kChannels> kChannelNames = {
    "personal", "industry", "institute", "university", "bank", "event", "introduction"};

// Capability dimensions of a firm (SKIN-style "kene" summary).
inline constexpr int kCapabilities = 5;
inline constexpr std::array<const char*, kCapabilities> kCapabilityNames = {
    "technology", "production", "market", "design", "ip"};

struct Block {
  std::string id;
  std::string name;
  int bureau_prefecture = -1;  // index into World::prefectures
  // Size of the block's support teams relative to the block the model was calibrated on
  // (Tohoku = 1): the block coaches round(program.coaching_capacity x support_scale) cases at
  // once, at least one while the capacity is positive (every block has a team, study §2).
  // The out-of-region block the loader adds has 0: none of its firms is ever a core firm.
  double support_scale = 1.0;
};

// Largest support_scale a world file may give: a block a thousand times the calibrated one.
inline constexpr double kMaxSupportScale = 1000.0;

struct Prefecture {
  std::string id;
  std::string name;
  int block = 0;  // index into World::blocks
  // Relative availability of each meeting channel (1 = regional average).
  std::array<double, kChannels> channel_availability{1, 1, 1, 1, 1, 1, 1};
};

struct Industry {
  std::string id;
  std::string name;
  bool service = false;
  // Mean capability profile (0-1) of firms in this industry.
  std::array<double, kCapabilities> capability_mean{0.5, 0.5, 0.5, 0.5, 0.5};
};

// Employees: a mixture of size classes, log-uniform within each class.
struct SizeClass {
  int min_employees = 4;
  int max_employees = 29;
  double share = 1.0;  // of firms
};

// Capital brackets (upper bounds in yen) with probabilities that depend on the size class.
struct CapitalBracket {
  double max_yen = 10e6;
  std::string label;
};

// Partners outside the modelled region (a world file's [[external]] entries): other regions'
// firms, national firms (some with a national sales network), large firms and universities.
// They are met only through some channels, never initiate encounters, and are not surveyed.
struct ExternalGroup {
  std::string id;
  int industry = 0;        // index into World::industries (a university: its nearest field)
  std::int64_t count = 0;  // agents, after the file's scale factor
  int employees = 300;
  bool national_network = false;
  bool large = false;  // outside the SME definition
  bool university = false;
  bool has_capabilities = false;  // else the industry's profile
  std::array<double, kCapabilities> capability_mean{0.5, 0.5, 0.5, 0.5, 0.5};
};

struct World {
  std::string name;
  std::string description;
  std::string path;  // file it was read from
  std::vector<Block> blocks;
  std::vector<Prefecture> prefectures;
  std::vector<Industry> industries;
  // firm_counts[prefecture][industry]: firms at scale 1 (after the file's scale factor).
  std::vector<std::vector<std::int64_t>> firm_counts;
  std::vector<SizeClass> size_classes;
  std::vector<CapitalBracket> capital_brackets;
  // capital_given_size[size class][bracket]: probabilities, rows sum to 1.
  std::vector<std::vector<double>> capital_given_size;
  // Out-of-region partners. When there are any, the loader appends a block and a prefecture
  // (id "out_of_region", every channel unavailable) that hold them; it is always the last.
  std::vector<ExternalGroup> externals;
  int external_prefecture = -1;  // index into prefectures, -1 without externals

  std::int64_t total_firms() const;
  int find_prefecture(const std::string& id) const;  // -1 if absent
  int find_industry(const std::string& id) const;
};

}  // namespace renkei
