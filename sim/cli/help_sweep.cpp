// The option table and help text of `renkei sweep` (cli/help.hpp).
#include "cli/help.hpp"

namespace renkei::cli {

namespace po = boost::program_options;

const char* const kSweepHelp =
    "\nRuns every (scenario, design point, replicate) of the sweep file: each a full model run\n"
    "with the point's parameter values as base values and the sweep's seed; replicate r uses\n"
    "random stream r at every point (common random numbers). Finished runs are committed in\n"
    "chunks to OUT.parts/; after SIGTERM/SIGINT or a kill, --resume runs only what is missing and\n"
    "the result is the same. Results are identical for any thread, rank or shard count.\n"
    "\n"
    "  local:   renkei sweep S.toml -o out.h5 -j 8\n"
    "  MPI:     mpirun -np 4 renkei sweep S.toml -o out.h5 -j 8      (rank 0 hands out chunks)\n"
    "  Slurm:   renkei sweep S.toml -o out.h5 --slurm-script job.sh --array 16 --time 02:00:00 "
    "--cpus 8\n"
    "           bash job.sh submit          (array of shards, then the merge)\n"
    "  shards:  renkei sweep S.toml -o out.h5 --shard i/N   (each), then\n"
    "           renkei sweep S.toml -o out.h5 --merge\n"
    "\n"
    "Exit status: 0 ok; 1 some runs failed (recorded in run_ok/run_error; the file is still\n"
    "written) or a failure while running; 2 bad input or usage (nothing run); 128+signal when\n"
    "interrupted (finished runs are kept: rerun with --resume). See docs/cluster.md.\n";

po::options_description sweep_options() {
  po::options_description opts("renkei sweep SWEEP.toml -o OUT.h5 [options]");
  opts.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(), "result file (netCDF-4/HDF5); parts go to OUT.parts/")(
      "threads,j", po::value<long long>(), "worker threads per process (default: all cores)")(
      "force", "replace an existing result file; without --resume, discard earlier parts")(
      "resume",
      "keep the runs an earlier, interrupted attempt committed and run only the missing ones")(
      "shard", po::value<std::string>(),
      "run only shard i/N (0 <= i < N) of the runs into OUT.parts/")(
      "merge", po::value<std::vector<std::string>>()->multitoken()->zero_tokens(),
      "write OUT from the parts in OUT.parts/ (or in the PARTS directories given)")(
      "keep-parts", "keep OUT.parts/ after writing the result file")(
      "slurm-script", po::value<std::string>(),
      "write a Slurm job-array script to FILE instead of running")(
      "array", po::value<long long>(), "with --slurm-script: array tasks (= shards)")(
      "time", po::value<std::string>(),
      "with --slurm-script: walltime per array task as sbatch takes it (90 = 90 min, 2:00 = 2 min, "
      "2:00:00, 1-00:00:00)")("cpus", po::value<long long>(),
                              "with --slurm-script: CPUs per task (threads per process)")(
      "mpi-ranks", po::value<long long>(),
      "with --slurm-script: MPI ranks per array task (srun --mpi=pmix)")(
      "shards", po::value<long long>(),
      "with --merge: the shards the parts were run as (names those to rerun)")(
      "job-script", po::value<std::string>(),
      "with --merge: the Slurm script that ran the shards (for the resubmit command)")(
      "progress-every", po::value<double>(),
      "seconds between progress lines on stderr when it is not a terminal (default 60; a log shows "
      "the sweep is alive)")("quiet,q", "print nothing but errors");
  return opts;
}

}  // namespace renkei::cli
