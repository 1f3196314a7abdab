// MPI for `renkei sweep` under mpirun/srun, behind an MPI-free interface: only mpi.cpp
// includes <mpi.h> (and only when built with RENKEI_HAVE_MPI), so the rest of the simulator
// builds and runs without MPI. Rank 0 coordinates: it hands out chunks of tasks on request
// (dynamic load balancing) and runs chunks itself; every rank commits its own chunks to the
// shared ledger. All MPI calls come from each process's main thread (MPI_THREAD_FUNNELED).
#pragma once

#include "sweep/runner.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace renkei::mpi {

// True if this build has MPI support.
bool built_with_mpi() noexcept;
// "Open MPI v4.1.4, ..." (the library's own text), or "not built" without MPI.
std::string library_version();

// The number of processes an MPI launcher started, from its environment variables
// (OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK with SLURM_NTASKS, ...); 0 if not launched by one.
int launcher_world_size();

// MPI for the lifetime of the object: initialised when this build has MPI and an MPI
// launcher started the process; otherwise a one-process stand-in. Throws
// std::runtime_error if a launcher started several processes but this build lacks MPI
// (they would all run the whole sweep).
class Session {
 public:
  Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  bool active() const noexcept { return active_; }
  int rank() const noexcept { return rank_; }
  int size() const noexcept { return size_; }

  // Rank 0's value on every rank.
  int broadcast(int value) const;
  void barrier() const;
  // Ends every process of the job (an error on one rank would otherwise hang the others).
  [[noreturn]] void abort(int code) const;

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

// Rank 0's work source: hands `chunks` out to itself and to the other ranks (first come,
// first served) until they are exhausted or `stop` is set; finish() waits until every
// other rank has left. With one process it is a plain list.
std::unique_ptr<WorkSource> make_coordinator(const Session& session, std::vector<TaskRange> chunks,
                                             const std::atomic<bool>* stop);
// Other ranks' work source: asks rank 0 for each chunk; finish() tells rank 0 it has left.
std::unique_ptr<WorkSource> make_remote_source(const Session& session);

}  // namespace renkei::mpi
