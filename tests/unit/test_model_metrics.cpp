// Concordance of the recorded series with the state they summarise: stepping a model with
// an eager program, every recorded aggregate is recounted from the per-firm and
// per-collaboration records after each step, and the final metrics from the series.
#include "model_fixtures.hpp"

#include "model/metrics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <memory>

using namespace renkei;
using namespace renkei::model_test;

namespace {

// Recounts every aggregate of step t from the state and compares it with the record.
void check_step(const Model& m, const RunResult& r, int t, int& certified_seen,
                int& rejected_seen) {
  const ModelState& s = m.state();
  const Params& p = m.params();
  INFO("step " << t);
  const std::string why = consistency_violation(s, p);
  INFO(why);
  REQUIRE(why.empty());
  const double n = s.n_firms();
  int in_collab = 0, memberships = 0, open = 0, aware = 0, understand = 0;
  double income = 0;
  for (std::uint32_t f = 0; f < s.n_firms(); ++f) {
    in_collab += s.firms.n_memberships[f] > 0 ? 1 : 0;
    memberships += s.firms.n_memberships[f];
    open += s.firms.open[f];
    aware += s.firms.aware[f];
    understand += s.firms.understand[f];
    income += s.firms.income[f];
  }
  CHECK(r.at(S::collab_share, t) * n == Approx(in_collab).margin(1e-9));
  double members = 0, cross = 0, certified_active = 0, queued = 0, coaching = 0, review = 0,
         trust = 0;
  for (std::uint32_t id : s.active_collabs) {
    const Collaboration& c = s.collabs[id];
    members += static_cast<double>(c.members.size());
    cross += c.cross_industry;
    certified_active += c.app == AppState::certified;
    queued += c.app == AppState::queued;
    coaching += c.app == AppState::coaching;
    review += c.app == AppState::review;
    trust += c.trust;
  }
  const double collabs = static_cast<double>(s.active_collabs.size());
  CHECK(r.at(S::collaborations, t) == collabs);
  CHECK(r.at(S::form_division, t) + r.at(S::form_joint_development, t) +
            r.at(S::form_joint_research, t) + r.at(S::form_contract_manufacturing, t) +
            r.at(S::form_ip_licensing, t) + r.at(S::form_alliance, t) ==
        collabs);
  CHECK(r.at(S::gov_trust, t) + r.at(S::gov_contract, t) + r.at(S::gov_incorporated, t) == collabs);
  CHECK(r.at(S::stage_exploration, t) + r.at(S::stage_development, t) +
            r.at(S::stage_commercial, t) ==
        collabs);
  CHECK(r.at(S::members, t) == members);
  CHECK(r.at(S::members, t) == memberships);
  CHECK(r.at(S::cross_industry, t) == cross);
  CHECK(r.at(S::open_firms, t) == open);
  CHECK(r.at(S::aware, t) == aware);
  CHECK(r.at(S::understand, t) == understand);
  CHECK(r.at(S::certified_active, t) == certified_active);
  CHECK(r.at(S::queue, t) == queued);
  CHECK(r.at(S::coaching, t) == coaching);
  CHECK(r.at(S::in_review, t) == review);
  CHECK(r.at(S::ties, t) == s.ties.count());
  CHECK(r.at(S::outcome_mean, t) == Approx(income / n));
  if (collabs > 0) CHECK(r.at(S::trust_collab_mean, t) == Approx(trust / collabs));
  if (collabs == 0) CHECK(std::isnan(r.at(S::trust_collab_mean, t)));
  // Events of this step, recounted from the slots (a slot freed during a step is reused
  // only by a later step's meetings, so the records of step t are still in place).
  int formed = 0, applied = 0, certified_now = 0, rejected_now = 0;
  const rng::ReplicateStreams unused(0, 0);
  const StepContext ctx{p, unused, t, 0, m.calendar().dt_weeks()};
  const int reapply = t + ctx.steps_for_weeks(p.program_reapply_weeks);
  for (const Collaboration& c : s.collabs) {
    formed += c.formed_step == t && c.generation > 0 ? 1 : 0;
    // An application is a brushed-up case sent to review (app_step: its date); a case still
    // queued or in brush-up has consulted but not applied.
    const bool applied_state =
        c.app == AppState::review || c.app == AppState::certified || c.app == AppState::rejected;
    applied += applied_state && c.app_step == t ? 1 : 0;
    certified_now += c.app == AppState::certified && c.certified_step == t ? 1 : 0;
    rejected_now += c.app == AppState::rejected && c.reapply_step == reapply ? 1 : 0;
  }
  CHECK(r.at(S::formations, t) == formed);
  CHECK(r.at(S::applications, t) == applied);
  certified_seen += certified_now;
  rejected_seen += rejected_now;
  CHECK(r.at(S::certifications, t) == certified_seen);
  CHECK(r.at(S::rejections, t) == rejected_seen);
  CHECK(r.at(S::certifications, t) == s.certifications);
}

}  // namespace

