// Tests of formation: the log-odds of collaborating (trust, complementarity, fairness and
// leakage risks), governance choice (Gulati: trust substitutes for formal governance),
// forms and contents, and the decision on an encounter (join, found, or nothing).
#include "model_fixtures.hpp"

#include "core/distributions.hpp"
#include "model/collaborations.hpp"
#include "model/formation.hpp"
#include "stat_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// Firms of chosen industries in prefecture 0 of the small world.
struct Pair {
  std::uint32_t a, b;
};

Pair competitors(const ModelState& s) {
  return {cell_first(s, 0, kMetal), cell_first(s, 0, kMetal) + 1};
}
Pair cross_pair(const ModelState& s) {
  return {cell_first(s, 0, kMetal) + 2, cell_first(s, 0, kElectronics)};
}

}  // namespace

TEST_CASE("formation: log-odds rise with trust and complementarity", "[model][formation]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  const Params& p = bench.params;
  const Pair pr = cross_pair(s);
  s.pop.employees[pr.a] = 10;
  s.pop.employees[pr.b] = 200;  // a size gap, so that fairness risk matters
  double last = -1e9;
  for (double t = 0.0; t <= 1.0; t += 0.1) {
    const double lo = formation::log_odds(s, p, pr.a, pr.b, t);
    CHECK(lo > last);
    last = lo;
  }
  // Trust enters through w_trust and through the fairness risk (1 − t)·gap/(1 + gap).
  const double gap = std::log(20.0);
  CHECK(formation::log_odds(s, p, pr.a, pr.b, 0.7) - formation::log_odds(s, p, pr.a, pr.b, 0.2) ==
        Approx(0.5 * (p.formation_w_trust + p.formation_w_fairness_risk * gap / (1 + gap))));
  last = -1e9;
  for (float v = 0.0f; v <= 1.0f; v += 0.125f) {
    set_capabilities(s, pr.a, 0.0f);
    set_capabilities(s, pr.b, v);  // complementarity = v
    CHECK(complementarity(s.pop, pr.a, pr.b) == Approx(v));
    const double lo = formation::log_odds(s, p, pr.a, pr.b, 0.5);
    CHECK(lo > last);
    last = lo;
  }
}

TEST_CASE("formation: leakage risk lowers the log-odds for competitors only",
          "[model][formation]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  const Params& p = bench.params;
  REQUIRE(p.formation_w_leak_risk > 0);
  const Pair comp = competitors(s);
  const Pair cross = cross_pair(s);
  auto at = [&](Pair pr, float sens) {
    s.firms.leak_sensitivity[pr.a] = sens;
    s.firms.leak_sensitivity[pr.b] = sens;
    return formation::log_odds(s, p, pr.a, pr.b, 0.5);
  };
  CHECK(at(comp, 0.9f) < at(comp, 0.1f));
  CHECK(at(comp, 0.1f) - at(comp, 0.9f) == Approx(0.8 * p.formation_w_leak_risk).epsilon(1e-6));
  CHECK(at(cross, 0.9f) == at(cross, 0.1f));
}

TEST_CASE("formation: governance probabilities sum to 1 and shift to trust-only with trust",
          "[model][formation]") {
  const Params p;
  for (double employees : {8.0, 100.0, 2000.0}) {
    double last_trust_only = -1;
    for (double t = 0; t <= 1.0; t += 0.05) {
      const auto g = formation::governance_probabilities(p, t, employees);
      CHECK(g[0] + g[1] + g[2] == Approx(1.0).epsilon(1e-12));
      for (double x : g) CHECK((x > 0 && x < 1));
      CHECK(g[0] > last_trust_only);  // Gulati: familiarity substitutes for contracts
      last_trust_only = g[0];
    }
  }
  // Larger stakes shift toward formal governance at given trust.
  CHECK(formation::governance_probabilities(p, 0.5, 2000)[0] <
        formation::governance_probabilities(p, 0.5, 20)[0]);
  // A strong weight on trust makes trusted pairs choose trust only.
  Params strong = p;
  strong.formation_gov_trust_weight = 20;
  CHECK(formation::governance_probabilities(strong, 1.0, 100)[0] > 0.99);
  CHECK(formation::governance_probabilities(strong, 0.0, 100)[0] < 0.3);
}

