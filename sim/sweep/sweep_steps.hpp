// The steps of `renkei sweep` that need no process of their own: the command's settings,
// loading the plan (the sweep file and its scenarios), naming a run, the advice for missing
// runs and preparing the resume ledger of a run or shard.
#pragma once

#include "sweep/ledger.hpp"
#include "sweep/runner.hpp"
#include "sweep/shard.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace renkei {

struct SweepSettings {
  std::string sweep_path;
  std::string output;
  long long threads = 1;
  bool force = false;
  bool resume = false;
  bool quiet = false;
  bool keep_parts = false;
  std::optional<ShardSpec> shard;
  std::optional<std::vector<std::string>> merge;  // parts directories (empty: OUT.parts)
  std::chrono::milliseconds progress_every{
      std::chrono::seconds(60)};  // progress lines when not a terminal
  std::uint64_t shards = 0;       // with --merge: the job array's shard count (0: not sharded)
  std::string job_script;         // with --merge: the Slurm script that ran the shards
  std::vector<std::string> args;
  // The provenance attributes of the result file (versions, command line) for the sweep's
  // seed, threads and replicate count; the sweep adds mpi_ranks.
  std::function<std::vector<std::pair<std::string, std::string>>(std::uint64_t seed, int threads,
                                                                 int replicates)>
      provenance;
};

// The modes of a sweep command that exclude each other: --merge with --shard or --resume, and
// --slurm-script (`slurm_script`) with any of them (UsageError).
void check_sweep_modes(const SweepSettings& s, bool slurm_script);

// The sweep file and its scenarios; UsageError for a sweep without runs.
SweepPlan load_plan(const std::string& path);

// "scenario NAME, point P, replicate R" of task `task`.
std::string describe_cell(const SweepPlan& plan, std::uint64_t task);

// What to run again when runs are missing: with the shard count known (the Slurm script's
// merge passes it), the shards holding the missing runs and the exact command.
std::string resubmit_advice(const SweepPlan& plan, const SweepSettings& s,
                            const std::vector<TaskRange>& missing);

// Prepares the ledger (on rank 0) and returns the chunks left to run; `workers` sets their size.
std::vector<TaskRange> prepare(const SweepPlan& plan, const SweepSettings& s, Ledger& ledger,
                               TaskRange slice, std::uint64_t workers);

}  // namespace renkei
