#include "scenario/params.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

TEST_CASE("parameter schema: defaults within bounds, keys unique", "[params]") {
  std::set<std::string> keys;
  renkei::Params p;
  for (const auto& d : renkei::param_schema()) {
    INFO(d.key);
    CHECK(keys.insert(std::string(d.key)).second);
    CHECK(d.min <= d.default_value);
    CHECK(d.default_value <= d.max);
    CHECK(d.get(p) == Approx(d.default_value));
    CHECK_FALSE(d.source.empty());
    CHECK_FALSE(d.unit.empty());
  }
}
