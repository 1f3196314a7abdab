// What `renkei sweep` was asked for, option by option, checked (UsageError naming the option
// and the fix, in the order the command has always reported them) and carried out: the Slurm
// script written, or the sweep, one shard of it or the merge of its parts run.
#pragma once

#include "sweep/sweep_steps.hpp"

#include <optional>
#include <string>
#include <vector>

namespace renkei {

struct SweepRequest {
  std::vector<std::string> files;                 // the positional files: one sweep file
  std::optional<std::string> output;              // -o
  std::optional<long long> threads;               // -j (1 to 1024; default: all cores)
  std::optional<double> progress_every;           // seconds (0 to 86400)
  std::optional<std::string> shard;               // "i/N"
  std::optional<std::vector<std::string>> merge;  // parts directories (empty: OUT.parts)
  std::optional<long long> shards;                // with --merge (1 to 10^6)
  std::optional<std::string> job_script;          // with --merge
  std::optional<std::string> slurm_script;        // write a job-array script instead
  std::optional<long long> array;                 // with --slurm-script (required)
  std::optional<std::string> time;                // with --slurm-script (required)
  std::optional<long long> cpus;                  // with --slurm-script (required)
  std::optional<long long> mpi_ranks;             // with --slurm-script
  bool force = false;
  bool resume = false;
  bool quiet = false;
  bool keep_parts = false;
  std::vector<std::string> args;  // the command line, for the resubmit advice
  decltype(SweepSettings::provenance) provenance;
};

// Checks `request` and runs it (write_slurm_job or run_sweep); returns the exit status.
int sweep_command(const SweepRequest& request);

}  // namespace renkei
