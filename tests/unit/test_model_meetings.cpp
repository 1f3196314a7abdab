// Tests of the meeting channels: parameter lookup by channel, partner choice within the
// scope (never the firm itself, none when the scope is empty, uniform inside it), the
// Poisson number of encounters, the shares of the four partner scopes, and introductions.
#include "model_fixtures.hpp"

#include "core/distributions.hpp"
#include "model/collaborations.hpp"
#include "model/meetings.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// Which of the four scopes (same prefecture?, same industry?) a pair falls in: 0 = both,
// 1 = same prefecture only, 2 = same industry only, 3 = neither.
int scope_cell(const ModelState& s, std::uint32_t a, std::uint32_t b) {
  const bool sp = s.pop.prefecture[a] == s.pop.prefecture[b];
  const bool si = s.pop.industry[a] == s.pop.industry[b];
  return sp && si ? 0 : sp ? 1 : si ? 2 : 3;
}

}  // namespace

TEST_CASE("meetings: rates and scopes are read from each channel's own parameters",
          "[model][meetings]") {
  Params p;
  double* rates[kChannels] = {&p.meetings_rate_personal,    &p.meetings_rate_industry,
                              &p.meetings_rate_institute,   &p.meetings_rate_university,
                              &p.meetings_rate_bank,        &p.meetings_rate_event,
                              &p.meetings_rate_introduction};
  double* prefs[kChannels] = {&p.meetings_same_pref_personal,    &p.meetings_same_pref_industry,
                              &p.meetings_same_pref_institute,   &p.meetings_same_pref_university,
                              &p.meetings_same_pref_bank,        &p.meetings_same_pref_event,
                              &p.meetings_same_pref_introduction};
  double* inds[kChannels] = {&p.meetings_same_ind_personal,    &p.meetings_same_ind_industry,
                             &p.meetings_same_ind_institute,   &p.meetings_same_ind_university,
                             &p.meetings_same_ind_bank,        &p.meetings_same_ind_event,
                             &p.meetings_same_ind_introduction};
  for (int c = 0; c < kChannels; ++c) {
    *rates[c] = 0.1 + c;
    *prefs[c] = 0.01 * (c + 1);
    *inds[c] = 0.02 * (c + 1);
  }
  for (int c = 0; c < kChannels; ++c) {
    const auto ch = static_cast<Channel>(c);
    CHECK(meetings::rate(p, ch) == 0.1 + c);
    CHECK(meetings::same_prefecture(p, ch) == 0.01 * (c + 1));
    CHECK(meetings::same_industry(p, ch) == 0.02 * (c + 1));
  }
}

TEST_CASE("meetings: pick_partner stays within the scope and never returns the firm itself",
          "[model][meetings]") {
  Bench bench(make_scenario(small_world()));
  const ModelState& s = bench.state();
  rng::Stream g(3, 0, rng::Mechanism::test, 2);
  for (std::uint32_t a : {0u, 59u, 60u, 150u, 210u, 299u}) {
    for (int cell = 0; cell < 4; ++cell) {
      const bool sp = cell < 2, si = cell == 0 || cell == 2;
      for (int k = 0; k < 500; ++k) {
        const std::uint32_t b = meetings::pick_partner(s, a, sp, si, g);
        REQUIRE(b != meetings::kNone);
        REQUIRE(b != a);
        REQUIRE(b < s.n_firms());
        REQUIRE(scope_cell(s, a, b) == cell);
      }
    }
  }
}

