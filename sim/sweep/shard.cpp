#include "sweep/shard.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace renkei {
namespace {

constexpr std::uint64_t kMaxShards = 1'000'000;

bool parse_number(std::string_view s, std::uint64_t& v) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

ShardSpec parse_shard(const std::string& text) {
  const std::string expect =
      "expected i/N with 0 <= i < N, e.g. 0/4 (Slurm: $SLURM_ARRAY_TASK_ID/N)";
  const auto slash = text.find('/');
  ShardSpec s;
  if (slash == std::string::npos ||
      !parse_number(std::string_view(text).substr(0, slash), s.index) ||
      !parse_number(std::string_view(text).substr(slash + 1), s.count))
    throw std::invalid_argument("--shard '" + text + "': " + expect);
  if (s.count < 1 || s.count > kMaxShards)
    throw std::invalid_argument("--shard '" + text + "': N must be between 1 and " +
                                std::to_string(kMaxShards));
  if (s.index >= s.count)
    throw std::invalid_argument("--shard '" + text + "': shard index " + std::to_string(s.index) +
                                " is not below the shard count " + std::to_string(s.count) + "; " +
                                expect);
  return s;
}

TaskRange shard_slice(const ShardSpec& s, std::uint64_t total) {
  // The first (total mod N) slices take one task more; no product can overflow.
  const std::uint64_t q = total / s.count, r = total % s.count;
  auto bound = [&](std::uint64_t i) { return i * q + std::min(i, r); };
  const std::uint64_t a = bound(s.index), b = bound(s.index + 1);
  return {a, b - a};
}

std::vector<std::uint64_t> shards_holding(const std::vector<TaskRange>& tasks, std::uint64_t shards,
                                          std::uint64_t total) {
  std::vector<std::uint64_t> out;
  if (shards == 0 || total == 0) return out;
  // The inverse of shard_slice: the first r slices hold q + 1 tasks, the others q.
  const std::uint64_t q = total / shards, r = total % shards;
  auto shard_of = [&](std::uint64_t t) {
    return t < r * (q + 1) ? t / (q + 1) : r + (t - r * (q + 1)) / q;
  };
  for (const auto& range : tasks) {
    if (range.count == 0 || range.first >= total) continue;
    const std::uint64_t last = std::min(range.end(), total) - 1;
    for (std::uint64_t i = shard_of(range.first); i <= shard_of(last); ++i) out.push_back(i);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string array_list(const std::vector<std::uint64_t>& shards) {
  std::string out;
  for (std::size_t i = 0; i < shards.size();) {
    std::size_t j = i;
    while (j + 1 < shards.size() && shards[j + 1] == shards[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(shards[i]);
    if (j > i) out += '-' + std::to_string(shards[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace renkei
