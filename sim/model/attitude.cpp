#include "model/attitude.hpp"

#include "core/distributions.hpp"

namespace renkei::attitude {

void update(ModelState& s, const StepContext& ctx) {
  // A reconsidering firm redraws its attitude from its own propensity, so each firm's
  // long-run chance of being open is its propensity (the initial distribution), whatever
  // failures closed it for a while. Members of a collaboration stay open.
  const std::uint32_t n = s.n_firms();
  auto g = ctx.stream(rng::Mechanism::attitude, 0);
  const std::uint32_t count = dist::poisson(g, ctx.p.population_attitude_turnover * ctx.dt * n);
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint32_t f = dist::uniform_index(g, n);
    const bool open = dist::bernoulli(g, s.firms.open_propensity[f]);
    if (s.firms.n_memberships[f] == 0) set_open(s, f, open);
  }
}

}  // namespace renkei::attitude
