#include "sweep/execute.hpp"

#include "core/exit_status.hpp"
#include "core/usage_error.hpp"
#include "io/atomic_file.hpp"
#include "report/command_error.hpp"
#include "report/progress.hpp"
#include "sweep/ledger.hpp"
#include "sweep/mpi.hpp"
#include "sweep/result_file.hpp"
#include "sweep/runner.hpp"
#include "sweep/shard.hpp"

#include <array>
#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>
#include <optional>

namespace renkei {
namespace {

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

// After the runs, on rank 0: the exit status of a slice with `report`, writing the result
// file when the whole sweep is done.
int finish_slice(const SweepPlan& plan, const SweepSettings& s, const Ledger& ledger,
                 TaskRange slice, const RunnerReport& report, int ranks) {
  const std::uint64_t have = covered_count(ledger.committed(), slice);
  const std::string what = s.shard ? "shard " + std::to_string(s.shard->index) + "/" +
                                         std::to_string(s.shard->count) + ": "
                                   : std::string();
  if (have < slice.count) {
    const int sig = g_signal;
    std::cerr << "renkei sweep: " << (sig != 0 || report.stopped ? "interrupted: " : "incomplete: ")
              << what << have << " of " << slice.count << " runs done; rerun with --resume\n";
    return sig != 0 ? 128 + sig : kExitFailure;
  }
  if (!s.shard) return write_sweep_result(plan, s, {&ledger}, ranks);
  if (!s.quiet)
    std::cout << what << "all " << slice.count << " runs in " << ledger.dir()
              << "; when every shard is done: "
              << "renkei sweep " << s.sweep_path << " -o " << s.output << " --merge\n";
  if (report.failed > 0) {
    std::cerr << "renkei sweep: " << what << report.failed
              << " run(s) failed; the merge records them in run_error\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

int execute_sweep(const SweepSettings& s) {
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

  std::uint64_t already = 0;
  if (root) {
    already = slice.count;
    for (const auto& c : chunks) already -= c.count;
  }
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
      status = finish_slice(plan, s, ledger, slice, report, session.size());
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

int run_sweep(const SweepSettings& s) {
  if (mpi::launcher_world_size() <= 1) {
    check_output_path(s.output, s.force || s.shard.has_value());
    refuse_output_onto_inputs(s.output, {s.sweep_path});
  }
  if (s.merge) return merge_sweep_parts(s);
  return execute_sweep(s);
}

}  // namespace renkei
