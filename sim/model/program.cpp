#include "model/program.hpp"

#include "core/distributions.hpp"
#include "model/scheduler.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace renkei::program {
namespace {

std::size_t block_of(const ModelState& s, const Collaboration& c) {
  return static_cast<std::size_t>(s.world->prefectures[s.pop.prefecture[c.members[0]]].block);
}

SupportTeam& team_of(ModelState& s, const Collaboration& c) { return s.teams[block_of(s, c)]; }

bool has_service_member(const ModelState& s, const Collaboration& c) {
  return std::any_of(c.members.begin(), c.members.end(),
                     [&](std::uint32_t f) { return s.firms.service[f] != 0; });
}

// Coaching randomness belongs to the team's coaching places, not to the cases: each busy
// place ends its case this step with probability dt/coaching_weeks, from a stream keyed by
// (block, place, step), and the review time and acceptance draw of the case it releases
// come from the same stream. Two scenarios whose place j is busy at step t therefore see
// the same coaching end, review time and acceptance draw there, whichever case it holds.
// When coaching capacity binds, a policy that changes who queues leaves the team's
// throughput paired with the baseline's (common random numbers for a queue, as in
// uniformisation), where per-case draws would re-randomise it. Each case still gets
// independent draws, so the model's distributions are those of per-case draws.
rng::Stream place_stream(const StepContext& ctx, std::size_t block, std::size_t place) {
  return ctx.stream(rng::Mechanism::coaching_place,
                    static_cast<std::uint32_t>((block << 24) | (place & 0xFFFFFFu)));
}

}  // namespace

MemberFacts member_facts(const ModelState& s, const Collaboration& c) {
  MemberFacts m;
  // Requirement 1: firms of different fields pool their resources. A university may take
  // part (study §4's forms 2 and 3) but is not a participating firm, and the fields that
  // count are the SMEs' own.
  int firms = 0;
  std::uint32_t first_sme = TieStore::none;
  for (std::uint32_t f : c.members) {
    if (is_university(s.pop, f)) continue;
    ++firms;
    if (!s.firms.sme[f]) continue;
    if (first_sme == TieStore::none)
      first_sme = f;
    else if (s.pop.industry[f] != s.pop.industry[first_sme])
      m.sme_fields_differ = true;
  }
  m.firms = static_cast<std::uint8_t>(firms);
  int smes = 0;
  for (std::uint32_t f : c.members) smes += s.firms.sme[f];
  m.core_firm = s.firms.sme[c.members[0]] && 2 * smes >= static_cast<int>(c.members.size());
  return m;
}

Requirements requirements(const Params& p, const Collaboration& c, const MemberFacts& m) {
  Requirements r;
  r.different_fields = m.sme_fields_differ && m.firms >= p.program_min_members;
  r.novelty = c.novelty >= p.program_novelty_threshold;
  r.commercial_market = c.stage != Stage::exploration && c.market >= p.program_market_threshold;
  r.core_firm = m.core_firm;
  r.internal_rules = c.governance != Governance::trust;
  return r;
}

Requirements requirements(const ModelState& s, const Params& p, const Collaboration& c) {
  return requirements(p, c, member_facts(s, c));
}

int valued_benefits(const ModelState& s, std::uint32_t firm) {
  return std::popcount(static_cast<unsigned>(s.firms.benefits[firm]));
}

void consider_consultation(ModelState& s, const StepContext& ctx, std::uint32_t id,
                           rng::Stream& g) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  if (ctx.step < 0) return;  // the program starts at the start date
  if (c.app != AppState::none && c.app != AppState::rejected && c.app != AppState::ended) return;
  if (ctx.step < c.reapply_step) return;
  const std::uint32_t core = c.members[0];
  if (!expects(s, p, core)) return;
  const int valued = valued_benefits(s, core);
  if (valued == 0) return;
  const auto& pref = s.world->prefectures[s.pop.prefecture[core]];
  const bool bureau = s.world->blocks[static_cast<std::size_t>(pref.block)].bureau_prefecture ==
                      static_cast<int>(s.pop.prefecture[core]);
  const double hazard = p.program_consult_rate * valued * (bureau ? p.program_bureau_factor : 1.0);
  const double weeks = ctx.steps_for_weeks(p.outcomes_review_weeks) * ctx.dt;
  if (!dist::bernoulli(g, dist::hazard_to_probability(hazard, weeks))) return;
  ++s.consultations;
  ++s.step.consultations;
  const Requirements r = requirements(s, p, c);
  if (!r.screen() || c.stage == Stage::exploration) {
    c.app = AppState::ended;
    ++s.turned_away;
    c.reapply_step = ctx.step + ctx.steps_for_weeks(p.program_reconsult_weeks);
    return;
  }
  c.app = AppState::queued;
  c.app_step = ctx.step;
  team_of(s, c).queue.emplace_back(id, c.generation);
}

