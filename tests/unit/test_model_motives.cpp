// Tests of motives (Q7), out-of-region partners and the forms' economics: motive
// frequencies, the shift of forms a motive causes, Q7's tabulation, which channels reach
// out-of-region partners, and the return and risk profile of each form.
#include "model_fixtures.hpp"

#include "model/channels.hpp"
#include "model/collaborations.hpp"
#include "model/formation.hpp"
#include "model/meetings.hpp"
#include "model/motives.hpp"
#include "model/outcomes.hpp"
#include "model/series.hpp"
#include "model/survey.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// The small test world plus 20 large national-network electronics firms and 10
// universities (filed under metal) outside the region, as the loader would append them.
std::shared_ptr<const World> world_with_externals() {
  World w = *small_world();
  ExternalGroup nat;
  nat.id = "national";
  nat.industry = kElectronics;
  nat.count = 20;
  nat.employees = 1500;
  nat.large = true;
  nat.national_network = true;
  ExternalGroup uni;
  uni.id = "universities";
  uni.industry = kMetal;
  uni.count = 10;
  uni.employees = 1000;
  uni.university = true;
  w.externals = {nat, uni};
  Block b;
  b.id = "out_of_region";
  b.bureau_prefecture = static_cast<int>(w.prefectures.size());
  Prefecture p;
  p.id = "out_of_region";
  p.block = static_cast<int>(w.blocks.size());
  p.channel_availability.fill(0.0);
  w.external_prefecture = static_cast<int>(w.prefectures.size());
  w.blocks.push_back(b);
  w.prefectures.push_back(p);
  w.firm_counts.push_back({10, 20, 0});
  return std::make_shared<const World>(std::move(w));
}

// Share of forms f1 or f2 among the weights.
double pair_share(const std::array<double, kForms>& w, Form f1, Form f2) {
  double sum = 0;
  for (double x : w) sum += x;
  return (w[static_cast<int>(f1)] + w[static_cast<int>(f2)]) / sum;
}

}  // namespace

TEST_CASE("motives: each motive is held with its probability, independently of the others",
          "[model][motives]") {
  Params p;
  constexpr int kN = 40000;
  std::array<int, kMotives> held{};
  int none = 0;
  for (int i = 0; i < kN; ++i) {
    rng::Stream g(11, 0, rng::Mechanism::test, static_cast<std::uint32_t>(i));
    const std::uint16_t m = motives::draw(p, g);
    none += m == 0 ? 1 : 0;
    for (int k = 0; k < kMotives; ++k) held[static_cast<std::size_t>(k)] += (m >> k) & 1;
  }
  const auto pr = motives::probabilities(p);
  CHECK(pr[0] == 0.531);  // the study's Q7 figures are the defaults
  CHECK(pr[2] == 0.517);
  double p_none = 1;
  for (int k = 0; k < kMotives; ++k) {
    const double q = pr[static_cast<std::size_t>(k)];
    p_none *= 1 - q;
    // Binomial SE of a share of kN draws; 4 SE (stat_helpers.hpp convention).
    const double se = std::sqrt(q * (1 - q) / kN);
    INFO("motive " << k);
    CHECK(std::fabs(held[static_cast<std::size_t>(k)] / double(kN) - q) <
          stat_test::kSeTolerance * se);
  }
  // Independence: the share holding none is the product of the complements (about 0.8 %).
  CHECK(std::fabs(none / double(kN) - p_none) <
        stat_test::kSeTolerance * std::sqrt(p_none * (1 - p_none) / kN));
}

TEST_CASE("motives: the model draws them for the region's firms only", "[model][motives]") {
  Bench bench(make_scenario(world_with_externals()));
  const ModelState& s = bench.state();
  REQUIRE(s.pop.n_regional == 300);
  REQUIRE(s.n_firms() == 330);
  int with_sales = 0;
  for (std::uint32_t f = 0; f < s.pop.n_regional; ++f)
    with_sales += (s.firms.motives[f] & motive_sales) ? 1 : 0;
  // 300 firms at 0.517: SE = sqrt(0.517 * 0.483 / 300) = 0.0289; 4 SE.
  CHECK(std::fabs(with_sales / 300.0 - 0.517) < 4 * 0.0289);
  for (std::uint32_t f = s.pop.n_regional; f < s.n_firms(); ++f) {
    CHECK(s.firms.motives[f] == 0);
    CHECK(is_external(s.pop, f));
    CHECK(s.firms.open[f] == 1);
    CHECK(s.firms.sme[f] == 0);  // large firms and universities are outside the SME definition
  }
  CHECK(s.pop.external_firms.size() == 20);
  CHECK(s.pop.external_universities.size() == 10);
  for (std::uint32_t f : s.pop.external_firms) {
    CHECK(has_national_network(s.pop, f));
    CHECK(s.pop.employees[f] == 1500);
  }
}