TEST_CASE("formation: form weights by industry mix and channel, content probabilities",
          "[model][formation]") {
  Params p;
  const auto same = formation::form_weights(p, false, Channel::personal);
  const auto cross = formation::form_weights(p, true, Channel::personal);
  CHECK(same[0] == p.forms_same_division);
  CHECK(same[5] == p.forms_same_alliance);
  CHECK(cross[1] == p.forms_cross_joint_development);
  CHECK(cross[4] == p.forms_cross_ip_licensing);
  p.forms_university_research_factor = 3.0;
  const auto uni = formation::form_weights(p, true, Channel::university);
  for (int k = 0; k < kForms; ++k) {
    const bool research = k == static_cast<int>(Form::joint_research) ||
                          k == static_cast<int>(Form::joint_development);
    CHECK(uni[k] == Approx(cross[k] * (research ? 3.0 : 1.0)));
  }
  for (int f = 0; f < kForms; ++f) {
    const auto pc = formation::content_probabilities(p, static_cast<Form>(f));
    for (double x : pc) CHECK((x >= 0 && x <= 1));
  }
  p.content_technical = 2.0;  // scaled beyond 1 is capped
  CHECK(formation::content_probabilities(p, Form::joint_development)[1] == 1.0);
  p.content_market = 0.0;
  for (int f = 0; f < kForms; ++f)
    CHECK(formation::content_probabilities(p, static_cast<Form>(f))[3] == 0.0);
}

TEST_CASE("formation: founded collaborations draw governance, form and content at the stated rates",
          "[model][formation]") {
  // 12000 collaborations of one cross-industry pair (ended right after founding, so the
  // pair can found again). Governance: chi-squared df 2 (critical 18.421 at 1e-4) against
  // governance_probabilities(t, employees of both). Form: df 5 (critical 25.745) against
  // the normalised form weights. Content bit k: probability pc_k, plus, for the form's most
  // typical content, the chance prod(1 − pc_j) that no bit was drawn; each within 4 SE.
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  const Params& p = bench.params;
  const Pair pr = cross_pair(s);
  const double t = 0.55;
  rng::Stream g(17, 0, rng::Mechanism::test, 5);
  std::vector<std::uint64_t> gov(kGovernances, 0), forms(kForms, 0);
  std::vector<std::vector<std::uint64_t>> content(kForms, std::vector<std::uint64_t>(kContents, 0));
  const int n = 12000;
  for (int k = 0; k < n; ++k) {
    const std::uint32_t id = formation::found(s, bench.ctx(0), pr.a, pr.b, Channel::industry, t, g);
    const Collaboration& c = s.collabs[id];
    REQUIRE(c.cross_industry);
    REQUIRE(c.content != 0);
    ++gov[static_cast<std::size_t>(c.governance)];
    ++forms[static_cast<std::size_t>(c.form)];
    for (int b = 0; b < kContents; ++b)
      content[static_cast<std::size_t>(c.form)][static_cast<std::size_t>(b)] +=
          (c.content >> b) & 1u;
    end_collaboration(s, id, EndReason::dissolved);
  }
  const double employees = static_cast<double>(s.pop.employees[pr.a]) + s.pop.employees[pr.b];
  const auto gp = formation::governance_probabilities(p, t, employees);
  const auto rg = stat_test::chi_squared_gof(gov, {gp[0], gp[1], gp[2]});
  INFO("governance: " << rg.detail);
  CHECK(rg.passes());
  const auto fw = formation::form_weights(p, true, Channel::industry);
  const double total = std::accumulate(fw.begin(), fw.end(), 0.0);
  std::vector<double> fp;
  for (double w : fw) fp.push_back(w / total);
  const auto rf = stat_test::chi_squared_gof(forms, fp);
  INFO("forms: " << rf.detail);
  CHECK(rf.passes());
  // The fallback content of each form is its largest entry in formation.cpp's affinity
  // table (the first of a tie): division -> joint orders, joint development -> technical,
  // joint research -> joint research, contract manufacturing (0.8/0.8) -> joint orders,
  // IP licensing -> technical, alliance -> market.
  const int fallback[kForms] = {0, 1, 2, 0, 1, 3};
  for (int f = 0; f < kForms; ++f) {
    const auto pc = formation::content_probabilities(p, static_cast<Form>(f));
    double none = 1;
    for (double x : pc) none *= 1 - x;
    const auto nf = static_cast<double>(forms[static_cast<std::size_t>(f)]);
    if (nf < 100) continue;  // rare forms: too few for a normal approximation
    for (int b = 0; b < kContents; ++b) {
      const double q = pc[b] + (b == fallback[f] ? none : 0.0);
      const double obs =
          static_cast<double>(content[static_cast<std::size_t>(f)][static_cast<std::size_t>(b)]) /
          nf;
      INFO("form " << f << " content " << b << " observed " << obs << " expected " << q << " of "
                   << nf);
      if (q <= 0.0 || q >= 1.0) {
        CHECK(obs == q);
      } else {
        CHECK(stat_test::z_score(obs, q, std::sqrt(q * (1 - q) / nf)) < stat_test::kSeTolerance);
      }
    }
  }
  CHECK(s.active_collabs.empty());
}