TEST_CASE("meetings: pick_partner returns none when the scope holds no other firm",
          "[model][meetings]") {
  // One prefecture: nothing outside it. Cell (0, metal) holds a single firm; electronics
  // holds none; software has 4 firms.
  Bench lone(make_scenario(make_world({{1, 0, 4}})));
  const ModelState& s = lone.state();
  rng::Stream g(3, 0, rng::Mechanism::test, 3);
  const std::uint32_t metal = cell_first(s, 0, kMetal);
  const std::uint32_t soft = cell_first(s, 0, kSoftware);
  CHECK(meetings::pick_partner(s, metal, true, true, g) == meetings::kNone);
  CHECK(meetings::pick_partner(s, metal, false, true, g) == meetings::kNone);
  CHECK(meetings::pick_partner(s, metal, false, false, g) == meetings::kNone);
  CHECK(scope_cell(s, metal, meetings::pick_partner(s, metal, true, false, g)) == 1);
  CHECK(meetings::pick_partner(s, soft, false, false, g) == meetings::kNone);
  // Two prefectures, but the other prefecture has only the firm's own industry.
  Bench two(make_scenario(make_world({{3, 2, 0}, {0, 5, 0}})));
  const ModelState& t = two.state();
  const std::uint32_t m = cell_first(t, 0, kMetal);
  const std::uint32_t e = cell_first(t, 1, kElectronics);
  CHECK(meetings::pick_partner(t, m, false, true, g) == meetings::kNone);  // no metal elsewhere
  CHECK(meetings::pick_partner(t, e, true, false, g) ==
        meetings::kNone);  // prefecture 1 is all electronics
  CHECK(meetings::pick_partner(t, m, false, false, g) !=
        meetings::kNone);  // electronics in prefecture 1
  CHECK(scope_cell(t, m, meetings::pick_partner(t, m, false, false, g)) == 3);
  CHECK(meetings::pick_partner(t, e, false, false, g) != meetings::kNone);
}

TEST_CASE("meetings: partners are uniform within the scope", "[model][meetings]") {
  // Firm 0 (prefecture 0, metal) drawing same-prefecture other-industry partners: the 90
  // electronics and software firms of prefecture 0 should each come up with probability
  // 1/90. Chi-squared over 90 cells (df 89) at alpha 1e-4; 18000 draws give 200 each.
  Bench bench(make_scenario(small_world()));
  const ModelState& s = bench.state();
  rng::Stream g(5, 0, rng::Mechanism::test, 4);
  const std::uint32_t first = cell_first(s, 0, kElectronics);
  const std::uint32_t count = cell_size(s, 0, kElectronics) + cell_size(s, 0, kSoftware);
  REQUIRE(count == 90);
  std::vector<std::uint64_t> hits(count, 0);
  for (int k = 0; k < 18000; ++k) {
    const std::uint32_t b = meetings::pick_partner(s, 0, true, false, g);
    REQUIRE(b >= first);
    REQUIRE(b < first + count);
    ++hits[b - first];
  }
  const auto r = stat_test::chi_squared_gof(hits, std::vector<double>(count, 1.0 / count));
  INFO(r.detail);
  CHECK(r.passes());
}

TEST_CASE("meetings: encounters per step are Poisson with mean rate·dt·Σ weights",
          "[model][meetings]") {
  // Industry channel only (no renewal of acquaintances, every scope non-empty so every
  // draw becomes an encounter). Over 400 steps the mean count must be within 4 SE of
  // lambda = rate·dt·Σ(activity·availability) = rate·n (activity has mean 1, availability
  // 1), SE = sqrt(lambda/400); the sample variance within 4 SE of lambda, with
  // SE(s²) = lambda·sqrt((kappa−1)/n) and kurtosis kappa = 3 + 1/lambda for a Poisson law.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.meetings_rate_industry = 0.05;
  set_all_open(s, false);
  const auto tables = meetings::build_tables(s);
  const double lambda =
      0.05 * tables.initiators[static_cast<int>(Channel::industry)].total_weight();
  CHECK(tables.initiators[static_cast<int>(Channel::industry)].total_weight() ==
        Approx(s.n_firms()).epsilon(1e-9));
  stat_test::SampleMoments m;
  const int steps = 400;
  for (int step = 0; step < steps; ++step) {
    s.step = StepCounters{};
    meetings::run(s, bench.ctx(step), tables);
    m.add(s.step.meetings);
  }
  INFO("mean " << m.mean << " variance " << m.variance() << " lambda " << lambda);
  CHECK(stat_test::z_score(m.mean, lambda, stat_test::se_mean(lambda, steps)) <
        stat_test::kSeTolerance);
  CHECK(stat_test::z_score(m.variance(), lambda,
                           stat_test::se_variance(lambda, 3.0 + 1.0 / lambda, steps)) <
        stat_test::kSeTolerance);
}

