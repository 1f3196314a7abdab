#include "model/collaborations.hpp"

#include "model/program.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace renkei {
namespace {

void add_membership(ModelState& s, std::uint32_t firm, std::uint32_t id) {
  auto& n = s.firms.n_memberships[firm];
  if (n >= kMaxMemberships) throw std::logic_error("membership overflow");
  s.firms.memberships[firm][n] = id;
  if (n == 0 && !is_external(s.pop, firm)) ++s.firms_in_collab;
  ++n;
  s.firms.had_collab[firm] = 1;
}

void drop_membership(ModelState& s, std::uint32_t firm, std::uint32_t id) {
  auto& n = s.firms.n_memberships[firm];
  auto& list = s.firms.memberships[firm];
  for (unsigned k = 0; k < n; ++k) {
    if (list[k] == id) {
      list[k] = list[n - 1u];
      --n;
      if (n == 0 && !is_external(s.pop, firm)) --s.firms_in_collab;
      return;
    }
  }
  throw std::logic_error("membership not found");
}

}  // namespace

double complementarity(const Population& pop, std::uint32_t a, std::uint32_t b) {
  double d = 0.0;
  for (int k = 0; k < kCapabilities; ++k)
    d += std::fabs(pop.capability[a][k] - pop.capability[b][k]);
  return d / kCapabilities;
}

std::uint32_t create_collaboration(ModelState& s, std::uint32_t a, std::uint32_t b, int step) {
  std::uint32_t id;
  if (!s.free_collabs.empty()) {
    id = s.free_collabs.back();
    s.free_collabs.pop_back();
  } else {
    id = static_cast<std::uint32_t>(s.collabs.size());
    s.collabs.emplace_back();
    s.active_pos.push_back(0);
  }
  Collaboration& c = s.collabs[id];
  const std::uint32_t generation = c.generation + 1;
  c = Collaboration{};
  c.generation = generation;
  c.active = true;
  // The core is the larger firm of the region: an out-of-region partner joins a regional
  // firm's project (and the project stays with its region's support team).
  const bool a_external = is_external(s.pop, a);
  const bool b_external = is_external(s.pop, b);
  const bool a_core =
      a_external != b_external ? !a_external : s.pop.employees[a] >= s.pop.employees[b];
  c.members = a_core ? std::vector<std::uint32_t>{a, b} : std::vector<std::uint32_t>{b, a};
  c.formed_step = step;
  add_membership(s, a, id);
  add_membership(s, b, id);
  s.active_pos[id] = static_cast<std::uint32_t>(s.active_collabs.size());
  s.active_collabs.push_back(id);
  classify_members(s, id);
  return id;
}

void add_member(ModelState& s, std::uint32_t id, std::uint32_t firm) {
  Collaboration& c = s.collabs[id];
  c.members.push_back(firm);
  add_membership(s, firm, id);
  classify_members(s, id);
}

void end_collaboration(ModelState& s, std::uint32_t id, EndReason) {
  Collaboration& c = s.collabs[id];
  if (!c.active) throw std::logic_error("ending an inactive collaboration");
  for (std::uint32_t f : c.members) drop_membership(s, f, id);
  // Program bookkeeping: a case in the pipeline leaves it.
  const int block = s.world->prefectures[s.pop.prefecture[c.members[0]]].block;
  SupportTeam& team = s.teams[static_cast<std::size_t>(block)];
  if (c.app == AppState::coaching) {
    --team.coaching;
    team.places[c.coach] = SupportTeam::kFreePlace;
  }
  if (c.app == AppState::review) --team.in_review;
  c.active = false;
  ++c.generation;  // invalidates scheduled events and queue entries
  const std::uint32_t pos = s.active_pos[id];
  const std::uint32_t last = s.active_collabs.back();
  s.active_collabs[pos] = last;
  s.active_pos[last] = pos;
  s.active_collabs.pop_back();
  s.free_collabs.push_back(id);
}

bool is_member(const ModelState& s, std::uint32_t id, std::uint32_t firm) {
  const auto& m = s.collabs[id].members;
  return std::find(m.begin(), m.end(), firm) != m.end();
}

bool share_collaboration(const ModelState& s, std::uint32_t a, std::uint32_t b) {
  // Both firms list their collaborations: comparing the two short lists reads two firm
  // records instead of every member list of a's collaborations.
  const unsigned na = s.firms.n_memberships[a];
  const unsigned nb = s.firms.n_memberships[b];
  if (na == 0 || nb == 0) return false;
  const auto& la = s.firms.memberships[a];
  const auto& lb = s.firms.memberships[b];
  for (unsigned i = 0; i < na; ++i) {
    for (unsigned j = 0; j < nb; ++j) {
      if (la[i] == lb[j]) return true;
    }
  }
  return false;
}

void classify_members(ModelState& s, std::uint32_t id) {
  Collaboration& c = s.collabs[id];
  c.cross_industry = false;
  c.has_competitors = false;
  c.national_reach = false;
  c.has_external = false;
  c.has_university = false;
  for (std::uint32_t m : c.members) {
    c.national_reach = c.national_reach || has_national_network(s.pop, m);
    c.has_external = c.has_external || is_external(s.pop, m);
    c.has_university = c.has_university || is_university(s.pop, m);
  }
  for (std::size_t x = 0; x < c.members.size(); ++x) {
    for (std::size_t y = x + 1; y < c.members.size(); ++y) {
      if (s.pop.industry[c.members[x]] == s.pop.industry[c.members[y]]) {
        c.has_competitors = true;
      } else {
        c.cross_industry = true;
      }
    }
  }
  c.member_facts = program::member_facts(s, c);
}

void agree_shares(ModelState& s, const Params& p, std::uint32_t id) {
  Collaboration& c = s.collabs[id];
  const std::size_t n = c.members.size();
  const double bias = c.governance == Governance::trust ? p.outcomes_bargaining_bias_trust
                      : c.governance == Governance::contract
                          ? p.outcomes_bargaining_bias_contract
                          : p.outcomes_bargaining_bias_incorporated;
  std::vector<double> cap(n), size(n), inv_size(n);
  double cap_sum = 0, size_sum = 0, inv_sum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const auto f = c.members[k];
    double total = 0;
    for (float v : s.pop.capability[f]) total += v;
    cap[k] = total + 1e-6;
    size[k] = s.pop.employees[f];
    inv_size[k] = 1.0 / size[k];
    cap_sum += cap[k];
    size_sum += size[k];
    inv_sum += inv_size[k];
  }
  c.contribution.resize(n);
  c.profit_share.resize(n);
  c.cost_share.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double contrib = cap[k] / cap_sum;
    c.contribution[k] = static_cast<float>(contrib);
    // Bargaining power takes profit toward the larger firm and pushes cost toward the smaller.
    c.profit_share[k] = static_cast<float>((1 - bias) * contrib + bias * size[k] / size_sum);
    c.cost_share[k] = static_cast<float>((1 - bias) * contrib + bias * inv_size[k] / inv_sum);
  }
}

}  // namespace renkei
