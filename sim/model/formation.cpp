#include "model/formation.hpp"

#include "core/distributions.hpp"
#include "model/collaborations.hpp"
#include "model/motives.hpp"
#include "model/scheduler.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::formation {
namespace {

// How strongly each form carries each Q2 content (joint orders, technical, joint research,
// market), read from the study's descriptions of the six case forms. A structural
// assumption: the calibrated content.* parameters scale the columns.
constexpr double kContentAffinity[kForms][kContents] = {
    {1.0, 0.6, 0.1, 0.2},  // division of labour: shared orders, process know-how
    {0.3, 1.0, 0.6, 0.8},  // joint development: technology plus market feedback
    {0.1, 0.8, 1.0, 0.3},  // joint research
    {0.8, 0.8, 0.1, 0.2},  // contract manufacturing: volume and design advice
    {0.2, 0.7, 0.3, 0.6},  // IP licensing: technology to a partner with market reach
    {0.7, 0.3, 0.1, 1.0},  // business alliance: sales channels and service
};

}  // namespace

double log_odds(const ModelState& s, const Params& p, std::uint32_t a, std::uint32_t b, double t) {
  const double comp = complementarity(s.pop, a, b);
  const double size_gap =
      std::fabs(std::log(static_cast<double>(s.pop.employees[a]) / s.pop.employees[b]));
  // Fear of an unfair split grows with the size gap and shrinks with trust.
  const double fairness_risk = (1.0 - t) * size_gap / (1.0 + size_gap);
  const bool competitor = s.pop.industry[a] == s.pop.industry[b];
  const double leak_risk =
      competitor ? 0.5 * (s.firms.leak_sensitivity[a] + s.firms.leak_sensitivity[b]) : 0.0;
  return p.formation_intercept + p.formation_w_trust * t + p.formation_w_complementarity * comp -
         p.formation_w_fairness_risk * fairness_risk - p.formation_w_leak_risk * leak_risk;
}

std::array<double, kGovernances> governance_probabilities(const Params& p, double t,
                                                          double employees) {
  const double stake = std::log(std::max(employees, 1.0) / 100.0);
  const std::array<double, kGovernances> u = {
      p.formation_gov_trust_weight * t,
      p.formation_gov_contract_intercept + p.formation_gov_stake_weight * stake,
      p.formation_gov_incorporated_intercept + 2.0 * p.formation_gov_stake_weight * stake};
  const double m = std::max({u[0], u[1], u[2]});
  std::array<double, kGovernances> e{};
  double sum = 0;
  for (int k = 0; k < kGovernances; ++k) sum += e[k] = std::exp(u[k] - m);
  for (auto& x : e) x /= sum;
  return e;
}

std::array<double, kForms> form_weights(const Params& p, bool cross, Channel channel,
                                        std::uint16_t motives, bool national, bool university) {
  std::array<double, kForms> w =
      cross ? std::array<double, kForms>{p.forms_cross_division,
                                         p.forms_cross_joint_development,
                                         p.forms_cross_joint_research,
                                         p.forms_cross_contract_manufacturing,
                                         p.forms_cross_ip_licensing,
                                         p.forms_cross_alliance}
            : std::array<double, kForms>{
                  p.forms_same_division,       p.forms_same_joint_development,
                  p.forms_same_joint_research, p.forms_same_contract_manufacturing,
                  p.forms_same_ip_licensing,   p.forms_same_alliance};
  auto scale = [&w](Form x, Form y, double factor) {
    w[static_cast<int>(x)] *= factor;
    w[static_cast<int>(y)] *= factor;
  };
  if (channel == Channel::university || university)
    scale(Form::joint_research, Form::joint_development, p.forms_university_research_factor);
  if (national) scale(Form::ip_licensing, Form::alliance, p.forms_national_network_factor);
  // What the founders seek tilts the form toward the cases that deliver it (study section 4).
  if (motives & kTechnologyMotives)
    scale(Form::joint_research, Form::joint_development, p.motives_technology_form_factor);
  if (motives & kMarketMotives)
    scale(Form::ip_licensing, Form::alliance, p.motives_market_form_factor);
  if (motives & kCapacityMotives)
    scale(Form::division, Form::contract_manufacturing, p.motives_capacity_form_factor);
  return w;
}

