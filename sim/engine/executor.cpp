#include "engine/executor.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

namespace renkei {

struct Executor::Arena {
  // The calling thread mostly waits on the workers, which need `threads` slots of their own.
  tbb::global_control parallelism;
  // For tasks handed out with enqueue: every slot is the workers', the calling thread only
  // hands out work and takes results back.
  tbb::task_arena workers;
  // For execute: the calling thread joins the loops it starts, in the slot kept for it.
  tbb::task_arena joined;
  // The hand-off of enqueued work (see enqueue).
  std::atomic<std::uint64_t> handed{0};

  explicit Arena(int threads)
      : parallelism(tbb::global_control::max_allowed_parallelism,
                    static_cast<std::size_t>(threads) + 1),
        workers(threads, 0),
        joined(threads, 1) {}
};

void parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body) {
  // The handshake restates for ThreadSanitizer what parallel_for guarantees: everything
  // before it happens-before each body, and each body before it returns.
  std::atomic<std::size_t> handshake{0};
  handshake.store(1, std::memory_order_release);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      (void)handshake.load(std::memory_order_acquire);
                      for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
                      handshake.fetch_add(1, std::memory_order_release);
                    });
  (void)handshake.load(std::memory_order_acquire);
}

Executor::Executor(int threads) : threads_(threads) {
  if (threads < 1) throw std::invalid_argument("threads must be >= 1");
  arena_ = std::make_unique<Arena>(threads);
}

Executor::~Executor() = default;

void Executor::execute(const std::function<void()>& fn) { arena_->joined.execute(fn); }

void Executor::parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body) {
  arena_->joined.execute([&] { renkei::parallel_indices(n, body); });
}

void Executor::enqueue(std::function<void()> job) {
  // The job is moved to the heap before the release and taken from there after the acquire,
  // so its hand-off is visible to ThreadSanitizer; oneTBB's task only carries two pointers
  // (that copy, inside oneTBB's headers, is what tests/tsan.supp covers).
  auto* owned = new std::function<void()>(std::move(job));
  Arena* arena = arena_.get();
  arena->handed.fetch_add(1, std::memory_order_release);
  arena->workers.enqueue([owned, arena] {
    (void)arena->handed.load(std::memory_order_acquire);
    const std::unique_ptr<std::function<void()>> run(owned);
    (*run)();
  });
}

}  // namespace renkei
