// `renkei sweep`: runs a sweep design (scenarios x points x replicates, one model run per
// task) on local threads, under mpirun/srun, or as one shard of a Slurm job array, with a
// resume ledger of committed chunks; merges the chunks into one netCDF-4/HDF5 result file.
// The request is checked and carried out by sim/sweep (sweep_request, execute, slurm_job);
// this file maps the options onto it.
#include "cli/commands.hpp"
#include "cli/help.hpp"
#include "cli/options.hpp"
#include "cli/provenance.hpp"
#include "sweep/mpi.hpp"
#include "sweep/sweep_request.hpp"

#include <iostream>

namespace renkei::cli {

int cmd_sweep(const std::vector<std::string>& args) {
  const po::options_description opts = sweep_options();
  const auto vm = parse(args, opts, true);
  if (vm.count("help")) {
    std::cout << opts << kSweepHelp << "MPI support: " << mpi::library_version() << '\n';
    return kExitOk;
  }
  using Files = std::vector<std::string>;
  SweepRequest r;
  r.files = given<Files>(vm, "scenario").value_or(Files{});
  r.output = given<std::string>(vm, "output");
  r.threads = given<long long>(vm, "threads");
  r.progress_every = given<double>(vm, "progress-every");
  r.shard = given<std::string>(vm, "shard");
  r.merge = given<Files>(vm, "merge");
  r.shards = given<long long>(vm, "shards");
  r.job_script = given<std::string>(vm, "job-script");
  r.slurm_script = given<std::string>(vm, "slurm-script");
  r.array = given<long long>(vm, "array");
  r.time = given<std::string>(vm, "time");
  r.cpus = given<long long>(vm, "cpus");
  r.mpi_ranks = given<long long>(vm, "mpi-ranks");
  r.force = vm.count("force") > 0;
  r.resume = vm.count("resume") > 0;
  r.quiet = vm.count("quiet") > 0;
  r.keep_parts = vm.count("keep-parts") > 0;
  r.args = args;
  r.provenance = [&args](std::uint64_t seed, int threads, int replicates) {
    return provenance(seed, threads, replicates, args, "sweep");
  };
  return sweep_command(r);
}

}  // namespace renkei::cli
