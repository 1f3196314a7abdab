// The targets file and the calibration file: the shipped ones load and say what the survey
// says; mistakes are reported with file, line, key and a fix.
#include "calibrate/calibration_file.hpp"
#include "calibrate/survey_fit.hpp"
#include "calibrate/targets.hpp"
#include "input/input_error.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace renkei;

namespace {

const std::string kSrc = RENKEI_SOURCE_DIR;

std::string all_messages(const InputErrors& e) {
  std::string out;
  for (const auto& x : e.errors())
    out += x.file + ":" + std::to_string(x.line) + ":" + std::to_string(x.column) + ": " + x.key +
           ": " + x.message + " | " + x.hint + "\n";
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
  // Q13's two reasons are simulated and fitted; Q11's four measures are simulated and held
  // out (their parameters are set from them), still counted as targets.
  for (const char* name : {"survey_q13_hard_to_understand", "survey_q13_eligibility_unclear"}) {
    const TargetItem* it = t.find(name);
    REQUIRE(it);
    CHECK(it->modelled);
    CHECK(it->calibrate);
  }
  for (const char* name :
       {"survey_q11_subsidy", "survey_q11_tax", "survey_q11_loans", "survey_q11_followup"}) {
    const TargetItem* it = t.find(name);
    REQUIRE(it);
    CHECK(it->modelled);
    CHECK_FALSE(it->calibrate);
    CHECK(it->role == TargetRole::target);
  }
  const TargetItem* q13 = t.find("survey_q13_hard_to_understand");
  CHECK(q13->n == 44);
  // Q7: the motives are simulated, but their parameters are the study's shares, so the
  // items are inputs (not counted, not fitted); "no answer" is a held-out consequence.
  const TargetItem* q7 = t.find("survey_q7_sales");
  REQUIRE(q7);
  CHECK(q7->n == 207);
  CHECK_FALSE(q7->calibrate);
  CHECK(q7->role == TargetRole::input);
  const TargetItem* q7b = t.find("survey_q7_bargaining");
  REQUIRE(q7b);
  CHECK(q7b->modelled);
  CHECK_FALSE(q7b->calibrate);
}

TEST_CASE("the survey's 95 % interval is a Wilson interval, open above for 'at least'",
          "[targets]") {
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
  const std::string item =
      "[targets]\nname = \"t\"\n\n[[item]]\nname = \"survey_q1_collaborating\"\nlabel = \"Q1\"\n"
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

TEST_CASE("item roles: targets, inputs and identities are read, checked and counted apart",
          "[targets]") {
  const Targets t = load_targets(kSrc + "/scenarios/targets/tohoku2005.toml");
  // No-answer shares set by survey.na_* and the response rate the fieldwork is scaled to
  // are inputs; the routing bases are identities; every calibration target is a target.
  for (const char* input : {"survey_respondents", "survey_q1_no_answer", "survey_q2_no_answer",
                            "survey_q3_no_answer", "survey_q10_no_answer"}) {
    INFO(input);
    REQUIRE(t.find(input));
    CHECK(t.find(input)->role == TargetRole::input);
  }
  for (const char* identity : {"survey_q2_base", "survey_q7_base"}) {
    INFO(identity);
    REQUIRE(t.find(identity));
    CHECK(t.find(identity)->role == TargetRole::identity);
  }
  for (const auto& it : t.items)
    if (it.calibrate) CHECK(it.role == TargetRole::target);
  CHECK(t.find("survey_capital_le_100m")->role == TargetRole::target);  // the default

  // The fit counts targets only: every row inside, inputs and identities apart.
  const FitTable fit = fit_table(t, [&](const std::string& name) {
    const TargetItem* it = t.find(name);
    const double v = it->kind == TargetKind::count ? it->value : it->comparable_value();
    return std::vector<double>(10, v);
  });
  int targets = 0, others = 0;
  for (const auto& it : t.items)
    if (it.modelled && !it.name.empty()) (it.role == TargetRole::target ? targets : others) += 1;
  CHECK(fit.tested == targets);
  CHECK(fit.other_tested == others);
  CHECK(others == 18);  // 7 inputs and identities of the survey's design + Q7's 11 motives
  CHECK(fit.inside == fit.tested);
  CHECK_THAT(fit.verdict(),
             Catch::Contains(std::to_string(targets) + " of " + std::to_string(targets) +
                             " targets inside") &&
                 Catch::Contains(
                     "inputs and identities (reproduced by construction, not counted): 18 of 18"));
  // Targets first, then the others, in file order within each.
  bool seen_other = false;
  for (const auto& r : fit.rows) {
    if (r.item->role != TargetRole::target)
      seen_other = true;
    else
      CHECK_FALSE(seen_other);
  }
  CHECK_THAT(format_fit_table(fit, "t"), Catch::Contains("-- inputs and identities"));

  // Bad roles: file, line, key and a fix; an input cannot be a calibration target.
  const std::string head =
      "[targets]\nname = \"t\"\n\n[[item]]\nname = \"survey_q1_no_answer\"\nlabel = \"Q1 NA\"\n"
      "value = 0.029\nn = 311\nkind = \"share\"\nsource = \"test\"\n";
  try {
    load_targets_from_string(head + "role = \"inpt\"\n", "roles.toml");
    FAIL("expected InputErrors");
  } catch (const InputErrors& e) {
    const std::string m = all_messages(e);
    INFO(m);
    CHECK_THAT(m, Catch::Contains("roles.toml:11:") && Catch::Contains("item.role") &&
                      Catch::Contains("unknown role 'inpt'") && Catch::Contains("use target"));
  }
  try {
    load_targets_from_string(head + "role = \"input\"\ncalibrate = true\n", "roles.toml");
    FAIL("expected InputErrors");
  } catch (const InputErrors& e) {
    CHECK_THAT(all_messages(e), Catch::Contains("item.role") &&
                                    Catch::Contains("cannot be a calibration target") &&
                                    Catch::Contains("remove calibrate = true"));
  }
  try {
    load_targets_from_string(head + "role = 3\n", "roles.toml");
    FAIL("expected InputErrors");
  } catch (const InputErrors& e) {
    CHECK_THAT(all_messages(e), Catch::Contains("item.role"));
  }
  CHECK(load_targets_from_string(head + "role = \"identity\"\n", "roles.toml").items[0].role ==
        TargetRole::identity);
  CHECK(load_targets_from_string(head, "roles.toml").items[0].role == TargetRole::target);
}

TEST_CASE("calibration file: fixed parameters, the stopping rule and removed keys", "[targets]") {
  const std::string dir = kSrc + "/scenarios/calibration/";
  const auto write = [](const std::string& text) {
    const std::string path = std::filesystem::temp_directory_path() /
                             ("renkei-cal-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path) << text;
    return path;
  };
  const std::string head =
      "[calibration]\nname = \"c\"\nscenario = \"" + dir + "../baseline.toml\"\ntargets = \"" +
      dir +
      "../targets/tohoku2005.toml\"\noutput = \"/tmp/c.toml\"\ndraws_output = \"/tmp/c.csv\"\n";
  const std::string estimated =
      "[[parameter]]\nkey = \"population.open_share\"\nmin = 0.4\nmax = 0.65\n";
  const std::string path = write(
      head + "\n[abc]\nmin_epsilon_decrease = 0.05\n\n" + estimated +
      "[[parameter]]\nkey = \"program.consult_rate\"\nfix = 0.5\nsource = \"assumption, docs\"\n");
  const CalibrationSpec spec = load_calibration(path);
  CHECK(spec.abc.min_epsilon_decrease == 0.05);
  REQUIRE(spec.parameters.size() == 1);
  REQUIRE(spec.fixed.size() == 1);
  CHECK(spec.fixed[0].key == "program.consult_rate");
  CHECK(spec.fixed[0].value == 0.5);
  CHECK(spec.fixed[0].source == "assumption, docs");
  const auto errors_of = [&](const std::string& text) {
    try {
      load_calibration(write(text));
    } catch (const InputErrors& e) {
      return all_messages(e);
    }
    return std::string("no error");
  };
  CHECK_THAT(
      errors_of(head + estimated + "[[parameter]]\nkey = \"program.consult_rate\"\nfix = 0.5\n"),
      Catch::Contains("parameter.source"));
  CHECK_THAT(
      errors_of(
          head + estimated +
          "[[parameter]]\nkey = \"program.consult_rate\"\nfix = 0.5\nmin = 0.1\nsource = \"s\"\n"),
      Catch::Contains("parameter.min") && Catch::Contains("also given a prior range"));
  CHECK_THAT(
      errors_of(head +
                "[[parameter]]\nkey = \"program.consult_rate\"\nfix = 0.5\nsource = \"s\"\n"),
      Catch::Contains("nothing to estimate"));
  CHECK_THAT(
      errors_of(head + estimated +
                "[[parameter]]\nkey = \"population.open_share\"\nfix = 0.5\nsource = \"s\"\n"),
      Catch::Contains("listed twice"));
  CHECK_THAT(
      errors_of(head + "polish_evaluations = 10\n" + estimated),
      Catch::Contains("calibration.polish_evaluations") && Catch::Contains("no longer used"));
  CHECK_THAT(errors_of(head + "\n[abc]\nmin_epsilon_decrease = 1.5\n\n" + estimated),
             Catch::Contains("abc.min_epsilon_decrease"));
  std::filesystem::remove(path);
}
