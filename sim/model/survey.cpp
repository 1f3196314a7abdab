#include "model/survey.hpp"

#include "core/distributions.hpp"
#include "model/formation.hpp"
#include "model/motives.hpp"
#include "model/program.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace renkei {
namespace {

// Sub-stream ids of the survey mechanism.
constexpr std::uint32_t kSampleStream = 0;
constexpr std::uint32_t kResponseStream = 1;
constexpr std::uint32_t kAnswerStream = 2;  // entity = firm

int find_tohoku_block(const World& w) {
  for (std::size_t b = 0; b < w.blocks.size(); ++b)
    if (w.blocks[b].id == "tohoku") return static_cast<int>(b);
  return -1;
}

// The firm's most trusted open acquaintance outside any shared collaboration, if its trust
// reaches `threshold`: the partner a firm "planning to collaborate soon" has in view.
std::uint32_t planned_partner(const ModelState& s, std::uint32_t firm, int step, double threshold,
                              double& trust) {
  std::uint32_t best = TieStore::none;
  trust = threshold;
  const TieList ties = s.ties.of(firm);
  for (std::size_t k = 0; k < ties.size(); ++k) {
    const std::uint32_t id = ties[k];
    const std::uint32_t other = ties.other(k);
    if (!s.firms.open[other]) continue;
    const double tr = s.ties.trust_at(id, step);
    if (tr >= trust) {
      trust = tr;
      best = other;
    }
  }
  return best;
}

}  // namespace