TEST_CASE(
    "formation: an encounter of two open free firms forms with probability logistic(log-odds)",
    "[model][formation]") {
  // 6000 considerations of a competitor pair (ended after each success); the success count
  // is Binomial(6000, q), q = logistic(log_odds): within 4 SE = 4·sqrt(q(1−q)/n).
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  bench.params.formation_intercept = -1.0;
  const Pair pr = competitors(s);
  set_open(s, pr.a, true);
  set_open(s, pr.b, true);
  const double t = 0.4;
  const double q = dist::logistic(formation::log_odds(s, bench.params, pr.a, pr.b, t));
  rng::Stream g(19, 0, rng::Mechanism::test, 6);
  const int n = 6000;
  int formed = 0;
  for (int k = 0; k < n; ++k) {
    s.step = StepCounters{};
    formation::consider(s, bench.ctx(0), pr.a, pr.b, Channel::personal, t, g);
    if (s.step.formations == 1) {
      ++formed;
      end_collaboration(s, s.firms.memberships[pr.a][0], EndReason::dissolved);
    }
    REQUIRE(s.firms.n_memberships[pr.a] == 0);
  }
  INFO("formed " << formed << " of " << n << ", q = " << q);
  CHECK(stat_test::z_score(formed / double(n), q, std::sqrt(q * (1 - q) / n)) <
        stat_test::kSeTolerance);
}

TEST_CASE("formation: closed firms, partners already together and full firms do not form",
          "[model][formation]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.formation_intercept = 20;  // any allowed encounter forms
  p.formation_join_share = 0.0;
  p.formation_max_collaborations = 1;
  rng::Stream g(23, 0, rng::Mechanism::test, 7);
  const std::uint32_t a = 0, b = 70, c = 160, d = 200;
  for (auto f : {a, b, c, d}) set_open(s, f, true);
  set_open(s, d, false);
  formation::consider(s, bench.ctx(0), a, d, Channel::personal, 0.5, g);
  CHECK(s.active_collabs.empty());  // d is closed
  formation::consider(s, bench.ctx(0), a, b, Channel::personal, 0.5, g);
  REQUIRE(s.active_collabs.size() == 1);
  formation::consider(s, bench.ctx(0), b, a, Channel::personal, 0.5, g);
  CHECK(s.active_collabs.size() == 1);  // already together
  formation::consider(s, bench.ctx(0), a, c, Channel::personal, 0.5, g);
  CHECK(s.active_collabs.size() == 1);  // a is full (max 1)
  CHECK(s.firms.n_memberships[c] == 0);
  CHECK(consistency_violation(s, p).empty());
}

TEST_CASE("formation: a member's encounter adds the partner to its collaboration up to max_members",
          "[model][formation]") {
  Bench bench(make_scenario(small_world()));
  ModelState& s = bench.state();
  Params& p = bench.params;
  p.formation_intercept = 20;
  p.formation_join_share = 1.0;
  p.formation_max_members = 3;
  p.formation_max_collaborations = 3;
  rng::Stream g(29, 0, rng::Mechanism::test, 8);
  set_all_open(s, true);
  formation::consider(s, bench.ctx(0), 0, 70, Channel::personal, 0.8, g);
  REQUIRE(s.active_collabs.size() == 1);
  const std::uint32_t id = s.active_collabs[0];
  const float trust_before = s.collabs[id].trust;
  formation::consider(s, bench.ctx(0), 0, 120, Channel::personal, 0.2, g);
  CHECK(s.active_collabs.size() == 1);
  CHECK(s.collabs[id].members.size() == 3);
  CHECK(is_member(s, id, 120));
  // The newcomer's trust is one voice among three.
  CHECK(s.collabs[id].trust == Approx((2 * trust_before + 0.2) / 3).epsilon(1e-6));
  // Full (3 members): the next partner founds a new collaboration with the initiator.
  formation::consider(s, bench.ctx(0), 0, 160, Channel::personal, 0.5, g);
  CHECK(s.active_collabs.size() == 2);
  CHECK(s.firms.n_memberships[0] == 2);
  CHECK(s.collabs[id].members.size() == 3);
  CHECK(consistency_violation(s, p).empty());
}
