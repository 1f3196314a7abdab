#include "bench/ceiling.hpp"

#include "bench/timing.hpp"
#include "core/huge_pages.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace renkei::bench {
namespace {

// A result every kernel adds to, so that the compiler cannot drop the work.
std::atomic<std::uint64_t> g_sink{0};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: a well-spread line index
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// Arithmetic on registers only: no memory traffic, so two threads should run at twice the
// rate of one unless the two cores are not independent (shared physical core, host load).
void compute_kernel(std::uint64_t iterations) {
  std::uint64_t x = 88172645463325252ull;
  std::uint64_t s = 0;
  for (std::uint64_t i = 0; i < iterations; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    s += x;
  }
  g_sink.fetch_add(s, std::memory_order_relaxed);
}

struct alignas(64) Line {
  std::uint64_t w[8];
};
using Lines = std::vector<Line, HugePageAllocator<Line>>;

Lines make_lines(std::size_t mib) {
  if (mib >= (std::size_t{1} << 18)) throw std::invalid_argument("working sets end below 256 GiB");
  Lines v(std::max<std::size_t>(1, mib * (std::size_t{1} << 20) / sizeof(Line)));
  for (std::size_t i = 0; i < v.size(); ++i) v[i].w[0] = i;  // touches every page
  return v;
}

// Random reads of whole lines, each requested kAhead reads before it is used: the pattern of
// the model's encounters at their best (every record asked for in time, none lost).
constexpr std::uint64_t kAhead = 12;
// n < 2^32 lines (256 GiB): the high half of the hash scaled to [0, n).
std::uint64_t line_index(std::uint64_t i, std::uint64_t n) { return ((mix(i) >> 32) * n) >> 32; }
void read_kernel(const Lines& v, std::uint64_t reads, std::uint64_t seed) {
  const std::uint64_t n = v.size();
  const std::uint64_t base = seed << 40;
  std::uint64_t s = 0;
  for (std::uint64_t i = 0; i < reads; ++i) {
    __builtin_prefetch(&v[line_index(base + i + kAhead, n)]);
    s += v[line_index(base + i, n)].w[0];
  }
  g_sink.fetch_add(s, std::memory_order_relaxed);
}

// Seconds for `threads` threads each running `work(t)` at once.
template <class F>
double timed(int threads, const F& work) {
  const auto t0 = clock_type::now();
  std::vector<std::thread> ts;
  for (std::size_t t = 0; t < static_cast<std::size_t>(threads); ++t)
    ts.emplace_back([&work, t] { work(t); });
  for (auto& t : ts) t.join();
  return seconds_since(t0);
}

}  // namespace

int run_ceiling(const CeilingOptions& opt) {
  constexpr std::uint64_t kIterations = 500'000'000;
  constexpr std::uint64_t kReads = 100'000'000;
  const long l3 = ::sysconf(_SC_LEVEL3_CACHE_SIZE);
  std::printf("machine ceilings (kernels without the model's work; median of %d)\n", opt.repeats);
  // A virtual machine may report the host's caches, not its share of them.
  std::printf("  hardware threads online: %ld; L3 cache as the system reports it: %s\n",
              ::sysconf(_SC_NPROCESSORS_ONLN),
              l3 > 0 ? (std::to_string(l3 >> 20) + " MiB").c_str() : "not reported");

  // Two threads against one, each thread with a working set of its own the size of a
  // default-world replicate (as the ensemble runs them); alternated so that a change in the
  // machine's load falls on both.
  std::vector<Lines> sets;
  sets.push_back(make_lines(opt.small_mib));
  sets.push_back(make_lines(opt.small_mib));
  std::vector<double> c1, c2, m1, m2;
  for (int r = 0; r < opt.repeats; ++r) {
    c1.push_back(timed(1, [&](std::size_t) { compute_kernel(kIterations); }));
    c2.push_back(timed(2, [&](std::size_t) { compute_kernel(kIterations); }));
    m1.push_back(timed(1, [&](std::size_t t) { read_kernel(sets[t], kReads, t); }));
    m2.push_back(timed(2, [&](std::size_t t) { read_kernel(sets[t], kReads, t); }));
  }
  std::printf("  1 -> 2 threads, the same work per thread (speed-up = 2 x t1 / t2):\n");
  std::printf("    arithmetic only:                %.2fx  (%.2f s on 1, %.2f s on 2)\n",
              2 * median(c1) / median(c2), median(c1), median(c2));
  std::printf("    random reads, %zu MiB per thread: %.2fx  (%.2f s on 1, %.2f s on 2)\n",
              opt.small_mib, 2 * median(m1) / median(m2), median(m1), median(m2));

  // One thread: a random read from a small working set against one from a large one.
  sets.pop_back();
  const Lines large = make_lines(opt.large_mib);
  std::vector<double> small_ns, large_ns;
  for (int r = 0; r < opt.repeats; ++r) {
    small_ns.push_back(timed(1, [&](std::size_t) { read_kernel(sets[0], kReads, 7); }) / kReads *
                       1e9);
    large_ns.push_back(timed(1, [&](std::size_t) { read_kernel(large, kReads, 7); }) / kReads *
                       1e9);
  }
  std::printf("  one thread, a random 64-byte read requested %llu reads ahead:\n",
              static_cast<unsigned long long>(kAhead));
  std::printf("    from %zu MiB: %.2f ns;  from %zu MiB: %.2f ns;  ratio %.2fx\n", opt.small_mib,
              median(small_ns), opt.large_mib, median(large_ns),
              median(large_ns) / median(small_ns));
  std::fflush(stdout);
  return 0;
}

}  // namespace renkei::bench
