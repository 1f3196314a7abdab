// The simulated questionnaire: tabulation, routing, item non-response, the size-biased frame
// and trait-dependent response. Statistical checks follow stat_helpers.hpp (4 SE, chi-squared
// at alpha = 1e-4, fixed seeds).
#include "model/model.hpp"
#include "model/survey.hpp"
#include "model_fixtures.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace renkei;
using namespace renkei::model_test;
using renkei::stat_test::kSeTolerance;

namespace {

// The fixture world relabelled as the Tohoku block, so that the survey has a frame.
std::shared_ptr<const World> tohoku_world(std::int64_t firms) {
  auto w = std::make_shared<World>(*sized_world(firms));
  w->blocks[0].id = "tohoku";
  return w;
}

Scenario survey_scenario(std::int64_t firms) {
  Scenario s = make_scenario(tohoku_world(firms), 52, Date{2005, 12, 31});
  return s;
}

// Runs to the end of the fieldwork and returns the model (answers and state).
Model run_through_fieldwork(const Scenario& s, std::uint64_t seed, std::uint32_t replicate) {
  Model m(s, seed, replicate);
  const int end = s.calendar().step_of(kFieldworkEnd);
  while (m.current_step() <= end) m.step();
  return m;
}

double item(const RunResult& r, F f) { return r.final(f); }

}  // namespace

TEST_CASE("tabulate fills every survey item in declaration order", "[survey]") {
  SurveyAnswer collab;  // collaborating, technical + joint orders, contract, same-industry partner
  collab.employees = 80;
  collab.capital_le_10m = false;
  collab.capital_le_100m = true;
  collab.q1 = 0;
  collab.q2_answered = true;
  collab.q2 = content_technical | content_joint_orders;
  collab.q3_answered = true;
  collab.q3[static_cast<int>(Governance::contract)] = true;
  collab.partner_same_industry_same_pref = true;
  collab.q10 = 0;
  SurveyAnswer closed;  // not interested, unaware
  closed.employees = 20;
  closed.capital_le_10m = true;
  closed.capital_le_100m = true;
  closed.q1 = 3;
  closed.q10 = 3;
  SurveyAnswer silent;  // no answer to Q1 or Q10
  silent.employees = 200;
  const auto t = survey::tabulate({collab, closed, silent});
  const std::size_t first = static_cast<std::size_t>(F::survey_respondents);
  REQUIRE(t.size() == kFinalCount - first);
  auto at = [&](F f) { return t[static_cast<std::size_t>(f) - first]; };
  CHECK(at(F::survey_respondents) == 3);
  CHECK(at(F::survey_employees_mean) == Approx(100.0));
  CHECK(at(F::survey_employees_51_100) == Approx(1.0 / 3));
  CHECK(at(F::survey_employees_le_100) == Approx(2.0 / 3));
  CHECK(at(F::survey_capital_le_10m) == Approx(1.0 / 3));
  CHECK(at(F::survey_q1_collaborating) == Approx(1.0 / 3));
  CHECK(at(F::survey_q1_not_interested) == Approx(1.0 / 3));
  CHECK(at(F::survey_q1_no_answer) == Approx(1.0 / 3));
  CHECK(at(F::survey_q2_base) == 1);
  CHECK(at(F::survey_q2_technical) == 1.0);
  CHECK(at(F::survey_q2_joint_orders) == 1.0);
  CHECK(at(F::survey_q2_market) == 0.0);
  CHECK(at(F::survey_q3_contract) == 1.0);
  CHECK(at(F::survey_q3_trust) == 0.0);
  CHECK(at(F::survey_partner_same_industry_same_pref) == 1.0);
  CHECK(at(F::survey_q7_base) == 1);
  CHECK(at(F::survey_q10_know_expect) == Approx(1.0 / 3));
  CHECK(at(F::survey_q10_no_answer) == Approx(1.0 / 3));
  CHECK(at(F::survey_q11_no_answer) == Approx(2.0 / 3));
}

