// The exit status of a `renkei` command, returned by the command-line layer and by the library
// functions that carry out a whole command (a sweep under MPI decides it on every rank).
#pragma once

namespace renkei {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // a failure while running (or runs that failed)
inline constexpr int kExitUsage = 2;    // bad input or usage: nothing was run

}  // namespace renkei
