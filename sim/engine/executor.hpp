// The one parallel executor of the project: the ensemble, sweeps, ABC-SMC and the validation
// runs all hand their tasks to it, so the worker arena, the bound on parallelism and the
// hand-off between the calling thread and the workers exist once.
//
// Two ways to use it:
//  - ordered_map: tasks i in [first, end) run on the workers, at most `window` of them in
//    flight or waiting for their turn (bounded memory), and their results come back to one
//    consumer on the calling thread in index order (the single writer / aggregator);
//  - parallel_indices: body(i) for every i, in any order, returning when all are done.
// A Stream is the building block under ordered_map for callers that take results in
// completion order and must keep the calling thread free in between (the sweep runner polls
// its work source and a stop flag while it waits).
//
// Debian's libtbb is not built with -fsanitize=thread, so ThreadSanitizer cannot see the
// ordering oneTBB guarantees between the code that hands work out, the workers and the code
// that takes results back. Every hand-off here restates that ordering through an atomic
// (release before the work is handed out, acquire where it starts; release as a task
// finishes, acquire where its result is taken), which costs a few atomic operations per task.
// Results come back through a mutex, which TSan sees.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace renkei {

// Calls body(i) for i in [0, n) in parallel on the threads of the calling task arena (an
// Executor's, inside Executor::execute; otherwise oneTBB's default one). Bodies for
// different i must touch disjoint results. The first exception a body throws propagates
// once the loop has stopped.
void parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body);

class Executor {
 public:
  // `threads` >= 1 worker threads; while the executor lives, oneTBB uses at most threads + 1
  // (the workers and the calling thread, which only hands out work and takes results).
  explicit Executor(int threads);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  int threads() const noexcept { return threads_; }

  // Runs fn on the calling thread inside the executor's arena: parallel loops in it use the
  // executor's threads.
  void execute(const std::function<void()>& fn);

  // parallel_indices on the executor's threads.
  void parallel_indices(std::size_t n, const std::function<void(std::size_t)>& body);

  // Runs task(i) for every i in [first, end) on the workers and calls consume(i, result) on
  // the calling thread for i = first, first + 1, ... in order. At most `window` (>= 1) tasks
  // are running or waiting for their turn at any time. An exception from a task or from
  // consume propagates after every task handed out has finished; no further consume call is
  // made.
  template <class Result, class Task, class Consume>
  void ordered_map(std::uint64_t first, std::uint64_t end, std::uint64_t window, const Task& task,
                   const Consume& consume);

  template <class Result>
  class Stream;

 private:
  // Runs job on a worker thread, later. Everything the calling thread did before the call
  // happens-before the job starts, visibly to ThreadSanitizer.
  void enqueue(std::function<void()> job);

  struct Arena;
  int threads_;
  std::unique_ptr<Arena> arena_;
};

// Tasks handed to the executor's workers, their results taken back on the calling thread in
// the order the tasks finish. Every call but the tasks themselves comes from one thread.
template <class Result>
class Executor::Stream {
 public:
  explicit Stream(Executor& executor) : executor_(executor) {}
  // Requests a stop, then waits for every task handed out to finish: nothing a task uses
  // may go away before it has, even when the caller unwinds.
  ~Stream() {
    stop_.store(true, std::memory_order_release);
    while (finished_.load(std::memory_order_acquire) < launched_) std::this_thread::yield();
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Runs fn() -> Result on a worker. An exception from fn is rethrown by the collect that
  // would have returned its result.
  template <class Fn>
  void submit(Fn fn) {
    ++launched_;
    executor_.enqueue([this, job = std::move(fn)]() mutable {
      std::optional<Result> result;
      std::exception_ptr error;
      try {
        result.emplace(job());
      } catch (...) {
        error = std::current_exception();
      }
      {
        const std::lock_guard lock(mutex_);
        ready_.push_back(Item{std::move(result), error});
      }
      ready_cv_.notify_one();
      // The task's very last action: after it, the stream may be destroyed.
      finished_.fetch_add(1, std::memory_order_release);
    });
  }

  // Tasks handed out whose results have not been collected yet.
  std::uint64_t in_flight() const noexcept { return launched_ - collected_; }

  // The results of the tasks finished since the last call, in the order they finished;
  // waits up to `timeout` for the first (for ever if none is given and a task is in
  // flight). Empty when none finished in time.
  std::vector<Result> collect(std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    std::deque<Item> batch;
    {
      std::unique_lock lock(mutex_);
      if (timeout) {
        ready_cv_.wait_for(lock, *timeout, [&] { return !ready_.empty(); });
      } else if (in_flight() > 0) {
        ready_cv_.wait(lock, [&] { return !ready_.empty(); });
      }
      batch.swap(ready_);
    }
    (void)finished_.load(std::memory_order_acquire);
    collected_ += batch.size();
    std::vector<Result> out;
    out.reserve(batch.size());
    for (Item& item : batch) {
      if (item.error) std::rethrow_exception(item.error);
      out.push_back(std::move(*item.result));
    }
    return out;
  }

  // Tells the running tasks to stop early (those that look at stop_requested()).
  void request_stop() noexcept { stop_.store(true, std::memory_order_release); }
  const std::atomic<bool>& stop_requested() const noexcept { return stop_; }

 private:
  struct Item {
    std::optional<Result> result;
    std::exception_ptr error;
  };

  Executor& executor_;
  std::mutex mutex_;
  std::condition_variable ready_cv_;
  std::deque<Item> ready_;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> finished_{0};
  std::uint64_t launched_ = 0;
  std::uint64_t collected_ = 0;
};

template <class Result, class Task, class Consume>
void Executor::ordered_map(std::uint64_t first, std::uint64_t end, std::uint64_t window,
                           const Task& task, const Consume& consume) {
  if (window < 1)
    throw std::invalid_argument("ordered_map: the window must hold at least one task");
  Stream<std::pair<std::uint64_t, Result>> stream(*this);
  std::map<std::uint64_t, Result> waiting;
  std::uint64_t next_task = first;
  std::uint64_t next_out = first;
  while (next_out < end) {
    while (next_task < end && next_task - next_out < window) {
      const std::uint64_t i = next_task++;
      stream.submit([&task, i] { return std::pair<std::uint64_t, Result>(i, task(i)); });
    }
    for (auto& [i, result] : stream.collect()) waiting.emplace(i, std::move(result));
    for (auto it = waiting.find(next_out); it != waiting.end(); it = waiting.find(next_out)) {
      consume(next_out, it->second);
      waiting.erase(it);
      ++next_out;
    }
  }
}

}  // namespace renkei
