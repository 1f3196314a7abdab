// Slurm job-array scripts for a sweep: array task i runs shard i/N of the sweep (resuming
// whatever an earlier attempt committed), and a dependent job merges the shards' parts into
// the result file. The script is plain bash, so its body also runs by hand for testing.
#pragma once

#include <cstdint>
#include <string>

namespace renkei {

struct SlurmScriptOptions {
  std::string renkei;      // absolute path of the renkei executable
  std::string sweep;       // absolute path of the sweep file
  std::string output;      // absolute path of the result file
  std::string job_name;    // Slurm job name
  std::uint64_t array = 1; // shards = array tasks
  std::string time;        // walltime per array task, [D-]HH:MM:SS
  int cpus = 1;            // CPUs per task (= threads per process)
  int mpi_ranks = 0;       // > 0: each array task is an MPI job of this many ranks (srun --mpi=pmix)
  std::string command;     // the command line that generated the script (recorded in it)
};

// Throws std::invalid_argument unless `walltime` is [D-]HH:MM:SS with minutes and seconds < 60.
void check_walltime(const std::string& walltime);

// The script's text.
std::string slurm_script(const SlurmScriptOptions& options);

// Quotes `s` for bash (single quotes).
std::string shell_quote(const std::string& s);

}  // namespace renkei