TEST_CASE("the survey samples the frame, routes and answers consistently", "[survey]") {
  const Scenario s = survey_scenario(4000);
  const Model m = run_through_fieldwork(s, 11, 0);
  const SurveyFieldwork& sv = m.survey();
  REQUIRE(sv.sample().size() == 1000);
  // Response: the probabilities average to the study's rate over the sample, so the count
  // has mean 311 and at most the binomial variance 1000 * 0.311 * 0.689.
  const double sd = std::sqrt(1000 * 0.311 * 0.689);
  CHECK(std::fabs(static_cast<double>(sv.answers().size()) - 311.0) < kSeTolerance * sd);
  for (const SurveyAnswer& a : sv.answers()) {
    const bool routed = a.q1 == 0 || a.q1 == 1;
    if (!routed) {
      CHECK_FALSE(a.q2_answered);
      CHECK_FALSE(a.q3_answered);
      CHECK_FALSE(a.partner_same_industry_same_pref);
      CHECK_FALSE(a.partner_other_industry_same_pref);
    }
    if (a.q2_answered) CHECK(a.q2 != 0);  // every collaboration has some content
    if (a.q3_answered) CHECK((a.q3[0] || a.q3[1] || a.q3[2]));
    CHECK(a.q10 >= -1);
    CHECK(a.q10 <= 3);
  }
  // Every respondent was mailed.
  for (std::uint32_t f : sv.sample()) CHECK(f < m.state().n_firms());
}

TEST_CASE("collaborating respondents report their collaborations' content and framework",
          "[survey]") {
  const Scenario s = survey_scenario(4000);
  Model m(s, 5, 0);
  const int first = s.calendar().step_of(kFieldworkStart);
  while (m.current_step() <= first) m.step();
  const ModelState& st = m.state();
  int checked = 0;
  for (std::uint32_t f = 0; f < st.n_firms() && checked < 200; ++f) {
    if (st.firms.n_memberships[f] == 0) continue;
    auto g = rng::Stream(99, 0, rng::Mechanism::survey, f, 0);
    Params p = m.params();
    p.survey_na_q1 = p.survey_na_q2 = p.survey_na_q3 = p.survey_na_q10 = 0.0;
    const SurveyAnswer a = survey::answer(st, p, f, m.current_step(), g);
    REQUIRE(a.q1 == 0);
    std::uint8_t content = 0;
    std::array<bool, kGovernances> gov{};
    for (int k = 0; k < st.firms.n_memberships[f]; ++k) {
      const Collaboration& c = st.collabs[st.firms.memberships[f][k]];
      content |= c.content;
      gov[static_cast<int>(c.governance)] = true;
    }
    CHECK(a.q2 == content);
    CHECK(a.q3 == gov);
    ++checked;
  }
  CHECK(checked > 20);
}

TEST_CASE("item non-response to Q1 occurs at its rate", "[survey]") {
  // 8 replicates give about 2,500 respondents; the Q1 no-answer share has SE
  // sqrt(0.029 * 0.971 / 2500) = 0.0034 and must lie within 4 SE of 0.029.
  const Scenario s = survey_scenario(4000);
  double respondents = 0, silent = 0;
  for (std::uint32_t r = 0; r < 8; ++r) {
    const RunResult run = run_replicate(s, 0, 21, r);
    respondents += item(run, F::survey_respondents);
    silent += item(run, F::survey_q1_no_answer) * item(run, F::survey_respondents);
  }
  const double share = silent / respondents;
  const double se = std::sqrt(0.029 * 0.971 / respondents);
  CHECK(std::fabs(share - 0.029) < kSeTolerance * se);
}

