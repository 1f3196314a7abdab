// Posterior parameter draws: parsing the CSV `renkei calibrate` writes, applying a draw to
// parameters, the replicate-to-draw rule, and every refusal with its file:line:column.
#include "input/input_error.hpp"
#include "input/sha256.hpp"
#include "scenario/parameter_draws.hpp"
#include "scenario/params.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace renkei;

namespace {

// The errors of parsing `text`, one formatted line each; empty if it parsed.
std::vector<std::string> errors_of(const std::string& text) {
  try {
    (void)parse_parameter_draws(text, "d.csv");
  } catch (const InputErrors& e) {
    std::vector<std::string> out;
    for (const auto& err : e.errors()) out.push_back(err.format());
    return out;
  }
  return {};
}

std::string only_error(const std::string& text) {
  const auto errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  return errors.front();
}

}  // namespace

TEST_CASE("parameter draws: a calibrate-style file parses and applies", "[runctl][draws]") {
  const std::string text =
      "population.open_share,formation.intercept\n"
      "0.55,-3.5\n"
      "0.6,-3.2\n"
      "\n"
      "0.5,-3.9\n";
  const ParameterDraws d = parse_parameter_draws(text, "draws.csv");
  REQUIRE(d.size() == 3);
  REQUIRE(d.columns.size() == 2);
  CHECK(param_schema()[d.columns[0]].key == "population.open_share");
  CHECK(param_schema()[d.columns[1]].key == "formation.intercept");
  CHECK(d.sha256 == sha256_hex(text));
  CHECK(d.describe() == "draws.csv sha256 " + sha256_hex(text) + ", 3 draws");

  Params p;
  const double other = p.population_activity_size_elasticity;
  d.apply(1, p);
  CHECK(p.population_open_share == 0.6);
  CHECK(p.formation_intercept == -3.2);
  CHECK(p.population_activity_size_elasticity == other);  // columns not in the file stay

  // Replicate r uses draw r mod D.
  CHECK(d.draw_for(0) == 0);
  CHECK(d.draw_for(2) == 2);
  CHECK(d.draw_for(3) == 0);
  CHECK(d.draw_for(7) == 1);
}

TEST_CASE("parameter draws: CRLF line ends, blanks around cells and the shipped sample",
          "[runctl][draws]") {
  const ParameterDraws d = parse_parameter_draws(
      " population.open_share , formation.intercept\r\n 0.5 , -3\r\n", "w.csv");
  REQUIRE(d.size() == 1);
  CHECK(d.values == std::vector<double>{0.5, -3.0});
  const ParameterDraws sample =
      load_parameter_draws(std::string(RENKEI_TEST_DATA) + "/draws/small.csv");
  CHECK(sample.size() == 3);
}

TEST_CASE("parameter draws: bad files name file, line, column, key and the fix",
          "[runctl][draws]") {
  SECTION("empty file") {
    CHECK_THAT(only_error(""), Catch::StartsWith("d.csv:1:1: error: the file is empty"));
    CHECK_THAT(only_error("\n  \n"), Catch::Contains("the file is empty"));
  }
  SECTION("header only") {
    CHECK_THAT(only_error("population.open_share\n"),
               Catch::Contains("d.csv:2:1: error: the file has a header but no draws"));
  }
  SECTION("unknown key with a did-you-mean hint") {
    const std::string e = only_error("population.open_share,formation.intercpt\n0.5,-3\n");
    CHECK_THAT(
        e, Catch::StartsWith("d.csv:1:23: error: key 'formation.intercpt': not a model parameter"));
    CHECK_THAT(e, Catch::Contains("did you mean 'formation.intercept'?"));
  }
  SECTION("repeated key and empty column name") {
    const auto e = errors_of("formation.intercept,formation.intercept,\n-3,-3,1\n");
    REQUIRE(e.size() == 2);
    CHECK_THAT(
        e[0],
        Catch::Contains(
            "d.csv:1:21: error: key 'formation.intercept': column repeated (first at column 1)"));
    CHECK_THAT(e[1], Catch::Contains("d.csv:1:41: error: empty column name"));
  }
  SECTION("wrong number of cells") {
    const auto e = errors_of("population.open_share,formation.intercept\n0.5\n0.5,-3,7\n");
    REQUIRE(e.size() == 2);
    CHECK_THAT(e[0], Catch::StartsWith("d.csv:2:4: error: row has 1 cell for 2 parameter columns"));
    CHECK_THAT(e[1],
               Catch::StartsWith("d.csv:3:8: error: row has 3 cells for 2 parameter columns"));
  }
  SECTION("non-numeric and non-finite cells") {
    const auto e =
        errors_of("population.open_share,formation.intercept\n0.5,abc\n0.5x,-3\n,-3\n0.5,inf\n");
    REQUIRE(e.size() == 4);
    CHECK_THAT(e[0], Catch::StartsWith(
                         "d.csv:2:5: error: key 'formation.intercept': 'abc' is not a number"));
    CHECK_THAT(e[1], Catch::StartsWith(
                         "d.csv:3:1: error: key 'population.open_share': '0.5x' is not a number"));
    CHECK_THAT(e[2], Catch::StartsWith(
                         "d.csv:4:1: error: key 'population.open_share': '' is not a number"));
    CHECK_THAT(e[3], Catch::StartsWith(
                         "d.csv:5:5: error: key 'formation.intercept': 'inf' is not finite"));
  }
  SECTION("values outside the schema bounds") {
    // population.open_share is a share in [0, 1] (sim/scenario/param_list.hpp).
    const std::string e = only_error("formation.intercept,population.open_share\n-3,1.5\n");
    CHECK_THAT(e, Catch::StartsWith("d.csv:2:4: error: key 'population.open_share': 1.5 is outside "
                                    "the parameter's range [0, 1]"));
    CHECK(errors_of("population.open_share\n0\n1\n").empty());  // the bounds themselves are allowed
  }
  SECTION("a missing file") {
    CHECK_THROWS_WITH(
        load_parameter_draws("/nonexistent/draws.csv"),
        Catch::StartsWith("/nonexistent/draws.csv: error: cannot read the parameter-draws file"));
  }
}
