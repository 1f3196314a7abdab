// Counter-based random streams (Philox4x32-10): the only source of randomness in a run.
//
// A stream is identified by (master seed, replicate, mechanism, entity, sub) and yields
// a fixed sequence whatever thread runs it and whatever other streams were used before.
// Replicate r of every scenario therefore sees the same draws for the same mechanism
// (common random numbers), and a policy that adds draws to one mechanism does not shift
// the draws of any other.
#pragma once

#include <Random123/philox.h>

#include <cstdint>

namespace renkei::rng {

// Mechanisms own disjoint streams. Values are part of the output's reproducibility
// contract: never renumber, only append.
enum class Mechanism : std::uint16_t {
  population = 1,   // synthetic firms drawn from the world file
  meetings = 2,     // encounter counts, initiators and partners
  trust = 3,        // trust-related randomness (reserved)
  formation = 4,    // formation decisions, governance, form, content
  outcomes = 5,     // returns, costs, leakage, stage changes
  information = 6,  // program information: pull, word of mouth, policy channels
  program = 7,      // the measures each firm values (entity: firm), drawn at initialisation
  attitude = 8,     // openness changes after failures and over time
  survey = 9,       // the simulated questionnaire
  initial = 10,     // initial collaborations and ties
  encounter = 11,   // partner choice of one encounter (entity: channel << 24 | index)
  encounter_formation = 12,  // formation decision of one encounter (same entity)
  information_event = 13,    // one word-of-mouth contact (entity: route << 24 | index)
  design = 14,          // sweep designs (random, Latin hypercube, Saltelli and Morris sampling)
  bootstrap = 15,       // bootstrap resampling of sensitivity indices
  coaching_place = 16,  // a support team's coaching place (entity: block << 24 | place): coaching
                        // end, review time, acceptance draw
  motives = 17,  // a firm's motives for collaborating (entity: firm), drawn at initialisation
  encounter_external = 18,    // whether an encounter reaches an out-of-region partner, and which
                              // (entity as for encounter)
  credibility_external = 19,  // the same for a certified firm's extra encounters (entity: firm)
  test = 0xFFFF,              // reserved for tests
};

// 53-bit conversions of two words to [0, 1) and to (0, 1); free functions so that their
// end points can be tested directly.
constexpr double unit_closed_open(std::uint32_t first, std::uint32_t second) noexcept {
  const std::uint64_t hi = first >> 5;   // 27 bits
  const std::uint64_t lo = second >> 6;  // 26 bits
  return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
}

constexpr double unit_open(std::uint32_t first, std::uint32_t second) noexcept {
  const std::uint64_t hi = first >> 5;
  const std::uint64_t lo = second >> 6;
  // (2^53 - 1 + 0.5) / 2^53 rounds to 1.0, so the top value is pinned just below 1.
  const double u = (static_cast<double>((hi << 26) | lo) + 0.5) * 0x1.0p-53;
  return u < 1.0 ? u : 0x1.fffffffffffffp-1;
}

class Stream {
 public:
  using engine_type = r123::Philox4x32;

  Stream(std::uint64_t seed, std::uint32_t replicate, Mechanism mechanism, std::uint32_t entity,
         std::uint32_t sub = 0) noexcept {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    ctr_ = {{0u, entity,
             (static_cast<std::uint32_t>(mechanism) << 16) ^ (sub & 0xFFFFu) ^
                 ((sub >> 16) * 0x9E3779B9u),
             replicate}};
  }

  // Next 32 uniformly distributed bits.
  std::uint32_t next_u32() noexcept {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept {
    const std::uint32_t first = next_u32();
    return unit_closed_open(first, next_u32());
  }

  // Uniform on (0, 1): safe for logarithms.
  double uniform_open() noexcept {
    const std::uint32_t first = next_u32();
    return unit_open(first, next_u32());
  }

  // Number of Philox blocks consumed so far (for tests of stream independence).
  std::uint32_t blocks_used() const noexcept { return ctr_.v[0]; }

 private:
  void refill() noexcept {
    block_ = engine_type{}(ctr_, key_);
    ++ctr_.v[0];
    used_ = 0;
  }

  engine_type::key_type key_{};
  engine_type::ctr_type ctr_{};
  engine_type::ctr_type block_{};
  unsigned used_ = 4;
};

// The streams of one replicate: a factory bound to (seed, replicate).
class ReplicateStreams {
 public:
  ReplicateStreams(std::uint64_t seed, std::uint32_t replicate) noexcept
      : seed_(seed), replicate_(replicate) {}
  Stream operator()(Mechanism m, std::uint32_t entity, std::uint32_t sub = 0) const noexcept {
    return Stream(seed_, replicate_, m, entity, sub);
  }
  std::uint64_t seed() const noexcept { return seed_; }
  std::uint32_t replicate() const noexcept { return replicate_; }

 private:
  std::uint64_t seed_;
  std::uint32_t replicate_;
};

}  // namespace renkei::rng
