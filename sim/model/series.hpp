// What a run records: the weekly series and the per-run final metrics, declared once with
// their units and meanings. The output layer and docs/output.md follow this list.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "model/survey_items.hpp"

namespace renkei {

// X(name, unit, description)
// clang-format off
#define RENKEI_SERIES(X) \
  X(collab_share, "share of firms", "Firms in at least one active collaboration / all firms") \
  X(collaborations, "collaborations", "Active collaborations") \
  X(form_division, "collaborations", "Active collaborations of the outsourced division-of-labour form") \
  X(form_joint_development, "collaborations", "Active collaborations of the joint-development form") \
  X(form_joint_research, "collaborations", "Active collaborations of the joint-research form") \
  X(form_contract_manufacturing, "collaborations", "Active collaborations of the contract-manufacturing form") \
  X(form_ip_licensing, "collaborations", "Active collaborations based on IP licensing") \
  X(form_alliance, "collaborations", "Active business-alliance collaborations") \
  X(gov_trust, "collaborations", "Active collaborations governed by mutual trust only") \
  X(gov_contract, "collaborations", "Active collaborations governed by a contract or agreement") \
  X(gov_incorporated, "collaborations", "Active collaborations incorporated or organised as a cooperative") \
  X(cross_industry, "collaborations", "Active collaborations whose members span two or more industries") \
  X(stage_exploration, "collaborations", "Active collaborations in the exploration stage") \
  X(stage_development, "collaborations", "Active collaborations in the development stage") \
  X(stage_commercial, "collaborations", "Active collaborations in the commercialization stage") \
  X(members, "firm memberships", "Memberships in active collaborations (a firm in two counts twice)") \
  X(formations, "per step", "Collaborations formed during the step") \
  X(joins, "per step", "Firms that joined an existing collaboration during the step") \
  X(dissolutions, "per step", "Collaborations dissolved (trust below threshold or failed exploration)") \
  X(completions, "per step", "Collaborations that completed their commercialization stage") \
  X(leakage_events, "per step", "Technology leakage events") \
  X(unfair_reviews, "per step", "Member reviews in which the member found the split unfair") \
  X(meetings, "per step", "Encounters through all channels") \
  X(ties, "ties", "Acquaintance ties (pairs that have met)") \
  X(trust_ties_mean, "trust (0-1)", "Mean trust over ties, with idle decay applied") \
  X(trust_collab_mean, "trust (0-1)", "Mean trust within active collaborations") \
  X(open_firms, "firms", "Firms open to collaboration") \
  X(aware, "firms", "Firms aware of the Shin-Renkei program") \
  X(understand, "firms", "Aware firms that understand the program") \
  X(expect, "firms", "Aware firms that understand it, can tell they qualify and are open (expect something)") \
  X(applications, "per step", "Applications filed during the step (brushed-up cases that meet every requirement)") \
  X(queue, "cases", "Consulted cases waiting for the support team's brush-up") \
  X(coaching, "cases", "Cases in brush-up with the support team") \
  X(in_review, "cases", "Applications under review") \
  X(certifications, "cases (cumulative)", "Certified collaborations since the program start") \
  X(rejections, "cases (cumulative)", "Rejected applications since the program start") \
  X(subsidised, "cases (cumulative)", "Certified collaborations that received subsidy") \
  X(certified_active, "collaborations", "Active certified collaborations") \
  X(outcome_mean, "million yen", "Mean cumulative collaboration income per firm since the start date") \
  X(outcome_member_sd, "million yen", "SD of members' income from the reviews of this step (risk pooling)") \
  X(outcome_solo_sd, "million yen", "SD members would have had bearing their project's return alone") \
  X(policy_cost, "yen (cumulative)", "Policy spending since the start date (fixed, running, per-contact and coaching; subsidies excluded)") \
  X(subsidy_spent, "yen (cumulative)", "Subsidies paid to certified collaborations") \
  X(consultations, "per step", "Consultations at the program's windows during the step") \
  X(turned_away, "cases (cumulative)", "Consultations the window turned away (fields, members, core firm, or still exploring)") \
  X(brushup_ended, "cases (cumulative)", "Brushed-up cases that still missed a requirement and ended without applying") \
  X(req_all, "collaborations", "Active collaborations that meet every certification requirement") \
  X(req_fields, "collaborations", "Active collaborations meeting requirement 1 (different fields, enough members)") \
  X(req_novelty, "collaborations", "Active collaborations meeting requirement 2a (novelty of the joint business)") \
  X(req_market, "collaborations", "Active collaborations meeting requirement 2b (past exploration, sizeable market)") \
  X(req_core, "collaborations", "Active collaborations meeting requirement 3 (a core SME, SMEs the majority)") \
  X(req_rules, "collaborations", "Active collaborations meeting requirement 4 (written internal rules)") \
  X(external_collabs, "collaborations", "Active collaborations with an out-of-region member (world [[external]])") \
  X(university_collabs, "collaborations", "Active collaborations with a university member (world [[external]])")
// clang-format on

enum class S : std::size_t {
#define RENKEI_X(name, unit, doc) name,
  RENKEI_SERIES(RENKEI_X)
#undef RENKEI_X
      count_
};
inline constexpr std::size_t kSeriesCount = static_cast<std::size_t>(S::count_);

// Per-run scalars, X(name, unit, description). The survey items stay last (the survey
// writes them as one tail block): new finals go just before them.
// clang-format off
#define RENKEI_FINALS(X) \
  X(certifications_first_dec, "cases", "Certifications by 15 December of the start year (study: Tohoku 8)") \
  X(certifications_end, "cases", "Certifications by the end date") \
  X(collab_share_start, "share of firms", "Collaboration share at the start date") \
  X(collab_share_end, "share of firms", "Collaboration share at the end date") \
  X(cross_industry_end, "collaborations", "Cross-industry collaborations at the end date") \
  X(aware_share_end, "share of firms", "Share of firms aware of the program at the end date") \
  X(understand_share_end, "share of firms", "Share of firms that understand the program at the end date") \
  X(formations_total, "collaborations", "Collaborations formed from the start to the end date") \
  X(dissolutions_total, "collaborations", "Collaborations dissolved from the start to the end date") \
  X(leakage_total, "events", "Leakage events from the start to the end date") \
  X(outcome_mean_end, "million yen", "Mean cumulative collaboration income per firm at the end date") \
  X(policy_cost_total, "yen", "Policy spending from the start to the end date (the four policy_cost_* kinds; subsidies excluded)") \
  X(subsidy_total, "yen", "Subsidies paid from the start to the end date") \
  X(firms, "firms", "Firms in the world") \
  X(consultations_total, "cases", "Consultations at the windows from the start to the end date") \
  X(applications_total, "cases", "Applications filed from the start to the end date") \
  X(consultations_per_application, "ratio", "Consultations per application, start to end date") \
  X(applications_per_certification, "ratio", "Applications per certification, start to end date") \
  X(consultations_per_certification_fy1, "ratio", "Consultations per certification in the first fiscal year (published: about 30 nationally in FY2005)") \
  X(requirements_met_share_dec, "share of collaborations", "Share of active collaborations meeting every requirement on 15 December of the start year") \
  X(requirements_met_share_end, "share of collaborations", "Share of active collaborations meeting every requirement at the end date") \
  X(aware_share_small_end, "share of firms", "Share of small firms (at most 20 employees) aware of the program at the end date") \
  X(aware_share_outside_bureau_end, "share of firms", "Share of firms outside their block's bureau prefecture aware of the program at the end date") \
  X(policy_cost_fixed, "yen", "Policy spending, start to end date: one-off charges (cost_fixed_yen) of the policies") \
  X(policy_cost_running, "yen", "Policy spending, start to end date: running charges (cost_per_year_yen) while in force") \
  X(policy_cost_per_contact, "yen", "Policy spending, start to end date: charges per contact or service used (cost.* per firm reached, attendee, introduction)") \
  X(policy_cost_coaching, "yen", "Policy spending, start to end date: coaching places beyond the base (cost.coaching_week_yen)") \
  X(policy_caps_bound, "policies", "Policies stopped by their budget_cap_yen before the end date") \
  X(policy_cap_bound_week, "weeks", "Weeks from the start date to the first step a budget cap stopped a policy (NaN: none bound)") \
  RENKEI_SURVEY_ITEMS(X)
// clang-format on

enum class F : std::size_t {
#define RENKEI_X(name, unit, doc) name,
  RENKEI_FINALS(RENKEI_X)
#undef RENKEI_X
      count_
};
inline constexpr std::size_t kFinalCount = static_cast<std::size_t>(F::count_);

struct MetricDef {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};

inline constexpr std::array<MetricDef, kSeriesCount> kSeriesDefs = {{
#define RENKEI_X(name, unit, doc) MetricDef{#name, unit, doc},
    RENKEI_SERIES(RENKEI_X)
#undef RENKEI_X
}};
inline constexpr std::array<MetricDef, kFinalCount> kFinalDefs = {{
#define RENKEI_X(name, unit, doc) MetricDef{#name, unit, doc},
    RENKEI_FINALS(RENKEI_X)
#undef RENKEI_X
}};

}  // namespace renkei
