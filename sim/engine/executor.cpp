#include "engine/executor.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

namespace renkei {

struct Executor::Arena {
  // The calling thread mostly waits on the workers, which need `threads` slots of their own.
  tbb::global_control parallelism;
  tbb::task_arena arena;

  explicit Arena(int threads)
      : parallelism(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads) + 1),
        arena(threads, 0) {}
};

void parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body) {
  // The handshake restates for ThreadSanitizer what parallel_for guarantees: everything
  // before it happens-before each body, and each body before it returns.
  std::atomic<std::size_t> handshake{0};
  handshake.store(1, std::memory_order_release);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const tbb::blocked_range<std::size_t>& range) {
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

void Executor::execute(const std::function<void()>& fn) { arena_->arena.execute(fn); }

void Executor::parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body) {
  arena_->arena.execute([&] { renkei::parallel_indices(n, body); });
}

void Executor::enqueue(std::function<void()> job) { arena_->arena.enqueue(std::move(job)); }

}  // namespace renkei
