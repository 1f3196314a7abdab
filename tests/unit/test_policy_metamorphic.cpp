// Metamorphic tests of the levers: raising a lever that should raise awareness,
// understanding, meetings or certifications does not lower them. Each lever family is run
// as a small paired ensemble (common random numbers: the same seed and replicate with and
// without the change) on a mid-sized world.
//
// Tolerance: with n paired replicates the mean difference d has standard error SE = SD(d)/sqrt(n).
// A lever wired the wrong way gives a mean difference several SE below zero; a correct one
// gives d >= 0 up to noise. The check fails if d < -3 SE (one-sided, about a 0.1 % false
// alarm under a true zero effect, by the normal approximation to the t distribution with
// n - 1 = 11 degrees of freedom, where 3 SE is a 0.6 % tail), or, when every difference is
// zero, passes trivially only if the family also shows a strictly positive effect somewhere
// (checked below so that a lever that does nothing cannot pass unnoticed).
#include "model_fixtures.hpp"

#include "model/model.hpp"
#include "model/series.hpp"
#include "scenario/policy_timeline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

constexpr int kReplicates = 12;
constexpr std::uint64_t kSeed = 20240611;

struct Paired {
  double mean = 0;
  double se = 0;
  bool any_positive = false;
};

using Measure = std::function<double(const RunResult&)>;

// The paired difference of `measure` between the scenario with the change and without it.
Paired paired_effect(const Scenario& base, const std::string& lever, LeverOp op, double operand,
                     const Measure& measure) {
  Scenario with = base;
  PolicyChange pc;
  pc.name = "raise " + lever;
  pc.start = Date{2005, 7, 1};
  const auto index = find_param(lever);
  REQUIRE(index.has_value());
  pc.levers = {LeverChange{*index, op, operand, LeverIntent::raise}};
  with.policies = {pc};
  REQUIRE(policy_problems(with, with.params, "the test base").empty());  // it does raise the lever
  std::vector<double> d;
  for (std::uint32_t r = 0; r < kReplicates; ++r) {
    const RunResult a = run_replicate(base, 0, kSeed, r);
    const RunResult b = run_replicate(with, 1, kSeed, r);
    REQUIRE(a.ok);
    REQUIRE(b.ok);
    d.push_back(measure(b) - measure(a));
  }
  Paired out;
  const double n = static_cast<double>(d.size());
  for (double x : d) out.mean += x / n;
  double ss = 0;
  for (double x : d) ss += (x - out.mean) * (x - out.mean);
  out.se = std::sqrt(ss / (n - 1) / n);
  for (double x : d) out.any_positive = out.any_positive || x > 0;
  return out;
}

Scenario base_scenario() {
  Scenario s = make_scenario(sized_world(2000), 52, Date{2006, 9, 30});
  return s;
}

double final_of(const RunResult& r, F f) { return r.final(f); }

double series_sum_from(const RunResult& r, S series, int from) {
  double total = 0;
  for (int t = from; t < r.steps; ++t) total += r.at(series, t);
  return total;
}

void check_not_lower(const Scenario& base, const std::string& lever, LeverOp op, double operand,
                     const Measure& m, const char* what) {
  const Paired p = paired_effect(base, lever, op, operand, m);
  INFO(lever << " -> " << what << ": mean paired difference " << p.mean << " (SE " << p.se << ")");
  CHECK(p.mean >= -3.0 * p.se);
  CHECK(p.any_positive);
}

}  // namespace

TEST_CASE("levers: more information routes do not lower awareness",
          "[model][policy][metamorphic]") {
  const Scenario base = base_scenario();
  const Measure aware = [](const RunResult& r) { return final_of(r, F::aware_share_end); };
  for (const char* lever :
       {"information.push_rate", "information.bank_rate", "information.institute_rate",
        "information.university_rate", "information.press_rate", "information.newsletter_rate",
        "information.local_gov_rate", "information.pull_rate"}) {
    check_not_lower(base, lever, LeverOp::add, 0.01, aware, "aware share");
  }
}

TEST_CASE("levers: briefings and clearer explanations do not lower understanding",
          "[model][policy][metamorphic]") {
  const Scenario base = base_scenario();
  const Measure understand = [](const RunResult& r) {
    return final_of(r, F::understand_share_end);
  };
  check_not_lower(base, "information.briefing_rate", LeverOp::add, 0.02, understand,
                  "understanding share");
  check_not_lower(base, "information.understand_channel", LeverOp::close_gap, 0.5, understand,
                  "understanding share");
}

TEST_CASE("levers: more meeting channels do not lower meetings", "[model][policy][metamorphic]") {
  const Scenario base = base_scenario();
  const int from = base.calendar().step_of(Date{2005, 7, 1});
  const Measure meetings = [from](const RunResult& r) {
    return series_sum_from(r, S::meetings, from);
  };
  for (const char* lever :
       {"meetings.rate_personal", "meetings.rate_industry", "meetings.rate_institute",
        "meetings.rate_university", "meetings.rate_bank", "meetings.rate_event",
        "meetings.rate_introduction"}) {
    check_not_lower(base, lever, LeverOp::add, 0.01, meetings, "meetings");
  }
}

TEST_CASE("levers: easier review and more coaching do not lower certifications",
          "[model][policy][metamorphic]") {
  // Under the eager program every aware, qualifying collaboration applies, so the review and
  // coaching levers are what limits certifications.
  Scenario base = base_scenario();
  base.params = eager_program_params();
  base.params.program_coaching_capacity = 2;
  base.params.program_acceptance_intercept = -1.0;
  base.params.program_consult_rate = 0.05;
  const Measure certs = [](const RunResult& r) { return final_of(r, F::certifications_end); };
  check_not_lower(base, "program.acceptance_intercept", LeverOp::add, 2.0, certs, "certifications");
  check_not_lower(base, "program.quality_boost", LeverOp::add, 0.5, certs, "certifications");
  check_not_lower(base, "program.coaching_capacity", LeverOp::add, 4, certs, "certifications");
  check_not_lower(base, "program.brushup_gain", LeverOp::add, 0.3, certs, "certifications");
  // Consultations, not certifications: with two brush-up places the queue, not the
  // consultation rate, limits certifications here.
  const int from = base.calendar().step_of(Date{2005, 7, 1});
  const Measure consultations = [from](const RunResult& r) {
    return series_sum_from(r, S::consultations, from);
  };
  check_not_lower(base, "program.consult_rate", LeverOp::close_gap, 0.5, consultations,
                  "consultations");
}
