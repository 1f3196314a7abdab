#include "model/information.hpp"

#include "core/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace renkei::information {
namespace {

// Contacts of a route that reaches firms uniformly: count ~ Poisson(rate·dt·N), each to a
// random firm (those already informed are reached again: the count is the cost driver).
std::uint32_t broadcast(ModelState& s, const StepContext& ctx, Route route, double rate, double p_understand) {
  if (!(rate > 0.0)) return 0;
  auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(route));
  const std::uint32_t n = s.n_firms();
  const std::uint32_t count = dist::poisson(g, rate * ctx.dt * n);
  for (std::uint32_t k = 0; k < count; ++k) inform(s, dist::uniform_index(g, n), p_understand);
  return count;
}

}  // namespace

void inform(ModelState& s, std::uint32_t firm, double p_understand) {
  Firms& f = s.firms;
  if (!f.aware[firm]) {
    f.aware[firm] = 1;
    s.aware_list.push_back(firm);
  }
  if (f.understand[firm] || !(p_understand > 0.0)) return;
  const double gain = p_understand >= 1.0 ? std::numeric_limits<double>::infinity() : -std::log1p(-p_understand);
  const double exposure = static_cast<double>(f.understand_exposure[firm]) + gain;
  f.understand_exposure[firm] = static_cast<float>(std::min(exposure, 1e30));
  if (exposure >= f.understand_threshold[firm]) {
    f.understand[firm] = 1;
    ++s.understand_count;
  }
}

void spread(ModelState& s, const StepContext& ctx, int announce_step) {
  if (ctx.step < announce_step) return;
  const Params& p = ctx.p;
  const std::uint32_t n = s.n_firms();
  const bool costed = ctx.step >= 0;

  // At the announcement, firms that followed the pre-launch publicity (or know the
  // predecessor programs) already know of it.
  if (ctx.step == announce_step && p.information_initial_aware > 0.0) {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::announcement));
    for (std::uint32_t f = 0; f < n; ++f) {
      if (g.uniform() < p.information_initial_aware) inform(s, f, p.information_understand_pull);
    }
  }

  // Pull: a firm must look for the information; firms not interested in collaboration
  // look less (thinning by pull_closed_factor). Every contact consumes the same draws
  // whatever the firm's state, so the contact sequence is common to all scenarios.
  {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::pull));
    const std::uint32_t count = dist::poisson(g, p.information_pull_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = dist::uniform_index(g, n);
      const double u = g.uniform();
      if (s.firms.open[f] || u < p.information_pull_closed_factor) inform(s, f, p.information_understand_pull);
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
      const std::uint32_t other = ties.other(dist::uniform_index(eg, static_cast<std::uint32_t>(ties.size())));
      if (dist::bernoulli(eg, p.information_wom_transmit)) inform(s, other, p.information_understand_wom);
    }
  }
  // Routes a policy activates.
  const double u = p.information_understand_channel;
  const std::uint32_t push = broadcast(s, ctx, Route::push, p.information_push_rate, u);
  std::uint32_t routed = 0;
  routed += broadcast(s, ctx, Route::bank, p.information_bank_rate, u);
  routed += broadcast(s, ctx, Route::institute, p.information_institute_rate, u);
  routed += broadcast(s, ctx, Route::university, p.information_university_rate, u);
  routed += broadcast(s, ctx, Route::press, p.information_press_rate, u);
  routed += broadcast(s, ctx, Route::newsletter, p.information_newsletter_rate, u);
  routed += broadcast(s, ctx, Route::local_gov, p.information_local_gov_rate, u);
  // Tailored briefings reach aware firms that do not yet understand (rate per such firm),
  // and understanding also comes with time to aware firms (documents, peers, windows):
  // candidate events over all firms, thinned by state, as for word of mouth.
  std::uint32_t attendees = 0;
  if (p.information_briefing_rate > 0.0) {
    auto g = ctx.stream(rng::Mechanism::information, static_cast<std::uint32_t>(Route::briefing));
    const std::uint32_t count = dist::poisson(g, p.information_briefing_rate * ctx.dt * n);
    for (std::uint32_t k = 0; k < count; ++k) {
      const std::uint32_t f = dist::uniform_index(g, n);
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
    s.policy_cost += push * p.cost_push_contact_yen + routed * p.cost_route_contact_yen +
                     attendees * p.cost_briefing_attendee_yen;
  }
}

}  // namespace renkei::information
