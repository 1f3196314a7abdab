// Tests of the counter-based streams: the Philox known answers, the stream layout that the
// reproducibility contract rests on, independence of streams, and uniformity of the bits.
#include "core/rng.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace {

using renkei::rng::Mechanism;
using renkei::rng::Stream;
namespace st = renkei::stat_test;

constexpr std::uint64_t kSeed = 20050401;

std::vector<std::uint32_t> first_u32(Stream s, std::size_t n) {
  std::vector<std::uint32_t> v(n);
  for (auto& x : v) x = s.next_u32();
  return v;
}

// Equal positions of two sequences; for independent uniform 32-bit words the expected
// number among n is n / 2^32, so any coincidence in a few dozen words means shared state.
std::size_t coincidences(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t c = 0;
  for (std::size_t i = 0; i < a.size(); ++i) c += a[i] == b[i] ? 1 : 0;
  return c;
}

}  // namespace

TEST_CASE("stat helpers: chi-squared critical values match closed forms", "[rng][stat-helpers]") {
  // df = 2: chi2 is exponential with mean 2, so c = -2 ln(alpha) = 18.42068.
  CHECK(st::chi_squared_critical(2, 1e-4) == Approx(-2.0 * std::log(1e-4)).epsilon(1e-10));
  // df = 1: c = z^2 with z the 1 - alpha/2 normal quantile, 3.890592 -> 15.13671.
  CHECK(st::chi_squared_critical(1, 1e-4) == Approx(15.13671).epsilon(1e-6));
  // The GOF helper must reject an obviously wrong model and flag mass in an empty category.
  const std::vector<std::uint64_t> counts{600, 400};
  CHECK_FALSE(st::chi_squared_gof(counts, {0.5, 0.5}).passes());  // chi2 = 40
  CHECK(st::chi_squared_gof(counts, {0.6, 0.4}).passes());        // chi2 = 0
  CHECK_FALSE(st::chi_squared_gof({5, 995}, {0.0, 1.0}).passes());
}

