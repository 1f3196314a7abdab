// A parallel loop over indices for the ABC-SMC engine, with the ordering oneTBB guarantees
// restated through an atomic so that ThreadSanitizer can see it.
//
// Debian's libtbb is not built with -fsanitize=thread: that everything before parallel_for
// happens-before each body, and each body before parallel_for returns, is invisible to
// TSan, which then reports the parameters the bodies read and the results they write as
// races. tests/tsan.supp can only silence frames inside oneTBB's headers, and these frames
// are the project's own; the handshake costs two atomic operations per range.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <cstddef>

namespace renkei::abc {

// Calls body(i) for i in [0, n) on the threads of the calling task arena. Bodies for
// different i must touch disjoint results.
template <class Body>
void parallel_indices(std::size_t n, const Body& body) {
  std::atomic<std::size_t> handshake{0};
  handshake.store(1, std::memory_order_release);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const auto& range) {
    (void)handshake.load(std::memory_order_acquire);
    for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
    handshake.fetch_add(1, std::memory_order_release);
  });
  (void)handshake.load(std::memory_order_acquire);
}

}  // namespace renkei::abc