TEST_CASE("motives shift the form of a new collaboration toward the cases that deliver them",
          "[model][motives][formation]") {
  Params p;
  const auto base = formation::form_weights(p, true, Channel::personal);
  const auto sales = formation::form_weights(p, true, Channel::personal, motive_sales);
  const auto cap = formation::form_weights(p, true, Channel::personal, motive_volume);
  const auto tech = formation::form_weights(p, true, Channel::personal, motive_development);
  CHECK(sales[static_cast<int>(Form::alliance)] ==
        Approx(base[static_cast<int>(Form::alliance)] * p.motives_market_form_factor));
  CHECK(cap[static_cast<int>(Form::division)] ==
        Approx(base[static_cast<int>(Form::division)] * p.motives_capacity_form_factor));
  CHECK(tech[static_cast<int>(Form::joint_research)] ==
        Approx(base[static_cast<int>(Form::joint_research)] * p.motives_technology_form_factor));
  // Motives that act on no form leave the weights alone.
  CHECK(formation::form_weights(p, true, Channel::personal, motive_bargaining) == base);
  const auto nat = formation::form_weights(p, true, Channel::personal, 0, true);
  CHECK(nat[static_cast<int>(Form::ip_licensing)] ==
        Approx(base[static_cast<int>(Form::ip_licensing)] * p.forms_national_network_factor));

  // Drawn shapes: the share of licensing or alliance with and without the sales motive.
  // Two independent binomial shares of kN draws: the difference has
  // SE = sqrt(p0(1 - p0)/kN + p1(1 - p1)/kN); it must lie within 4 SE of the expected
  // difference, and the expected difference must be over 4 SE (the test can see the shift).
  constexpr int kN = 20000;
  const double p0 = pair_share(base, Form::ip_licensing, Form::alliance);
  const double p1 = pair_share(sales, Form::ip_licensing, Form::alliance);
  int k0 = 0, k1 = 0;
  for (int i = 0; i < kN; ++i) {
    rng::Stream g0(3, 0, rng::Mechanism::test, static_cast<std::uint32_t>(i));
    rng::Stream g1(3, 1, rng::Mechanism::test, static_cast<std::uint32_t>(i));
    const Form f0 = formation::draw_shape(p, g0, 0.5, 60, true, Channel::personal).form;
    const Form f1 =
        formation::draw_shape(p, g1, 0.5, 60, true, Channel::personal, motive_sales).form;
    k0 += (f0 == Form::ip_licensing || f0 == Form::alliance) ? 1 : 0;
    k1 += (f1 == Form::ip_licensing || f1 == Form::alliance) ? 1 : 0;
  }
  const double se = std::sqrt(p0 * (1 - p0) / kN + p1 * (1 - p1) / kN);
  REQUIRE((p1 - p0) / se > stat_test::kSeTolerance);
  CHECK(std::fabs((k1 - k0) / double(kN) - (p1 - p0)) < stat_test::kSeTolerance * se);
}

TEST_CASE("motives: a firm seeking specialities or new undertakings looks beyond its industry",
          "[model][motives][meetings]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.meetings_rate_industry = 2.0;
  bench.params.meetings_same_ind_industry = 1.0;
  bench.params.meetings_same_pref_industry = 1.0;
  bench.params.formation_intercept = -20;  // meetings only
  set_all_open(s, true);
  const auto tables = meetings::build_tables(s);
  auto same_industry_share = [&](std::uint16_t m) {
    for (std::uint32_t f = 0; f < s.n_firms(); ++f) s.firms.motives[f] = m;
    s.ties.reset(s.n_firms(), 0.0);
    for (int t = 0; t < 5; ++t) meetings::run(s, bench.ctx(t), tables);
    double same = 0, all = 0;
    for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
      const TieList l = s.ties.of(f);
      for (std::size_t k = 0; k < l.size(); ++k) {
        all += 1;
        same += s.pop.industry[l.other(k)] == s.pop.industry[f] ? 1 : 0;
      }
    }
    return same / all;
  };
  CHECK(same_industry_share(0) == 1.0);
  // Scope same industry with probability cross_seek_factor (0.7): the share of ties within
  // an industry falls well below 1 (each tie counted from both ends; hundreds of ties).
  const double seeking = same_industry_share(motive_specialities);
  CHECK(seeking < 0.85);
  CHECK(seeking > 0.55);
}

