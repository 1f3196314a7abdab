// `renkei sweep`: runs a sweep design (scenarios x points x replicates, one model run per
// task) on local threads, under mpirun/srun, or as one shard of a Slurm job array, with a
// resume ledger of committed chunks; merges the chunks into one netCDF-4/HDF5 result file.
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/provenance.hpp"
#include "io/atomic_file.hpp"
#include "io/sweep_writer.hpp"
#include "scenario/study.hpp"
#include "sweep/design.hpp"
#include "sweep/ledger.hpp"
#include "sweep/merge.hpp"
#include "sweep/mpi.hpp"
#include "sweep/plan_check.hpp"
#include "sweep/runner.hpp"
#include "sweep/shard.hpp"
#include "sweep/slurm.hpp"
#include "sweep/sweep_steps.hpp"

#include <oneapi/tbb/info.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

namespace renkei::cli {
namespace {

namespace fs = std::filesystem;

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

// Set by SIGINT/SIGTERM/SIGHUP while runs are in progress: stop handing out work, drop the
// runs in progress, commit the finished ones.
std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_stop_signal(int sig) {
  g_signal = sig;
  g_stop.store(true, std::memory_order_release);
}

// Replaces the terminating-signal handlers for its lifetime (the default ones remove the
// partial output file and die; a sweep instead stops cleanly and keeps its chunks).
class StopSignals {
 public:
  StopSignals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &action, &old_[i]);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  ~StopSignals() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &old_[i], nullptr);
  }

 private:
  static constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> old_{};
};

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

long long bounded(const po::variables_map& vm, const char* name, long long lo, long long hi) {
  const long long v = vm[name].as<long long>();
  if (v < lo || v > hi)
    throw UsageError("--" + std::string(name) + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ", got " + std::to_string(v));
  return v;
}

std::vector<std::pair<std::string, std::string>> sweep_provenance(const SweepPlan& plan,
                                                                  const SweepSettings& s,
                                                                  int ranks) {
  auto attrs = provenance(plan.sweep.seed, static_cast<int>(s.threads), plan.sweep.replicates,
                          s.args, "sweep");
  attrs.emplace_back("mpi_ranks", std::to_string(ranks));
  return attrs;
}

// Writes the result file from complete ledgers; returns the exit status (1 if runs failed).
int merge_and_write(const SweepPlan& plan, const SweepSettings& s,
                    const std::vector<const Ledger*>& ledgers, int ranks) {
  MergeReport report;
  SweepTable table = gather_sweep(plan, ledgers, report);
  for (const auto& d : report.damaged)
    std::cerr << "renkei sweep: warning: ignored damaged chunk file '" << d << "'\n";
  if (!report.complete())
    throw std::runtime_error(
        "cannot write '" + s.output + "': " + std::to_string(report.runs - report.present) +
        " of " + std::to_string(report.runs) + " runs are missing (tasks " +
        format_ranges(report.missing) + "); " + resubmit_advice(plan, s, report.missing));
  describe_sweep(plan, sweep_provenance(plan, s, ranks), table);
  try {
    write_sweep_file(s.output, s.force, table);
  } catch (const std::runtime_error& e) {
    if (fs::exists(s.output)) throw UsageError(e.what());
    throw;
  }
  if (!s.keep_parts)
    for (const Ledger* l : ledgers) l->remove_all();
  if (!s.quiet)
    std::cout << "wrote " << s.output << " (" << plan.scenario_count() << " scenario(s) x "
              << plan.point_count() << " points x " << plan.replicate_count()
              << " replicates = " << report.runs << " runs"
              << (report.failed ? ", " + std::to_string(report.failed) + " FAILED" : std::string())
              << ")\n";
  if (report.failed == 0) return kExitOk;
  std::uint64_t first_failed = 0;
  while (table.run_ok[first_failed] != 0) ++first_failed;
  std::cerr << "renkei sweep: " << report.failed << " of " << report.runs
            << " runs failed (first: " << describe_cell(plan, first_failed) << ": "
            << table.run_error[first_failed] << "); see run_ok and run_error in " << s.output
            << '\n';
  return kExitFailure;
}

