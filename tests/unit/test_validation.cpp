// The held-out comparison: the 5 %-95 % band over replicates is the empirical quantile band
// (linear interpolation between order statistics), a figure on its edge is inside, and
// unfinished replicates (NaN) are left out.
#include "calibrate/validation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using renkei::block_values;
using renkei::compare_item;
using renkei::ValidationItem;

TEST_CASE("validation: band, inside and outside", "[validation]") {
  ValidationItem item;
  item.value = 20.0;
  std::vector<double> v;
  for (int i = 1; i <= 21; ++i) v.push_back(i);  // quantile positions 0.05·20 = 1 and 0.95·20 = 19
  v.push_back(std::nan(""));
  const auto row = compare_item(item, v);
  REQUIRE(row.compared);
  CHECK(row.replicates == 21);
  CHECK(row.mean == Approx(11.0));
  CHECK(row.lo == Approx(2.0));
  CHECK(row.hi == Approx(20.0));
  CHECK(row.inside);  // on the edge
  item.value = 20.5;
  CHECK_FALSE(compare_item(item, v).inside);
  item.value = 1.5;
  CHECK_FALSE(compare_item(item, v).inside);
  CHECK_FALSE(compare_item(item, {3.0}).compared);
}

TEST_CASE("validation: per-block values of one scenario, one block or the sum over blocks",
          "[validation]") {
  // 2 scenarios × 3 replicates × 2 blocks, row-major; replicate 1 of scenario 1 failed and
  // replicate 2 of scenario 1 lacks its second block (NaN).
  const double nan = std::nan("");
  const std::vector<double> data = {1, 10, 2, 20, 3, 30,    // scenario 0
                                    4, 40, 5, 50, 6, nan};  // scenario 1
  const std::vector<double> ok = {1, 1, 1, 1, 0, 1};
  CHECK(block_values(data, ok, 3, 2, 0, {0}) == std::vector<double>{1, 2, 3});
  CHECK(block_values(data, ok, 3, 2, 0, {1}) == std::vector<double>{10, 20, 30});
  CHECK(block_values(data, ok, 3, 2, 0, {0, 1}) == std::vector<double>{11, 22, 33});
  CHECK(block_values(data, ok, 3, 2, 1, {0}) == std::vector<double>{4, 6});
  CHECK(block_values(data, ok, 3, 2, 1, {0, 1}) == std::vector<double>{44});
  const auto row = renkei::compare_values(22.0, block_values(data, ok, 3, 2, 0, {0, 1}));
  REQUIRE(row.compared);
  CHECK(row.mean == Approx(22.0));
  CHECK(row.inside);
}
