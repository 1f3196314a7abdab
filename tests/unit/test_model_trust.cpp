// Tests of trust: the asymmetric gain and loss updates, starting trust by channel with the
// certification bonus, encounters creating or refreshing ties, and (statistically) the
// trust that repeated personal encounters build within one step.
#include "model_fixtures.hpp"

#include "model/meetings.hpp"
#include "model/trust.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

using namespace renkei;
using namespace renkei::model_test;

TEST_CASE("trust: gain closes a fraction of the gap to 1, loss removes a fraction of trust",
          "[model][trust]") {
  CHECK(trust::gain(0.4, 0.25) == Approx(0.55));
  CHECK(trust::lose(0.4, 0.25) == Approx(0.30));
  CHECK(trust::gain(1.0, 0.3) == 1.0);
  CHECK(trust::lose(0.0, 0.3) == 0.0);
  CHECK(trust::gain(0.2, 0.0) == 0.2);
  CHECK(trust::lose(0.2, 1.0) == 0.0);
  CHECK(trust::gain(0.9, 2.0) == 1.0);  // clamped
  CHECK(trust::lose(0.9, 2.0) == 0.0);
}

TEST_CASE("trust: updates are asymmetric, a loss is not undone by a gain at the same rate",
          "[model][trust]") {
  // Loss then gain at rate r: t' = t(1−r)² + r, below t exactly when t > 1/(2−r): above
  // that level (all trust from 0.5 + r/4 up, for small r) a loss and a gain of the same
  // rate leave the pair worse off. Gain then loss differs from loss then gain by r² (order
  // matters).
  for (double r : {0.05, 0.12, 0.35, 0.6}) {
    for (double t = 0.01; t < 1.0; t += 0.01) {
      const double back = trust::gain(trust::lose(t, r), r);
      INFO("rate " << r << ", trust " << t);
      if (t > 1.0 / (2.0 - r) + 1e-12) CHECK(back < t);
      if (t < 1.0 / (2.0 - r) - 1e-12) CHECK(back > t);
      CHECK(trust::gain(trust::lose(t, r), r) - trust::lose(trust::gain(t, r), r) ==
            Approx(r * r).margin(1e-12));
    }
  }
  // With the default rates (loss 0.35 > gain 0.12) one unfair split from trust 0.6 takes
  // four positive interactions to undo.
  Params p;
  p.trust_loss = 0.35;
  p.trust_gain = 0.12;
  double t = trust::lose(0.6, p.trust_loss);
  int gains = 0;
  while (t < 0.6) {
    t = trust::gain(t, p.trust_gain);
    ++gains;
  }
  CHECK(gains == 4);
}

TEST_CASE("trust: starting trust follows the channel and a certified partner adds the bonus",
          "[model][trust]") {
  Params p;
  p.trust_start_personal = 0.61;
  p.trust_start_industry = 0.42;
  p.trust_start_institute = 0.43;
  p.trust_start_university = 0.44;
  p.trust_start_bank = 0.45;
  p.trust_start_event = 0.21;
  p.trust_start_introduction = 0.33;
  p.trust_certified_bonus = 0.1;
  const double expected[kChannels] = {0.61, 0.42, 0.43, 0.44, 0.45, 0.21, 0.33};
  for (int c = 0; c < kChannels; ++c) {
    CHECK(trust::start(p, static_cast<Channel>(c), false) == Approx(expected[c]));
    CHECK(trust::start(p, static_cast<Channel>(c), true) == Approx(expected[c] + 0.1));
  }
  p.trust_certified_bonus = 0.5;
  CHECK(trust::start(p, Channel::personal, true) == 1.0);  // clamped at full trust
}

TEST_CASE("trust: an encounter creates a tie at starting trust, then refreshes it by a gain",
          "[model][trust]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params.trust_start_event = 0.3;
  bench.params.trust_gain = 0.2;
  bench.params.trust_certified_bonus = 0.15;
  const StepContext ctx = bench.ctx(5);
  double t = 0;
  const std::uint32_t id = trust::encounter(s, ctx, 3, 7, Channel::event, t);
  CHECK(t == Approx(0.3));
  CHECK(s.ties.find(7, 3) == id);
  CHECK(s.ties.tie(id).channel == static_cast<std::uint8_t>(Channel::event));
  const std::uint32_t again = trust::encounter(s, ctx, 7, 3, Channel::personal, t);
  CHECK(again == id);
  CHECK(t == Approx(0.3 + 0.2 * 0.7));
  CHECK(s.ties.tie(id).interactions == 2);
  CHECK(s.ties.tie(id).channel == static_cast<std::uint8_t>(Channel::event));  // origin kept
  // Either side certified: the credibility bonus applies to the new tie.
  s.firms.certified[20] = 1;
  trust::encounter(s, ctx, 9, 20, Channel::event, t);
  CHECK(t == Approx(0.45));
}

TEST_CASE("trust: repeated personal encounters within a step build trust as 1 - (1-t0)(1-g)^N",
          "[model][trust]") {
  // Every firm has exactly one tie (pairs 2k, 2k+1) at trust t0 and meets only through the
  // personal channel with repeat_share 1, so each encounter refreshes its pair's tie. Firm
  // f initiates Poisson(r·activity_f) encounters (Poisson splitting of the step's count
  // over the alias table), so pair k sees N_k ~ Poisson(mu_k), mu_k = r·(act_a + act_b),
  // and E[(1-g)^N] = exp(-mu·g), E[(1-g)^2N] = exp(-mu(1-(1-g)^2)). The sum over pairs
  // and 40 steps of the end-of-step trust is checked within 4 standard errors.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p = quiet_params();
  p.meetings_rate_personal = 0.8;
  p.meetings_repeat_share = 1.0;
  p.trust_gain = 0.15;
  set_all_open(s, false);  // no formation
  const auto tables = meetings::build_tables(s);
  const std::uint32_t n = s.n_firms();
  REQUIRE(n % 2 == 0);
  const double t0 = 0.4, g = p.trust_gain, r = p.meetings_rate_personal;
  double expected = 0, variance = 0, observed = 0;
  double expected_meetings = 0, observed_meetings = 0;
  for (int step = 0; step < 40; ++step) {
    s.ties.reset(n, 0.0);
    for (std::uint32_t f = 0; f < n; f += 2)
      s.ties.create(f, f + 1, static_cast<float>(t0), 0, step);
    s.step = StepCounters{};
    meetings::run(s, bench.ctx(step), tables);
    for (std::uint32_t f = 0; f < n; f += 2) {
      const double mu = r * (s.firms.activity[f] + s.firms.activity[f + 1]);
      const double m1 = std::exp(-mu * g);
      const double m2 = std::exp(-mu * (1 - (1 - g) * (1 - g)));
      expected += 1 - (1 - t0) * m1;
      variance += (1 - t0) * (1 - t0) * (m2 - m1 * m1);
      observed += s.ties.trust_at(s.ties.find(f, f + 1), step);
      expected_meetings += mu;
    }
    observed_meetings += s.step.meetings;
    CHECK(s.ties.count() == n / 2);  // no new ties: every encounter renewed one
  }
  INFO("trust sum " << observed << " expected " << expected << " sd " << std::sqrt(variance));
  CHECK(stat_test::z_score(observed, expected, std::sqrt(variance)) < stat_test::kSeTolerance);
  // Encounters: Poisson with the summed mean, so SE = sqrt(mean).
  CHECK(stat_test::z_score(observed_meetings, expected_meetings, std::sqrt(expected_meetings)) <
        stat_test::kSeTolerance);
}
