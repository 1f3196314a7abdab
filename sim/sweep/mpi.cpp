// The only file that calls MPI (compiled with RENKEI_HAVE_MPI when MPI was found).
#include "sweep/mpi.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <stdexcept>
#include <string_view>
#include <thread>

#ifdef RENKEI_HAVE_MPI
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace renkei::mpi {
namespace {

int env_int(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return -1;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return (*end == '\0' && n >= 0 && n < (1L << 30)) ? static_cast<int>(n) : -1;
}

#ifdef RENKEI_HAVE_MPI
constexpr int kTagRequest = 7101;
constexpr int kTagWork = 7102;
constexpr int kWantWork = 0;
constexpr int kLeaving = 1;

void check(int rc, std::string_view what) {
  if (rc == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(rc, text, &len);
  throw std::runtime_error("MPI " + std::string(what) +
                           " failed: " + std::string(text, static_cast<std::size_t>(len)));
}

class Coordinator final : public WorkSource {
 public:
  Coordinator(int size, std::vector<TaskRange> chunks, const std::atomic<bool>* stop)
      : size_(size), chunks_(chunks.begin(), chunks.end()), stop_(stop) {}

  std::optional<TaskRange> next() override {
    if (chunks_.empty() || (stop_ != nullptr && stop_->load(std::memory_order_acquire)))
      return std::nullopt;
    const TaskRange r = chunks_.front();
    chunks_.pop_front();
    return r;
  }

  void poll() override {
    for (;;) {
      int flag = 0;
      MPI_Status status;
      check(MPI_Iprobe(MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &flag, &status), "probe");
      if (!flag) return;
      int kind = 0;
      check(MPI_Recv(&kind, 1, MPI_INT, status.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "receive a request");
      if (kind == kLeaving) {
        ++left_;
        continue;
      }
      std::uint64_t msg[2] = {0, 0};  // count 0: no more work
      if (const auto r = next()) {
        msg[0] = r->first;
        msg[1] = r->count;
      }
      check(MPI_Send(msg, 2, MPI_UINT64_T, status.MPI_SOURCE, kTagWork, MPI_COMM_WORLD),
            "send work");
    }
  }

  void finish() override {
    while (left_ < size_ - 1) {
      poll();
      if (left_ < size_ - 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

 private:
  int size_;
  std::deque<TaskRange> chunks_;
  const std::atomic<bool>* stop_;
  int left_ = 0;
};

class Remote final : public WorkSource {
 public:
  std::optional<TaskRange> next() override {
    if (exhausted_) return std::nullopt;
    const int want = kWantWork;
    check(MPI_Send(&want, 1, MPI_INT, 0, kTagRequest, MPI_COMM_WORLD), "request work");
    std::uint64_t msg[2] = {0, 0};
    check(MPI_Recv(msg, 2, MPI_UINT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "receive work");
    if (msg[1] == 0) {
      exhausted_ = true;
      return std::nullopt;
    }
    return TaskRange{msg[0], msg[1]};
  }

  void finish() override {
    const int leaving = kLeaving;
    check(MPI_Send(&leaving, 1, MPI_INT, 0, kTagRequest, MPI_COMM_WORLD), "say goodbye");
  }

 private:
  bool exhausted_ = false;
};
#endif

}  // namespace

bool built_with_mpi() noexcept {
#ifdef RENKEI_HAVE_MPI
  return true;
#else
  return false;
#endif
}

std::string library_version() {
#ifdef RENKEI_HAVE_MPI
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  if (MPI_Get_library_version(text, &len) != MPI_SUCCESS) return "unknown MPI";
  std::string v(text, static_cast<std::size_t>(len));
  const auto nl = v.find_first_of("\n,");
  return nl == std::string::npos ? v : v.substr(0, nl);
#else
  return "not built";
#endif
}

int launcher_world_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MV2_COMM_WORLD_SIZE"}) {
    const int n = env_int(name);
    if (n > 0) return n;
  }
  // srun --mpi=pmix sets the rank but not the size.
  if (env_int("PMIX_RANK") >= 0) {
    const int n = env_int("SLURM_NTASKS");
    return n > 0 ? n : 1;
  }
  return 0;
}

Session::Session() {
  const int launched = launcher_world_size();
#ifdef RENKEI_HAVE_MPI
  if (launched == 0) return;
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "initialisation");
  active_ = true;
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    active_ = false;
    throw std::runtime_error(
        "the MPI library does not support MPI_THREAD_FUNNELED (worker threads beside MPI)");
  }
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "size");
#else
  if (launched > 1)
    throw std::runtime_error(
        "started by an MPI launcher as one of " + std::to_string(launched) +
        " processes, but this renkei was built without MPI (every process would run the "
        "whole sweep); rebuild with MPI (cmake -DRENKEI_MPI=ON, needs libopenmpi-dev) or "
        "run without mpirun and use -j THREADS");
#endif
}

Session::~Session() {
#ifdef RENKEI_HAVE_MPI
  if (!active_) return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
#endif
}

int Session::broadcast(int value) const {
#ifdef RENKEI_HAVE_MPI
  if (active_) check(MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD), "broadcast");
#endif
  return value;
}

void Session::barrier() const {
#ifdef RENKEI_HAVE_MPI
  if (active_) check(MPI_Barrier(MPI_COMM_WORLD), "barrier");
#endif
}

void Session::abort(int code) const {
#ifdef RENKEI_HAVE_MPI
  if (active_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::_Exit(code);
}

std::unique_ptr<WorkSource> make_coordinator(const Session& session, std::vector<TaskRange> chunks,
                                             const std::atomic<bool>* stop) {
#ifdef RENKEI_HAVE_MPI
  if (session.size() > 1)
    return std::make_unique<Coordinator>(session.size(), std::move(chunks), stop);
#else
  (void)session;
#endif
  // One process: the runner's own stop flag ends the hand-out.
  (void)stop;
  return std::make_unique<ListSource>(std::move(chunks));
}

std::unique_ptr<WorkSource> make_remote_source(const Session& session) {
#ifdef RENKEI_HAVE_MPI
  if (session.size() > 1) return std::make_unique<Remote>();
#else
  (void)session;
#endif
  throw std::logic_error("make_remote_source: only for ranks other than 0 of an MPI job");
}

}  // namespace renkei::mpi
