// The held-out comparison: the 5 %-95 % band over replicates is the empirical quantile band
// (linear interpolation between order statistics), a figure on its edge is inside, and
// unfinished replicates (NaN) are left out.
#include "calibrate/validation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

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
