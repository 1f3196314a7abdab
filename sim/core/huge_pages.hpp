// An allocator for the model's largest arrays (tie records and lists, alias tables): a block
// of 2 MiB or more is aligned to 2 MiB and offered to the kernel for transparent huge pages,
// so that the random reads of an encounter across a large world miss the TLB far less often.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

namespace renkei {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  // The huge page size of x86-64 and of most arm64 kernels; elsewhere the advice is ignored.
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) {
    if (!is_huge(n)) return std::allocator<T>{}.allocate(n);
    const std::size_t rounded = (n * sizeof(T) + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    // Advice only: where transparent huge pages are off, the block is ordinary memory and
    // the call's failure changes nothing, so its result is not checked.
    (void)::madvise(p, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (is_huge(n))
      std::free(p);  // NOLINT(cppcoreguidelines-no-malloc): it came from aligned_alloc
    else
      std::allocator<T>{}.deallocate(p, n);
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }

 private:
  // Overflow-safe: std::vector never asks for more than max_size() elements.
  static bool is_huge(std::size_t n) noexcept { return n >= kHugePage / sizeof(T); }
};

}  // namespace renkei
