// Acquaintance ties between firms: how a pair met, its trust and when it last interacted.
// Idle trust decays exponentially. Each tie stores its trust discounted to a common origin
// step, so a tie's current trust is one multiplication by a per-step factor, and the mean
// trust over all ties is kept incrementally: no step has to visit every tie.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace renkei {

struct Tie {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double weight = 0.0;      // trust·exp(decay·(last_step − origin)): trust now = weight·exp(−decay·(now − origin))
  std::int32_t last_step = 0;
  std::uint16_t interactions = 0;
  std::uint8_t channel = 0; // channel of origin
  bool alive = false;
};

class TieStore {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  // decay_per_step: exponential rate of trust decay per step (fixed for the run).
  void reset(std::uint32_t n_firms, double decay_per_step);

  std::uint32_t find(std::uint32_t a, std::uint32_t b) const;
  std::uint32_t create(std::uint32_t a, std::uint32_t b, float trust, std::uint8_t channel, int step);
  void remove(std::uint32_t id);

  double trust_at(std::uint32_t id, int step) const { return ties_[id].weight * factor(step); }
  // Sets trust (clamped to [0,1]) as of `step` and marks an interaction.
  void set_trust(std::uint32_t id, double trust, int step);

  const Tie& tie(std::uint32_t id) const { return ties_[id]; }
  const std::vector<std::uint32_t>& of(std::uint32_t firm) const { return adjacency_[firm]; }
  std::uint32_t count() const noexcept { return alive_; }
  // Mean decayed trust over live ties at `step` (0 if none).
  double mean_trust(int step) const;
  // Removes ties whose decayed trust fell below `threshold`; returns how many.
  std::uint32_t prune(int step, double threshold);

 private:
  // exp(−decay·(step − origin)), cached for the step last asked about.
  double factor(int step) const {
    if (step != factor_step_) {
      factor_step_ = step;
      factor_ = std::exp(-decay_ * (step - origin_));
    }
    return factor_;
  }
  void rebase(int step);

  std::vector<Tie> ties_;
  std::vector<std::uint32_t> free_;
  std::vector<std::vector<std::uint32_t>> adjacency_;
  std::uint32_t alive_ = 0;
  double decay_ = 0.0;
  double weight_sum_ = 0.0;  // Σ weight over live ties
  int origin_ = 0;
  mutable int factor_step_ = 0;
  mutable double factor_ = 1.0;
};

}  // namespace renkei
