// Running a sweep, or one shard of it, in this process or in every process of an MPI job
// (mpirun/srun): rank 0 prepares the resume ledger and hands out chunks of runs, every rank
// runs chunks on its threads and commits them to the ledger, rank 0 shows the progress and,
// for a whole sweep, writes the result file. SIGINT, SIGTERM and SIGHUP stop it cleanly: the
// finished chunks are kept for --resume.
#pragma once

#include "sweep/sweep_steps.hpp"

namespace renkei {

// Returns the exit status, the same on every rank: 0 done; 1 runs failed or missing, or a
// failure while running; 2 bad input or usage (reported by rank 0 before any rank leaves);
// 128 + signal when stopped by one.
int execute_sweep(const SweepSettings& s);

// `renkei sweep` without --slurm-script: the result path checked first (before the sweep file
// is read and its design generated, which takes memory and time for a large one; under an
// MPI launcher rank 0 alone checks it, in prepare()), then --merge or execute_sweep.
int run_sweep(const SweepSettings& s);

}  // namespace renkei
