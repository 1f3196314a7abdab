#include "model/ties.hpp"

#include <algorithm>

namespace renkei {

void TieStore::reset(std::uint32_t n_firms, double decay_per_step) {
  ties_.clear();
  free_.clear();
  blocks_.assign(n_firms, TieBlock{});
  chunks_.clear();
  free_chunks_.clear();
  alive_ = 0;
  decay_ = decay_per_step;
  weight_sum_ = 0.0;
  origin_ = 0;
  factor_step_ = 0;
  factor_ = 1.0;
}

std::uint32_t TieStore::find(std::uint32_t a, std::uint32_t b) const {
  // Only a's list is read (a pair has one tie, listed on both sides): callers pass the firm
  // whose list is already in cache first (the initiator of an encounter, prefetched ahead),
  // and b's list, at a random place in a large world, is not touched at all.
  std::uint32_t found = none;
  scan(a, [b, &found](const TieLink& l) {
    if (l.other != b) return false;
    found = l.tie;
    return true;
  });
  return found;
}

void TieStore::push_link(std::uint32_t firm, TieLink l) {
  const std::size_t k = blocks_[firm].n;
  if (k >= kBlockLinks && k % kBlockLinks == 0) {
    // The list fills its last chunk: chain a new one (taken first, as the pool may move).
    std::uint32_t id;
    if (free_chunks_.empty()) {
      id = static_cast<std::uint32_t>(chunks_.size());
      chunks_.emplace_back();
    } else {
      id = free_chunks_.back();
      free_chunks_.pop_back();
    }
    std::size_t j = k - 1;
    link_chunk(blocks_[firm], chunks_.data(), j).next = id;
  }
  link(firm, k) = l;
  ++blocks_[firm].n;
}

void TieStore::erase_link(std::uint32_t firm, std::size_t k) {
  const std::size_t last = blocks_[firm].n - 1u;
  link(firm, k) = link(firm, last);
  if (last >= kBlockLinks && last % kBlockLinks == 0) {
    // The last chunk held only the moved link: back to the pool.
    std::size_t j = last - 1;
    free_chunks_.push_back(link_chunk(blocks_[firm], chunks_.data(), j).next);
  }
  --blocks_[firm].n;
}

std::size_t TieStore::index_of_tie(std::uint32_t firm, std::uint32_t tie) const {
  return scan(firm, [tie](const TieLink& l) { return l.tie == tie; });
}

std::uint32_t TieStore::create(std::uint32_t a, std::uint32_t b, float trust, std::uint8_t channel,
                               int step) {
  std::uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<std::uint32_t>(ties_.size());
    ties_.emplace_back();
  }
  ties_[id] = Tie{a, b, 0.0, step, 1, channel, true};
  push_link(a, TieLink{id, b});
  push_link(b, TieLink{id, a});
  ++alive_;
  set_trust(id, trust, step);
  ties_[id].interactions = 1;
  return id;
}

void TieStore::remove(std::uint32_t id) {
  Tie& t = ties_[id];
  if (!t.alive) return;
  weight_sum_ -= t.weight;
  for (std::uint32_t f : {t.a, t.b}) {
    const std::size_t k = index_of_tie(f, id);
    if (k < blocks_[f].n) erase_link(f, k);
  }
  t.alive = false;
  --alive_;
  free_.push_back(id);
}

void TieStore::set_trust(std::uint32_t id, double trust, int step) {
  // Keep the factors within range: re-anchor the weights every few hundred steps.
  if (decay_ * (step - origin_) > 20.0) rebase(step);
  Tie& t = ties_[id];
  weight_sum_ -= t.weight;
  t.weight = std::clamp(trust, 0.0, 1.0) / factor(step);
  t.last_step = step;
  if (t.interactions < 0xFFFF) ++t.interactions;
  weight_sum_ += t.weight;
}

void TieStore::rebase(int step) {
  std::vector<std::uint32_t> none_doomed;  // trust is never below 0: nothing dies
  reanchor(step, 0.0, none_doomed);
}

void TieStore::reanchor(int step, double forget_below, std::vector<std::uint32_t>& doomed) {
  // One pass over the records in id order: a tie whose trust at `step` is below the
  // threshold dies (its id freed, in ascending order), a survivor's weight is re-anchored
  // to `step` and summed.
  const double f = factor(step);
  const double limit = forget_below / f;
  double sum = 0.0;
  for (std::uint32_t id = 0; id < ties_.size(); ++id) {
    Tie& t = ties_[id];
    if (!t.alive) continue;
    if (t.weight < limit) {
      t.alive = false;
      --alive_;
      free_.push_back(id);
      doomed.push_back(id);
    } else {
      t.weight *= f;
      sum += t.weight;
    }
  }
  origin_ = step;
  factor_step_ = step;
  factor_ = 1.0;
  weight_sum_ = sum;
}

double TieStore::mean_trust(int step) const {
  if (alive_ == 0) return 0.0;
  return std::max(0.0, weight_sum_) * factor(step) / alive_;
}

std::uint32_t TieStore::prune(int step, double threshold) {
  std::vector<std::uint32_t> doomed;  // ascending tie ids
  reanchor(step, threshold, doomed);
  if (doomed.empty()) return 0;
  // The pruned ties' links, grouped by firm with each firm's ties in ascending order (a
  // counting sort, stable in the ids' order). Each list then loses them in that order, each
  // replaced by the list's last link, as if remove() had been called tie by tie, so the
  // lists' order, which random picks of a firm's ties depend on, is unchanged; firms with no
  // pruned tie are not read.
  std::vector<std::uint32_t> start(blocks_.size() + 1, 0);
  for (const std::uint32_t id : doomed) {
    ++start[ties_[id].a + 1];
    ++start[ties_[id].b + 1];
  }
  for (std::size_t f = 0; f < blocks_.size(); ++f) start[f + 1] += start[f];
  std::vector<std::uint32_t> by_firm(2 * doomed.size());
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (const std::uint32_t id : doomed) {
    by_firm[next[ties_[id].a]++] = id;
    by_firm[next[ties_[id].b]++] = id;
  }
  for (std::uint32_t f = 0; f < blocks_.size(); ++f)
    for (std::uint32_t k = start[f]; k < start[f + 1]; ++k)
      erase_link(f, index_of_tie(f, by_firm[k]));
  return static_cast<std::uint32_t>(doomed.size());
}

}  // namespace renkei
