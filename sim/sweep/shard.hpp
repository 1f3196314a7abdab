// Slurm job arrays split a sweep into N shards: shard i runs the i-th contiguous slice of the
// task list into the shared parts directory, and a merge assembles the result. Contiguous
// slices keep each shard's chunks few and its resume bookkeeping local.
#pragma once

#include "sweep/ledger.hpp"

#include <cstdint>
#include <string>

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

}  // namespace renkei
