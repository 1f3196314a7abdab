#include "sweep/slurm_job.hpp"

#include "core/exit_status.hpp"
#include "core/usage_error.hpp"
#include "io/atomic_file.hpp"
#include "sweep/slurm.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <sys/stat.h>

namespace renkei {
namespace {

namespace fs = std::filesystem;

std::string self_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("renkei") : p.string();
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

std::string command_line(const std::vector<std::string>& args) {
  std::string c = "renkei sweep";
  for (const auto& a : args) c += " " + a;
  return c;
}

}  // namespace

int write_slurm_job(const SweepSettings& s, const SlurmJobRequest& request) {
  const SweepPlan plan = load_plan(s.sweep_path);
  SlurmScriptOptions o;
  o.renkei = self_executable();
  o.sweep = absolute(s.sweep_path);
  o.output = absolute(s.output);
  o.job_name = "renkei-" + (plan.sweep.name.empty() ? std::string("sweep") : plan.sweep.name);
  o.array = static_cast<std::uint64_t>(option_in_range("array", request.array, 1, 1'000'000));
  if (o.array > plan.task_count())
    throw UsageError("--array " + std::to_string(o.array) + ": the sweep has only " +
                     std::to_string(plan.task_count()) +
                     " runs; use at most that many array tasks");
  o.time = request.time;
  try {
    check_walltime(o.time);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  o.cpus = static_cast<int>(option_in_range("cpus", request.cpus, 1, 1024));
  if (request.mpi_ranks)
    o.mpi_ranks = static_cast<int>(option_in_range("mpi-ranks", *request.mpi_ranks, 1, 1'000'000));
  o.command = command_line(s.args);
  const std::string& file = request.file;
  if (fs::exists(file) && !s.force) throw UsageError(exists_without_force_message(file));
  {
    AtomicFile out(file, s.force);
    {
      std::ofstream f(out.temp_path(), std::ios::binary);
      f << slurm_script(o);
      if (!f.flush()) throw std::runtime_error("cannot write '" + out.temp_path() + "'");
    }
    ::chmod(out.temp_path().c_str(), 0755);
    out.commit();
  }
  if (!s.quiet)
    std::cout << "wrote " << file << ": " << o.array << " array tasks of " << plan.task_count()
              << " runs in all; submit with\n"
              << "  bash " << file << " submit\n";
  return kExitOk;
}

}  // namespace renkei
