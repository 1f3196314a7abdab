// `renkei sweep --slurm-script FILE`: the Slurm job-array script of a sweep (sweep/slurm.hpp
// holds its text) written, executable, next to nothing else: the renkei executable, the sweep
// and the result file are named by absolute path, so the job runs from any directory.
#pragma once

#include "sweep/sweep_steps.hpp"

#include <optional>
#include <string>

namespace renkei {

struct SlurmJobRequest {
  std::string file;                    // the script to write
  long long array = 1;                 // --array: array tasks (= shards)
  std::string time;                    // --time: walltime per array task
  long long cpus = 1;                  // --cpus: CPUs per task
  std::optional<long long> mpi_ranks;  // --mpi-ranks: MPI ranks per array task
};

// Checks the request against the sweep `s` names (UsageError naming the option), writes the
// script atomically (refusing an existing file without --force) and says how to submit it.
// Returns the exit status.
int write_slurm_job(const SweepSettings& s, const SlurmJobRequest& request);

}  // namespace renkei
