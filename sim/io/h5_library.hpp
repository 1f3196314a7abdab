// Process-wide set-up of the HDF5 library, HDF5-free so that the entry point can call it.
#pragma once

namespace renkei {

// Call first in main(), before any HDF5 call. Stops HDF5 from closing still-open files in
// an atexit handler: after a failed write (a full disk) H5Fclose fails and leaves the file
// half closed, and HDF5 1.10's exit-time cleanup then dies with SIGSEGV in H5F__close_cb
// instead of letting the process exit 1. Every file renkei writes is closed explicitly
// (and a file left open at exit is an unfinished temporary the error path removes).
void keep_hdf5_out_of_exit() noexcept;

}  // namespace renkei
