// The targets file and the calibration file: the shipped ones load and say what the survey
// says; mistakes are reported with file, line, key and a fix.
#include "calibrate/calibration_file.hpp"
#include "calibrate/targets.hpp"
#include "scenario/input_error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace renkei;

namespace {

const std::string kSrc = RENKEI_SOURCE_DIR;

std::string all_messages(const InputErrors& e) {
  std::string out;
  for (const auto& x : e.errors())
    out += x.file + ":" + std::to_string(x.line) + ":" + std::to_string(x.column) + ": " + x.key + ": " + x.message +
           " | " + x.hint + "\n";
  return out;
}

}  // namespace

TEST_CASE("the shipped targets hold the study's figures with their bases", "[targets]") {
  const Targets t = load_targets(kSrc + "/scenarios/targets/tohoku2005.toml");
  CHECK(t.name == "tohoku2005");
  const TargetItem* q1 = t.find("survey_q1_collaborating");
  REQUIRE(q1);
  CHECK(q1->value == 0.232);
  CHECK(q1->n == 311);
  CHECK(q1->calibrate);
  // Sampling SE of a 23.2 % share of 311: sqrt(0.232 * 0.768 / 311) = 0.0239 ("about 2.5 points").
  CHECK(q1->standard_error() == Approx(0.0239).epsilon(0.01));
  const TargetItem* q2 = t.find("survey_q2_technical");
  REQUIRE(q2);
  CHECK(q2->n == 78);
  CHECK(q2->standard_error() == Approx(std::sqrt(0.59 * 0.41 / 78)));
  const TargetItem* cert = t.find("certifications_first_dec");
  REQUIRE(cert);
  CHECK(cert->value == 8);
  CHECK(cert->kind == TargetKind::cases);
  // Every Q1 and Q10 answer with its no-answer share sums to 100 % as in the study.
  double q1_sum = 0, q10_sum = 0;
  for (const auto& it : t.items) {
    if (it.name.rfind("survey_q1_", 0) == 0) q1_sum += it.value;
    if (it.name.rfind("survey_q10_", 0) == 0) q10_sum += it.value;
  }
  CHECK(q1_sum == Approx(1.0).margin(0.001));
  CHECK(q10_sum == Approx(0.998).margin(0.002));  // the study's Q10 figures sum to 99.8 %
  // Items without a mechanism are listed but never calibration targets.
  int not_modelled = 0;
  for (const auto& it : t.items) {
    if (!it.modelled) {
      ++not_modelled;
      CHECK_FALSE(it.calibrate);
    }
  }
  CHECK(not_modelled >= 4);  // at least Q2, Q3, Q7 and Q11 "other" have no mechanism
  // Q11's four measures and Q13's two reasons are simulated and fitted.
  for (const char* name : {"survey_q11_subsidy", "survey_q11_tax", "survey_q11_loans", "survey_q11_followup",
                           "survey_q13_hard_to_understand", "survey_q13_eligibility_unclear"}) {
    const TargetItem* it = t.find(name);
    REQUIRE(it);
    CHECK(it->modelled);
    CHECK(it->calibrate);
  }
  const TargetItem* q13 = t.find("survey_q13_hard_to_understand");
  CHECK(q13->n == 44);
  // Q7: the motives are simulated; the two without behaviour and "no answer" are not targets.
  const TargetItem* q7 = t.find("survey_q7_sales");
  REQUIRE(q7);
  CHECK(q7->n == 207);
  CHECK(q7->calibrate);
  const TargetItem* q7b = t.find("survey_q7_bargaining");
  REQUIRE(q7b);
  CHECK(q7b->modelled);
  CHECK_FALSE(q7b->calibrate);
}

TEST_CASE("the survey's 95 % interval is a Wilson interval, open above for 'at least'", "[targets]") {
  TargetItem it;
  it.value = 0.019;
  it.n = 311;
  auto [lo, hi] = it.interval95();
  CHECK(lo > 0.0);  // a Wald interval would go below 0 here
  CHECK(lo < 0.019);
  CHECK(hi > 0.019);
  CHECK(lo == Approx(0.0088).margin(0.0005));
  CHECK(hi == Approx(0.0415).margin(0.0005));
  it.at_least = true;
  CHECK(std::isinf(it.interval95().second));
}

TEST_CASE("a bad targets file is reported item by item", "[targets]") {
  const std::string path = kSrc + "/tests/data/targets/bad_item.toml";
  try {
    load_targets(path);
    FAIL("bad_item.toml loaded");
  } catch (const InputErrors& e) {
    const std::string m = all_messages(e);
    INFO(m);
    CHECK_THAT(m, Catch::Contains("bad_item.toml:5:"));
    CHECK_THAT(m, Catch::Contains("did you mean 'survey_q1_collaborating'"));
    CHECK_THAT(m, Catch::Contains("above 1"));
    CHECK_THAT(m, Catch::Contains("unknown kind 'proportion'"));
    CHECK_THAT(m, Catch::Contains("cannot be a calibration target"));
  }
  CHECK_THROWS_AS(load_targets(kSrc + "/tests/data/targets/missing.toml"), InputErrors);
}

TEST_CASE("a compared item measured on n = 0 respondents is refused", "[targets]") {
  // Its Wilson interval divides by n: NaN bounds would pass every comparison silently.
  const std::string item = "[targets]\nname = \"t\"\n\n[[item]]\nname = \"survey_q1_collaborating\"\nlabel = \"Q1\"\n"
                           "value = 0.2\nn = 0\nkind = \"share\"\nsource = \"test\"\n";
  try {
    load_targets_from_string(item, "n0.toml");
    FAIL("expected InputErrors");
  } catch (const InputErrors& e) {
    CHECK_THAT(all_messages(e), Catch::Contains("item.n: n = 0") && Catch::Contains("n > 0"));
  }
  // Listed for completeness only (modelled = false), "base not given" may stay n = 0.
  std::string unmodelled = item;
  const std::string name_line = "name = \"survey_q1_collaborating\"\n";
  unmodelled.replace(unmodelled.find(name_line), name_line.size(), "modelled = false\n");
  CHECK_NOTHROW(load_targets_from_string(unmodelled, "n0.toml"));
  CHECK_THROWS_WITH(load_targets("/dev/zero"), Catch::Contains("is a device"));
}

TEST_CASE("the shipped calibration file loads; a bad one is reported with fixes", "[targets]") {
  const CalibrationSpec spec = load_calibration(kSrc + "/scenarios/calibration/tohoku2005.toml");
  CHECK(spec.parameters.size() >= 10);
  CHECK(spec.abc.particles > 0);
  CHECK(spec.end == Date{2005, 12, 31});
  CHECK(spec.scenario == kSrc + "/scenarios/baseline.toml");
  try {
    load_calibration(kSrc + "/tests/data/calibration/bad_parameter.toml");
    FAIL("bad_parameter.toml loaded");
  } catch (const InputErrors& e) {
    const std::string m = all_messages(e);
    INFO(m);
    CHECK_THAT(m, Catch::Contains("calibration.replicates"));
    CHECK_THAT(m, Catch::Contains("abc.quantiel"));
    CHECK_THAT(m, Catch::Contains("population.open_share"));  // did you mean
    CHECK_THAT(m, Catch::Contains("empty range"));
    CHECK_THAT(m, Catch::Contains("log-scale range must be positive"));
  }
}
