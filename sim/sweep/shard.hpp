// Slurm job arrays split a sweep into N shards: shard i runs the i-th contiguous slice of the
// task list into the shared parts directory, and a merge assembles the result. Contiguous
// slices keep each shard's chunks few and its resume bookkeeping local.
#pragma once

#include "sweep/ledger.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace renkei {

struct ShardSpec {
  std::uint64_t index = 0;  // 0-based
  std::uint64_t count = 1;
};

// Parses "i/N" (0 <= i < N, 1 <= N <= 1,000,000); throws std::invalid_argument with a
// message that says what is wrong and what is expected.
ShardSpec parse_shard(const std::string& text);

// The tasks of shard `s` out of `total`: slices differ in size by at most one task.
TaskRange shard_slice(const ShardSpec& s, std::uint64_t total);

// The shards (0-based, ascending, each once) out of `shards` whose slices of `total` tasks
// hold any of the `tasks`: the array tasks to resubmit when those runs are missing.
std::vector<std::uint64_t> shards_holding(const std::vector<TaskRange>& tasks, std::uint64_t shards,
                                          std::uint64_t total);

// Shard numbers as sbatch --array takes them: ascending runs collapsed, "3,5-7,12".
std::string array_list(const std::vector<std::uint64_t>& shards);

}  // namespace renkei
