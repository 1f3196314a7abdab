// The parameter schema, in one place: every model parameter with its type, default,
// bounds, unit, whether a dated policy may change it, its source and its meaning.
//
// X(type, group, name, default, min, max, unit, lever, source, description)
//   type    double | int | bool
//   lever   true if a [[policy]] may change it during a run
//   source  a survey item, a cited fact, or "assumption" (then calibrated or swept)
// The scenario key is "group.name"; the C++ field is Params::group_name.
// Append new parameters freely; docs/parameters.md is generated from this list
// (`renkei params --markdown`).
#pragma once

// clang-format off
#define RENKEI_PARAMS(X) \
/* ---- firm population traits (the world file gives counts and sizes) ---- */ \
X(double, population, open_share, 0.62, 0.0, 1.0, "share", false, \
  "assumption; calibrated to survey Q1 (now+planning+interested = 66.6 % of respondents)", \
  "Probability that a firm of median size is open to collaboration at initialisation") \
X(double, population, open_size_elasticity, 0.35, -2.0, 2.0, "log-odds per log(employees)", false, \
  "assumption; calibrated to Q1 through the size-biased survey frame", \
  "Change in the log-odds of openness per unit log(employees / median)") \
X(double, population, activity_size_elasticity, 0.45, 0.0, 2.0, "elasticity", false, \
  "assumption; sensitivity", \
  "Meeting activity grows as (employees / median)^elasticity: larger firms meet more partners") \
X(double, population, leak_sensitivity_mean, 0.5, 0.01, 0.99, "share", false, \
  "assumption; study section 3 item 6 names leakage as a main fear", \
  "Mean of the Beta-distributed sensitivity of firms to technology leakage") \
X(double, population, attitude_turnover, 0.004, 0.0, 1.0, "per week", false, \
  "assumption; sensitivity", \
  "Hazard that a firm outside any collaboration reconsiders its attitude (redrawn from its propensity)") \
X(double, population, close_after_failure, 0.35, 0.0, 1.0, "probability", false, \
  "assumption; sensitivity", \
  "Probability that a member closes to collaboration after an unfair or leaky dissolution") \
/* ---- meeting channels: rate, partner scope, starting trust ---- */ \
X(double, meetings, rate_personal, 0.020, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; case study: personal networks are the most common way partners met", \
  "Encounters through personal networks initiated per firm of average activity") \
X(double, meetings, rate_industry, 0.012, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; case study: industry meetings second most common", \
  "Encounters at industry association meetings") \
