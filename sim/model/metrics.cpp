#include "model/metrics.hpp"

#include "model/information_reach.hpp"
#include "model/program.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::metrics {
namespace {

double sd_of(double n, double sum, double sumsq) {
  if (n < 2) return std::nan("");
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, (sumsq - n * mean * mean) / (n - 1)));
}

}  // namespace

void record_step(const ModelState& s, const StepContext& ctx, RunResult& out, int t) {
  auto put = [&](S k, double v) { out.at(k, t) = v; };
  double forms[kForms] = {};
  double gov[kGovernances] = {};
  double stages[3] = {};
  double cross = 0, members = 0, trust_sum = 0, certified = 0, queue = 0, external = 0,
         university = 0;
  double req[6] = {};
  const std::size_t n_active = s.active_collabs.size();
  for (std::size_t i = 0; i < n_active; ++i) {
    if (i + kCollabPrefetchAhead < n_active)
      prefetch_record(s.collabs[s.active_collabs[i + kCollabPrefetchAhead]]);
    const Collaboration& c = s.collabs[s.active_collabs[i]];
    forms[static_cast<int>(c.form)] += 1;
    gov[static_cast<int>(c.governance)] += 1;
    stages[static_cast<int>(c.stage)] += 1;
    cross += c.cross_industry ? 1 : 0;
    members += static_cast<double>(c.members.size());
    trust_sum += c.trust;
    certified += c.app == AppState::certified ? 1 : 0;
    queue += c.app == AppState::queued ? 1 : 0;
    const program::Requirements r = program::requirements(ctx.p, c, c.member_facts);
    req[0] += r.all();
    req[1] += r.different_fields;
    req[2] += r.novelty;
    req[3] += r.commercial_market;
    req[4] += r.core_firm;
    req[5] += r.internal_rules;
    external += c.has_external ? 1 : 0;
    university += c.has_university ? 1 : 0;
  }
  put(S::external_collabs, external);
  put(S::university_collabs, university);
  const double n_collabs = static_cast<double>(s.active_collabs.size());
  // Shares of the region's firms: out-of-region partners are neither counted nor surveyed.
  const double n = s.pop.n_regional;
  put(S::collab_share, s.firms_in_collab / n);
  put(S::collaborations, n_collabs);
  put(S::form_division, forms[0]);
  put(S::form_joint_development, forms[1]);
  put(S::form_joint_research, forms[2]);
  put(S::form_contract_manufacturing, forms[3]);
  put(S::form_ip_licensing, forms[4]);
  put(S::form_alliance, forms[5]);
  put(S::gov_trust, gov[0]);
  put(S::gov_contract, gov[1]);
  put(S::gov_incorporated, gov[2]);
  put(S::cross_industry, cross);
  put(S::stage_exploration, stages[0]);
  put(S::stage_development, stages[1]);
  put(S::stage_commercial, stages[2]);
  put(S::members, members);
  put(S::formations, s.step.formations);
  put(S::joins, s.step.joins);
  put(S::dissolutions, s.step.dissolutions);
  put(S::completions, s.step.completions);
  put(S::leakage_events, s.step.leakage);
  put(S::unfair_reviews, s.step.unfair);
  put(S::meetings, s.step.meetings);
  put(S::ties, s.ties.count());
  put(S::trust_ties_mean, s.ties.mean_trust(ctx.step));
  put(S::trust_collab_mean, n_collabs > 0 ? trust_sum / n_collabs : std::nan(""));
  const double open = s.open_count;
  const double income = s.income_total;
  // Counted over every firm in index order: streaming through the flag arrays costs far
  // less in a large world than visiting the aware firms in the (random) order they learnt
  // of the program, and unaware firms count 0 either way.
  std::uint32_t expecting = 0;
  for (std::uint32_t f = 0; f < s.pop.n_regional; ++f)
    expecting += program::expects(s, ctx.p, f) ? 1u : 0u;
  const double expect = expecting;
  put(S::open_firms, open);
  put(S::aware, static_cast<double>(s.aware_list.size()));
  put(S::understand, s.understand_count);
  put(S::expect, expect);
  put(S::applications, s.step.applications);
  double coaching = 0, review = 0;
  for (const SupportTeam& team : s.teams) {
    coaching += team.coaching;
    review += team.in_review;
  }
  put(S::queue, queue);
  put(S::coaching, coaching);
  put(S::in_review, review);
  put(S::certifications, s.certifications);
  put(S::rejections, s.rejections);
  put(S::subsidised, s.subsidised);
  put(S::certified_active, certified);
  put(S::outcome_mean, income / n);
  put(S::outcome_member_sd, sd_of(s.step.member_n, s.step.member_sum, s.step.member_sumsq));
  put(S::outcome_solo_sd, sd_of(s.step.solo_n, s.step.solo_sum, s.step.solo_sumsq));
  put(S::policy_cost, s.policy_cost);
  put(S::subsidy_spent, s.subsidy_spent);
  put(S::consultations, s.step.consultations);
  put(S::turned_away, s.turned_away);
  put(S::brushup_ended, s.brushup_ended);
  put(S::req_all, req[0]);
  put(S::req_fields, req[1]);
  put(S::req_novelty, req[2]);
  put(S::req_market, req[3]);
  put(S::req_core, req[4]);
  put(S::req_rules, req[5]);
}