std::array<double, kContents> content_probabilities(const Params& p, Form form) {
  const std::array<double, kContents> scale = {p.content_joint_orders, p.content_technical,
                                               p.content_joint_research, p.content_market};
  std::array<double, kContents> out{};
  for (int k = 0; k < kContents; ++k)
    out[k] = std::min(1.0, scale[k] * kContentAffinity[static_cast<int>(form)][k]);
  return out;
}

Shape draw_shape(const Params& p, rng::Stream& g, double t, double employees, bool cross,
                 Channel channel, std::uint16_t motives, bool national, bool university) {
  Shape out;
  out.governance =
      static_cast<Governance>(dist::categorical(g, governance_probabilities(p, t, employees)));
  out.form = static_cast<Form>(
      dist::categorical(g, form_weights(p, cross, channel, motives, national, university)));
  const auto pc = content_probabilities(p, out.form);
  for (int k = 0; k < kContents; ++k) {
    if (dist::bernoulli(g, pc[k])) out.content = static_cast<std::uint8_t>(out.content | (1u << k));
  }
  if (out.content == 0) {
    // Every collaboration does something: its form's most typical content.
    const auto* row = kContentAffinity[static_cast<int>(out.form)];
    out.content = static_cast<std::uint8_t>(1u << (std::max_element(row, row + kContents) - row));
  }
  return out;
}

std::uint32_t found(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
                    Channel channel, double t, rng::Stream& g) {
  const Params& p = ctx.p;
  const std::uint32_t id = create_collaboration(s, a, b, ctx.step);
  Collaboration& c = s.collabs[id];
  c.channel = static_cast<std::uint8_t>(channel);
  c.stream_key = collaboration_stream_key(a, b, ctx.step);
  c.trust = static_cast<float>(t);
  c.complementarity = static_cast<float>(complementarity(s.pop, a, b));

  const double employees = static_cast<double>(s.pop.employees[a]) + s.pop.employees[b];
  const bool university = is_university(s.pop, a) || is_university(s.pop, b);
  const Shape shape =
      draw_shape(p, g, t, employees, c.cross_industry, channel,
                 static_cast<std::uint16_t>(s.firms.motives[a] | s.firms.motives[b]),
                 c.national_reach, university);
  c.governance = shape.governance;
  c.form = shape.form;
  c.content = shape.content;
  const double market_mean =
      std::clamp(p.formation_market_mean + 0.3 * (c.complementarity - 0.25), 0.02, 0.98);
  const double novelty_mean =
      std::clamp(p.formation_novelty_mean + (c.cross_industry ? 0.15 : 0.0), 0.02, 0.98);
  c.market = static_cast<float>(dist::beta_mean(g, market_mean, 5.0));
  c.novelty = static_cast<float>(dist::beta_mean(g, novelty_mean, 5.0));
  agree_shares(s, p, id);
  c.stage = Stage::exploration;
  // Joint research explores longer (study section 4 case 3): same draw, scaled mean.
  const double explore_weeks =
      p.outcomes_explore_weeks *
      (c.form == Form::joint_research ? p.outcomes_research_explore_factor : 1.0);
  c.stage_end_step = ctx.step + ctx.steps_for_weeks(dist::exponential(g, 1.0 / explore_weeks));
  s.scheduler.schedule(ctx.step + ctx.steps_for_weeks(p.outcomes_review_weeks),
                       Event{EventKind::review, id, c.generation});
  ++s.step.formations;
  return id;
}

void consider(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
              Channel channel, double t, rng::Stream& g) {
  const Params& p = ctx.p;
  if (!s.firms.open[a] || !s.firms.open[b] || share_collaboration(s, a, b)) return;
  if (!dist::bernoulli(g, dist::logistic(log_odds(s, p, a, b, t)))) return;
  if (dist::bernoulli(g, p.formation_join_share) && has_room(s, p, b)) {
    const unsigned n = s.firms.n_memberships[a];
    for (unsigned k = 0; k < n; ++k) {
      const std::uint32_t id = s.firms.memberships[a][k];
      Collaboration& c = s.collabs[id];
      if (static_cast<int>(c.members.size()) >= p.formation_max_members) continue;
      add_member(s, id, b);
      // The newcomer's trust enters the group's trust as one member's voice.
      const double members = static_cast<double>(c.members.size());
      c.trust = static_cast<float>(((members - 1.0) * c.trust + t) / members);
      agree_shares(s, p, id);
      ++s.step.joins;
      return;
    }
  }
  if (has_room(s, p, a) && has_room(s, p, b)) found(s, ctx, a, b, channel, t, g);
}

}  // namespace renkei::formation