X(double, meetings, rate_institute, 0.002, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; sensitivity", "Encounters through public testing and research institutes") \
X(double, meetings, rate_university, 0.0015, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; sensitivity", "Encounters through universities (regional liaison centres)") \
X(double, meetings, rate_bank, 0.0015, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; sensitivity", "Encounters introduced by banks' consultation desks") \
X(double, meetings, rate_event, 0.001, 0.0, 5.0, "meetings per firm-week", true, \
  "assumption; sensitivity", "Encounters at matching events and trade fairs") \
X(double, meetings, rate_introduction, 0.0, 0.0, 5.0, "meetings per firm-week", true, \
  "policy lever; study section 5 item 9 (partner introduction, the measure most asked for)", \
  "Introductions by a partner-information service; partners chosen for complementarity") \
X(double, meetings, same_pref_personal, 0.90, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to partner profile (same prefecture 80.7 %)", "Partner scope: same prefecture") \
X(double, meetings, same_pref_industry, 0.85, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to partner profile", "Partner scope: same prefecture") \
X(double, meetings, same_pref_institute, 0.85, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same prefecture") \
X(double, meetings, same_pref_university, 0.70, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same prefecture") \
X(double, meetings, same_pref_bank, 0.90, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same prefecture") \
X(double, meetings, same_pref_event, 0.55, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same prefecture") \
X(double, meetings, same_pref_introduction, 0.50, 0.0, 1.0, "probability", true, "assumption", \
  "Partner scope: same prefecture") \
X(double, meetings, same_ind_personal, 0.55, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to partner profile (same industry 47.4 %)", "Partner scope: same industry") \
X(double, meetings, same_ind_industry, 0.80, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to partner profile", "Partner scope: same industry") \
X(double, meetings, same_ind_institute, 0.30, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same industry") \
X(double, meetings, same_ind_university, 0.20, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same industry") \
X(double, meetings, same_ind_bank, 0.25, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same industry") \
X(double, meetings, same_ind_event, 0.30, 0.0, 1.0, "probability", false, "assumption", \
  "Partner scope: same industry") \
X(double, meetings, same_ind_introduction, 0.05, 0.0, 1.0, "probability", true, "assumption", \
  "Partner scope: same industry") \
X(int, meetings, introduction_candidates, 4, 1, 100, "candidates", true, \
  "assumption; a partner-information service shortlists complementary firms", \
  "Candidates an introduction service compares; it introduces the most complementary open one") \
X(double, meetings, repeat_share, 0.5, 0.0, 1.0, "probability", false, \
  "assumption; Kwon & Motohashi 2015: Japanese firms favour historical partners", \
  "Probability that a personal-network encounter is with an existing acquaintance") \
X(double, meetings, out_of_region_share, 0.05, 0.0, 1.0, "probability", true, \
  "assumption; study section 4 cases 3, 5, 6 (partners outside the region: a large firm, firms with a national sales network); sensitivity", \
  "Probability that an encounter through industry meetings, universities, events or introductions is with an out-of-region partner ([[external]] of the world file)") \
/* ---- trust ---- */ \
X(double, trust, start_personal, 0.55, 0.0, 1.0, "trust (0-1)", false, \
  "assumption; a personal introduction starts higher than a matching event", "Starting trust of a new tie") \
X(double, trust, start_industry, 0.40, 0.0, 1.0, "trust (0-1)", false, "assumption", "Starting trust of a new tie") \
X(double, trust, start_institute, 0.40, 0.0, 1.0, "trust (0-1)", false, "assumption", "Starting trust of a new tie") \
X(double, trust, start_university, 0.45, 0.0, 1.0, "trust (0-1)", false, "assumption", "Starting trust of a new tie") \
X(double, trust, start_bank, 0.40, 0.0, 1.0, "trust (0-1)", false, "assumption", "Starting trust of a new tie") \
X(double, trust, start_event, 0.25, 0.0, 1.0, "trust (0-1)", false, "assumption", "Starting trust of a new tie") \
X(double, trust, start_introduction, 0.35, 0.0, 1.0, "trust (0-1)", true, \
  "assumption; a vetted introduction sits between an event and a personal tie", "Starting trust of a new tie") \
X(double, trust, gain, 0.12, 0.0, 1.0, "fraction of the gap to 1", false, \
  "assumption; Vanneste et al. 2014: trust grows slowly with duration", \
  "Trust gain on a positive interaction: T += gain·(1-T)") \
X(double, trust, loss, 0.35, 0.0, 1.0, "fraction of T", false, \
  "assumption; Slovic 1993: negative events weigh more (loss > gain)", \
  "Trust loss on an unfair split or a loss: T -= loss·T") \
X(double, trust, leak_loss, 0.6, 0.0, 1.0, "fraction of T", false, \
  "assumption; sensitivity", "Trust loss after a technology leakage: T -= leak_loss·T") \
X(double, trust, decay_per_year, 0.4, 0.0, 5.0, "per year", false, \
  "assumption; sensitivity", "Exponential decay of an idle tie's trust toward zero") \
X(double, trust, certified_bonus, 0.10, 0.0, 1.0, "trust (0-1)", true, \
  "assumption; study section 5 item 6: certification raises credibility", \
  "Added to starting trust when the partner holds a certification") \
X(double, trust, deficit_loss, 0.08, 0.0, 1.0, "fraction of T", false, \
  "assumption; sensitivity", "Trust loss after a review with a net loss for the group") \
X(double, trust, forget_below, 0.1, 0.0, 1.0, "trust (0-1)", false, \
  "assumption", "An idle tie whose decayed trust falls below this is forgotten") \
/* ---- formation ---- */ \
X(double, formation, intercept, -3.6, -20.0, 20.0, "log-odds", false, \
  "assumption; calibrated to Q1 collaborating share", "Log-odds of forming on an encounter of two open firms") \
X(double, formation, w_trust, 4.0, 0.0, 20.0, "log-odds per unit trust", false, \
  "assumption; calibrated", "Weight of the pair's tie trust") \
X(double, formation, w_complementarity, 3.0, 0.0, 20.0, "log-odds per unit", false, \
  "assumption; SKIN (Gilbert et al. 2001); Q7 motives", "Weight of capability complementarity") \
X(double, formation, w_fairness_risk, 1.5, 0.0, 20.0, "log-odds per unit", false, \
  "assumption; study section 3 item 6 (fair sharing of profit, cost, risk)", \
  "Weight of the perceived risk of an unfair split (size asymmetry under weak trust)") \
X(double, formation, w_leak_risk, 2.0, 0.0, 20.0, "log-odds per unit", false, \
  "assumption; study section 3 item 6 (technology leakage); calibrated to the partner profile", \
  "Weight of perceived leakage risk (competitor partner times leakage sensitivity)") \
X(double, formation, join_share, 0.35, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to group sizes", \
  "Probability that a qualifying encounter of a collaboration member adds the partner to it") \
X(int, formation, max_collaborations, 2, 1, 10, "collaborations per firm", false, \
  "assumption; sensitivity", "Most collaborations a firm takes part in at once") \
X(int, formation, max_members, 6, 2, 50, "firms", false, "assumption", "Largest collaboration") \
X(double, formation, gov_trust_weight, 3.0, 0.0, 20.0, "log-odds per unit trust", false, \
  "assumption; Gulati 1995: familiarity substitutes for formal governance; calibrated to Q3", \
  "Utility of trust-only governance per unit of trust") \
X(double, formation, gov_contract_intercept, 1.2, -20.0, 20.0, "log-odds", false, \
  "assumption; calibrated to Q3", "Utility of a written contract") \
X(double, formation, gov_incorporated_intercept, -0.8, -20.0, 20.0, "log-odds", false, \
  "assumption; calibrated to Q3", "Utility of incorporation or a cooperative") \
X(double, formation, gov_stake_weight, 0.6, 0.0, 10.0, "log-odds per log(employees)", false, \
  "assumption; calibrated to Q3", "Extra utility of formal governance per log of combined size") \
X(double, formation, market_mean, 0.40, 0.01, 0.99, "score (0-1)", false, \
  "assumption; study section 4: most cases lack a sizeable market", "Mean market score of a new collaboration (before complementarity)") \
X(double, formation, novelty_mean, 0.40, 0.01, 0.99, "score (0-1)", false, \
  "assumption; study section 4: most cases lack novelty", "Mean novelty score of a new collaboration (before cross-industry)") \
X(double, forms, same_division, 0.4, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the outsourced division of labour form for a same-industry pair") \
X(double, forms, cross_division, 0.12, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the outsourced division of labour form for a cross-industry pair") \
X(double, forms, same_joint_development, 0.08, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the joint development form for a same-industry pair") \
X(double, forms, cross_joint_development, 0.28, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the joint development form for a cross-industry pair") \
X(double, forms, same_joint_research, 0.05, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the joint research form for a same-industry pair") \
X(double, forms, cross_joint_research, 0.12, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the joint research form for a cross-industry pair") \
X(double, forms, same_contract_manufacturing, 0.27, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the manufacturing on contract form for a same-industry pair") \
X(double, forms, cross_contract_manufacturing, 0.13, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the manufacturing on contract form for a cross-industry pair") \
X(double, forms, same_ip_licensing, 0.05, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the collaboration based on IP form for a same-industry pair") \
X(double, forms, cross_ip_licensing, 0.1, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the collaboration based on IP form for a cross-industry pair") \
X(double, forms, same_alliance, 0.15, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the business alliance form for a same-industry pair") \
X(double, forms, cross_alliance, 0.25, 0.0, 100.0, "relative weight", false, \
  "assumption; case study forms; calibrated to Q2", "Weight of the business alliance form for a cross-industry pair") \
X(double, forms, university_research_factor, 3.0, 0.0, 100.0, "multiplier", false, \
  "assumption; case study: joint research grows from university results", \
  "Weight multiplier of the joint-research and joint-development forms when partners met through a university") \
X(double, forms, national_network_factor, 3.0, 0.0, 100.0, "multiplier", false, \
  "assumption; study section 4 cases 5 and 6 (IP licensing and alliance with a firm with a national sales network)", \
  "Weight multiplier of the IP-licensing and alliance forms when a founder has a national sales network") \
X(double, content, joint_orders, 0.55, 0.0, 2.0, "probability scale", false, \
  "assumption; calibrated to Q2 (joint order-taking 39.7 %)", "Scale of the probability that a collaboration takes orders jointly") \
X(double, content, technical, 0.75, 0.0, 2.0, "probability scale", false, \
  "assumption; calibrated to Q2 (technical cooperation 59.0 %)", "Scale of the probability of technical cooperation") \
X(double, content, joint_research, 0.40, 0.0, 2.0, "probability scale", false, \
  "assumption; calibrated to Q2 (joint research 26.9 %)", "Scale of the probability of joint research") \
X(double, content, market, 0.25, 0.0, 2.0, "probability scale", false, \
  "assumption; calibrated to Q2 (market research/development 15.4 %)", "Scale of the probability of joint market research or development") \
/* ---- risk sharing and outcomes ---- */ \
X(double, outcomes, review_weeks, 13.0, 1.0, 104.0, "weeks", false, \
  "assumption (quarterly review)", "Interval between outcome reviews of a collaboration") \
X(double, outcomes, return_exploration, -0.3, -10.0, 10.0, "million yen per review", false, \
  "assumption; sensitivity", "Mean net return of a collaboration per review, exploration stage") \
X(double, outcomes, return_development, 0.2, -10.0, 10.0, "million yen per review", false, \
  "assumption; sensitivity", "Mean net return per review, development stage") \
X(double, outcomes, return_commercial, 1.2, -10.0, 10.0, "million yen per review", false, \
  "assumption; sensitivity", "Mean net return per review, commercialization stage") \
X(double, outcomes, return_complementarity, 1.0, 0.0, 10.0, "multiplier per unit", false, \
  "assumption; SKIN", "Returns scale with 1 + this × complementarity") \
X(double, outcomes, return_sd, 1.5, 0.0, 50.0, "million yen per review", false, \
  "assumption; sensitivity", "Standard deviation of a collaboration's return per review") \
X(double, outcomes, bargaining_bias_trust, 0.45, 0.0, 1.0, "weight", false, \
  "assumption; Arslan et al. 2016", "Weight of size (bargaining power) in the split under trust-only governance") \
X(double, outcomes, bargaining_bias_contract, 0.20, 0.0, 1.0, "weight", false, \
  "assumption", "Weight of size in the split under a written contract") \
X(double, outcomes, bargaining_bias_incorporated, 0.10, 0.0, 1.0, "weight", false, \
  "assumption", "Weight of size in the split when incorporated") \
X(double, outcomes, fair_threshold, 0.80, 0.0, 1.0, "ratio", false, \
  "assumption; sensitivity", "A member whose share/contribution ratio is below this finds the split unfair") \
X(double, outcomes, leak_prob, 0.03, 0.0, 1.0, "probability per review", false, \
  "assumption; calibrated with dissolution rates", \
  "Probability per review of a leakage from a competitor partner under trust-only governance") \
X(double, outcomes, leak_factor_contract, 0.6, 0.0, 1.0, "multiplier", false, \
  "assumption", "Leakage probability multiplier under a contract") \
X(double, outcomes, leak_factor_incorporated, 0.35, 0.0, 1.0, "multiplier", false, \
  "assumption", "Leakage probability multiplier when incorporated") \
X(double, outcomes, dissolve_trust, 0.22, 0.0, 1.0, "trust (0-1)", false, \
  "assumption; Bleeke & Ernst 1992: about a third of alliances fail", "Collaboration dissolves when its trust falls below this") \
X(double, outcomes, explore_weeks, 12.0, 1.0, 520.0, "weeks", false, \
  "assumption; calibrated to Q1 planning share", "Mean duration of the exploration stage") \
X(double, outcomes, develop_weeks, 80.0, 1.0, 1040.0, "weeks", false, \
  "assumption", "Mean duration of the development stage") \
X(double, outcomes, commercial_weeks, 150.0, 1.0, 2080.0, "weeks", false, \
  "assumption; Harrigan: more than half of alliances end within five years", \
  "Mean duration of the commercialization stage before the collaboration completes") \
X(double, outcomes, explore_fail, 0.25, 0.0, 1.0, "probability", false, \
  "assumption; calibrated", "Probability that an exploration ends without moving to development") \
X(double, outcomes, division_sd_factor, 0.6, 0.0, 5.0, "multiplier", false, \
  "assumption; study section 4 case 1 (division of labour spreads order-volume risk)", \
  "Standard deviation of a division-of-labour collaboration's return relative to other forms") \
X(double, outcomes, contract_sd_factor, 0.7, 0.0, 5.0, "multiplier", false, \
  "assumption; study section 4 case 4 (contract manufacturing secures volume from several design firms)", \
  "Standard deviation of a contract-manufacturing collaboration's return relative to other forms") \
X(double, outcomes, research_return_factor, 0.5, 0.0, 5.0, "multiplier", false, \
  "assumption; study section 4 case 3 (joint research: no single joint business; members use results in their own fields)", \
  "Direct return of a joint-research collaboration relative to other forms") \
X(double, outcomes, research_explore_factor, 2.0, 0.1, 10.0, "multiplier", false, \
  "assumption; study section 4 case 3 (research on a university material: a long exploration)", \
  "Mean exploration time of a joint-research collaboration relative to outcomes.explore_weeks") \
X(double, outcomes, market_reach_factor, 1.5, 0.0, 10.0, "multiplier", false, \
  "assumption; study section 4 cases 5 and 6 (national reach through a partner's national sales network)", \
  "Return of an IP-licensing or alliance collaboration with a national-network member relative to other forms") \
/* ---- motives for collaborating (Q7), drawn per firm at initialisation ---- */ \
X(double, motives, development, 0.531, 0.0, 1.0, "probability", false, \
  "study Q7 (53.1 %, n = 207); assumption: independent of size, industry and other motives; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks better development, planning and technical capability") \
X(double, motives, management, 0.415, 0.0, 1.0, "probability", false, \
  "study Q7 (41.5 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks better technology and production management") \
X(double, motives, sales, 0.517, 0.0, 1.0, "probability", false, \
  "study Q7 (51.7 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks wider sales channels and markets") \
X(double, motives, orders, 0.319, 0.0, 1.0, "probability", false, \
  "study Q7 (31.9 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks to answer orders immediately") \
X(double, motives, specialities, 0.531, 0.0, 1.0, "probability", false, \
  "study Q7 (53.1 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks to combine each firm's specialities") \
X(double, motives, bargaining, 0.101, 0.0, 1.0, "probability", false, \
  "study Q7 (10.1 %); changes no behaviour, so set to the figure (not calibrated)", \
  "Probability that a firm seeks bargaining power and credibility") \
X(double, motives, new_business, 0.420, 0.0, 1.0, "probability", false, \
  "study Q7 (42.0 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks new undertakings") \
X(double, motives, academia, 0.179, 0.0, 1.0, "probability", false, \
  "study Q7 (17.9 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks industry-academia collaboration") \
X(double, motives, risk_spread, 0.357, 0.0, 1.0, "probability", false, \
  "study Q7 (35.7 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks to spread investment risk") \
X(double, motives, volume, 0.261, 0.0, 1.0, "probability", false, \
  "study Q7 (26.1 %); assumption as for motives.development; set to Q7's share (an input, not fitted)", \
  "Probability that a firm seeks a larger production volume") \
X(double, motives, escape_subcontracting, 0.087, 0.0, 1.0, "probability", false, \
  "study Q7 (8.7 %); changes no behaviour, so set to the figure (not calibrated)", \
  "Probability that a firm seeks to escape subcontracting for large firms") \
X(double, motives, technology_form_factor, 2.0, 0.0, 100.0, "multiplier", false, \
  "assumption; study section 4 cases 2 and 3 (development and research grow from technical aims); sensitivity", \
  "Weight multiplier of joint development and joint research when a founder seeks development capability, technology management or academia") \
X(double, motives, market_form_factor, 2.0, 0.0, 100.0, "multiplier", false, \
  "assumption; study section 4 cases 5 and 6 (licensing and alliances for sales channels); sensitivity", \
  "Weight multiplier of IP licensing and alliance when a founder seeks sales channels and markets") \
X(double, motives, capacity_form_factor, 2.0, 0.0, 100.0, "multiplier", false, \
  "assumption; study section 4 cases 1 and 4 (division of labour and contract work spread volume risk); sensitivity", \
  "Weight multiplier of division of labour and contract manufacturing when a founder seeks risk spread, volume or quick orders") \
X(double, motives, cross_seek_factor, 0.7, 0.0, 1.0, "multiplier", false, \
  "assumption (combining specialities and new undertakings need other industries); sensitivity", \
  "Multiplier of the same-industry scope of a firm seeking specialities or new undertakings") \
X(double, motives, out_of_region_factor, 2.0, 0.0, 20.0, "multiplier", false, \
  "assumption; study section 4 cases 5 and 6 (sales reach through partners with national networks); sensitivity", \
  "Multiplier of meetings.out_of_region_share for a firm seeking sales channels and markets") \
/* ---- program information ---- */ \
X(int, information, announce_weeks, 10, 0, 520, "weeks before the start date", false, \
  "assumption; the Act was publicised before April 2005", "When pull information becomes available") \
X(double, information, initial_aware, 0.15, 0.0, 1.0, "share of firms", false, \
  "assumption; calibrated to Q10 (23.7 % knew the program in April-May 2005)", \
  "Share of firms that know of the program at its announcement (pre-launch publicity, predecessor programs)") \
X(double, information, pull_rate, 0.004, 0.0, 1.0, "per firm-week", true, \
  "assumption; calibrated to Q10 awareness (23.7 %)", "Hazard that an open firm finds program information itself (pull)") \
X(double, information, pull_closed_factor, 0.35, 0.0, 1.0, "multiplier", false, \
  "assumption; calibrated to Q10", "Pull hazard multiplier for firms not interested in collaboration") \
X(double, information, wom_rate, 0.015, 0.0, 5.0, "contacts per aware firm-week", true, \
  "assumption; Goldenberg et al. 2001 (b_w 0.005-0.015 per informed tie)", "Word-of-mouth contacts of an aware firm with its ties") \
X(double, information, wom_transmit, 0.25, 0.0, 1.0, "probability", false, \
  "assumption; sensitivity", "Probability a word-of-mouth contact informs the partner") \
X(double, information, push_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; study section 5 item 1a (push delivery)", "Hazard that a firm receives information delivered to its desk") \
X(double, information, bank_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; study section 5 item 1b", "Hazard of being informed at a bank's consultation desk") \
X(double, information, institute_rate, 0.0005, 0.0, 1.0, "per firm-week", true, \
  "assumption (baseline) and policy lever; section 5 item 1b", "Hazard of being informed by a public testing institute") \
X(double, information, university_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; section 5 item 1b", "Hazard of being informed by a university liaison centre") \
X(double, information, press_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; section 5 item 1b", "Hazard of reading a trade-press advertorial") \
X(double, information, newsletter_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; section 5 item 1b", "Hazard of reading an e-mail newsletter item") \
X(double, information, local_gov_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; section 5 item 3a (joint outreach with local governments)", "Hazard of being informed by a prefectural or municipal program") \
X(double, information, briefing_rate, 0.0, 0.0, 1.0, "per firm-week", true, \
  "policy lever; section 5 item 1c (tailored briefings)", "Hazard that an aware firm without understanding attends a tailored briefing") \
X(double, information, understand_pull, 0.55, 0.0, 1.0, "probability", false, \
  "assumption; calibrated to Q13 (hard to understand 31.7 %)", "Probability of understanding when informed by own search") \
X(double, information, understand_wom, 0.35, 0.0, 1.0, "probability", false, "assumption", \
  "Probability of understanding when informed by word of mouth") \
X(double, information, understand_channel, 0.45, 0.0, 1.0, "probability", true, "assumption; sensitivity", \
  "Probability of understanding when informed through push or an institutional route") \
X(double, information, understand_briefing, 0.85, 0.0, 1.0, "probability", true, "assumption; sensitivity", \
  "Probability of understanding after a tailored briefing") \
X(double, information, learn_rate, 0.004, 0.0, 1.0, "per firm-week", false, "assumption", \
  "Background hazard that an aware firm comes to understand the program") \
X(double, information, clarity_manufacturing, 0.65, 0.0, 1.0, "probability", true, \
  "assumption; calibrated to Q13 (unclear eligibility 31.7 %)", "Probability that an aware manufacturer can tell whether it qualifies") \
X(double, information, clarity_services, 0.25, 0.0, 1.0, "probability", true, \
  "assumption; study section 5 item 5 (services rare among certifications)", "Probability that an aware service firm can tell whether it qualifies") \
X(double, information, forget_rate, 0.0096, 0.0, 1.0, "per firm-week", false, \
  "assumption (mean memory 1/rate = 104 weeks: shorter than the five-year horizon, so awareness settles where contacts balance forgetting instead of only ever rising, and longer than the 13-week review cycle of collaborations, so a firm that heard of the program can still act on it); sensitivity", \
  "Hazard that an aware firm not in contact with the program (no application under way, no certified collaboration) forgets it (and its understanding)") \
X(double, information, reach_size_elasticity, 0.5, 0.0, 2.0, "elasticity", false, \
  "assumption; study section 5 proposal 1b: routes chosen for how well information reaches firms; sensitivity", \
  "Push, bank, newsletter, local-government, institute, university and press contacts reach a firm in proportion to (employees / median)^elasticity") \
X(double, information, reach_service_factor, 0.5, 0.0, 5.0, "relative weight", false, \
  "assumption; study section 5 proposal 1b: routes chosen for how well information reaches firms (institutes, universities and the trade press serve manufacturers); sensitivity", \
  "Reach weight of a service firm relative to a manufacturer on the institute, university and press routes") \
X(double, information, reach_bureau_factor, 1.5, 0.0, 10.0, "relative weight", false, \
  "assumption; study section 5 proposal 1b: routes chosen for how well information reaches firms (the bureau's windows and briefings are near it); sensitivity", \
  "Reach weight of a firm in the bureau's prefecture relative to one elsewhere in its block, for pull and briefings") \
/* ---- application and certification ---- */ \
X(double, program, consult_rate, 0.05, 0.0, 1.0, "per collaboration-week per valued benefit", true, \
  "assumption; calibrated to 8 Tohoku certifications by 2005-12-15 and about 30 consultations per certification (FY2005, national)", \
  "Hazard that a collaboration whose core firm expects something of the program consults a window, per measure (of four) its core firm values") \
X(int, program, min_members, 3, 2, 50, "firms", false, \
  "program rule: a core SME plus at least two SMEs of different fields", "Smallest certifiable collaboration") \
X(double, program, market_threshold, 0.5, 0.0, 1.0, "score (0-1)", false, \
  "program rule 2 (a sizeable expected market); threshold an assumption", "Least market score for eligibility") \
X(double, program, novelty_threshold, 0.5, 0.0, 1.0, "score (0-1)", false, \
  "program rule: a new business activity (study section 4: most interviewed cases fail on novelty); threshold an assumption", \
  "Least novelty score of the joint business for eligibility") \
X(int, program, coaching_capacity, 6, 0, 1000, "cases at once", true, \
  "assumption; section 2 (individual support teams); lever of section 5 items 3a, 4", "Cases the block's support team can coach at once") \
X(double, program, coaching_weeks, 10.0, 0.0, 104.0, "weeks", true, \
  "assumption; section 2 (brush-up before certification)", "Mean coaching time of an application") \
X(double, program, review_weeks, 6.0, 0.0, 104.0, "weeks", true, \
  "assumption; sensitivity", "Mean review time after coaching") \
X(double, program, cross_sector_review_factor, 1.0, 0.0, 5.0, "multiplier", true, \
  "policy lever; section 5 item 3c (inter-ministry streamlining)", "Review time multiplier for cases that include service firms") \
X(double, program, acceptance_intercept, 0.0, -20.0, 20.0, "log-odds", true, \
  "assumption; calibrated; lever of section 5 item 3b (evaluation standards)", "Log-odds of acceptance of an average-quality case") \
X(double, program, acceptance_slope, 4.0, 0.0, 50.0, "log-odds per unit quality", false, \
  "assumption", "Weight of case quality (novelty and market) in acceptance") \
X(double, program, quality_boost, 0.0, -1.0, 1.0, "quality units", true, \
  "policy lever; section 5 item 2 (consulting-style windows)", "Added to the quality score of every reviewed case") \
X(double, program, service_acceptance_penalty, 0.5, 0.0, 10.0, "log-odds", true, \
  "assumption; section 5 item 5; lever", "Acceptance log-odds penalty for cases led by service firms") \
X(double, program, bureau_factor, 1.5, 0.0, 10.0, "multiplier", true, \
  "assumption; secondary source: Chubu certifications skew to the bureau's prefecture", \
  "Application hazard multiplier in the prefecture that hosts the bureau") \
X(double, program, reapply_weeks, 26.0, 0.0, 520.0, "weeks", false, "assumption", \
  "Wait before a rejected collaboration may apply again") \
X(int, program, subsidised_per_year, 8, 0, 10000, "cases per fiscal year", true, \
  "study section 2: FY2005 budget 120 pilot cases nationally x Tohoku's share of certifications 8/118 = 8.1 (formation subsidies not modelled); per block", \
  "Certified cases that receive subsidy within one fiscal year (budget limit)") \
X(double, program, subsidy_yen, 31.4e6, 0.0, 1e10, "yen per case", true, \
  "study section 2: ¥3.77 billion / 120 pilot cases", "Subsidy paid to a subsidised case") \
X(double, program, subsidy_return_boost, 0.6, 0.0, 10.0, "million yen per review", false, \
  "assumption; sensitivity", "Added to the mean return of a subsidised collaboration") \
X(double, program, credibility_meeting_boost, 0.5, 0.0, 10.0, "relative increase", true, \
  "assumption; study section 5 item 6 (branding effect)", "Extra meeting rate of certified firms (0.5 = +50 %)") \
/* ---- the program funnel: window screening, brush-up, benefits of certification ---- */ \
X(double, program, brushup_gain, 0.25, 0.0, 1.0, "share of the gap to 1", true, \
  "assumption; study section 2 (fine-grained help with the business plan before certification); sensitivity", \
  "Share of the gap to 1 of a case's market and novelty scores that the support team's brush-up closes") \
X(double, program, rules_help, 0.5, 0.0, 1.0, "probability", true, \
  "assumption; study section 2 (help strengthening the partnership); sensitivity", \
  "Probability that brush-up gives a group governed by trust alone written internal rules (a contract)") \
X(double, program, reconsult_weeks, 52.0, 0.0, 520.0, "weeks", false, "assumption; sensitivity", \
  "Wait before a collaboration turned away at the window or ended in brush-up consults again") \
X(double, program, finance_return_boost, 0.3, 0.0, 10.0, "million yen per review", false, \
  "assumption; study section 2 (preferential loans, credit guarantees, tax measures of certified plans); sensitivity", \
  "Added to the mean return of every certified collaboration (loans, guarantees and tax measures; not budget-limited)") \
X(double, program, followup_relief, 0.5, 0.0, 1.0, "share", true, \
  "assumption; study section 2 (follow-up after certification); sensitivity", \
  "Share of the trust lost to a deficit that the support team's follow-up spares a certified collaboration") \
/* ---- what firms expect of the measures (Q11) ---- */ \
X(double, benefits, subsidy, 0.71, 0.0, 1.0, "probability", false, \
  "study Q11 (subsidies 38.9 % of respondents) / 0.549 (Q10's two interested answers): 0.71; Q11 then a held-out check", \
  "Probability that a firm values subsidies among the program's measures") \
X(double, benefits, tax, 0.59, 0.0, 1.0, "probability", false, \
  "study Q11 (capital-investment tax cuts 32.5 %) / 0.549 (Q10's two interested answers); Q11 then a held-out check", \
  "Probability that a firm values capital-investment tax cuts") \
X(double, benefits, loans, 0.40, 0.0, 1.0, "probability", false, \
  "study Q11 (loans from government-affiliated lenders 21.9 %) / 0.549 (Q10's two interested answers); Q11 then a held-out check", \
  "Probability that a firm values loans from government-affiliated lenders (and credit guarantees)") \
X(double, benefits, followup, 0.43, 0.0, 1.0, "probability", false, \
  "study Q11 (follow-up of the business plan 23.5 %) / 0.549 (Q10's two interested answers); Q11 then a held-out check", \
  "Probability that a firm values follow-up of its business plan") \
/* ---- policy running costs per contact (fixed costs are in [[policy]]) ---- */ \
X(double, cost, push_contact_yen, 2000.0, 0.0, 1e9, "yen per firm reached", false, \
  "assumption; covered by sensitivity", "Cost of delivering information to one firm's desk") \
X(double, cost, route_contact_yen, 1500.0, 0.0, 1e9, "yen per firm reached", false, \
  "assumption", "Cost of informing one firm through a bank, institute, university, press or newsletter") \
X(double, cost, briefing_attendee_yen, 20000.0, 0.0, 1e9, "yen per attendee", false, \
  "assumption", "Cost of one attendee at a tailored briefing") \
X(double, cost, introduction_yen, 50000.0, 0.0, 1e9, "yen per introduction", false, \
  "assumption", "Cost of one partner introduction") \
X(double, cost, coaching_week_yen, 150000.0, 0.0, 1e9, "yen per case-week", false, \
  "assumption", "Cost of one week of coaching beyond the baseline capacity") \
/* ---- the simulated questionnaire (fielded 2005-04-11 to 2005-05-27, as the study's) ---- */ \
X(int, survey, sample_size, 1000, 0, 100000, "firms", false, \
  "study section 1 (mailed to 1,000 SMEs)", "Firms the questionnaire is mailed to") \
X(double, survey, response_rate, 0.311, 0.0, 1.0, "share of the sample", false, \
  "study section 1 (31.1 %, n = 311)", "Mean probability that a mailed firm responds") \
X(double, survey, response_interest_ratio, 1.5, 0.2, 5.0, "odds ratio", false, \
  "assumption (interested firms answer a questionnaire on collaboration more readily); sensitivity analysis", \
  "Relative response probability of firms open to collaboration") \
X(double, survey, frame_centre_employees, 90.0, 4.0, 963.0, "employees", false, \
  "calibrated to the respondent profile (mean 105.7 employees, 51-100 the largest class)", \
  "Centre of the sampling frame's size window (log-normal in employees)") \
X(double, survey, frame_width, 0.9, 0.05, 5.0, "log employees", false, \
  "calibrated to the respondent profile (42.4 % with 51-100 employees, over 60 % with at most 100)", \
  "Width (SD of log employees) of the sampling frame's size window") \
X(double, survey, frame_service_weight, 0.25, 0.0, 1.0, "relative weight", false, \
  "assumption (the sample was mainly manufacturers, study section 1)", "Selection weight of service firms relative to manufacturers") \
X(double, survey, plan_trust, 0.75, 0.0, 1.0, "trust (0-1)", false, \
  "calibrated to Q1 'planning to collaborate soon' (1.9 %)", \
  "A firm without a collaboration plans one if it trusts an open acquaintance at least this much") \
X(double, survey, na_q1, 0.029, 0.0, 1.0, "probability", false, \
  "study Q1 no answer (2.9 %); an input, not a fit", "Item non-response to Q1") \
X(double, survey, na_q2, 0.026, 0.0, 1.0, "probability", false, \
  "study Q2 no answer (2.6 %); an input, not a fit", "Item non-response to Q2") \
X(double, survey, na_q3, 0.013, 0.0, 1.0, "probability", false, \
  "study Q3 no answer (1.3 %); an input, not a fit", "Item non-response to Q3") \
X(double, survey, na_q10, 0.051, 0.0, 1.0, "probability", false, \
  "study Q10 no answer (5.1 %); an input, not a fit", "Item non-response to Q10")
// clang-format on