TEST_CASE("Q7 tabulates the motives of those collaborating, planning or interested",
          "[model][motives][survey]") {
  std::vector<SurveyAnswer> answers(6);
  answers[0].q1 = 0;
  answers[0].q7 = motive_development | motive_sales;
  answers[1].q1 = 1;
  answers[1].q7 = 0;  // holds no motive: no answer
  answers[2].q1 = 2;
  answers[2].q7 = motive_development | motive_escape_subcontracting;
  answers[3].q1 = 3;
  answers[3].q7 = motive_sales;  // not routed to Q7: ignored
  answers[4].q1 = -1;
  answers[4].q7 = motive_sales;  // no Q1 answer: not routed
  answers[5].q1 = 2;
  answers[5].q7 = motive_volume;
  const std::vector<double> t = survey::tabulate(answers);
  const auto at = [&](F f) {
    return t[static_cast<std::size_t>(f) - static_cast<std::size_t>(F::survey_respondents)];
  };
  REQUIRE(t.size() == kFinalCount - static_cast<std::size_t>(F::survey_respondents));
  CHECK(at(F::survey_q7_base) == 4);
  CHECK(at(F::survey_q7_development) == Approx(2.0 / 4));
  CHECK(at(F::survey_q7_sales) == Approx(1.0 / 4));
  CHECK(at(F::survey_q7_volume) == Approx(1.0 / 4));
  CHECK(at(F::survey_q7_escape_subcontracting) == Approx(1.0 / 4));
  CHECK(at(F::survey_q7_academia) == 0);
  CHECK(at(F::survey_q7_no_answer) == Approx(1.0 / 4));
  // No one routed: NaN, not 0.
  std::vector<double> empty;
  survey::append_q7(empty, {answers[3]});
  REQUIRE(empty.size() == kMotives + 1);
  for (double x : empty) CHECK(std::isnan(x));
}

TEST_CASE("Q7: a routed respondent ticks the motives it holds, others are not asked",
          "[model][motives][survey]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params p = bench.params;
  p.survey_na_q1 = 0;
  const std::uint32_t open_firm = 0, closed_firm = 1;
  set_open(s, open_firm, true);
  set_open(s, closed_firm, false);
  s.firms.motives[open_firm] = motive_sales | motive_risk_spread;
  s.firms.motives[closed_firm] = motive_sales;
  rng::Stream g(5, 0, rng::Mechanism::test, 0);
  const SurveyAnswer a = survey::answer(s, p, open_firm, 0, g);
  CHECK((a.q1 == 0 || a.q1 == 1 || a.q1 == 2));
  CHECK(a.q7 == (motive_sales | motive_risk_spread));
  const SurveyAnswer b = survey::answer(s, p, closed_firm, 0, g);
  CHECK(b.q1 == 3);
  CHECK(b.q7 == 0);
}

TEST_CASE("out-of-region partners are met only through the channels that reach them",
          "[model][meetings][external]") {
  Bench bench(make_scenario(world_with_externals()));
  ModelState& s = bench.state();
  set_all_open(s, true);
  const auto tables = meetings::build_tables(s);
  for (int c = 0; c < kChannels; ++c) {
    const auto ch = static_cast<Channel>(c);
    bench.params = quiet_params();
    bench.params.*channel_params(ch).rate = 1.0;
    bench.params.meetings_out_of_region_share = 0.3;
    bench.params.formation_intercept = -20;
    s.ties.reset(s.n_firms(), 0.0);
    for (int t = 0; t < 5; ++t) meetings::run(s, bench.ctx(t), tables);
    int external_ties = 0, university_ties = 0, regional_ties = 0;
    for (std::uint32_t f = 0; f < s.pop.n_regional; ++f) {
      const TieList l = s.ties.of(f);
      for (std::size_t k = 0; k < l.size(); ++k) {
        const std::uint32_t o = l.other(k);
        if (!is_external(s.pop, o)) {
          ++regional_ties;
          continue;
        }
        ++external_ties;
        university_ties += is_university(s.pop, o) ? 1 : 0;
      }
    }
    // Out-of-region agents never start an encounter: every tie has a regional end.
    for (std::uint32_t f = s.pop.n_regional; f < s.n_firms(); ++f) {
      const TieList l = s.ties.of(f);
      for (std::size_t k = 0; k < l.size(); ++k) CHECK_FALSE(is_external(s.pop, l.other(k)));
    }
    INFO("channel " << kChannelNames[static_cast<std::size_t>(c)]);
    CHECK(regional_ties > 0);
    if (meetings::reaches_out_of_region(ch)) {
      // About 0.3-0.6 of hundreds of encounters: far above 0.
      CHECK(external_ties > 20);
      if (ch == Channel::university)
        CHECK(university_ties == external_ties);
      else
        CHECK(university_ties == 0);
    } else {
      CHECK(external_ties == 0);
      CHECK(meetings::out_of_region_probability(s, bench.params, 0, ch) == 0.0);
    }
  }
}