TEST_CASE("meetings: a channel without availability anywhere has no encounters",
          "[model][meetings]") {
  auto w = std::make_shared<World>(*small_world());
  for (auto& pref : w->prefectures)
    pref.channel_availability[static_cast<int>(Channel::bank)] = 0.0;
  Bench bench(make_scenario(w));
  ModelState& s = bench.state();
  const auto tables = meetings::build_tables(s);
  CHECK(tables.initiators[static_cast<int>(Channel::bank)].empty());
  bench.params = quiet_params();
  bench.params.meetings_rate_bank = 5.0;
  for (int step = 0; step < 5; ++step) meetings::run(s, bench.ctx(step), tables);
  CHECK(s.ties.count() == 0);
}

TEST_CASE(
    "meetings: partner scope shares match the same-prefecture and same-industry probabilities",
    "[model][meetings]") {
  // Event channel with same_pref 0.55 and same_ind 0.30: cells (both, pref only, ind only,
  // neither) have probabilities (0.165, 0.385, 0.135, 0.315). Scope is symmetric, so each
  // tie's interactions count its encounters in its cell whoever initiated. Ties are reset
  // every step; 60 steps of about 900 encounters. Chi-squared with df 3 at alpha 1e-4:
  // critical value 21.108.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  bench.params.meetings_rate_event = 3.0;
  bench.params.meetings_same_pref_event = 0.55;
  bench.params.meetings_same_ind_event = 0.30;
  set_all_open(s, false);
  // Without motives: a cross-seeking motive scales same_ind (tested in test_model_motives.cpp).
  std::fill(s.firms.motives.begin(), s.firms.motives.end(), std::uint16_t{0});
  const auto tables = meetings::build_tables(s);
  std::vector<std::uint64_t> cells(4, 0);
  std::uint64_t encounters = 0;
  for (int step = 0; step < 60; ++step) {
    s.ties.reset(s.n_firms(), 0.0);
    s.step = StepCounters{};
    meetings::run(s, bench.ctx(step), tables);
    std::uint64_t counted = 0;
    for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
      for (std::uint32_t id : s.ties.of(f)) {
        const Tie& t = s.ties.tie(id);
        if (t.a != f) continue;  // each tie once
        cells[static_cast<std::size_t>(scope_cell(s, t.a, t.b))] += t.interactions;
        counted += t.interactions;
      }
    }
    REQUIRE(counted == static_cast<std::uint64_t>(s.step.meetings));
    encounters += counted;
  }
  const std::vector<double> probs = {0.55 * 0.30, 0.55 * 0.70, 0.45 * 0.30, 0.45 * 0.70};
  const auto r = stat_test::chi_squared_gof(cells, probs);
  INFO(r.detail << "; encounters " << encounters);
  CHECK(r.critical == Approx(21.108).epsilon(1e-4));
  CHECK(r.passes());
}

