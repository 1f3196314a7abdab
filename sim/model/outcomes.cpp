#include "model/outcomes.hpp"

#include "core/distributions.hpp"
#include "model/collaborations.hpp"
#include "model/program.hpp"
#include "model/trust.hpp"

#include <cmath>
#include <vector>

namespace renkei::outcomes {
namespace {

// Members perceive their own contribution with multiplicative noise at each review:
// uniform with mean 1 and coefficient of variation 0.35 (assumption), i.e. on
// [1 - 0.35·√3, 1 + 0.35·√3] — a cheap law with the spread that matters here.
constexpr double kPerceptionCv = 0.35;

void dissolve(ModelState& s, const StepContext& ctx, std::uint32_t id, bool grievance,
              rng::Stream& g) {
  Collaboration& c = s.collabs[id];
  // Members carry the group's final trust into their ties with the core firm.
  for (std::size_t k = 1; k < c.members.size(); ++k) {
    const std::uint32_t tie = s.ties.find(c.members[0], c.members[k]);
    if (tie != TieStore::none)
      s.ties.set_trust(tie, std::min<double>(s.ties.trust_at(tie, ctx.step), c.trust), ctx.step);
  }
  const std::vector<std::uint32_t> members = c.members;
  ++s.step.dissolutions;
  end_collaboration(s, id, EndReason::dissolved);
  // After an unfair or leaky failure, a member with no other collaboration may lose
  // interest in collaborating (members of other groups stay open while they are in them).
  if (grievance) {
    for (std::uint32_t f : members) {
      if (dist::bernoulli(g, ctx.p.population_close_after_failure) && s.firms.n_memberships[f] == 0)
        set_open(s, f, false);
    }
  }
}

void complete(ModelState& s, const StepContext& ctx, std::uint32_t id) {
  Collaboration& c = s.collabs[id];
  for (std::size_t k = 1; k < c.members.size(); ++k) {
    const std::uint32_t tie = s.ties.find(c.members[0], c.members[k]);
    if (tie != TieStore::none)
      s.ties.set_trust(
          tie,
          trust::gain(std::max<double>(s.ties.trust_at(tie, ctx.step), c.trust), ctx.p.trust_gain),
          ctx.step);
  }
  ++s.step.completions;
  end_collaboration(s, id, EndReason::completed);
}

}  // namespace

double form_return_factor(const Params& p, const Collaboration& c) {
  switch (c.form) {
    case Form::joint_research: return p.outcomes_research_return_factor;
    case Form::ip_licensing:
    case Form::alliance: return c.national_reach ? p.outcomes_market_reach_factor : 1.0;
    default: return 1.0;
  }
}

double form_sd_factor(const Params& p, const Collaboration& c) {
  switch (c.form) {
    case Form::division: return p.outcomes_division_sd_factor;
    case Form::contract_manufacturing: return p.outcomes_contract_sd_factor;
    default: return 1.0;
  }
}

double mean_return(const Params& p, const Collaboration& c) {
  const double base = c.stage == Stage::exploration   ? p.outcomes_return_exploration
                      : c.stage == Stage::development ? p.outcomes_return_development
                                                      : p.outcomes_return_commercial;
  const double scale = std::sqrt(static_cast<double>(c.members.size()) / 2.0);
  // The form scales what the stage earns or costs: a loss-making exploration of joint
  // research costs less too (the members explore within their own work).
  return base * form_return_factor(p, c) *
             (1.0 + p.outcomes_return_complementarity * c.complementarity) * scale +
         (c.subsidised ? p.program_subsidy_return_boost : 0.0) +
         (c.app == AppState::certified ? p.program_finance_return_boost : 0.0);
}

double leak_probability(const ModelState& s, const Params& p, const Collaboration& c) {
  if (!c.has_competitors) return 0.0;
  double sens = 0;
  for (std::uint32_t f : c.members) sens += s.firms.leak_sensitivity[f];
  sens /= static_cast<double>(c.members.size());
  const double factor = c.governance == Governance::trust ? 1.0
                        : c.governance == Governance::contract
                            ? p.outcomes_leak_factor_contract
                            : p.outcomes_leak_factor_incorporated;
  // Sensitive members guard their know-how less well against a competitor-partner's
  // absorption and notice (and resent) more of it: scale around the population mean 0.5.
  return std::min(1.0, p.outcomes_leak_prob * factor * (0.5 + sens));
}

void review(ModelState& s, const StepContext& ctx, std::uint32_t id) {
  const Params& p = ctx.p;
  Collaboration& c = s.collabs[id];
  auto g = ctx.stream(rng::Mechanism::outcomes, c.stream_key);
  ++c.reviews;
  const std::size_t n = c.members.size();
  const double scale_sd = std::sqrt(static_cast<double>(n) / 2.0);
  const double x =
      dist::normal(g, mean_return(p, c), p.outcomes_return_sd * scale_sd * form_sd_factor(p, c));

  // Shares of the return and perceived fairness.
  double perceived[64];  // n <= formation.max_members <= 50 (schema bound)
  double perceived_sum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    perceived[k] =
        c.contribution[k] * (1.0 + kPerceptionCv * std::sqrt(3.0) * (2.0 * g.uniform() - 1.0));
    perceived_sum += perceived[k];
  }
  int unfair = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double share = x >= 0 ? c.profit_share[k] : c.cost_share[k];
    const double income = share * x;
    const double contrib = perceived[k] / perceived_sum;
    // Fair means receiving at least a fair fraction of one's contribution share of a profit,
    // or bearing no more than contribution/fair_threshold of a loss.
    const double ratio = x >= 0 ? c.profit_share[k] / contrib : contrib / c.cost_share[k];
    if (ratio < p.outcomes_fair_threshold) ++unfair;
    // Income and the risk-pooling sums are the region's firms': out-of-region partners are
    // outside the accounts (they still judge fairness).
    if (ctx.step >= 0 && !is_external(s.pop, c.members[k])) {
      s.firms.income[c.members[k]] += income;
      s.income_total += income;
      s.step.member_n += 1;
      s.step.member_sum += income;
      s.step.member_sumsq += income * income;
      s.step.solo_n += 1;
      s.step.solo_sum += x;
      s.step.solo_sumsq += x * x;
    }
  }
  s.step.unfair += unfair;

  const bool leak = dist::bernoulli(g, leak_probability(s, p, c));
  double t = c.trust;
  if (leak) {
    ++s.step.leakage;
    t = trust::lose(t, p.trust_leak_loss);
  }
  if (unfair > 0) {
    t = trust::lose(t, p.trust_loss * unfair / static_cast<double>(n));
  } else if (x >= 0) {
    t = trust::gain(t, p.trust_gain);
  }
  // The support team's follow-up of a certified plan spares part of a deficit's strain.
  if (x < 0)
    t = trust::lose(t, p.trust_deficit_loss *
                           (c.app == AppState::certified ? 1.0 - p.program_followup_relief : 1.0));
  c.trust = static_cast<float>(t);

  if (t < p.outcomes_dissolve_trust) {
    dissolve(s, ctx, id, leak || unfair > 0, g);
    return;
  }
  if (ctx.step >= c.stage_end_step) {
    switch (c.stage) {
      case Stage::exploration:
        if (dist::bernoulli(g, p.outcomes_explore_fail)) {
          dissolve(s, ctx, id, false, g);
          return;
        }
        c.stage = Stage::development;
        c.stage_end_step =
            ctx.step + ctx.steps_for_weeks(dist::exponential(g, 1.0 / p.outcomes_develop_weeks));
        break;
      case Stage::development:
        c.stage = Stage::commercial;
        c.stage_end_step =
            ctx.step + ctx.steps_for_weeks(dist::exponential(g, 1.0 / p.outcomes_commercial_weeks));
        break;
      case Stage::commercial: complete(s, ctx, id); return;
    }
  }
  program::consider_consultation(s, ctx, id, g);
  s.scheduler.schedule(ctx.step + ctx.steps_for_weeks(p.outcomes_review_weeks),
                       Event{EventKind::review, id, c.generation});
}

}  // namespace renkei::outcomes
