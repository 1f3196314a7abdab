// Tests of the acquaintance tie store: lookup, creation, removal and slot reuse, lazy
// trust decay, pruning, and the incrementally kept mean trust against a brute-force mean.
#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "model/ties.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

using namespace renkei;

namespace {

double brute_mean(const TieStore& ties, const std::set<std::uint32_t>& live, int step) {
  if (live.empty()) return 0.0;
  double sum = 0;
  for (std::uint32_t id : live) sum += ties.trust_at(id, step);
  return sum / static_cast<double>(live.size());
}

}  // namespace

TEST_CASE("ties: find, create and remove keep both firms' lists and reuse slots", "[model][ties]") {
  TieStore ties;
  ties.reset(5, 0.0);
  CHECK(ties.find(0, 1) == TieStore::none);
  const std::uint32_t a = ties.create(0, 1, 0.5f, 2, 3);
  const std::uint32_t b = ties.create(1, 2, 0.4f, 0, 3);
  CHECK(ties.count() == 2);
  CHECK(ties.find(0, 1) == a);
  CHECK(ties.find(1, 0) == a);  // symmetric
  CHECK(ties.find(2, 1) == b);
  CHECK(ties.find(0, 2) == TieStore::none);
  CHECK(ties.of(1).size() == 2);
  CHECK(ties.tie(a).channel == 2);
  CHECK(ties.tie(a).interactions == 1);
  CHECK(ties.tie(a).last_step == 3);
  ties.remove(a);
  CHECK(ties.count() == 1);
  CHECK(ties.find(0, 1) == TieStore::none);
  CHECK(ties.of(0).empty());
  CHECK(ties.of(1).size() == 1);
  ties.remove(a);  // removing a dead tie changes nothing
  CHECK(ties.count() == 1);
  const std::uint32_t c = ties.create(3, 4, 0.9f, 1, 5);
  CHECK(c == a);  // the freed slot is reused
  CHECK(ties.find(4, 3) == c);
  CHECK(ties.tie(c).alive);
}

TEST_CASE("ties: idle trust decays exponentially and set_trust clamps and counts",
          "[model][ties]") {
  TieStore ties;
  const double decay = 0.05;
  ties.reset(3, decay);
  const std::uint32_t id = ties.create(0, 1, 0.8f, 0, 10);
  CHECK(ties.trust_at(id, 10) == Approx(0.8).epsilon(1e-7));
  CHECK(ties.trust_at(id, 30) == Approx(0.8 * std::exp(-decay * 20)).epsilon(1e-6));
  ties.set_trust(id, 1.7, 30);
  CHECK(ties.trust_at(id, 30) == 1.0);
  CHECK(ties.tie(id).interactions == 2);
  CHECK(ties.tie(id).last_step == 30);
  ties.set_trust(id, -0.2, 31);
  CHECK(ties.trust_at(id, 40) == 0.0);
}

TEST_CASE("ties: prune removes exactly the ties whose decayed trust fell below the threshold",
          "[model][ties]") {
  TieStore ties;
  ties.reset(10, 0.1);
  // Trust 0.5 at step 0 falls below 0.1 after log(5)/0.1 = 16.1 steps.
  const std::uint32_t old_tie = ties.create(0, 1, 0.5f, 0, 0);
  const std::uint32_t fresh = ties.create(2, 3, 0.5f, 0, 15);
  const std::uint32_t strong = ties.create(4, 5, 1.0f, 0, 0);  // 1·e^-2 = 0.135 at step 20
  CHECK(ties.prune(20, 0.1) == 1);
  CHECK(ties.count() == 2);
  CHECK_FALSE(ties.tie(old_tie).alive);
  CHECK(ties.tie(fresh).alive);
  CHECK(ties.tie(strong).alive);
  CHECK(ties.of(0).empty());
  CHECK(ties.mean_trust(20) == Approx((0.5 * std::exp(-0.5) + std::exp(-2.0)) / 2).epsilon(1e-6));
}

