#include "model_fixtures.hpp"

#include "model/information_reach.hpp"
#include "model/program.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace renkei::model_test {

std::shared_ptr<const World> make_world(const std::vector<std::vector<std::int64_t>>& counts) {
  auto w = std::make_shared<World>();
  w->name = "model-test";
  w->blocks = {{"block", "Block", 0}};
  for (std::size_t p = 0; p < counts.size(); ++p) {
    w->prefectures.push_back(
        {"p" + std::to_string(p), "P" + std::to_string(p), 0, {1, 1, 1, 1, 1, 1, 1}});
  }
  // Distinct capability profiles, so that cross-industry pairs are more complementary.
  w->industries = {
      {"metal", "Metal", false, {0.3, 0.8, 0.3, 0.4, 0.2}},
      {"electronics", "Electronics", false, {0.7, 0.5, 0.4, 0.6, 0.5}},
      {"software", "Software", true, {0.8, 0.1, 0.6, 0.5, 0.4}},
  };
  w->firm_counts = counts;
  w->size_classes = {{4, 29, 0.6}, {30, 99, 0.3}, {100, 600, 0.1}};
  w->capital_brackets = {{10e6, "<= 10 M"}, {300e6, "<= 300 M"}, {1e12, "> 300 M"}};
  w->capital_given_size = {{0.8, 0.2, 0.0}, {0.4, 0.55, 0.05}, {0.1, 0.6, 0.3}};
  return w;
}

std::shared_ptr<const World> small_world() { return make_world({{60, 50, 40}, {60, 50, 40}}); }

std::shared_ptr<const World> sized_world(std::int64_t firms) {
  // Shares 0.2/0.17/0.13 per industry in each of two prefectures (sum 1).
  const auto c = [&](double share) {
    return static_cast<std::int64_t>(std::llround(share * static_cast<double>(firms)));
  };
  return make_world({{c(0.2), c(0.17), c(0.13)}, {c(0.2), c(0.17), c(0.13)}});
}

Scenario make_scenario(std::shared_ptr<const World> world, int burn_in_weeks, Date end) {
  Scenario sc;
  sc.name = "model-test";
  sc.run.start = Date{2005, 4, 1};
  sc.run.end = end;
  sc.run.burn_in_weeks = burn_in_weeks;
  sc.run.step_days = 7;
  sc.run.replicates = 1;
  sc.run.seed = 1;
  sc.world = std::move(world);
  return sc;
}

std::size_t param_index(std::string_view key) {
  const auto i = find_param(key);
  if (!i) throw std::invalid_argument("test fixture: no parameter '" + std::string(key) + "'");
  return *i;
}

PolicyChange one_lever_policy(std::string name, Date start, int ramp_weeks, std::string_view key,
                              LeverOp op, double operand) {
  PolicyChange pc;
  pc.name = std::move(name);
  pc.start = start;
  pc.ramp_weeks = ramp_weeks;
  pc.levers = {LeverChange{param_index(key), op, operand, LeverIntent::unstated}};
  return pc;
}

Params without_program_information(Params p) {
  p.information_initial_aware = 0;
  p.information_pull_rate = 0;
  p.information_wom_rate = 0;
  p.information_push_rate = 0;
  p.information_bank_rate = 0;
  p.information_institute_rate = 0;
  p.information_university_rate = 0;
  p.information_press_rate = 0;
  p.information_newsletter_rate = 0;
  p.information_local_gov_rate = 0;
  return p;
}

Params quiet_params() {
  Params p;
  p.meetings_rate_personal = 0;
  p.meetings_rate_industry = 0;
  p.meetings_rate_institute = 0;
  p.meetings_rate_university = 0;
  p.meetings_rate_bank = 0;
  p.meetings_rate_event = 0;
  p.meetings_rate_introduction = 0;
  p = without_program_information(p);
  p.information_briefing_rate = 0;
  p.information_learn_rate = 0;
  p.information_forget_rate = 0;
  p.information_reach_size_elasticity = 0;  // every route reaches every firm alike
  p.information_reach_service_factor = 1;
  p.information_reach_bureau_factor = 1;
  p.population_attitude_turnover = 0;
  return p;
}

Params eager_program_params() {
  Params p;
  p.population_open_share = 0.95;
  p.information_initial_aware = 1.0;
  p.information_understand_pull = 1.0;
  p.information_clarity_manufacturing = 1.0;
  p.information_clarity_services = 1.0;
  p.information_forget_rate = 0.0;  // everyone stays aware
  p.program_consult_rate = 1.0;
  p.program_min_members = 2;
  p.program_market_threshold = 0.0;
  p.program_novelty_threshold = 0.0;
  p.program_acceptance_intercept = 3.0;
  p.program_coaching_weeks = 2.0;
  p.program_review_weeks = 2.0;
  p.formation_gov_trust_weight = 0.0;
  p.formation_gov_contract_intercept = 5.0;
  p.formation_intercept = -1.0;
  p.outcomes_explore_weeks = 4.0;
  p.outcomes_explore_fail = 0.0;
  return p;
}

