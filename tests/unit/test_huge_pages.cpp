// Tests of the huge-page allocator: large blocks are 2 MiB-aligned and usable, small ones
// come from the ordinary allocator, and a vector using it behaves as any vector (growth,
// copies, over-aligned elements).
#include "core/huge_pages.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

struct alignas(64) Line {
  std::uint64_t v[8];
};

}  // namespace

TEST_CASE("huge-page allocator: large blocks are aligned to the huge page", "[huge_pages]") {
  using A = renkei::HugePageAllocator<std::uint64_t>;
  A a;
  const std::size_t n = (A::kHugePage / sizeof(std::uint64_t)) * 3 + 5;  // not a whole page
  std::uint64_t* p = a.allocate(n);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % A::kHugePage == 0);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;  // every byte asked for is writable
  CHECK(p[n - 1] == n - 1);
  a.deallocate(p, n);
  std::uint64_t* q = a.allocate(10);  // small: the ordinary allocator, freed by it
  q[9] = 7;
  CHECK(q[9] == 7);
  a.deallocate(q, 10);
}

TEST_CASE("huge-page allocator: vectors grow across the threshold and keep their contents",
          "[huge_pages]") {
  std::vector<Line, renkei::HugePageAllocator<Line>> v;
  const std::size_t n = renkei::HugePageAllocator<Line>::kHugePage / sizeof(Line) * 2;
  for (std::size_t i = 0; i < n; ++i) {
    v.push_back(Line{});
    v.back().v[0] = i;
  }
  CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % alignof(Line) == 0);
  std::uint64_t sum = 0;
  for (const Line& l : v) sum += l.v[0];
  CHECK(sum == n * (n - 1) / 2);
  const auto copy = v;
  CHECK(copy.size() == n);
  CHECK(copy[n - 1].v[0] == n - 1);
  v.clear();
  v.shrink_to_fit();  // back below the threshold: the block is returned by the matching path
  CHECK(v.capacity() == 0);
}
