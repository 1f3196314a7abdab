#include "model/information.hpp"

#include "core/distributions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace renkei::information {
namespace {

// Contacts of a policy route: count ~ Poisson(rate·dt·N), each to a firm drawn by the
// route's reach weights (those already informed are reached again: the count is the cost
// driver, and repeated contacts concentrate on the reachable firms).
std::uint32_t broadcast(ModelState& s, const StepContext& ctx, Route route, double rate,
                        double p_understand) {
  if (!(rate > 0.0)) return 0;
  auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(route));
  const std::uint32_t n = s.pop.n_regional;  // the region's program informs the region's firms
  const std::uint32_t count = dist::poisson(g, rate * ctx.dt * n);
  for (std::uint32_t k = 0; k < count; ++k) inform(s, draw_target(s, route, g), p_understand);
  return count;
}

}  // namespace

ReachClass reach_class(Route route) {
  switch (route) {
    case Route::pull:
    case Route::briefing: return ReachClass::bureau;
    case Route::push:
    case Route::bank:
    case Route::newsletter:
    case Route::local_gov: return ReachClass::mass;
    case Route::institute:
    case Route::university:
    case Route::press: return ReachClass::technical;
    case Route::word_of_mouth:
    case Route::learning:
    case Route::announcement:
    case Route::forgetting: return ReachClass::uniform;
  }
  return ReachClass::uniform;
}

std::uint32_t draw_target(const ModelState& s, Route route, rng::Stream& g) {
  const ReachClass cls = reach_class(route);
  if (cls == ReachClass::uniform) return dist::uniform_index(g, s.pop.n_regional);
  return s.reach.of(cls).draw(g);
}

void inform(ModelState& s, std::uint32_t firm, double p_understand) {
  Firms& f = s.firms;
  if (!f.aware[firm]) {
    f.aware[firm] = 1;
    s.aware_pos[firm] = static_cast<std::uint32_t>(s.aware_list.size());
    s.aware_list.push_back(firm);
  }
  if (f.understand[firm] || !(p_understand > 0.0)) return;
  const double gain =
      p_understand >= 1.0 ? std::numeric_limits<double>::infinity() : -std::log1p(-p_understand);
  const double exposure = static_cast<double>(f.understand_exposure[firm]) + gain;
  f.understand_exposure[firm] = static_cast<float>(std::min(exposure, 1e30));
  if (exposure >= f.understand_threshold[firm]) {
    f.understand[firm] = 1;
    ++s.understand_count;
  }
}

void forget(ModelState& s, std::uint32_t firm) {
  Firms& f = s.firms;
  if (!f.aware[firm]) return;
  f.aware[firm] = 0;
  const std::uint32_t at = s.aware_pos[firm];
  const std::uint32_t last = s.aware_list.back();
  s.aware_list[at] = last;
  s.aware_pos[last] = at;
  s.aware_list.pop_back();
  if (f.understand[firm]) {
    f.understand[firm] = 0;
    --s.understand_count;
  }
  f.understand_exposure[firm] = 0.0f;
}

bool in_contact(const ModelState& s, std::uint32_t firm) {
  if (s.firms.certified[firm]) return true;
  for (unsigned k = 0; k < s.firms.n_memberships[firm]; ++k) {
    const AppState app = s.collabs[s.firms.memberships[firm][k]].app;
    if (app == AppState::queued || app == AppState::coaching || app == AppState::review ||
        app == AppState::certified)
      return true;
  }
  return false;
}