namespace survey {

double frame_weight(const ModelState& s, const Params& p, std::uint32_t firm, int tohoku_block) {
  const World& w = *s.world;
  if (tohoku_block < 0 || w.prefectures[s.pop.prefecture[firm]].block != tohoku_block) return 0.0;
  if (!s.firms.sme[firm]) return 0.0;  // mailed to SMEs
  // The directory the sample came from is a size window: log-normal in employees.
  const double z = (std::log(static_cast<double>(s.pop.employees[firm])) -
                    std::log(p.survey_frame_centre_employees)) /
                   p.survey_frame_width;
  return std::exp(-0.5 * z * z) * (s.firms.service[firm] ? p.survey_frame_service_weight : 1.0);
}

SurveyAnswer answer(const ModelState& s, const Params& p, std::uint32_t firm, int step,
                    rng::Stream& g) {
  SurveyAnswer a;
  const World& w = *s.world;
  a.employees = s.pop.employees[firm];
  const double capital =
      w.capital_brackets.empty() ? 0.0 : w.capital_brackets[s.pop.capital_bracket[firm]].max_yen;
  a.capital_le_10m = capital <= 10e6;
  a.capital_le_100m = capital <= 100e6;

  // Every random draw is made whatever the routing, so that one answer's draws do not shift
  // another's (each firm has its own stream).
  const bool na_q1 = dist::bernoulli(g, p.survey_na_q1);
  const bool na_q2 = dist::bernoulli(g, p.survey_na_q2);
  const bool na_q3 = dist::bernoulli(g, p.survey_na_q3);
  const bool na_q10 = dist::bernoulli(g, p.survey_na_q10);

  const Firms& f = s.firms;
  const bool member = f.n_memberships[firm] > 0;
  double plan_trust = 0;
  const std::uint32_t partner =
      member ? TieStore::none : planned_partner(s, firm, step, p.survey_plan_trust, plan_trust);
  const int q1 = member ? 0 : partner != TieStore::none && f.open[firm] ? 1 : f.open[firm] ? 2 : 3;
  const formation::Shape prospect =
      partner == TieStore::none
          ? formation::Shape{}
          : formation::draw_shape(
                p, g, plan_trust,
                static_cast<double>(s.pop.employees[firm]) + s.pop.employees[partner],
                s.pop.industry[firm] != s.pop.industry[partner],
                static_cast<Channel>(s.ties.tie(s.ties.find(firm, partner)).channel),
                static_cast<std::uint16_t>(f.motives[firm] | f.motives[partner]),
                has_national_network(s.pop, partner), is_university(s.pop, partner));
  if (!na_q1) a.q1 = q1;
  // Q7 (expected effects, MA) asks those collaborating, planning or interested: a firm
  // ticks the motives it holds.
  if (a.q1 >= 0 && a.q1 <= 2) a.q7 = f.motives[firm];

  if (a.q1 == 0 || a.q1 == 1) {
    // The item asks about partners that are SMEs ("SMEs of the same / a different industry
    // in the same prefecture"): a large partner firm ticks neither box.
    auto note_partner = [&](std::uint32_t other) {
      if (!f.sme[other] || s.pop.prefecture[other] != s.pop.prefecture[firm]) return;
      if (s.pop.industry[other] == s.pop.industry[firm])
        a.partner_same_industry_same_pref = true;
      else
        a.partner_other_industry_same_pref = true;
    };
    if (a.q1 == 0) {
      for (int k = 0; k < f.n_memberships[firm]; ++k) {
        const Collaboration& c = s.collabs[f.memberships[firm][k]];
        a.q2 |= c.content;
        a.q3[static_cast<int>(c.governance)] = true;
        for (std::uint32_t m : c.members)
          if (m != firm) note_partner(m);
      }
    } else {
      a.q2 = prospect.content;
      a.q3[static_cast<int>(prospect.governance)] = true;
      note_partner(partner);
    }
    a.q2_answered = !na_q2;
    a.q3_answered = !na_q3;
    if (!a.q2_answered) a.q2 = 0;
    if (!a.q3_answered) a.q3 = {};
  }

  if (!na_q10) {
    const bool aware = f.aware[firm] != 0;
    if (aware)
      a.q10 = program::expects(s, p, firm) ? 0 : 2;
    else
      a.q10 = f.open[firm] ? 1 : 3;
  }
  // Q11: the measures the firm values, answered by those with an interest in them. Q13:
  // why a firm that knows the program expects nothing — the states the model holds.
  if (a.q10 == 0 || a.q10 == 1) a.q11 = f.benefits[firm];
  if (a.q10 == 2) {
    a.q13_hard_to_understand = f.understand[firm] == 0;
    a.q13_eligibility_unclear = !program::eligibility_clear(s, p, firm);
  }
  return a;
}

std::vector<double> tabulate(const std::vector<SurveyAnswer>& answers) {
  std::vector<double> out;
  const double n = static_cast<double>(answers.size());
  auto share = [&](auto pred, double base) {
    double k = 0;
    for (const SurveyAnswer& a : answers) k += pred(a) ? 1 : 0;
    return base > 0 ? k / base : std::numeric_limits<double>::quiet_NaN();
  };
  double emp = 0;
  for (const SurveyAnswer& a : answers) emp += a.employees;
  out.push_back(n);
  out.push_back(n > 0 ? emp / n : std::numeric_limits<double>::quiet_NaN());
  out.push_back(
      share([](const SurveyAnswer& a) { return a.employees >= 51 && a.employees <= 100; }, n));
  out.push_back(share([](const SurveyAnswer& a) { return a.employees <= 100; }, n));
  out.push_back(share([](const SurveyAnswer& a) { return a.capital_le_10m; }, n));
  out.push_back(share([](const SurveyAnswer& a) { return a.capital_le_100m; }, n));
  for (int k = 0; k < 4; ++k)
    out.push_back(share([k](const SurveyAnswer& a) { return a.q1 == k; }, n));
  out.push_back(share([](const SurveyAnswer& a) { return a.q1 < 0; }, n));
  // Q2/Q3 and the partner profile: routed to those collaborating or planning.
  const double routed = share([](const SurveyAnswer& a) { return a.q1 == 0 || a.q1 == 1; }, 1.0);
  out.push_back(routed);
  for (int k = 0; k < kContents; ++k)
    out.push_back(
        share([k](const SurveyAnswer& a) { return a.q2_answered && (a.q2 & (1u << k)); }, routed));
  out.push_back(share(
      [](const SurveyAnswer& a) { return (a.q1 == 0 || a.q1 == 1) && !a.q2_answered; }, routed));
  // Q3 order in the study: incorporated, contract, trust.
  for (Governance g : {Governance::incorporated, Governance::contract, Governance::trust})
    out.push_back(share(
        [g](const SurveyAnswer& a) { return a.q3_answered && a.q3[static_cast<int>(g)]; }, routed));
  out.push_back(share(
      [](const SurveyAnswer& a) { return (a.q1 == 0 || a.q1 == 1) && !a.q3_answered; }, routed));
  out.push_back(
      share([](const SurveyAnswer& a) { return a.partner_same_industry_same_pref; }, routed));
  out.push_back(
      share([](const SurveyAnswer& a) { return a.partner_other_industry_same_pref; }, routed));
  out.push_back(
      share([](const SurveyAnswer& a) { return a.q1 >= 0 && a.q1 <= 2; }, 1.0));  // Q7 base
  for (int k = 0; k < 4; ++k)
    out.push_back(share([k](const SurveyAnswer& a) { return a.q10 == k; }, n));
  out.push_back(share([](const SurveyAnswer& a) { return a.q10 < 0; }, n));
  // Q11 (what firms expect of the measures) is answered by those with an interest in them.
  out.push_back(share([](const SurveyAnswer& a) { return !(a.q10 == 0 || a.q10 == 1); }, n));
  for (int k = 0; k < kBenefits; ++k)
    out.push_back(share([k](const SurveyAnswer& a) { return (a.q11 & (1u << k)) != 0; }, n));
  const double q13_base = share([](const SurveyAnswer& a) { return a.q10 == 2; }, 1.0);
  out.push_back(q13_base);
  out.push_back(share([](const SurveyAnswer& a) { return a.q13_hard_to_understand; }, q13_base));
  out.push_back(share([](const SurveyAnswer& a) { return a.q13_eligibility_unclear; }, q13_base));
  append_q7(out, answers);
  return out;
}

void append_q7(std::vector<double>& out, const std::vector<SurveyAnswer>& answers) {
  double base = 0, none = 0;
  std::array<double, kMotives> ticked{};
  for (const SurveyAnswer& a : answers) {
    if (a.q1 < 0 || a.q1 > 2) continue;
    base += 1;
    none += a.q7 == 0 ? 1 : 0;
    for (int k = 0; k < kMotives; ++k) ticked[static_cast<std::size_t>(k)] += (a.q7 >> k) & 1u;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double t : ticked) out.push_back(base > 0 ? t / base : nan);
  out.push_back(base > 0 ? none / base : nan);
}

}  // namespace survey

