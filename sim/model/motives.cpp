#include "model/motives.hpp"

namespace renkei::motives {

std::array<double, kMotives> probabilities(const Params& p) {
  return {p.motives_development,
          p.motives_management,
          p.motives_sales,
          p.motives_orders,
          p.motives_specialities,
          p.motives_bargaining,
          p.motives_new_business,
          p.motives_academia,
          p.motives_risk_spread,
          p.motives_volume,
          p.motives_escape_subcontracting};
}

std::uint16_t draw(const Params& p, rng::Stream& g) {
  const auto pr = probabilities(p);
  std::uint16_t out = 0;
  for (int k = 0; k < kMotives; ++k) {
    if (g.uniform() < pr[static_cast<std::size_t>(k)])
      out = static_cast<std::uint16_t>(out | (1u << k));
  }
  return out;
}

}  // namespace renkei::motives