TEST_CASE("an out-of-region partner is never the core firm, nor counted among the region's members",
          "[model][external]") {
  Bench bench(make_scenario(world_with_externals()));
  ModelState& s = bench.state();
  const std::uint32_t regional = 0;
  const std::uint32_t national = s.pop.external_firms.front();
  const int before = s.firms_in_collab;
  const std::uint32_t id = create_collaboration(s, national, regional, 0);
  CHECK(s.collabs[id].members[0] == regional);
  CHECK(s.collabs[id].national_reach);
  CHECK(s.firms_in_collab == before + 1);
  CHECK(has_room(s, bench.params, national));
  agree_shares(s, bench.params, id);
  CHECK(consistency_violation(s, bench.params) == "");
}

TEST_CASE(
    "forms have their own economics: research earns little, reach multiplies, division spreads "
    "risk",
    "[model][outcomes][forms]") {
  Params p;
  Collaboration c;
  c.members = {0, 1};
  c.stage = Stage::commercial;
  c.form = Form::joint_development;
  const double plain = outcomes::mean_return(p, c);
  c.form = Form::joint_research;
  CHECK(outcomes::mean_return(p, c) == Approx(plain * p.outcomes_research_return_factor));
  c.form = Form::alliance;
  CHECK(outcomes::mean_return(p, c) == Approx(plain));  // no national network: no reach
  c.national_reach = true;
  CHECK(outcomes::mean_return(p, c) == Approx(plain * p.outcomes_market_reach_factor));
  c.form = Form::ip_licensing;
  CHECK(outcomes::form_return_factor(p, c) == p.outcomes_market_reach_factor);
  c.form = Form::division;
  CHECK(outcomes::form_sd_factor(p, c) == p.outcomes_division_sd_factor);
  CHECK(outcomes::form_sd_factor(p, c) < 1.0);
  c.form = Form::contract_manufacturing;
  CHECK(outcomes::form_sd_factor(p, c) == p.outcomes_contract_sd_factor);
  c.form = Form::alliance;
  CHECK(outcomes::form_sd_factor(p, c) == 1.0);
}

TEST_CASE("out-of-region partners leave the region's synthetic firms as they were",
          "[population][external]") {
  const auto plain = small_world();
  const auto with = world_with_externals();
  const rng::ReplicateStreams streams(2005, 3);
  const Population a = synthesize_population(*plain, streams);
  const Population b = synthesize_population(*with, streams);
  REQUIRE(b.n_regional == a.size());
  REQUIRE(b.size() == a.size() + 30);
  CHECK(b.n_regional_prefectures == 2);
  for (std::uint32_t f = 0; f < a.size(); ++f) {
    CHECK(a.employees[f] == b.employees[f]);
    CHECK(a.capability[f] == b.capability[f]);
    CHECK(b.external[f] == 0);
  }
  // The groups fill their industry's cell of the last prefecture, with their sizes and flags.
  for (std::uint32_t f = b.n_regional; f < b.size(); ++f) {
    CHECK(is_external(b, f));
    CHECK(b.prefecture[f] == 2);
    if (b.industry[f] == kElectronics) {
      CHECK(b.employees[f] == 1500);
      CHECK(has_national_network(b, f));
    } else {
      CHECK(b.industry[f] == kMetal);
      CHECK(is_university(b, f));
    }
  }
  // The region's industry lists stop at the region: partner choice within it never
  // reaches an out-of-region agent.
  for (std::uint32_t ind = 0; ind < 3; ++ind)
    CHECK(b.industry_rank_of(ind, b.n_regional_prefectures) == a.industry_rank_of(ind, 2));
}