Bench::Bench(Scenario scenario, std::uint64_t seed, std::uint32_t replicate)
    : params(scenario.params),
      scenario_(std::move(scenario)),
      model_(scenario_, seed, replicate),
      streams_(seed + 1000, 0),
      burn_in_(scenario_.calendar().burn_in_steps()) {}

void Bench::rebuild_reach() {
  ModelState& s = state();
  s.reach = information::build_reach_tables(*s.world, s.pop, params);
}

std::uint32_t cell_first(const ModelState& s, std::uint32_t pref, std::uint32_t ind) {
  const auto ni = static_cast<std::uint32_t>(s.world->industries.size());
  return s.pop.cell_begin[pref * ni + ind];
}

std::uint32_t cell_size(const ModelState& s, std::uint32_t pref, std::uint32_t ind) {
  const auto ni = static_cast<std::uint32_t>(s.world->industries.size());
  return s.pop.cell_begin[pref * ni + ind + 1] - s.pop.cell_begin[pref * ni + ind];
}

void set_all_open(ModelState& s, bool open) {
  for (std::uint32_t f = 0; f < s.n_firms(); ++f) set_open(s, f, open);
}

void set_capabilities(ModelState& s, std::uint32_t firm, float value) {
  for (float& c : s.pop.capability[firm]) c = value;
}

