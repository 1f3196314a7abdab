#include "sweep/sweep_request.hpp"

#include "core/usage_error.hpp"
#include "sweep/execute.hpp"
#include "sweep/slurm_job.hpp"

#include <oneapi/tbb/info.h>

#include <chrono>
#include <initializer_list>
#include <utility>

namespace renkei {
namespace {

// UsageError "--NAME goes with WHAT" for the first of `options` given without its mode.
void refuse_without(std::initializer_list<std::pair<const char*, bool>> options,
                    const std::string& what) {
  for (const auto& [name, given] : options)
    if (given) throw UsageError(std::string("--") + name + " goes with " + what);
}

SweepSettings settings_of(const SweepRequest& r) {
  SweepSettings s;
  s.args = r.args;
  s.provenance = r.provenance;
  if (r.files.empty()) throw UsageError("no sweep file given");
  if (r.files.size() != 1)
    throw UsageError("give exactly one sweep file, got " + std::to_string(r.files.size()) +
                     " (parts directories go after --merge)");
  s.sweep_path = r.files.front();
  if (!r.output || r.output->empty()) throw UsageError("no result file given: add -o OUT.h5");
  s.output = *r.output;
  s.threads = r.threads ? option_in_range("threads", *r.threads, 1, 1024)
                        : tbb::info::default_concurrency();
  s.force = r.force;
  s.resume = r.resume;
  s.quiet = r.quiet;
  s.keep_parts = r.keep_parts;
  if (r.progress_every) {
    const double sec = *r.progress_every;
    if (!(sec >= 0 && sec <= 86400))
      throw UsageError("--progress-every must be between 0 and 86400 seconds, got " +
                       std::to_string(sec));
    s.progress_every = std::chrono::milliseconds(static_cast<long long>(sec * 1000));
  }
  if (r.shard) {
    try {
      s.shard = parse_shard(*r.shard);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }
  s.merge = r.merge;
  if (!s.merge)
    refuse_without({{"shards", r.shards.has_value()}, {"job-script", r.job_script.has_value()}},
                   "--merge");
  if (r.shards)
    s.shards = static_cast<std::uint64_t>(option_in_range("shards", *r.shards, 1, 1'000'000));
  if (r.job_script) s.job_script = *r.job_script;
  return s;
}

}  // namespace

int sweep_command(const SweepRequest& request) {
  const SweepSettings s = settings_of(request);
  const bool slurm = request.slurm_script.has_value();
  if (!slurm)
    refuse_without({{"array", request.array.has_value()},
                    {"time", request.time.has_value()},
                    {"cpus", request.cpus.has_value()},
                    {"mpi-ranks", request.mpi_ranks.has_value()}},
                   "--slurm-script FILE");
  check_sweep_modes(s, slurm);
  if (!slurm) return run_sweep(s);
  for (const auto& [need, given] :
       {std::pair{"array", request.array.has_value()}, std::pair{"time", request.time.has_value()},
        std::pair{"cpus", request.cpus.has_value()}})
    if (!given) throw UsageError(std::string("--slurm-script needs --") + need);
  return write_slurm_job(
      s, {*request.slurm_script, *request.array, *request.time, *request.cpus, request.mpi_ranks});
}

}  // namespace renkei