int block_capacity(int capacity, double support_scale) {
  if (capacity <= 0 || support_scale <= 0.0) return 0;
  return std::max(1, static_cast<int>(std::lround(capacity * support_scale)));
}

int extra_coaching_places(const ModelState& s, const Params& now, const Params& base) {
  int extra = 0;
  for (const Block& b : s.world->blocks)
    extra += std::max(0, block_capacity(now.program_coaching_capacity, b.support_scale) -
                             block_capacity(base.program_coaching_capacity, b.support_scale));
  return extra;
}

void start_coaching(ModelState& s, const StepContext& ctx) {
  for (std::size_t b = 0; b < s.teams.size(); ++b) {
    SupportTeam& team = s.teams[b];
    const int capacity =
        block_capacity(ctx.p.program_coaching_capacity, s.world->blocks[b].support_scale);
    if (team.places.size() < static_cast<std::size_t>(std::max(capacity, 0)))
      team.places.resize(static_cast<std::size_t>(capacity), SupportTeam::kFreePlace);
    // Places beyond a capacity that has since shrunk finish their cases but take no more.
    std::size_t place = 0;
    while (team.coaching < capacity && !team.queue.empty()) {
      const auto [id, generation] = team.queue.front();
      team.queue.pop_front();
      Collaboration& c = s.collabs[id];
      if (!c.active || c.generation != generation || c.app != AppState::queued) continue;
      while (team.places[place] != SupportTeam::kFreePlace)
        ++place;  // one exists: coaching < capacity
      team.places[place] = id;
      c.app = AppState::coaching;
      c.coach = static_cast<std::uint32_t>(place);
      ++team.coaching;
    }
  }
}

void advance_coaching(ModelState& s, const StepContext& ctx) {
  const double p_end = std::min(1.0, ctx.dt / std::max(ctx.p.program_coaching_weeks, 1e-9));
  for (std::size_t b = 0; b < s.teams.size(); ++b) {
    for (std::size_t j = 0; j < s.teams[b].places.size(); ++j) {
      const std::uint32_t id = s.teams[b].places[j];
      if (id == SupportTeam::kFreePlace) continue;
      auto g = place_stream(ctx, b, j);
      if (g.uniform() < p_end) on_coaching_done(s, ctx, id, g);
    }
  }
}

void on_coaching_done(ModelState& s, const StepContext& ctx, std::uint32_t id, rng::Stream& g) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  SupportTeam& team = team_of(s, c);
  team.places[c.coach] = SupportTeam::kFreePlace;
  --team.coaching;
  const double gain = p.program_brushup_gain;
  c.market = static_cast<float>(c.market + gain * (1.0 - c.market));
  c.novelty = static_cast<float>(c.novelty + gain * (1.0 - c.novelty));
  const bool rules = g.uniform() < p.program_rules_help;
  const double mean = p.program_review_weeks *
                      (has_service_member(s, c) ? p.program_cross_sector_review_factor : 1.0);
  const double weeks = dist::exponential(g, 1.0 / std::max(mean, 1e-9));
  const float accept_draw = static_cast<float>(g.uniform());
  if (c.governance == Governance::trust && rules) c.governance = Governance::contract;
  if (!requirements(s, p, c).all()) {
    c.app = AppState::ended;
    ++s.brushup_ended;
    c.reapply_step = ctx.step + ctx.steps_for_weeks(p.program_reconsult_weeks);
    return;
  }
  c.app = AppState::review;
  c.app_step = ctx.step;
  ++s.applications;
  ++s.step.applications;
  ++team.in_review;
  c.accept_draw = accept_draw;
  s.scheduler.schedule(ctx.step + ctx.steps_for_weeks(weeks),
                       Event{EventKind::review_done, id, c.generation});
}

double acceptance_probability(const ModelState& s, const Params& p, const Collaboration& c) {
  const double quality = 0.5 * (c.novelty + c.market) + p.program_quality_boost;
  const bool service_core = s.firms.service[c.members[0]] != 0;
  return dist::logistic(p.program_acceptance_intercept +
                        p.program_acceptance_slope * (quality - 0.5) -
                        (service_core ? p.program_service_acceptance_penalty : 0.0));
}

void on_review_done(ModelState& s, const StepContext& ctx, std::uint32_t id, int fiscal_year) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  SupportTeam& team = team_of(s, c);
  --team.in_review;
  if (!(c.accept_draw < acceptance_probability(s, p, c))) {
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