TEST_CASE("Philox4x32-10 known answers (Random123 tests/kat_vectors)", "[rng]") {
  // The three "philox4x32 10" lines of Random123's kat_vectors: counter, key, output.
  struct Kat {
    std::array<std::uint32_t, 4> ctr;
    std::array<std::uint32_t, 2> key;
    std::array<std::uint32_t, 4> out;
  };
  const std::array<Kat, 3> kats{{
      {{0u, 0u, 0u, 0u}, {0u, 0u}, {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}},
      {{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
       {0xffffffffu, 0xffffffffu},
       {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}},
      {{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
       {0xa4093822u, 0x299f31d0u},
       {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}},
  }};
  for (const auto& k : kats) {
    const Stream::engine_type::ctr_type ctr{{k.ctr[0], k.ctr[1], k.ctr[2], k.ctr[3]}};
    const Stream::engine_type::key_type key{{k.key[0], k.key[1]}};
    const auto out = Stream::engine_type{}(ctr, key);
    for (int i = 0; i < 4; ++i) CHECK(out.v[i] == k.out[static_cast<std::size_t>(i)]);
  }
}

TEST_CASE("stream layout: (seed, replicate, mechanism, entity, sub) map to key and counter",
          "[rng]") {
  // The mapping is part of the output's reproducibility contract; pin it to the engine.
  const std::uint64_t seed = 0x0123456789abcdefULL;
  const std::uint32_t rep = 17;
  const std::uint32_t entity = 4242;
  const std::uint32_t sub = 9;
  Stream s(seed, rep, Mechanism::meetings, entity, sub);
  CHECK(s.blocks_used() == 0);
  const Stream::engine_type::key_type key{{0x89abcdefu, 0x01234567u}};
  for (std::uint32_t block = 0; block < 3; ++block) {
    const Stream::engine_type::ctr_type ctr{{block, entity, (2u << 16) ^ sub, rep}};
    const auto expect = Stream::engine_type{}(ctr, key);
    for (int i = 0; i < 4; ++i) CHECK(s.next_u32() == expect.v[i]);
    CHECK(s.blocks_used() == block + 1);
  }
}

TEST_CASE("streams are reproducible and do not depend on other streams", "[rng]") {
  const std::size_t n = 2000;
  const auto alone = first_u32(Stream(kSeed, 3, Mechanism::formation, 11, 2), n);
  CHECK(first_u32(Stream(kSeed, 3, Mechanism::formation, 11, 2), n) == alone);
  CHECK(first_u32(renkei::rng::ReplicateStreams(kSeed, 3)(Mechanism::formation, 11, 2), n) ==
        alone);

  // Interleave the same stream with two others in an irregular pattern (taken from a
  // fourth stream), mixing 32-bit and 64-bit consumers: the sequence must not change.
  Stream a(kSeed, 3, Mechanism::formation, 11, 2);
  Stream b(kSeed, 3, Mechanism::formation, 12, 2);
  Stream c(kSeed, 4, Mechanism::outcomes, 11, 2);
  Stream pattern(kSeed, 0, Mechanism::test, 0);
  std::vector<std::uint32_t> interleaved;
  while (interleaved.size() < n) {
    const std::uint32_t r = pattern.next_u32();
    for (std::uint32_t j = 0; j < (r & 7u); ++j) (void)b.next_u32();
    if (r & 8u) (void)c.uniform();
    interleaved.push_back(a.next_u32());
  }
  CHECK(interleaved == alone);

  // A copy continues exactly where the original stands.
  Stream d(kSeed, 3, Mechanism::formation, 11, 2);
  for (int i = 0; i < 7; ++i) (void)d.next_u32();
  Stream e = d;
  CHECK(first_u32(d, 50) == first_u32(e, 50));
  CHECK(first_u32(d, 50) == std::vector<std::uint32_t>(alone.begin() + 7, alone.begin() + 57));
}

TEST_CASE("streams differing in any one identifier are different", "[rng]") {
  const std::size_t n = 64;
  const auto base = first_u32(Stream(kSeed, 5, Mechanism::meetings, 100, 3), n);
  const std::vector<std::pair<const char*, Stream>> others{
      {"seed", Stream(kSeed + 1, 5, Mechanism::meetings, 100, 3)},
      {"seed high word", Stream(kSeed + (1ULL << 32), 5, Mechanism::meetings, 100, 3)},
      {"replicate", Stream(kSeed, 6, Mechanism::meetings, 100, 3)},
      {"mechanism", Stream(kSeed, 5, Mechanism::trust, 100, 3)},
      {"entity", Stream(kSeed, 5, Mechanism::meetings, 101, 3)},
      {"sub", Stream(kSeed, 5, Mechanism::meetings, 100, 4)},
      {"sub high half", Stream(kSeed, 5, Mechanism::meetings, 100, 3 + (1u << 16))},
  };
  for (const auto& [what, s] : others) {
    INFO("differs in " << what);
    CHECK(coincidences(base, first_u32(s, n)) == 0);
  }

  // No two (mechanism, sub) pairs share a counter among the sub values the model can use;
  // the first block of each stream stands in for its counter. The mapping is injective for
  // sub < 2^16 by construction and was checked exhaustively for sub < 2^20 as well.
  std::vector<std::uint32_t> subs;
  for (std::uint32_t s = 0; s < 300; ++s) subs.push_back(s);
  for (std::uint32_t s : {0xFFFFu, 0x10000u, 0x10001u, 0x20000u, 0xFFFFFu, 0x100000u}) {
    subs.push_back(s);
  }
  const std::vector<Mechanism> mechs{
      Mechanism::population, Mechanism::meetings,    Mechanism::trust,   Mechanism::formation,
      Mechanism::outcomes,   Mechanism::information, Mechanism::program, Mechanism::attitude,
      Mechanism::survey,     Mechanism::initial,     Mechanism::test};
  std::set<std::pair<std::uint32_t, std::uint32_t>> firsts;
  for (auto m : mechs) {
    for (auto s : subs) {
      Stream x(kSeed, 0, m, 0, s);
      const std::uint32_t w0 = x.next_u32();
      firsts.insert({w0, x.next_u32()});
    }
  }
  CHECK(firsts.size() == mechs.size() * subs.size());
}

TEST_CASE("paired uniforms of neighbouring streams are uncorrelated", "[rng]") {
  // For independent streams the sample correlation r has SD 1/sqrt(n); |r| < 4/sqrt(n).
  const std::size_t n = 40000;
  const double bound = 4.0 / std::sqrt(static_cast<double>(n));
  Stream base(kSeed, 1, Mechanism::meetings, 7, 1);
  std::vector<double> x(n);
  for (auto& v : x) v = base.uniform();
  const std::vector<std::pair<const char*, Stream>> others{
      {"seed", Stream(kSeed + 1, 1, Mechanism::meetings, 7, 1)},
      {"replicate", Stream(kSeed, 2, Mechanism::meetings, 7, 1)},
      {"mechanism", Stream(kSeed, 1, Mechanism::trust, 7, 1)},
      {"entity", Stream(kSeed, 1, Mechanism::meetings, 8, 1)},
      {"sub", Stream(kSeed, 1, Mechanism::meetings, 7, 2)},
  };
  for (auto [what, s] : others) {
    std::vector<double> y(n);
    for (auto& v : y) v = s.uniform();
    INFO("differs in " << what);
    CHECK(std::fabs(st::correlation(x, y)) < bound);
  }
  // Lag-1 correlation within the stream, same bound.
  const std::vector<double> lead(x.begin(), x.end() - 1);
  const std::vector<double> lag(x.begin() + 1, x.end());
  CHECK(std::fabs(st::correlation(lead, lag)) < bound);
}

TEST_CASE("next_u32 high and low bits are uniform (chi-squared)", "[rng]") {
  // 256 cells, 2^18 words: expected 1024 per cell; df = 255, alpha = 1e-4, c = 347.65.
  Stream s(kSeed, 0, Mechanism::test, 1);
  const std::size_t n = 1u << 18;
  std::vector<std::uint64_t> high(256, 0);
  std::vector<std::uint64_t> low(256, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t w = s.next_u32();
    ++high[w >> 24];
    ++low[w & 0xFFu];
  }
  const std::vector<double> p(256, 1.0 / 256);
  const auto h = st::chi_squared_gof(high, p);
  const auto l = st::chi_squared_gof(low, p);
  INFO(h.detail);
  INFO(l.detail);
  CHECK(h.critical == Approx(347.65).margin(0.01));
  CHECK(h.passes());
  CHECK(l.passes());
}

TEST_CASE("uniform() and uniform_open() are uniform, in range, pairs too", "[rng]") {
  Stream s(kSeed, 0, Mechanism::test, 2);
  const std::size_t n = 100000;
  // Equidistribution: 500 cells, expected 200 each; df = 499, alpha = 1e-4.
  std::vector<std::uint64_t> cells(500, 0);
  double lo = 1.0;
  double hi = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = s.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    ++cells[static_cast<std::size_t>(u * 500.0)];
  }
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  const auto one = st::chi_squared_gof(cells, std::vector<double>(500, 1.0 / 500));
  INFO(one.detail);
  CHECK(one.passes());

  // Serial test: successive non-overlapping pairs in a 16 x 16 grid, 390.6 per cell.
  std::vector<std::uint64_t> grid(256, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = static_cast<std::size_t>(s.uniform() * 16.0);
    const auto b = static_cast<std::size_t>(s.uniform() * 16.0);
    ++grid[a * 16 + b];
  }
  const auto pairs = st::chi_squared_gof(grid, std::vector<double>(256, 1.0 / 256));
  INFO(pairs.detail);
  CHECK(pairs.passes());

  // The open variant never returns an endpoint and is just as uniform.
  std::vector<std::uint64_t> open_cells(100, 0);
  bool inside = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = s.uniform_open();
    inside = inside && u > 0.0 && u < 1.0;
    ++open_cells[static_cast<std::size_t>(u * 100.0)];
  }
  CHECK(inside);
  const auto open = st::chi_squared_gof(open_cells, std::vector<double>(100, 1.0 / 100));
  INFO(open.detail);
  CHECK(open.passes());
}
