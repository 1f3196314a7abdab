// `renkei sweep`: runs a sweep design (scenarios x points x replicates, one model run per
// task) on local threads, under mpirun/srun, or as one shard of a Slurm job array, with a
// resume ledger of committed chunks; merges the chunks into one netCDF-4/HDF5 result file.
// The steps live in sim/sweep (execute, result_file, slurm_job); this file maps the options
// onto them.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/provenance.hpp"
#include "sweep/execute.hpp"
#include "sweep/mpi.hpp"
#include "sweep/slurm_job.hpp"

#include <oneapi/tbb/info.h>

#include <chrono>
#include <iostream>

namespace renkei::cli {
namespace {

constexpr const char* kSweepHelp =
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

long long bounded(const po::variables_map& vm, const char* name, long long lo, long long hi) {
  return option_in_range(name, vm[name].as<long long>(), lo, hi);
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args) {
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
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kSweepHelp << "MPI support: " << mpi::library_version() << '\n';
    return kExitOk;
  }
  SweepSettings s;
  s.args = args;
  s.provenance = [&args](std::uint64_t seed, int threads, int replicates) {
    return provenance(seed, threads, replicates, args, "sweep");
  };
  if (!vm.count("scenario")) throw UsageError("no sweep file given");
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  if (files.size() != 1)
    throw UsageError("give exactly one sweep file, got " + std::to_string(files.size()) +
                     " (parts directories go after --merge)");
  s.sweep_path = files.front();
  if (!vm.count("output") || vm["output"].as<std::string>().empty())
    throw UsageError("no result file given: add -o OUT.h5");
  s.output = vm["output"].as<std::string>();
  s.threads =
      vm.count("threads") ? bounded(vm, "threads", 1, 1024) : tbb::info::default_concurrency();
  s.force = vm.count("force") > 0;
  s.resume = vm.count("resume") > 0;
  s.quiet = vm.count("quiet") > 0;
  s.keep_parts = vm.count("keep-parts") > 0;
  if (vm.count("progress-every")) {
    const double sec = vm["progress-every"].as<double>();
    if (!(sec >= 0 && sec <= 86400))
      throw UsageError("--progress-every must be between 0 and 86400 seconds, got " +
                       std::to_string(sec));
    s.progress_every = std::chrono::milliseconds(static_cast<long long>(sec * 1000));
  }
  if (vm.count("shard")) {
    try {
      s.shard = parse_shard(vm["shard"].as<std::string>());
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  if (vm.count("merge")) s.merge = vm["merge"].as<std::vector<std::string>>();
  if (!s.merge)
    for (const char* only : {"shards", "job-script"})
      if (vm.count(only)) throw UsageError(std::string("--") + only + " goes with --merge");
  if (vm.count("shards"))
    s.shards = static_cast<std::uint64_t>(bounded(vm, "shards", 1, 1'000'000));
  if (vm.count("job-script")) s.job_script = vm["job-script"].as<std::string>();

  const bool slurm = vm.count("slurm-script") > 0;
  if (!slurm)
    for (const char* only : {"array", "time", "cpus", "mpi-ranks"})
      if (vm.count(only))
        throw UsageError(std::string("--") + only + " goes with --slurm-script FILE");
  check_sweep_modes(s, slurm);
  if (slurm) {
    for (const char* need : {"array", "time", "cpus"})
      if (!vm.count(need)) throw UsageError(std::string("--slurm-script needs --") + need);
    SlurmJobRequest job{vm["slurm-script"].as<std::string>(), vm["array"].as<long long>(),
                        vm["time"].as<std::string>(), vm["cpus"].as<long long>(), std::nullopt};
    if (vm.count("mpi-ranks")) job.mpi_ranks = vm["mpi-ranks"].as<long long>();
    return write_slurm_job(s, job);
  }
  return run_sweep(s);
}

}  // namespace renkei::cli
