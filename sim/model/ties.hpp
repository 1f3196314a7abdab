// Acquaintance ties between firms: how a pair met, its trust and when it last interacted.
// Idle trust decays exponentially. Each tie stores its trust discounted to a common origin
// step, so a tie's current trust is one multiplication by a per-step factor, and the mean
// trust over all ties is kept incrementally: no step has to visit every tie.
#pragma once

#include "core/huge_pages.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace renkei {

struct Tie {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double weight =
      0.0;  // trust·exp(decay·(last_step − origin)): trust now = weight·exp(−decay·(now − origin))
  std::int32_t last_step = 0;
  std::uint16_t interactions = 0;
  std::uint8_t channel = 0;  // channel of origin
  bool alive = false;
};

// A firm's ties as its adjacency list holds them: the tie and the firm at its other end, so
// that looking a pair up reads one contiguous list instead of every tie record on it.
struct TieLink {
  std::uint32_t tie;
  std::uint32_t other;
};

// A firm's links live in a block of its own (two cache lines in one array for all firms:
// the count and the first kBlockLinks links); a longer list continues in chunks of the
// same shape from a shared pool, each naming the next. The logical list is the links in
// chain order. No per-firm heap block, and a chunk's address follows from its index alone.
inline constexpr std::size_t kBlockLinks = 15;

struct alignas(64) TieBlock {
  std::uint32_t n = 0;     // in a firm's block: how many links its list holds
  std::uint32_t next = 0;  // the pool index of the next chunk, if the list goes on
  TieLink links[kBlockLinks];
};
static_assert(sizeof(TieBlock) == 128);

// The k-th link of the list headed by `head` (k < head.n), its chunks in `chunks`.
template <class Block>
Block& link_chunk(Block& head, Block* chunks, std::size_t& k) {
  Block* c = &head;
  while (k >= kBlockLinks) {
    c = &chunks[c->next];
    k -= kBlockLinks;
  }
  return *c;
}

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

    iterator(const TieList* list, std::size_t k) : list_(list), k_(k) {}
    std::uint32_t operator*() const { return (*list_)[k_]; }
    iterator& operator++() {
      ++k_;
      return *this;
    }
    bool operator==(const iterator& o) const { return k_ == o.k_; }
    bool operator!=(const iterator& o) const { return k_ != o.k_; }

   private:
    const TieList* list_;
    std::size_t k_;
  };

  TieList(const TieBlock* head, const TieBlock* chunks)
      : head_(head), chunks_(chunks), n_(head->n) {}
  std::size_t size() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }
  std::uint32_t operator[](std::size_t k) const { return link(k).tie; }
  // The firm at the other end of the k-th tie.
  std::uint32_t other(std::size_t k) const { return link(k).other; }
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, n_); }

 private:
  const TieLink& link(std::size_t k) const { return link_chunk(*head_, chunks_, k).links[k]; }
  const TieBlock* head_;
  const TieBlock* chunks_;
  std::size_t n_;
};

class TieStore {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  // decay_per_step: exponential rate of trust decay per step (fixed for the run).
  void reset(std::uint32_t n_firms, double decay_per_step);

  std::uint32_t find(std::uint32_t a, std::uint32_t b) const;
  std::uint32_t create(std::uint32_t a, std::uint32_t b, float trust, std::uint8_t channel,
                       int step);
  void remove(std::uint32_t id);

  double trust_at(std::uint32_t id, int step) const { return ties_[id].weight * factor(step); }
  // Sets trust (clamped to [0,1]) as of `step` and marks an interaction.
  void set_trust(std::uint32_t id, double trust, int step);

  const Tie& tie(std::uint32_t id) const { return ties_[id]; }
  TieList of(std::uint32_t firm) const { return TieList(&blocks_[firm], chunks_.data()); }
  std::uint32_t count() const noexcept { return alive_; }
  // Hints that the firm's adjacency list will be read or extended soon (both lines of its block).
  void prefetch_links(std::uint32_t firm) const { prefetch_block(&blocks_[firm]); }
  // The second stage, once the firm's block is in cache: the first chunk of a long list.
  void prefetch_chunk(std::uint32_t firm) const {
    const TieBlock& b = blocks_[firm];
    if (b.n > kBlockLinks) prefetch_block(&chunks_[b.next]);
  }
  // Hints that the tie's record will be read soon (a renewed acquaintance's trust).
  void prefetch_tie(std::uint32_t id) const { __builtin_prefetch(&ties_[id]); }
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
  // Re-anchors every live tie's weight to `step` and re-sums them; a tie whose trust at
  // `step` is below `forget_below` dies instead, its id appended to `doomed` (its links are
  // left to the caller).
  void reanchor(int step, double forget_below, std::vector<std::uint32_t>& doomed);

  static void prefetch_block(const TieBlock* b) {
    __builtin_prefetch(b);
    __builtin_prefetch(reinterpret_cast<const char*>(b) + 64);
  }
  TieLink& link(std::uint32_t firm, std::size_t k) {
    return link_chunk(blocks_[firm], chunks_.data(), k).links[k];
  }
  // The index of the first link of the firm's list that `match` accepts, or the list's
  // length: one walk along the chain (a list is read in order, never from its head per link).
  template <class Match>
  std::size_t scan(std::uint32_t firm, Match match) const {
    const TieBlock* c = &blocks_[firm];
    const std::size_t n = c->n;
    for (std::size_t base = 0;; base += kBlockLinks) {
      const std::size_t m = std::min(n - base, kBlockLinks);
      for (std::size_t k = 0; k < m; ++k)
        if (match(c->links[k])) return base + k;
      if (n - base <= kBlockLinks) return n;
      c = &chunks_[c->next];
    }
  }
  void push_link(std::uint32_t firm, TieLink l);
  // Removes the k-th link, moving the last one into its place (the lists' order rule).
  void erase_link(std::uint32_t firm, std::size_t k);
  std::size_t index_of_tie(std::uint32_t firm, std::uint32_t tie) const;

  std::vector<Tie, HugePageAllocator<Tie>> ties_;
  std::vector<std::uint32_t> free_;
  std::vector<TieBlock, HugePageAllocator<TieBlock>> blocks_;  // one per firm
  std::vector<TieBlock, HugePageAllocator<TieBlock>> chunks_;  // continuations of long lists
  std::vector<std::uint32_t> free_chunks_;
  std::uint32_t alive_ = 0;
  double decay_ = 0.0;
  double weight_sum_ = 0.0;  // Σ weight over live ties
  int origin_ = 0;
  mutable int factor_step_ = 0;
  mutable double factor_ = 1.0;
};

}  // namespace renkei
