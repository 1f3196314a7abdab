// Slurm job-array scripts for a sweep: array task i runs shard i/N of the sweep (resuming
// whatever an earlier attempt committed), and a dependent job merges the shards' parts into
// the result file. The script is plain bash, so its body also runs by hand for testing.
#pragma once

#include <cstdint>
#include <string>

namespace renkei {

struct SlurmScriptOptions {
  std::string renkei;       // absolute path of the renkei executable
  std::string sweep;        // absolute path of the sweep file
  std::string output;       // absolute path of the result file
  std::string job_name;     // Slurm job name
  std::uint64_t array = 1;  // shards = array tasks
  std::string time;         // walltime per array task, any form parse_walltime accepts
  int cpus = 1;             // CPUs per task (= threads per process)
  int mpi_ranks = 0;    // > 0: each array task is an MPI job of this many ranks (srun --mpi=pmix)
  std::string command;  // the command line that generated the script (recorded in it)
};

// A walltime in any of the forms sbatch --time accepts, in seconds: "M", "M:SS", "H:MM:SS",
// "D-H", "D-H:MM", "D-H:MM:SS" (so "2:00" is two minutes and "90" ninety minutes). Minutes
// and seconds after a colon are below 60. Throws std::invalid_argument naming the forms.
std::uint64_t parse_walltime(const std::string& walltime);

// Walltimes below this are refused: Slurm may send the stop signal up to a minute before the
// lead asked for, so a shorter task could be stopped before it commits anything.
constexpr std::uint64_t kMinWalltimeSeconds = 5 * 60;
// How long before the time limit a shard is told to stop (--signal=B:TERM@lead): two minutes,
// but at most a tenth of the walltime, so that short tasks keep nine tenths of their time.
std::uint64_t signal_lead_seconds(std::uint64_t walltime_seconds);

// parse_walltime, then refuses walltimes below kMinWalltimeSeconds.
void check_walltime(const std::string& walltime);

// Seconds as sbatch's unambiguous D-HH:MM:SS (HH:MM:SS below a day).
std::string format_walltime(std::uint64_t seconds);

// The script's text.
std::string slurm_script(const SlurmScriptOptions& options);

// Quotes `s` for bash (single quotes).
std::string shell_quote(const std::string& s);

}  // namespace renkei
