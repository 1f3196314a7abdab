#include "model/trust.hpp"

#include "model/channels.hpp"

namespace renkei::trust {

double start(const Params& p, Channel channel, bool partner_certified) {
  double t = p.*channel_params(channel).start_trust;
  if (partner_certified) t += p.trust_certified_bonus;
  return std::clamp(t, 0.0, 1.0);
}

std::uint32_t encounter(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b,
                        Channel channel, double& trust_out) {
  std::uint32_t id = s.ties.find(a, b);
  if (id == TieStore::none) {
    // Each side's view would differ with certification; the tie keeps one value, so the
    // credibility bonus applies when either firm is certified.
    const bool certified = s.firms.certified[a] || s.firms.certified[b];
    trust_out = start(ctx.p, channel, certified);
    id = s.ties.create(a, b, static_cast<float>(trust_out), static_cast<std::uint8_t>(channel),
                       ctx.step);
  } else {
    trust_out = gain(s.ties.trust_at(id, ctx.step), ctx.p.trust_gain);
    s.ties.set_trust(id, trust_out, ctx.step);
  }
  return id;
}

}  // namespace renkei::trust