void SurveyFieldwork::draw_sample(const ModelState& s, const Params& p, const Calendar& cal,
                                  const rng::ReplicateStreams& streams, int step) {
  drawn_ = true;
  const int block = find_tohoku_block(*s.world);
  const std::uint32_t n = s.n_firms();
  // Weighted sampling without replacement (Efraimidis & Spirakis 2006): the k largest keys
  // log(u)/w, one uniform per firm in index order.
  auto g = streams(rng::Mechanism::survey, kSampleStream);
  std::vector<std::pair<double, std::uint32_t>> keys;
  keys.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const double u = g.uniform();
    const double w = survey::frame_weight(s, p, i, block);
    if (w > 0) keys.emplace_back(std::log(std::max(u, 1e-300)) / w, i);
  }
  const std::size_t k =
      std::min<std::size_t>(keys.size(), static_cast<std::size_t>(p.survey_sample_size));
  std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end(),
                    [](const auto& x, const auto& y) {
                      return x.first > y.first || (x.first == y.first && x.second < y.second);
                    });
  sample_.clear();
  for (std::size_t j = 0; j < k; ++j) sample_.push_back(keys[j].second);
  std::sort(sample_.begin(), sample_.end());
  if (sample_.empty()) return;
  fielded_ = true;

  // Response: probability proportional to 1 (closed) or the interest ratio (open), scaled so
  // that the sample's expected response rate is the study's; the date is uniform over the
  // fieldwork.
  double rel_sum = 0;
  for (std::uint32_t i : sample_)
    rel_sum += s.firms.open[i] ? p.survey_response_interest_ratio : 1.0;
  const double scale = p.survey_response_rate * static_cast<double>(sample_.size()) / rel_sum;
  const int first = std::max(step, cal.step_of(kFieldworkStart));
  const int last = std::max(first, cal.step_of(kFieldworkEnd));
  auto r = streams(rng::Mechanism::survey, kResponseStream);
  std::vector<std::pair<int, std::uint32_t>> responders;
  for (std::uint32_t i : sample_) {
    const double rel = s.firms.open[i] ? p.survey_response_interest_ratio : 1.0;
    const bool responds = dist::bernoulli(r, std::min(1.0, scale * rel));
    const int when = first + static_cast<int>(dist::uniform_index(
                                 r, static_cast<std::uint32_t>(last - first + 1)));
    if (responds) responders.emplace_back(when, i);
  }
  std::sort(responders.begin(), responders.end());
  for (const auto& [when, firm] : responders) {
    pending_.push_back(firm);
    pending_step_.push_back(when);
  }
}

void SurveyFieldwork::at_step(const ModelState& s, const Params& p, const Calendar& cal,
                              const rng::ReplicateStreams& streams, int step) {
  if (step < 0) return;
  if (!drawn_) {
    // The sample is drawn at the fieldwork's first step; a run starting later than the
    // fieldwork's end has no survey.
    if (step > cal.step_of(kFieldworkEnd)) {
      drawn_ = true;
      return;
    }
    if (step < cal.step_of(kFieldworkStart)) return;
    draw_sample(s, p, cal, streams, step);
  }
  while (next_ < pending_.size() && pending_step_[next_] <= step) {
    const std::uint32_t firm = pending_[next_++];
    auto g = streams(rng::Mechanism::survey, kAnswerStream + firm);
    answers_.push_back(survey::answer(s, p, firm, step, g));
  }
}

void SurveyFieldwork::finish(RunResult& out) const {
  constexpr std::size_t first = static_cast<std::size_t>(F::survey_respondents);
  if (out.finals.size() < kFinalCount) out.finals.resize(kFinalCount, 0.0);
  if (!fielded_) {
    for (std::size_t k = first; k < kFinalCount; ++k)
      out.finals[k] = std::numeric_limits<double>::quiet_NaN();
    return;
  }
  const std::vector<double> t = survey::tabulate(answers_);
  std::copy(t.begin(), t.end(), out.finals.begin() + static_cast<std::ptrdiff_t>(first));
}

}  // namespace renkei
