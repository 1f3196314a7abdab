// A bucket calendar of future events (collaboration reviews, coaching and review ends),
// so that each step touches only what is due in it.
#pragma once

#include <cstdint>
#include <vector>

namespace renkei {

enum class EventKind : std::uint8_t { review, review_done };

struct Event {
  EventKind kind;
  std::uint32_t id;          // collaboration id
  std::uint32_t generation;  // the collaboration's generation when scheduled (stale if changed)
};

class Scheduler {
 public:
  // Steps range over [first, first + count).
  void reset(int first, int count) {
    first_ = first;
    buckets_.assign(static_cast<std::size_t>(count), {});
  }
  // Events beyond the horizon are dropped: they could never fire.
  void schedule(int step, Event e) {
    const long idx = static_cast<long>(step) - first_;
    if (idx >= 0 && idx < static_cast<long>(buckets_.size()))
      buckets_[static_cast<std::size_t>(idx)].push_back(e);
  }
  // Takes the events due at `step` (in scheduling order).
  std::vector<Event> take(int step) {
    const long idx = static_cast<long>(step) - first_;
    if (idx < 0 || idx >= static_cast<long>(buckets_.size())) return {};
    std::vector<Event> out;
    out.swap(buckets_[static_cast<std::size_t>(idx)]);
    return out;
  }

 private:
  int first_ = 0;
  std::vector<std::vector<Event>> buckets_;
};

}  // namespace renkei