TEST_CASE("the frame's size window shifts the respondents' size profile", "[survey]") {
  Scenario flat = survey_scenario(4000);
  flat.params.survey_frame_width = 5.0;  // nearly flat in employees
  flat.params.survey_frame_service_weight = 1.0;
  Scenario window = flat;
  window.params.survey_frame_centre_employees = 70.0;
  window.params.survey_frame_width = 0.3;
  // A flat frame samples firms of every size in proportion to the population: the share of
  // sampled firms with <= 29 employees is within 4 SE of the population's (hypergeometric
  // SE below the binomial one used here).
  const Model mf = run_through_fieldwork(flat, 3, 0);
  const ModelState& st = mf.state();
  double pop_small = 0;
  for (std::uint32_t f = 0; f < st.n_firms(); ++f) pop_small += st.pop.employees[f] <= 29 ? 1 : 0;
  pop_small /= st.n_firms();
  double flat_small = 0;
  for (std::uint32_t f : mf.survey().sample()) flat_small += st.pop.employees[f] <= 29 ? 1 : 0;
  flat_small /= static_cast<double>(mf.survey().sample().size());
  // The width-5 window still weighs log-size a little: exp(-z^2/2) over the fixture's sizes
  // (4-600) changes weights by at most a factor exp(-(ln 150)^2 / 50) = 0.78, a bias far
  // below the 4-SE band only when combined with the tolerance below; allow 0.03 on top.
  CHECK(std::fabs(flat_small - pop_small) <
        kSeTolerance * std::sqrt(pop_small * (1 - pop_small) / 1000) + 0.03);
  // A narrow window at 70 employees makes the 30-99 class dominate the sample.
  const Model mw = run_through_fieldwork(window, 3, 0);
  double mid = 0;
  for (std::uint32_t f : mw.survey().sample())
    mid += (mw.state().pop.employees[f] >= 30 && mw.state().pop.employees[f] <= 99) ? 1 : 0;
  mid /= static_cast<double>(mw.survey().sample().size());
  CHECK(mid > 0.6);
}

TEST_CASE("firms open to collaboration respond more readily at a higher interest ratio",
          "[survey]") {
  // Conditional on the sample, firm i responds with probability p_i = scale * (k if open,
  // else 1), scale = rate * n / sum(rel); the number of open respondents then has mean
  // sum over open firms of p_i and variance sum p_i (1 - p_i). Pooled over 6 replicates, the
  // observed count must lie within 4 SD; and it must exceed what ratio 1 would give.
  Scenario s = survey_scenario(4000);
  s.params.survey_response_interest_ratio = 2.0;
  s.params.survey_response_rate = 0.2;  // keeps every p_i below 1
  double observed = 0, mean = 0, var = 0, neutral_mean = 0;
  for (std::uint32_t r = 0; r < 6; ++r) {
    Model m(s, 17, r);
    const int first = s.calendar().step_of(kFieldworkStart);
    while (m.current_step() <= first) m.step();  // the sample is drawn at the end of this step
    const ModelState& st = m.state();
    const auto& sample = m.survey().sample();
    REQUIRE_FALSE(sample.empty());
    double rel_sum = 0, open_n = 0;
    for (std::uint32_t f : sample) {
      rel_sum += st.firms.open[f] ? 2.0 : 1.0;
      open_n += st.firms.open[f] ? 1 : 0;
    }
    const double scale = 0.2 * static_cast<double>(sample.size()) / rel_sum;
    mean += open_n * 2.0 * scale;
    var += open_n * 2.0 * scale * (1 - 2.0 * scale);
    neutral_mean += open_n * 0.2;
    for (std::uint32_t f : m.survey().respondents()) observed += st.firms.open[f] ? 1 : 0;
  }
  CHECK(std::fabs(observed - mean) < kSeTolerance * std::sqrt(var));
  CHECK(observed > neutral_mean + kSeTolerance * std::sqrt(var));
}

TEST_CASE("the survey is reproducible and absent when the calendar misses the fieldwork",
          "[survey]") {
  const Scenario s = survey_scenario(2000);
  const RunResult a = run_replicate(s, 0, 4, 2);
  const RunResult b = run_replicate(s, 0, 4, 2);
  for (std::size_t k = static_cast<std::size_t>(F::survey_respondents); k < kFinalCount; ++k) {
    if (std::isnan(a.finals[k]))
      CHECK(std::isnan(b.finals[k]));
    else
      CHECK(a.finals[k] == b.finals[k]);
  }
  Scenario late = make_scenario(tohoku_world(2000), 52, Date{2007, 3, 31});
  late.run.start = Date{2006, 4, 1};
  const RunResult c = run_replicate(late, 0, 4, 2);
  CHECK(std::isnan(c.final(F::survey_respondents)));
  CHECK(std::isnan(c.final(F::survey_q1_collaborating)));
  // A world without a Tohoku block has no frame.
  const RunResult d =
      run_replicate(make_scenario(sized_world(2000), 52, Date{2005, 12, 31}), 0, 4, 2);
  CHECK(std::isnan(d.final(F::survey_respondents)));
}
