// Tests of the alias table: draws follow the weights (chi-squared, alpha = 1e-4),
// zero weights are never drawn, and invalid weights are refused.
#include "core/alias_table.hpp"
#include "core/rng.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace {

using renkei::AliasTable;
using renkei::rng::Mechanism;
using renkei::rng::Stream;
namespace st = renkei::stat_test;

constexpr std::size_t kDraws = 200000;

st::GofResult fit(const std::vector<double>& w, std::uint32_t entity) {
  const AliasTable table(w);
  Stream g(4242, 0, Mechanism::test, entity);
  std::vector<std::uint64_t> counts(w.size(), 0);
  for (std::size_t i = 0; i < kDraws; ++i) ++counts[table.draw(g)];
  double total = 0.0;
  for (double x : w) total += x;
  std::vector<double> p;
  for (double x : w) p.push_back(x / total);
  return st::chi_squared_gof(counts, p);
}

}  // namespace

TEST_CASE("alias table draws follow non-uniform weights, never zero weights", "[alias]") {
  // Zeros at the start, middle and end; a dominant and a rare category.
  const std::vector<double> w{0.0, 1.0, 2.0, 0.0, 3.5, 0.5, 0.0, 10.0, 0.01, 0.0};
  const AliasTable table(w);
  CHECK(table.size() == w.size());
  CHECK(table.total_weight() == Approx(17.01));
  const auto r = fit(w, 1);
  INFO(r.detail);  // a draw of a zero weight shows up here as an infinite statistic
  CHECK(r.passes());
}

TEST_CASE("alias table: equal weights and many random weights", "[alias]") {
  const auto eq = fit(std::vector<double>(7, 2.5), 2);
  INFO(eq.detail);
  CHECK(eq.passes());
  // 500 categories with weights spread over two orders of magnitude (400 draws each on
  // average): exercises long chains of small/large pairings in Vose's construction.
  Stream wg(4242, 0, Mechanism::test, 3);
  std::vector<double> w(500);
  for (auto& x : w) x = std::exp(4.6 * wg.uniform());
  const auto many = fit(w, 4);
  INFO(many.detail);
  CHECK(many.passes());
}

TEST_CASE("alias table with one category always draws it", "[alias]") {
  const std::vector<double> w{0.3};
  const AliasTable table(w);
  CHECK(table.size() == 1);
  Stream g(4242, 0, Mechanism::test, 5);
  bool only_zero = true;
  for (int i = 0; i < 1000; ++i) only_zero = only_zero && table.draw(g) == 0;
  CHECK(only_zero);
  // One positive weight among zeros behaves the same.
  const std::vector<double> w2{0.0, 0.0, 4.0, 0.0};
  const AliasTable t2(w2);
  bool only_two = true;
  for (int i = 0; i < 1000; ++i) only_two = only_two && t2.draw(g) == 2;
  CHECK(only_two);
}

TEST_CASE("alias table refuses invalid weights", "[alias]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  using V = std::vector<double>;
  CHECK_THROWS_AS(AliasTable(V{1.0, -0.5}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(V{1.0, nan}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(V{inf, 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(AliasTable(V{0.0, 0.0}), std::invalid_argument);
  // An empty table is valid (nothing to draw from) and says so.
  CHECK(AliasTable(V{}).empty());
  CHECK(AliasTable().empty());
}

TEST_CASE("alias table: a batch of draws is the sequence of single draws", "[alias]") {
  // draw_many prefetches the slots between the random numbers and the resolution; it must
  // consume the stream exactly as draw() does, so batches of every size from the same seed
  // give the same categories, and the stream continues at the same place afterwards.
  Stream wg(4242, 0, Mechanism::test, 5);
  std::vector<double> w(1000);
  for (auto& x : w) x = wg.uniform() < 0.1 ? 0.0 : std::exp(3.0 * wg.uniform());
  const AliasTable table(w);
  std::vector<double> scratch;
  for (std::size_t n : {0u, 1u, 7u, 300u}) {
    Stream one(4242, 0, Mechanism::test, 6);
    Stream many(4242, 0, Mechanism::test, 6);
    std::vector<std::uint32_t> expected(n), got(n);
    for (auto& x : expected) x = table.draw(one);
    table.draw_many(many, got, scratch);
    CHECK(got == expected);
    CHECK(one.next_u32() == many.next_u32());
  }
}