TEST_CASE("ties: the incremental mean trust equals a brute-force mean through random operations",
          "[model][ties]") {
  // A random mix of creations, refreshes, removals and prunes over 3000 steps (the store
  // re-anchors its sum when decay·(step − origin) exceeds 20, i.e. every 1000 steps here).
  // The incremental sum differs from a direct sum only by rounding: relative 1e-9 is
  // ample for a few thousand additions of terms below e^20.
  const double decay = 0.02;
  TieStore ties;
  const std::uint32_t n = 40;
  ties.reset(n, decay);
  std::set<std::uint32_t> live;
  rng::Stream g(11, 0, rng::Mechanism::test, 1);
  int worst_step = -1;
  double worst = 0.0;
  for (int step = 0; step < 3000; ++step) {
    const std::uint32_t ops = dist::uniform_index(g, 4);
    for (std::uint32_t k = 0; k < ops; ++k) {
      const std::uint32_t a = dist::uniform_index(g, n);
      const std::uint32_t b = dist::uniform_index(g, n);
      if (a == b) continue;
      const std::uint32_t id = ties.find(a, b);
      if (id == TieStore::none) {
        live.insert(ties.create(a, b, static_cast<float>(g.uniform()), 0, step));
      } else if (g.uniform() < 0.3) {
        ties.remove(id);
        live.erase(id);
      } else {
        ties.set_trust(id, g.uniform(), step);
      }
    }
    if (step % 97 == 96) {
      ties.prune(step, 0.05);
      for (auto it = live.begin(); it != live.end();)
        it = ties.tie(*it).alive ? std::next(it) : live.erase(it);
    }
    REQUIRE(ties.count() == live.size());
    const double expected = brute_mean(ties, live, step);
    const double diff = std::fabs(ties.mean_trust(step) - expected);
    if (diff > worst) {
      worst = diff;
      worst_step = step;
    }
  }
  INFO("worst difference " << worst << " at step " << worst_step);
  CHECK(worst < 1e-9);
}

TEST_CASE("ties: mean trust stays finite for ties created long after the sum's origin",
          "[model][ties]") {
  // Stored weights are trust discounted to the origin step: without re-anchoring, a tie
  // created 20000 steps after the origin at 0.05 per step would weigh exp(1000) = inf and
  // the mean would become NaN. Creation must re-anchor like any trust update.
  TieStore ties;
  ties.reset(4, 0.05);
  ties.create(0, 1, 0.6f, 0, 0);
  const std::uint32_t b = ties.create(2, 3, 0.9f, 0, 20000);
  const double expected = (0.6 * std::exp(-0.05 * 20000) + ties.trust_at(b, 20000)) / 2;
  CHECK(std::isfinite(ties.mean_trust(20000)));
  CHECK(ties.mean_trust(20000) == Approx(expected).epsilon(1e-9));
}

TEST_CASE("ties: prune leaves every firm's list as removing the pruned ties one by one would",
          "[model][ties]") {
  // Random picks of a firm's ties index its list, so the list order is part of the results:
  // the batched prune must reproduce remove()'s swap-with-last order and free-slot order.
  const double decay = 0.05;
  const std::uint32_t n = 30;
  TieStore batched;
  TieStore single;
  batched.reset(n, decay);
  single.reset(n, decay);
  rng::Stream g(23, 0, rng::Mechanism::test, 2);
  std::uint32_t slots = 0;
  for (int step = 0; step < 200; ++step) {
    for (int k = 0; k < 6; ++k) {
      const std::uint32_t a = dist::uniform_index(g, n);
      const std::uint32_t b = dist::uniform_index(g, n);
      const float trust = static_cast<float>(g.uniform());
      if (a == b || batched.find(a, b) != TieStore::none) continue;
      const std::uint32_t id = batched.create(a, b, trust, 0, step);
      REQUIRE(single.create(a, b, trust, 0, step) == id);
      slots = std::max(slots, id + 1);
    }
    if (step % 25 == 24) {
      const double threshold = 0.2;
      std::uint32_t expected = 0;
      for (std::uint32_t id = 0; id < slots; ++id) {
        if (!single.tie(id).alive || single.trust_at(id, step) >= threshold) continue;
        single.remove(id);
        ++expected;
      }
      CHECK(batched.prune(step, threshold) == expected);
      for (std::uint32_t f = 0; f < n; ++f) {
        const TieList x = batched.of(f);
        const TieList y = single.of(f);
        REQUIRE(x.size() == y.size());
        for (std::size_t k = 0; k < x.size(); ++k) {
          REQUIRE(x[k] == y[k]);
          REQUIRE(x.other(k) == y.other(k));
        }
      }
      CHECK(batched.count() == single.count());
    }
  }
}

