#include "model/program.hpp"

#include "core/distributions.hpp"
#include "model/scheduler.hpp"

#include <algorithm>

namespace renkei::program {
namespace {

SupportTeam& team_of(ModelState& s, const Collaboration& c) {
  return s.teams[static_cast<std::size_t>(s.world->prefectures[s.pop.prefecture[c.members[0]]].block)];
}

bool has_service_member(const ModelState& s, const Collaboration& c) {
  return std::any_of(c.members.begin(), c.members.end(), [&](std::uint32_t f) { return s.firms.service[f] != 0; });
}

}  // namespace

Requirements requirements(const ModelState& s, const Params& p, const Collaboration& c) {
  Requirements r;
  r.different_fields = c.cross_industry && static_cast<int>(c.members.size()) >= p.program_min_members;
  r.commercial_market = c.stage != Stage::exploration && c.market >= p.program_market_threshold;
  int smes = 0;
  for (std::uint32_t f : c.members) smes += s.firms.sme[f];
  r.core_firm = s.firms.sme[c.members[0]] && 2 * smes >= static_cast<int>(c.members.size());
  r.internal_rules = c.governance != Governance::trust;
  return r;
}

void consider_application(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  if (ctx.step < 0) return;  // the program starts at the start date
  if (c.app != AppState::none && c.app != AppState::rejected) return;
  if (ctx.step < c.reapply_step) return;
  const std::uint32_t core = c.members[0];
  if (!expects(s, p, core) || !requirements(s, p, c).all()) return;
  const auto& pref = s.world->prefectures[s.pop.prefecture[core]];
  const bool bureau = s.world->blocks[static_cast<std::size_t>(pref.block)].bureau_prefecture ==
                      static_cast<int>(s.pop.prefecture[core]);
  const double hazard = p.program_apply_rate * (bureau ? p.program_bureau_factor : 1.0);
  const double weeks = ctx.steps_for_weeks(p.outcomes_review_weeks) * ctx.dt;
  if (!dist::bernoulli(g, dist::hazard_to_probability(hazard, weeks))) return;
  c.app = AppState::queued;
  c.app_step = ctx.step;
  ++s.step.applications;
  team_of(s, c).queue.emplace_back(id, c.generation);
}

void start_coaching(ModelState& s, const StepContext& ctx) {
  for (std::size_t b = 0; b < s.teams.size(); ++b) {
    SupportTeam& team = s.teams[b];
    while (team.coaching < ctx.p.program_coaching_capacity && !team.queue.empty()) {
      const auto [id, generation] = team.queue.front();
      team.queue.pop_front();
      Collaboration& c = s.collabs[id];
      if (!c.active || c.generation != generation || c.app != AppState::queued) continue;
      auto g = ctx.stream(rng::Mechanism::program, c.stream_key);
      c.app = AppState::coaching;
      ++team.coaching;
      const double weeks = dist::exponential(g, 1.0 / std::max(ctx.p.program_coaching_weeks, 1e-9));
      s.scheduler.schedule(ctx.step + ctx.steps_for_weeks(weeks), Event{EventKind::coaching_done, id, c.generation});
    }
  }
}

void on_coaching_done(ModelState& s, const StepContext& ctx, std::uint32_t id) {
  Collaboration& c = s.collabs[id];
  SupportTeam& team = team_of(s, c);
  --team.coaching;
  c.app = AppState::review;
  ++team.in_review;
  auto g = ctx.stream(rng::Mechanism::program, c.stream_key);
  const double mean = ctx.p.program_review_weeks * (has_service_member(s, c) ? ctx.p.program_cross_sector_review_factor : 1.0);
  const double weeks = dist::exponential(g, 1.0 / std::max(mean, 1e-9));
  s.scheduler.schedule(ctx.step + ctx.steps_for_weeks(weeks), Event{EventKind::review_done, id, c.generation});
}

double acceptance_probability(const ModelState& s, const Params& p, const Collaboration& c) {
  const double quality = 0.5 * (c.novelty + c.market) + p.program_quality_boost;
  const bool service_core = s.firms.service[c.members[0]] != 0;
  return dist::logistic(p.program_acceptance_intercept + p.program_acceptance_slope * (quality - 0.5) -
                        (service_core ? p.program_service_acceptance_penalty : 0.0));
}

void on_review_done(ModelState& s, const StepContext& ctx, std::uint32_t id, int fiscal_year) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  SupportTeam& team = team_of(s, c);
  --team.in_review;
  auto g = ctx.stream(rng::Mechanism::program, c.stream_key);
  if (!dist::bernoulli(g, acceptance_probability(s, p, c))) {
    c.app = AppState::rejected;
    ++s.rejections;
    c.reapply_step = ctx.step + ctx.steps_for_weeks(p.program_reapply_weeks);
    return;
  }
  c.app = AppState::certified;
  c.certified_step = ctx.step;
  ++s.certifications;
  for (std::uint32_t f : c.members) {
    if (!s.firms.certified[f]) {
      s.firms.certified[f] = 1;
      s.certified_firms.push_back(f);
    }
  }
  if (team.fiscal_year != fiscal_year) {
    team.fiscal_year = fiscal_year;
    team.subsidised_this_year = 0;
  }
  if (team.subsidised_this_year < p.program_subsidised_per_year) {
    ++team.subsidised_this_year;
    c.subsidised = true;
    ++s.subsidised;
    s.subsidy_spent += p.program_subsidy_yen;
  }
}

}  // namespace renkei::program
