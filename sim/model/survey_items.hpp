// The simulated questionnaire's answers, one per-run scalar each (recorded with the final
// metrics as final_survey_*): shares of the item's base, in the study's item order.
// scenarios/targets/tohoku2005.toml holds the study's value of each under the same name.
#pragma once

// X(name, unit, description)
// clang-format off
#define RENKEI_SURVEY_ITEMS(X) \
  X(survey_respondents, "firms", "Simulated survey: respondents (study: 311 of 1,000)") \
  X(survey_employees_mean, "employees", "Simulated survey: respondents' mean employees (study: 105.72)") \
  X(survey_employees_51_100, "share of respondents", "Simulated survey: respondents with 51-100 employees (study: 42.4 %)") \
  X(survey_employees_le_100, "share of respondents", "Simulated survey: respondents with at most 100 employees (study: over 60 %)") \
  X(survey_capital_le_10m, "share of respondents", "Simulated survey: respondents capitalised at 10 M yen or less (study: 20.3 %)") \
  X(survey_capital_le_100m, "share of respondents", "Simulated survey: respondents capitalised at 100 M yen or less (study: about 90 %)") \
  X(survey_q1_collaborating, "share of respondents", "Q1 collaborating now (study: 23.2 %)") \
  X(survey_q1_planning, "share of respondents", "Q1 planning to collaborate soon (study: 1.9 %)") \
  X(survey_q1_interested, "share of respondents", "Q1 not collaborating but interested (study: 41.5 %)") \
  X(survey_q1_not_interested, "share of respondents", "Q1 not collaborating and not interested (study: 30.5 %)") \
  X(survey_q1_no_answer, "share of respondents", "Q1 no answer (study: 2.9 %)") \
  X(survey_q2_base, "firms", "Q2/Q3 base: respondents collaborating or planning (study: 78)") \
  X(survey_q2_joint_orders, "share of Q2 base", "Q2 joint order-taking (study: 39.7 %)") \
  X(survey_q2_technical, "share of Q2 base", "Q2 technical cooperation (study: 59.0 %)") \
  X(survey_q2_joint_research, "share of Q2 base", "Q2 joint research (study: 26.9 %)") \
  X(survey_q2_market, "share of Q2 base", "Q2 market research / development (study: 15.4 %)") \
  X(survey_q2_no_answer, "share of Q2 base", "Q2 no answer (study: 2.6 %)") \
  X(survey_q3_incorporated, "share of Q2 base", "Q3 incorporated or organised as a cooperative (study: 16.7 %)") \
  X(survey_q3_contract, "share of Q2 base", "Q3 contract / agreement (study: 39.7 %)") \
  X(survey_q3_trust, "share of Q2 base", "Q3 mutual trust, informal (study: 52.6 %)") \
  X(survey_q3_no_answer, "share of Q2 base", "Q3 no answer (study: 1.3 %)") \
  X(survey_partner_same_industry_same_pref, "share of Q2 base", "Partner profile: SMEs of the same industry in the same prefecture (study: 47.4 %)") \
  X(survey_partner_other_industry_same_pref, "share of Q2 base", "Partner profile: SMEs of a different industry in the same prefecture (study: 33.3 %)") \
  X(survey_q7_base, "firms", "Q7 base: respondents collaborating, planning or interested (study: 207)") \
  X(survey_q10_know_expect, "share of respondents", "Q10 knew the program and expect something of it (study: 9.6 %)") \
  X(survey_q10_unaware_interested, "share of respondents", "Q10 did not know it but interested (study: 45.3 %)") \
  X(survey_q10_know_no_expect, "share of respondents", "Q10 knew it but expect nothing (study: 14.1 %)") \
  X(survey_q10_unaware_not_interested, "share of respondents", "Q10 did not know it and not interested (study: 25.7 %)") \
  X(survey_q10_no_answer, "share of respondents", "Q10 no answer (study: 5.1 %)") \
  X(survey_q11_no_answer, "share of respondents", "Q11 no answer: respondents without interest in the measures (study: 43.7 %)") \
  X(survey_q11_subsidy, "share of respondents", "Q11 expect subsidies (study: 38.9 %)") \
  X(survey_q11_tax, "share of respondents", "Q11 expect capital-investment tax cuts (study: 32.5 %)") \
  X(survey_q11_loans, "share of respondents", "Q11 expect loans from government-affiliated lenders (study: 21.9 %)") \
  X(survey_q11_followup, "share of respondents", "Q11 expect follow-up of the business plan (study: 23.5 %)") \
  X(survey_q13_base, "firms", "Q13 base: respondents who knew the program but expect nothing (Q10)") \
  X(survey_q13_hard_to_understand, "share of Q13 base", "Q13 the system is hard to understand (study: 31.7 %)") \
  X(survey_q13_eligibility_unclear, "share of Q13 base", "Q13 hard to tell which businesses qualify (study: 31.7 %)") \
  X(survey_q7_development, "share of Q7 base", "Q7 better development / planning / technical capability (study: 53.1 %)") \
  X(survey_q7_management, "share of Q7 base", "Q7 better technology / production management (study: 41.5 %)") \
  X(survey_q7_sales, "share of Q7 base", "Q7 wider sales channels and markets (study: 51.7 %)") \
  X(survey_q7_orders, "share of Q7 base", "Q7 able to answer orders immediately (study: 31.9 %)") \
  X(survey_q7_specialities, "share of Q7 base", "Q7 use of each firm's specialities (study: 53.1 %)") \
  X(survey_q7_bargaining, "share of Q7 base", "Q7 more bargaining power and credibility (study: 10.1 %)") \
  X(survey_q7_new_business, "share of Q7 base", "Q7 new undertakings become possible (study: 42.0 %)") \
  X(survey_q7_academia, "share of Q7 base", "Q7 industry-academia collaboration realised (study: 17.9 %)") \
  X(survey_q7_risk_spread, "share of Q7 base", "Q7 investment risk spread (study: 35.7 %)") \
  X(survey_q7_volume, "share of Q7 base", "Q7 larger production volume (study: 26.1 %)") \
  X(survey_q7_escape_subcontracting, "share of Q7 base", "Q7 escape from subcontracting for large firms (study: 8.7 %)") \
  X(survey_q7_no_answer, "share of Q7 base", "Q7 no answer: a firm holding no motive (study: 1.0 %)")
// clang-format on