void spread(ModelState& s, const StepContext& ctx, int announce_step) {
  if (ctx.step < announce_step) return;
  const Params& p = ctx.p;
  // Only the region's firms take part: out-of-region partners (world [[external]]) are not
  // the program's public here, and the awareness shares are of the region's firms.
  const std::uint32_t n = s.pop.n_regional;
  const bool costed = ctx.step >= 0;

  // Forgetting first, then the step's contacts: candidate events over all firms at
  // forget_rate each, kept for aware firms out of contact with the program (thinning, as
  // for word of mouth), so the candidates do not depend on who is aware. Each aware firm
  // out of contact forgets with probability 1 - exp(-forget_rate·dt) per step.
  if (p.information_forget_rate > 0.0 && !s.aware_list.empty()) {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::forgetting));
    const std::uint32_t count = dist::poisson(g, p.information_forget_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = dist::uniform_index(g, n);
      if (s.firms.aware[f] && !in_contact(s, f)) forget(s, f);
    }
  }

  // At the announcement, firms that followed the pre-launch publicity (or know the
  // predecessor programs) already know of it.
  if (ctx.step == announce_step && p.information_initial_aware > 0.0) {
    auto g =
        ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::announcement));
    for (std::uint32_t f = 0; f < n; ++f) {
      if (g.uniform() < p.information_initial_aware) inform(s, f, p.information_understand_pull);
    }
  }

  // Pull: a firm must look for the information; firms near the bureau find it more easily
  // (bureau reach weights) and firms not interested in collaboration look less (thinning
  // by pull_closed_factor). Every contact consumes the same draws
  // whatever the firm's state, so the contact sequence is common to all scenarios.
  {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::pull));
    const std::uint32_t count = dist::poisson(g, p.information_pull_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = draw_target(s, Route::pull, g);
      const double u = g.uniform();
      if (s.firms.open[f] || u < p.information_pull_closed_factor)
        inform(s, f, p.information_understand_pull);
    }
  }
  // Word of mouth: aware firms mention the program to acquaintances at wom_rate each.
  // Drawn as candidate contacts of all firms, kept for the aware ones (thinning), each with
  // a stream of its own: the candidates do not depend on who is aware, so a policy that
  // informs more firms changes which candidates fire, not the draws of the others.
  if (p.information_wom_rate > 0.0 && !s.aware_list.empty()) {
    const auto route = static_cast<std::uint32_t>(Route::word_of_mouth);
    auto g = ctx.stream(rng::Mechanism::information, route);
    const std::uint32_t count = dist::poisson(g, p.information_wom_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = dist::uniform_index(g, n);
      if (!s.firms.aware[f] || s.ties.of(f).empty()) continue;
      auto eg = ctx.stream(rng::Mechanism::information_event, (route << 24) | (k & 0xFFFFFFu));
      const TieList ties = s.ties.of(f);
      const std::uint32_t other =
          ties.other(dist::uniform_index(eg, static_cast<std::uint32_t>(ties.size())));
      if (dist::bernoulli(eg, p.information_wom_transmit) && other < n)
        inform(s, other, p.information_understand_wom);
    }
  }
  // Routes a policy activates.
  const double u = p.information_understand_channel;
  const std::uint32_t push = broadcast(s, ctx, Route::push, p.information_push_rate, u);
  // Contacts of the six routes from bank, in Route (and charge slot) order.
  std::array<std::uint32_t, 6> by_route{};
  by_route[0] = broadcast(s, ctx, Route::bank, p.information_bank_rate, u);
  by_route[1] = broadcast(s, ctx, Route::institute, p.information_institute_rate, u);
  by_route[2] = broadcast(s, ctx, Route::university, p.information_university_rate, u);
  by_route[3] = broadcast(s, ctx, Route::press, p.information_press_rate, u);
  by_route[4] = broadcast(s, ctx, Route::newsletter, p.information_newsletter_rate, u);
  by_route[5] = broadcast(s, ctx, Route::local_gov, p.information_local_gov_rate, u);
  std::uint32_t routed = 0;
  for (const std::uint32_t k : by_route) routed += k;
  // Tailored briefings reach aware firms that do not yet understand (rate per such firm,
  // weighted toward the bureau's prefecture where they are held),
  // and understanding also comes with time to aware firms (documents, peers, windows):
  // candidate events over all firms, thinned by state, as for word of mouth.
  std::uint32_t attendees = 0;
  if (p.information_briefing_rate > 0.0) {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::briefing));
    const std::uint32_t count = dist::poisson(g, p.information_briefing_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = draw_target(s, Route::briefing, g);
      if (!s.firms.aware[f] || s.firms.understand[f]) continue;
      ++attendees;
      inform(s, f, p.information_understand_briefing);
    }
  }
  if (p.information_learn_rate > 0.0) {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::learning));
    const std::uint32_t count = dist::poisson(g, p.information_learn_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = dist::uniform_index(g, n);
      if (s.firms.aware[f]) inform(s, f, 1.0);
    }
  }
  if (costed) {
    const double contacts = push * p.cost_push_contact_yen + routed * p.cost_route_contact_yen +
                            attendees * p.cost_briefing_attendee_yen;
    s.policy_cost += contacts;
    s.cost_per_contact += contacts;
    // The same charges by the lever that produced them, for the costs per policy.
    auto& charges = s.step.contact_charges;
    charges[charge_slot(Route::push)] += push * p.cost_push_contact_yen;
    for (std::size_t r = 0; r < by_route.size(); ++r)
      charges[charge_slot(Route::bank) + r] += by_route[r] * p.cost_route_contact_yen;
    charges[charge_slot(Route::briefing)] += attendees * p.cost_briefing_attendee_yen;
  }
}

}  // namespace renkei::information