int first_dec_step(const Calendar& cal, int steps) {
  const Date dec{cal.start().year, 12, 15};
  return std::min(std::max(cal.step_of(dec), 0), steps - 1);
}

void finish(const Calendar& cal, RunResult& out, std::uint32_t n_firms) {
  const int last = out.steps - 1;
  const int dec_step = first_dec_step(cal, out.steps);
  // The first fiscal year ends on 31 March after the start date.
  const Date fy_end{cal.start().month < 4 ? cal.start().year : cal.start().year + 1, 3, 31};
  const int fy_step = std::min(std::max(cal.step_of(fy_end), 0), last);
  double formations = 0, dissolutions = 0, leakage = 0, consultations = 0, applications = 0,
         consultations_fy = 0;
  for (int t = 0; t < out.steps; ++t) {
    formations += out.at(S::formations, t);
    dissolutions += out.at(S::dissolutions, t);
    leakage += out.at(S::leakage_events, t);
    consultations += out.at(S::consultations, t);
    applications += out.at(S::applications, t);
    if (t <= fy_step) consultations_fy += out.at(S::consultations, t);
  }
  // Ratios with an empty denominator are undefined (NaN), not infinite.
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : std::nan(""); };
  out.finals.assign(kFinalCount, 0.0);
  out.final(F::certifications_first_dec) = out.at(S::certifications, dec_step);
  out.final(F::certifications_end) = out.at(S::certifications, last);
  out.final(F::collab_share_start) = out.at(S::collab_share, 0);
  out.final(F::collab_share_end) = out.at(S::collab_share, last);
  out.final(F::cross_industry_end) = out.at(S::cross_industry, last);
  out.final(F::aware_share_end) = out.at(S::aware, last) / n_firms;
  out.final(F::understand_share_end) = out.at(S::understand, last) / n_firms;
  out.final(F::formations_total) = formations;
  out.final(F::dissolutions_total) = dissolutions;
  out.final(F::leakage_total) = leakage;
  out.final(F::outcome_mean_end) = out.at(S::outcome_mean, last);
  out.final(F::policy_cost_total) = out.at(S::policy_cost, last);
  out.final(F::subsidy_total) = out.at(S::subsidy_spent, last);
  out.final(F::firms) = n_firms;
  out.final(F::consultations_total) = consultations;
  out.final(F::applications_total) = applications;
  out.final(F::consultations_per_application) = ratio(consultations, applications);
  out.final(F::applications_per_certification) =
      ratio(applications, out.at(S::certifications, last));
  out.final(F::consultations_per_certification_fy1) =
      ratio(consultations_fy, out.at(S::certifications, fy_step));
  out.final(F::requirements_met_share_dec) =
      ratio(out.at(S::req_all, dec_step), out.at(S::collaborations, dec_step));
  out.final(F::requirements_met_share_end) =
      ratio(out.at(S::req_all, last), out.at(S::collaborations, last));
}

void finish_state(const ModelState& s, RunResult& out) {
  double small = 0, small_aware = 0, outside = 0, outside_aware = 0;
  for (std::uint32_t f = 0; f < s.pop.n_regional; ++f) {
    const double aware = s.firms.aware[f];
    if (s.pop.employees[f] <= kSmallFirmEmployees) {
      small += 1;
      small_aware += aware;
    }
    if (!information::in_bureau_prefecture(*s.world, s.pop, f)) {
      outside += 1;
      outside_aware += aware;
    }
  }
  out.final(F::policy_cost_fixed) = s.cost_fixed;
  out.final(F::policy_cost_running) = s.cost_running;
  out.final(F::policy_cost_per_contact) = s.cost_per_contact;
  out.final(F::policy_cost_coaching) = s.cost_coaching;
  out.final(F::aware_share_small_end) = small > 0 ? small_aware / small : std::nan("");
  out.final(F::aware_share_outside_bureau_end) =
      outside > 0 ? outside_aware / outside : std::nan("");
  out.certifications_by_block_end.assign(s.certifications_by_block.begin(),
                                         s.certifications_by_block.end());
}

}  // namespace renkei::metrics