int cmd_merge(const SweepSettings& s) {
  if (mpi::launcher_world_size() > 1)
    throw UsageError("--merge runs in one process: start it without mpirun/srun");
  const SweepPlan plan = load_plan(s.sweep_path);
  if (fs::exists(s.output) && !s.force) throw UsageError(exists_without_force_message(s.output));
  refuse_output_onto_inputs(s.output, input_files(plan.scenarios));
  const std::string identity = sweep_identity(plan);
  std::vector<std::string> dirs = *s.merge;
  if (dirs.empty()) dirs.push_back(Ledger::dir_for_output(s.output));
  std::vector<Ledger> ledgers;
  for (const auto& d : dirs) ledgers.emplace_back(d, identity, plan.task_count());
  std::vector<const Ledger*> ptrs;
  for (const auto& l : ledgers) {
    try {
      l.open_existing();
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
    ptrs.push_back(&l);
  }
  return merge_and_write(plan, s, ptrs, 1);
}

int cmd_execute(const SweepSettings& s) {
  mpi::Session session;
  const bool root = session.rank() == 0;
  // Every rank loads the inputs; only rank 0 reports their errors.
  std::optional<SweepPlan> loaded;
  try {
    loaded = load_plan(s.sweep_path);
  } catch (...) {
    if (!root) return kExitUsage;
    throw;
  }
  const SweepPlan& plan = *loaded;
  const std::uint64_t total = plan.task_count();
  if (s.shard && s.shard->count > total)
    throw UsageError("--shard " + std::to_string(s.shard->index) + "/" +
                     std::to_string(s.shard->count) + ": the sweep has only " +
                     std::to_string(total) + " runs; use at most " + std::to_string(total) +
                     " shards");
  const TaskRange slice = s.shard ? shard_slice(*s.shard, total) : TaskRange{0, total};
  Ledger ledger(Ledger::dir_for_output(s.output), sweep_identity(plan), total);

  // Rank 0 prepares the ledger; every rank learns whether that worked.
  std::vector<TaskRange> chunks;
  std::exception_ptr failure;
  int status = kExitOk;
  if (root) {
    try {
      chunks =
          prepare(plan, s, ledger, slice, static_cast<std::uint64_t>(session.size() * s.threads));
    } catch (const UsageError&) {
      failure = std::current_exception();
      status = kExitUsage;
    } catch (...) {
      failure = std::current_exception();
      status = kExitFailure;
    }
  }
  status = session.broadcast(status);
  if (status != kExitOk) {
    // Rank 0 reports before the others may leave: once a rank has exited non-zero, mpirun
    // may end the job, and a report left to the entry point (after the session closes)
    // could be lost. The barrier holds the other ranks until it is written.
    if (failure) status = report_command_error("sweep", failure);
    session.barrier();
    return status;
  }

  const std::uint64_t already = root ? slice.count -
                                           [&] {
                                             std::uint64_t n = 0;
                                             for (const auto& c : chunks) n += c.count;
                                             return n;
                                           }()
                                     : 0;
  // Only rank 0 reports. Under MPI it counts every rank's runs in the shared parts directory,
  // as full lines (a terminal line rewritten in place would interleave with the other ranks').
  Progress progress(progress_mode(root && !s.quiet, session.size() == 1), s.progress_every);
  RunnerReport report;
  {
    g_stop.store(false);
    g_signal = 0;
    const StopSignals signals;
    try {
      auto source = root ? mpi::make_coordinator(session, std::move(chunks), &g_stop)
                         : mpi::make_remote_source(session);
      RunnerOptions options;
      options.threads = static_cast<int>(s.threads);
      options.stop = &g_stop;
      options.on_commit = [&](std::uint64_t done) {
        if (session.size() == 1)
          progress.update(already + done, slice.count);
        else if (progress.line_due())
          progress.update(covered_count(ledger.committed(), slice), slice.count);
      };
      report = run_chunks(
          *source,
          [&](std::uint64_t t, const std::atomic<bool>& stop) {
            return run_sweep_task(plan, t, stop);
          },
          [&](const Chunk& c) { ledger.commit(c); }, options);
    } catch (const std::exception& e) {
      if (session.size() > 1) {
        std::cerr << "renkei sweep: error on rank " << session.rank() << ": " << e.what() << '\n';
        session.abort(kExitFailure);
      }
      throw;
    }
  }
  progress.finish();
  session.barrier();

  if (root) {
    try {
      const std::uint64_t have = covered_count(ledger.committed(), slice);
      const std::string what = s.shard ? "shard " + std::to_string(s.shard->index) + "/" +
                                             std::to_string(s.shard->count) + ": "
                                       : std::string();
      if (have < slice.count) {
        const int sig = g_signal;
        std::cerr << "renkei sweep: "
                  << (sig != 0 || report.stopped ? "interrupted: " : "incomplete: ") << what << have
                  << " of " << slice.count << " runs done; rerun with --resume\n";
        status = sig != 0 ? 128 + sig : kExitFailure;
      } else if (s.shard) {
        if (!s.quiet)
          std::cout << what << "all " << slice.count << " runs in " << ledger.dir()
                    << "; when every shard is done: "
                    << "renkei sweep " << s.sweep_path << " -o " << s.output << " --merge\n";
        status = kExitOk;
        if (report.failed > 0) {
          std::cerr << "renkei sweep: " << what << report.failed
                    << " run(s) failed; the merge records them in run_error\n";
          status = kExitFailure;
        }
      } else {
        status = merge_and_write(plan, s, {&ledger}, session.size());
      }
    } catch (const UsageError& e) {
      std::cerr << "renkei sweep: " << e.what() << '\n';
      status = kExitUsage;
    } catch (const std::exception& e) {
      std::cerr << "renkei sweep: error: " << e.what() << '\n';
      status = kExitFailure;
    }
  }
  return session.broadcast(status);
}

int cmd_slurm_script(const SweepSettings& s, const po::variables_map& vm, const std::string& file) {
  for (const char* need : {"array", "time", "cpus"})
    if (!vm.count(need)) throw UsageError(std::string("--slurm-script needs --") + need);
  const SweepPlan plan = load_plan(s.sweep_path);
  SlurmScriptOptions o;
  o.renkei = self_executable();
  o.sweep = absolute(s.sweep_path);
  o.output = absolute(s.output);
  o.job_name = "renkei-" + (plan.sweep.name.empty() ? std::string("sweep") : plan.sweep.name);
  o.array = static_cast<std::uint64_t>(bounded(vm, "array", 1, 1'000'000));
  if (o.array > plan.task_count())
    throw UsageError("--array " + std::to_string(o.array) + ": the sweep has only " +
                     std::to_string(plan.task_count()) +
                     " runs; use at most that many array tasks");
  o.time = vm["time"].as<std::string>();
  try {
    check_walltime(o.time);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  o.cpus = static_cast<int>(bounded(vm, "cpus", 1, 1024));
  if (vm.count("mpi-ranks")) o.mpi_ranks = static_cast<int>(bounded(vm, "mpi-ranks", 1, 1'000'000));
  o.command = command_line(s.args);
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
  if (s.merge && s.shard)
    throw UsageError("--merge and --shard exclude each other: merge after every shard is done");
  if (s.merge && s.resume) throw UsageError("--merge and --resume exclude each other");
  if (slurm && (s.merge || s.shard || s.resume))
    throw UsageError(
        "--slurm-script only writes the script; --shard, --merge and --resume go in it");
  if (slurm) return cmd_slurm_script(s, vm, vm["slurm-script"].as<std::string>());
  // Cheap checks of the result path first: before the sweep file is read and its design
  // generated (a large one takes memory and time), and before any run.
  // Under mpirun every rank gets here: rank 0 alone reports, in prepare().
  if (mpi::launcher_world_size() <= 1) {
    check_output_path(s.output, s.force || s.shard.has_value());
    refuse_output_onto_inputs(s.output, {s.sweep_path});
  }
  if (s.merge) return cmd_merge(s);
  return cmd_execute(s);
}

}  // namespace renkei::cli
