// Acquaintance ties between firms: how a pair met, its trust and when it last interacted.
// Idle trust decays exponentially. Each tie stores its trust discounted to a common origin
// step, so a tie's current trust is one multiplication by a per-step factor, and the mean
// trust over all ties is kept incrementally: no step has to visit every tie.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
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

// A firm's ties as its adjacency list holds them: the tie and the firm at its other end, so
// that looking a pair up reads one contiguous list instead of every tie record on it.
struct TieLink {
  std::uint32_t tie;
  std::uint32_t other;
};

// A view of one firm's ties that yields tie ids, in adjacency order.
class TieList {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::uint32_t*;
    using reference = std::uint32_t;

    explicit iterator(const TieLink* p) : p_(p) {}
    std::uint32_t operator*() const { return p_->tie; }
    iterator& operator++() {
      ++p_;
      return *this;
    }
    bool operator==(const iterator& o) const { return p_ == o.p_; }
    bool operator!=(const iterator& o) const { return p_ != o.p_; }

   private:
    const TieLink* p_;
  };

  TieList(const TieLink* links, std::size_t n) : links_(links), n_(n) {}
  std::size_t size() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }
  std::uint32_t operator[](std::size_t k) const { return links_[k].tie; }
  // The firm at the other end of the k-th tie.
  std::uint32_t other(std::size_t k) const { return links_[k].other; }
  iterator begin() const { return iterator(links_); }
  iterator end() const { return iterator(links_ + n_); }

 private:
  const TieLink* links_;
  std::size_t n_;
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
  TieList of(std::uint32_t firm) const { return TieList(adjacency_[firm].data(), adjacency_[firm].size()); }
  std::uint32_t count() const noexcept { return alive_; }
  // Hints that the firm's adjacency list (its header; then its links, once the header is
  // in cache) will be read soon.
  void prefetch_list(std::uint32_t firm) const { __builtin_prefetch(&adjacency_[firm]); }
  void prefetch_links(std::uint32_t firm) const { __builtin_prefetch(adjacency_[firm].data()); }
  // Hints that a tie may be created soon (its record is the most recently freed slot).
  void prefetch_free_slot() const {
    if (!free_.empty()) __builtin_prefetch(&ties_[free_.back()]);
  }
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
  std::vector<std::vector<TieLink>> adjacency_;
  std::uint32_t alive_ = 0;
  double decay_ = 0.0;
  double weight_sum_ = 0.0;  // Σ weight over live ties
  int origin_ = 0;
  mutable int factor_step_ = 0;
  mutable double factor_ = 1.0;
};

}  // namespace renkei