TEST_CASE(
    "meetings: introductions pick more complementary partners when more candidates are compared",
    "[model][meetings]") {
  // Metamorphic: the introduced partner is the most complementary of k candidates, so its
  // mean complementarity grows with k. With one candidate the pair is a random open pair
  // in scope. Over ~2000 introductions per arm, the standard error of each mean is about
  // 0.1/sqrt(2000) = 0.002; the best of 8 exceeds a single draw by several times 0.02.
  auto mean_comp = [](int candidates) {
    Bench bench(make_scenario(small_world()));
    ModelState& s = bench.state();
    bench.params = quiet_params();
    bench.params.meetings_rate_introduction = 1.0;
    bench.params.meetings_introduction_candidates = candidates;
    bench.params.formation_intercept = -20;  // open but never forming
    set_all_open(s, true);
    const auto tables = meetings::build_tables(s);
    double sum = 0;
    double n = 0;
    for (int step = 0; step < 8; ++step) {
      s.ties.reset(s.n_firms(), 0.0);
      meetings::run(s, bench.ctx(step), tables);
      for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
        for (std::uint32_t id : s.ties.of(f)) {
          const Tie& t = s.ties.tie(id);
          if (t.a != f) continue;
          sum += t.interactions * complementarity(s.pop, t.a, t.b);
          n += t.interactions;
        }
      }
    }
    return sum / n;
  };
  const double one = mean_comp(1);
  const double eight = mean_comp(8);
  INFO("mean complementarity: 1 candidate " << one << ", 8 candidates " << eight);
  CHECK(eight > one + 0.02);
}

TEST_CASE("meetings: with every rate zero nothing happens", "[model][meetings]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params = quiet_params();
  set_all_open(s, true);
  const auto tables = meetings::build_tables(s);
  for (int step = 0; step < 50; ++step) {
    s.step = StepCounters{};
    meetings::run(s, bench.ctx(step), tables);
    REQUIRE(s.step.meetings == 0);
  }
  CHECK(s.ties.count() == 0);
  CHECK(s.active_collabs.empty());
}

TEST_CASE("meetings: choosing partners ahead of the encounters changes nothing",
          "[model][meetings]") {
  // run() chooses each partner a few encounters early (so that its records arrive in time)
  // and chooses again when the initiator's tie list grew meanwhile. Two identical states,
  // one run choosing at the encounter (ahead 0) and one ahead by 4 or 16, must stay
  // identical tie for tie. The world is tiny and busy so that the re-choice is exercised:
  // 30 firms, about 100 encounters per step, so an initiator took part in one of the 4
  // encounters before its own with probability about 1 − (1 − 2/30)^4 ≈ 0.24, and half the
  // personal encounters renew an acquaintance drawn from the list that grew.
  const auto world = make_world({{6, 6, 6}, {4, 4, 4}});
  for (const std::uint32_t ahead : {4u, 16u}) {
    Bench early(make_scenario(world));
    Bench late(make_scenario(world));
    for (Bench* b : {&early, &late}) {
      b->params = quiet_params();
      b->params.meetings_rate_personal = 2.0;
      b->params.meetings_rate_industry = 0.7;
      b->params.meetings_rate_event = 0.3;
      b->params.meetings_repeat_share = 0.5;
      set_all_open(b->state(), true);
    }
    const auto tables = meetings::build_tables(early.state());
    std::uint64_t meetings = 0;
    for (int step = 0; step < 30; ++step) {
      for (Bench* b : {&early, &late}) b->state().step = StepCounters{};
      meetings::run(early.state(), early.ctx(step), tables, ahead);
      meetings::run(late.state(), late.ctx(step), tables, 0);
      const ModelState& e = early.state();
      const ModelState& l = late.state();
      REQUIRE(e.step.meetings == l.step.meetings);
      REQUIRE(e.ties.count() == l.ties.count());
      REQUIRE(e.active_collabs.size() == l.active_collabs.size());
      for (std::uint32_t f = 0; f < e.n_firms(); ++f) {
        const TieList le = e.ties.of(f);
        const TieList ll = l.ties.of(f);
        REQUIRE(le.size() == ll.size());
        for (std::size_t k = 0; k < le.size(); ++k) {
          REQUIRE(le[k] == ll[k]);
          REQUIRE(le.other(k) == ll.other(k));
          REQUIRE(e.ties.trust_at(le[k], step) == l.ties.trust_at(ll[k], step));
        }
      }
      meetings += e.step.meetings;
    }
    INFO("ahead " << ahead << ": " << meetings << " encounters");
    CHECK(meetings > 2000);
  }
}
