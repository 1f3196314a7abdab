// Why a firm collaborates: each firm holds motives (the study's Q7 expected effects) drawn
// once at initialisation. Motives steer whom a firm seeks and which form a new
// collaboration takes; the simulated survey answers Q7 from them.
#pragma once

#include "core/rng.hpp"
#include "scenario/params.hpp"

#include <array>
#include <cstdint>

namespace renkei {

// Q7 items in the study's order (bit k of a firm's motive flags). Append only: the order
// is that of the final_survey_q7_* items.
enum Motive : std::uint16_t {
  motive_development = 1u << 0,   // better development / planning / technical capability
  motive_management = 1u << 1,    // better technology / production management
  motive_sales = 1u << 2,         // wider sales channels and markets
  motive_orders = 1u << 3,        // able to answer orders immediately
  motive_specialities = 1u << 4,  // use of each firm's specialities
  motive_bargaining = 1u << 5,    // bargaining power and credibility
  motive_new_business = 1u << 6,  // new undertakings become possible
  motive_academia = 1u << 7,      // industry-academia collaboration
  motive_risk_spread = 1u << 8,   // investment risk spread
  motive_volume = 1u << 9,        // larger production volume
  motive_escape_subcontracting = 1u << 10,
};
inline constexpr int kMotives = 11;

// Motive groups that act on behaviour.
inline constexpr std::uint16_t kTechnologyMotives =
    motive_development | motive_management | motive_academia;
inline constexpr std::uint16_t kMarketMotives = motive_sales;
inline constexpr std::uint16_t kCapacityMotives =
    motive_risk_spread | motive_volume | motive_orders;
inline constexpr std::uint16_t kCrossSeekingMotives = motive_specialities | motive_new_business;

namespace motives {

// The probability of each motive, in bit order.
std::array<double, kMotives> probabilities(const Params& p);

// One firm's motives: independent Bernoulli draws, one uniform per motive in bit order
// (whatever the probabilities, so that changing one leaves the others' draws in place).
std::uint16_t draw(const Params& p, rng::Stream& g);

}  // namespace motives
}  // namespace renkei