std::string consistency_violation(const ModelState& s, const Params& p) {
  std::ostringstream why;
  const std::uint32_t n = s.n_firms();
  // Active list and positions.
  std::size_t active_slots = 0;
  for (std::uint32_t id = 0; id < s.collabs.size(); ++id)
    active_slots += s.collabs[id].active ? 1 : 0;
  if (active_slots != s.active_collabs.size()) {
    why << "active slots " << active_slots << " != active list " << s.active_collabs.size();
    return why.str();
  }
  if (s.free_collabs.size() + active_slots != s.collabs.size()) {
    why << "free + active slots != slots";
    return why.str();
  }
  for (std::uint32_t id : s.free_collabs) {
    if (s.collabs[id].active) {
      why << "free slot " << id << " is active";
      return why.str();
    }
  }
  std::vector<std::size_t> member_count(n, 0);
  std::vector<int> coaching(s.teams.size(), 0), review(s.teams.size(), 0);
  for (std::size_t k = 0; k < s.active_collabs.size(); ++k) {
    const std::uint32_t id = s.active_collabs[k];
    const Collaboration& c = s.collabs[id];
    if (!c.active || s.active_pos[id] != k) {
      why << "collaboration " << id << " inactive or misplaced in the active list";
      return why.str();
    }
    if (c.members.size() < 2 || static_cast<int>(c.members.size()) > p.formation_max_members) {
      why << "collaboration " << id << " has " << c.members.size() << " members";
      return why.str();
    }
    if (std::set<std::uint32_t>(c.members.begin(), c.members.end()).size() != c.members.size()) {
      why << "collaboration " << id << " lists a member twice";
      return why.str();
    }
    if (c.contribution.size() != c.members.size() || c.profit_share.size() != c.members.size() ||
        c.cost_share.size() != c.members.size()) {
      why << "collaboration " << id << " shares do not match its members";
      return why.str();
    }
    // The facts the weekly requirement count reads from the collaboration are its members'.
    const MemberFacts fresh = program::member_facts(s, c);
    if (fresh.firms != c.member_facts.firms ||
        fresh.sme_fields_differ != c.member_facts.sme_fields_differ ||
        fresh.core_firm != c.member_facts.core_firm) {
      why << "collaboration " << id << " keeps stale member facts";
      return why.str();
    }
    double sc = 0, sp = 0, sk = 0;
    for (std::size_t m = 0; m < c.members.size(); ++m) {
      sc += c.contribution[m];
      sp += c.profit_share[m];
      sk += c.cost_share[m];
    }
    // Shares are floats: each sum is 1 within a few float roundings.
    if (std::fabs(sc - 1) > 1e-5 || std::fabs(sp - 1) > 1e-5 || std::fabs(sk - 1) > 1e-5) {
      why << "collaboration " << id << " shares do not sum to 1";
      return why.str();
    }
    bool comp = false, cross = false;
    for (std::size_t x = 0; x < c.members.size(); ++x) {
      for (std::size_t y = x + 1; y < c.members.size(); ++y) {
        (s.pop.industry[c.members[x]] == s.pop.industry[c.members[y]] ? comp : cross) = true;
      }
    }
    if (comp != c.has_competitors || cross != c.cross_industry) {
      why << "collaboration " << id << " industry classification is stale";
      return why.str();
    }
    for (std::uint32_t f : c.members) {
      ++member_count[f];
      const auto& list = s.firms.memberships[f];
      if (std::find(list.begin(), list.begin() + s.firms.n_memberships[f], id) ==
          list.begin() + s.firms.n_memberships[f]) {
        why << "firm " << f << " is a member of " << id << " without the membership";
        return why.str();
      }
    }
    const auto block =
        static_cast<std::size_t>(s.world->prefectures[s.pop.prefecture[c.members[0]]].block);
    coaching[block] += c.app == AppState::coaching ? 1 : 0;
    review[block] += c.app == AppState::review ? 1 : 0;
  }
  int in_collab = 0, aware = 0, understand = 0, certified = 0, open = 0;
  double income = 0;
  for (std::uint32_t f = 0; f < n; ++f) {
    const unsigned m = s.firms.n_memberships[f];
    // Out-of-region partners may hold up to kMaxMemberships (collaborations.hpp, has_room).
    const int max_m = is_external(s.pop, f) ? kMaxMemberships : p.formation_max_collaborations;
    if (static_cast<int>(m) > max_m) {
      why << "firm " << f << " has " << m << " memberships, max " << max_m;
      return why.str();
    }
    if (m != member_count[f]) {
      why << "firm " << f << " has " << m << " memberships but is listed in " << member_count[f];
      return why.str();
    }
    for (unsigned k = 0; k < m; ++k) {
      const std::uint32_t id = s.firms.memberships[f][k];
      if (id >= s.collabs.size() || !s.collabs[id].active) {
        why << "firm " << f << " keeps a membership of ended collaboration " << id;
        return why.str();
      }
    }
    if (m > 0 && !s.firms.had_collab[f]) {
      why << "firm " << f << " is a member but had_collab is 0";
      return why.str();
    }
    in_collab += m > 0 && !is_external(s.pop, f) ? 1 : 0;  // the region's firms only
    open += s.firms.open[f];
    income += s.firms.income[f];
    aware += s.firms.aware[f];
    understand += s.firms.understand[f];
    certified += s.firms.certified[f];
    if (s.firms.understand[f] && !s.firms.aware[f]) {
      why << "firm " << f << " understands without being aware";
      return why.str();
    }
  }
  if (in_collab != s.firms_in_collab) {
    why << "firms_in_collab " << s.firms_in_collab << " != recount " << in_collab;
    return why.str();
  }
  if (static_cast<std::size_t>(aware) != s.aware_list.size() ||
      std::set<std::uint32_t>(s.aware_list.begin(), s.aware_list.end()).size() !=
          s.aware_list.size()) {
    why << "aware list (" << s.aware_list.size() << ") disagrees with aware flags (" << aware
        << ")";
    return why.str();
  }
  for (std::size_t i = 0; i < s.aware_list.size(); ++i) {
    if (s.aware_pos[s.aware_list[i]] != i) {
      why << "aware_pos of firm " << s.aware_list[i] << " is " << s.aware_pos[s.aware_list[i]]
          << ", not " << i;
      return why.str();
    }
  }
  if (open != s.open_count) {
    why << "open_count " << s.open_count << " != recount " << open;
    return why.str();
  }
  // Incomes are sums of the same terms in another order: equal within rounding.
  if (std::fabs(income - s.income_total) > 1e-9 * (1.0 + std::fabs(income))) {
    why << "income_total " << s.income_total << " != recount " << income;
    return why.str();
  }
  if (understand != s.understand_count) {
    why << "understand_count " << s.understand_count << " != recount " << understand;
    return why.str();
  }
  if (static_cast<std::size_t>(certified) != s.certified_firms.size()) {
    why << "certified_firms list disagrees with the flags";
    return why.str();
  }
  for (std::size_t b = 0; b < s.teams.size(); ++b) {
    if (s.teams[b].coaching != coaching[b] || s.teams[b].in_review != review[b]) {
      why << "team " << b << " counts coaching " << s.teams[b].coaching << " / review "
          << s.teams[b].in_review << " but collaborations say " << coaching[b] << " / "
          << review[b];
      return why.str();
    }
  }
  return {};
}

bool same_bits(const RunResult& a, const RunResult& b) {
  if (a.scenario != b.scenario || a.replicate != b.replicate || a.steps != b.steps ||
      a.ok != b.ok || a.series.size() != b.series.size() || a.finals.size() != b.finals.size())
    return false;
  return std::memcmp(a.series.data(), b.series.data(), a.series.size() * sizeof(double)) == 0 &&
         std::memcmp(a.finals.data(), b.finals.data(), a.finals.size() * sizeof(double)) == 0;
}

}  // namespace renkei::model_test
