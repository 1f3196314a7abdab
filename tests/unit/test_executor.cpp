// The parallel executor: ordered hand-back within a bounded window, unordered loops, and
// errors that propagate only once every task handed out has finished.
#include "engine/executor.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace renkei;

TEST_CASE("ordered_map hands results back in index order within its window",
          "[parallel][executor]") {
  for (const int threads : {1, 2, 3}) {
    for (const std::uint64_t window : {1u, 2u, 7u, 100u}) {
      Executor executor(threads);
      std::atomic<std::uint64_t> running{0};
      std::atomic<std::uint64_t> most{0};
      std::vector<std::uint64_t> seen;
      executor.ordered_map<std::uint64_t>(
          5, 45, window,
          [&](std::uint64_t i) {
            const std::uint64_t now = running.fetch_add(1) + 1;
            std::uint64_t prev = most.load();
            while (now > prev && !most.compare_exchange_weak(prev, now)) {
            }
            // Later tasks finish first now and then, so the hand-back has to reorder.
            if (i % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
            running.fetch_sub(1);
            return i * i;
          },
          [&](std::uint64_t i, std::uint64_t& r) {
            CHECK(r == i * i);
            seen.push_back(i);
          });
      std::vector<std::uint64_t> expected(40);
      std::iota(expected.begin(), expected.end(), 5);
      CHECK(seen == expected);
      CHECK(most.load() <= window);
    }
  }
}

TEST_CASE("ordered_map propagates a task's or the consumer's exception", "[parallel][executor]") {
  Executor executor(2);
  std::vector<std::uint64_t> seen;
  CHECK_THROWS_WITH(executor.ordered_map<int>(
                        0, 50, 4,
                        [](std::uint64_t i) -> int {
                          if (i == 9) throw std::runtime_error("task 9 failed");
                          return static_cast<int>(i);
                        },
                        [&](std::uint64_t i, int&) { seen.push_back(i); }),
                    "task 9 failed");
  CHECK(seen.size() <= 9);
  int consumed = 0;
  CHECK_THROWS_WITH(executor.ordered_map<int>(
                        0, 50, 4, [](std::uint64_t i) { return static_cast<int>(i); },
                        [&](std::uint64_t, int&) {
                          if (++consumed == 3) throw std::runtime_error("writer failed");
                        }),
                    "writer failed");
  CHECK(consumed == 3);
}

TEST_CASE("parallel_indices visits every index once", "[parallel][executor]") {
  for (const int threads : {1, 3}) {
    Executor executor(threads);
    std::vector<int> hits(1000, 0);
    executor.parallel_indices(hits.size(), [&](std::size_t i) { hits[i] += 1; });
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    // Loops inside execute run on the executor's threads too.
    std::vector<double> out(100);
    executor.execute([&] {
      parallel_indices(out.size(), [&](std::size_t i) { out[i] = 0.5 * static_cast<double>(i); });
    });
    CHECK(out[99] == 49.5);
  }
}

TEST_CASE("a stream returns results as tasks finish and waits for them on the way out",
          "[parallel][executor]") {
  Executor executor(2);
  std::atomic<int> finished{0};
  {
    Executor::Stream<int> stream(executor);
    for (int i = 0; i < 3; ++i)
      stream.submit([i, &finished] {
        finished.fetch_add(1);
        return i;
      });
    int got = 0;
    while (got < 3) got += static_cast<int>(stream.collect(std::chrono::milliseconds(2)).size());
    CHECK(stream.in_flight() == 0);
    // These run until asked to stop.
    for (int i = 3; i < 6; ++i)
      stream.submit([i, &finished, &stream] {
        while (!stream.stop_requested().load()) std::this_thread::yield();
        finished.fetch_add(1);
        return i;
      });
    CHECK(stream.collect(std::chrono::milliseconds(2)).empty());
    CHECK(stream.in_flight() == 3);
    // The destructor asks the rest to stop and waits for them.
  }
  CHECK(finished.load() == 6);
}