TEST_CASE("metrics: recorded aggregates equal recounts from firms and collaborations at every step",
          "[model][metrics]") {
  Scenario sc = make_scenario(small_world(), 52, Date{2006, 3, 31});
  sc.params = eager_program_params();
  sc.params.program_coaching_capacity = 3;       // a queue forms
  sc.params.program_acceptance_intercept = 0.0;  // rejections too
  sc.params.program_reapply_weeks = 8;
  Model m(sc, 11, 0);
  int certified_seen = 0, rejected_seen = 0;
  while (m.current_step() < m.calendar().steps()) {
    m.step();
    const int t = m.current_step() - 1;
    if (t >= 0) check_step(m, m.record(), t, certified_seen, rejected_seen);
    if (t < 0) {
      const std::string why = consistency_violation(m.state(), m.params());
      INFO("burn-in step " << t << ": " << why);
      REQUIRE(why.empty());
    }
  }
  INFO("certifications " << certified_seen << ", rejections " << rejected_seen);
  CHECK(certified_seen > 0);  // the test exercised the program
  CHECK(rejected_seen > 0);
  RunResult r = m.run(0);
  double formations = 0, dissolutions = 0, leakage = 0;
  for (int t = 0; t < r.steps; ++t) {
    formations += r.at(S::formations, t);
    dissolutions += r.at(S::dissolutions, t);
    leakage += r.at(S::leakage_events, t);
  }
  CHECK(r.final(F::formations_total) == formations);
  CHECK(r.final(F::dissolutions_total) == dissolutions);
  CHECK(r.final(F::leakage_total) == leakage);
  CHECK(r.final(F::certifications_end) == certified_seen);
  CHECK(r.final(F::collab_share_start) == r.at(S::collab_share, 0));
  CHECK(r.final(F::collab_share_end) == r.at(S::collab_share, r.steps - 1));
  CHECK(r.final(F::aware_share_end) == Approx(r.at(S::aware, r.steps - 1) / m.state().n_firms()));
  CHECK(r.final(F::firms) == m.state().n_firms());
  // Certifications by 15 December of the start year: the series at the step holding it.
  CHECK(r.final(F::certifications_first_dec) ==
        r.at(S::certifications, m.calendar().step_of(Date{2005, 12, 15})));
  // Awareness among small firms and outside the bureau's prefecture, recounted.
  double small = 0, small_aware = 0, outside = 0, outside_aware = 0;
  for (std::uint32_t f = 0; f < m.state().n_firms(); ++f) {
    if (m.state().pop.employees[f] <= metrics::kSmallFirmEmployees) {
      small += 1;
      small_aware += m.state().firms.aware[f];
    }
    if (m.state().pop.prefecture[f] != 0) {  // the test world's bureau is in prefecture 0
      outside += 1;
      outside_aware += m.state().firms.aware[f];
    }
  }
  CHECK(r.final(F::aware_share_small_end) == Approx(small_aware / small));
  CHECK(r.final(F::aware_share_outside_bureau_end) == Approx(outside_aware / outside));
}

TEST_CASE("metrics: certifications by block add up to the total, at 15 December and at the end",
          "[model][metrics]") {
  // The small world split into two blocks (prefecture 1 gets a block and bureau of its own);
  // an eager program certifies in both. Each certification is counted in the block of its
  // core firm, so the blocks sum to the total at both dates.
  auto world = std::make_shared<World>(*small_world());
  world->blocks.push_back(Block{"second", "Second", 1});
  world->prefectures[1].block = 1;
  Scenario sc = make_scenario(world, 52, Date{2006, 9, 30});
  sc.params = eager_program_params();
  const RunResult r = run_replicate(sc, 0, 11, 0);
  REQUIRE(r.certifications_by_block_dec.size() == 2);
  REQUIRE(r.certifications_by_block_end.size() == 2);
  const auto& dec = r.certifications_by_block_dec;
  const auto& end = r.certifications_by_block_end;
  INFO("by block at Dec: " << dec[0] << ", " << dec[1] << "; at end: " << end[0] << ", " << end[1]);
  CHECK(dec[0] + dec[1] == r.final(F::certifications_first_dec));
  CHECK(end[0] + end[1] == r.final(F::certifications_end));
  CHECK(end[0] > 0);
  CHECK(end[1] > 0);
  CHECK(end[0] >= dec[0]);
  CHECK(end[1] >= dec[1]);
}
