// The random streams of ABC-SMC: one Philox stream per (seed, generation, candidate), from
// which the candidate's proposal and its simulator seed are both drawn. Candidates can thus
// be evaluated in any order on any thread and still be the same candidates.
#pragma once

#include "core/rng.hpp"

#include <Random123/philox.h>

#include <cstdint>

namespace renkei::abc {

// Satisfies dist::UniformSource. Its counters carry a domain tag in the word where model
// streams (core/rng.hpp) put their mechanism, a value no mechanism uses, so a calibration
// stream never coincides with a model stream even under the same 64-bit seed.
class CandidateStream {
 public:
  static constexpr std::uint32_t kDomain = 0xCA1B0000u;
  // Purpose codes in the generation word beyond any real generation index.
  static constexpr std::uint32_t kDrawsGeneration = 0xFFFFFFFFu;

  CandidateStream(std::uint64_t seed, std::uint32_t generation, std::uint64_t candidate) noexcept {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    ctr_ = {{0u, static_cast<std::uint32_t>(candidate),
             kDomain ^ static_cast<std::uint32_t>(candidate >> 32), generation}};
  }

  std::uint32_t next_u32() noexcept {
    if (used_ == 4) {
      block_ = r123::Philox4x32{}(ctr_, key_);
      ++ctr_.v[0];
      used_ = 0;
    }
    return block_.v[used_++];
  }
  std::uint64_t next_u64() noexcept {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }
  double uniform() noexcept {
    const std::uint32_t first = next_u32();
    return rng::unit_closed_open(first, next_u32());
  }
  double uniform_open() noexcept {
    const std::uint32_t first = next_u32();
    return rng::unit_open(first, next_u32());
  }

 private:
  r123::Philox4x32::key_type key_{};
  r123::Philox4x32::ctr_type ctr_{};
  r123::Philox4x32::ctr_type block_{};
  unsigned used_ = 4;
};

}  // namespace renkei::abc