TEST_CASE("ties: a firm's list names the firm at the other end of each tie", "[model][ties]") {
  TieStore ties;
  ties.reset(4, 0.0);
  const std::uint32_t x = ties.create(0, 1, 0.5f, 0, 0);
  const std::uint32_t y = ties.create(2, 0, 0.5f, 0, 0);
  const TieList l = ties.of(0);
  REQUIRE(l.size() == 2);
  CHECK(l[0] == x);
  CHECK(l.other(0) == 1);
  CHECK(l[1] == y);
  CHECK(l.other(1) == 2);
  std::vector<std::uint32_t> ids(l.begin(), l.end());
  CHECK(ids == std::vector<std::uint32_t>{x, y});
}

TEST_CASE("ties: lists longer than a firm's block keep the order of one flat list",
          "[model][ties]") {
  // A firm's first kBlockLinks links sit in its block and the rest in chained chunks;
  // creations and removals must act on the chain exactly as on one vector
  // (append; swap the last into a removed place), since random picks index the list.
  const std::uint32_t n = 60;
  TieStore ties;
  ties.reset(n, 0.0);
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> flat(n);  // (tie, other)
  rng::Stream g(29, 0, rng::Mechanism::test, 3);
  std::vector<std::uint32_t> live;
  std::size_t longest = 0;
  for (int op = 0; op < 4000; ++op) {
    const bool grow = live.size() < 40 || g.uniform() < 0.5;
    if (grow) {
      // Hub firm 0 takes part in most ties, so its list runs well past its block.
      const std::uint32_t a = g.uniform() < 0.8 ? 0 : dist::uniform_index(g, n);
      const std::uint32_t b = 1 + dist::uniform_index(g, n - 1);
      if (a == b || ties.find(a, b) != TieStore::none) continue;
      const std::uint32_t id = ties.create(a, b, 0.5f, 0, 0);
      flat[a].emplace_back(id, b);
      flat[b].emplace_back(id, a);
      live.push_back(id);
    } else {
      const std::uint32_t k = dist::uniform_index(g, static_cast<std::uint32_t>(live.size()));
      const std::uint32_t id = live[k];
      live[k] = live.back();
      live.pop_back();
      for (std::uint32_t f : {ties.tie(id).a, ties.tie(id).b}) {
        auto& l = flat[f];
        const auto it =
            std::find_if(l.begin(), l.end(), [id](const auto& x) { return x.first == id; });
        *it = l.back();
        l.pop_back();
      }
      ties.remove(id);
    }
    for (std::uint32_t f = 0; f < n; ++f) {
      const TieList l = ties.of(f);
      REQUIRE(l.size() == flat[f].size());
      for (std::size_t k = 0; k < l.size(); ++k) {
        REQUIRE(l[k] == flat[f][k].first);
        REQUIRE(l.other(k) == flat[f][k].second);
      }
      longest = std::max(longest, l.size());
    }
  }
  CHECK(longest > 2 * kBlockLinks);  // lists of three chunks and more
  for (std::uint32_t id : live) CHECK(ties.find(ties.tie(id).b, ties.tie(id).a) == id);
}
