#include "model/meetings.hpp"

#include "core/distributions.hpp"
#include "model/channels.hpp"
#include "model/collaborations.hpp"
#include "model/formation.hpp"
#include "model/motives.hpp"
#include "model/trust.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace renkei::meetings {
namespace {

// Uniform draw from [begin, end) excluding the sub-range [skip_begin, skip_end).
std::uint32_t draw_excluding(rng::Stream& g, std::uint32_t begin, std::uint32_t end,
                             std::uint32_t skip_begin, std::uint32_t skip_end) {
  const std::uint32_t n = (end - begin) - (skip_end - skip_begin);
  std::uint32_t k = begin + dist::uniform_index(g, n);
  if (k >= skip_begin) k += skip_end - skip_begin;
  return k;
}

std::uint32_t introduction_partner(const ModelState& s, const Params& p, std::uint32_t a,
                                   bool same_pref, bool same_ind, rng::Stream& g) {
  std::uint32_t best = kNone;
  double best_comp = -1.0;
  for (int k = 0; k < p.meetings_introduction_candidates; ++k) {
    const std::uint32_t c = pick_partner(s, a, same_pref, same_ind, g);
    if (c == kNone || !s.firms.open[c]) continue;
    const double comp = complementarity(s.pop, a, c);
    if (comp > best_comp) {
      best_comp = comp;
      best = c;
    }
  }
  return best;
}

// How far ahead an initiator's records are requested, in encounters. What the choice of its
// partner reads (and its tie block) is requested kPrefetchAhead ahead, the first chunk of a
// long tie list kChunkAhead ahead (the chunk's index is in the block, which must have arrived
// by then), the partner chosen `choose_ahead` (default kChooseAhead) ahead, what every
// encounter reads kEncounterAhead ahead, and what only a formation decision reads
// kFormationAhead ahead, for the encounters whose two firms are both open. The requests are
// staged because a core tracks only a few dozen outstanding misses: asking for all eleven
// arrays of both firms at once lost requests, and the choice then waited for the very
// records asked for (staging took a quarter off a japan9 replicate, docs/performance.md).
constexpr std::uint32_t kPrefetchAhead = 12;
constexpr std::uint32_t kChunkAhead = 8;
constexpr std::uint32_t kEncounterAhead = 4;
constexpr std::uint32_t kFormationAhead = 2;

// Each encounter draws from streams of its own, keyed by channel and rank in the step, so
// that what one encounter consumes (which depends on the state a policy may have changed)
// does not shift the next one's.
std::uint32_t encounter_entity(Channel ch, std::uint32_t k) {
  return (static_cast<std::uint32_t>(ch) << 24) | (k & 0xFFFFFFu);
}

// Asks for the records the choice of a partner reads about the initiator.
void prefetch_for_choice(const ModelState& s, std::uint32_t a) {
  __builtin_prefetch(&s.pop.prefecture[a]);
  __builtin_prefetch(&s.pop.industry[a]);
  __builtin_prefetch(&s.firms.motives[a]);
  __builtin_prefetch(&s.pop.external[a]);
  s.ties.prefetch_links(a);
}

// Asks for what every encounter reads about one of its firms: whether it is open (formation
// stops at once if either firm is not) and certified (the trust of a new tie).
void prefetch_for_encounter(const ModelState& s, std::uint32_t a) {
  __builtin_prefetch(&s.firms.open[a]);
  __builtin_prefetch(&s.firms.certified[a]);
}

// Asks for what a formation decision reads about one of its firms, once both are known to
// be open (about a quarter of the encounters at the calibrated openness).
void prefetch_for_formation(const ModelState& s, std::uint32_t a) {
  __builtin_prefetch(&s.pop.industry[a]);
  __builtin_prefetch(&s.pop.employees[a]);
  __builtin_prefetch(&s.pop.capability[a]);
  __builtin_prefetch(&s.firms.n_memberships[a]);
  __builtin_prefetch(&s.firms.memberships[a]);
  __builtin_prefetch(&s.firms.leak_sensitivity[a]);
}

// Asks for every record an encounter reads about one of its firms.
void prefetch_firm(const ModelState& s, std::uint32_t a) {
  prefetch_for_choice(s, a);
  prefetch_for_encounter(s, a);
  prefetch_for_formation(s, a);
}

// The partner an initiator meets, or kNone. `g` draws the region's partners and `xg` decides
// whether the partner is from outside the region (a stream of its own: worlds without
// out-of-region partners draw nothing from it, and the draws from `g` stay as they were).
// A renewed acquaintance's tie is stored in `renewed` (left as it is otherwise).
std::uint32_t choose_partner(const ModelState& s, const Params& p, std::uint32_t a, Channel ch,
                             rng::Stream& g, rng::Stream& xg, std::uint32_t& renewed) {
  if (is_external(s.pop, a))
    return kNone;  // out-of-region partners do not seek (e.g. after certification)
  const double out = out_of_region_probability(s, p, a, ch);
  if (out > 0.0 && dist::bernoulli(xg, out)) return pick_external(s, ch, xg);
  if (ch == Channel::personal && dist::bernoulli(g, p.meetings_repeat_share) &&
      !s.ties.of(a).empty()) {
    // Previous partners first: a personal contact often renews an existing acquaintance.
    const TieList list = s.ties.of(a);
    const std::uint32_t k = dist::uniform_index(g, static_cast<std::uint32_t>(list.size()));
    renewed = list[k];
    return list.other(k);
  }
  const bool sp = dist::bernoulli(g, same_prefecture(p, ch));
  // A firm that wants to combine specialities or start something new looks beyond its industry.
  const double seek =
      (s.firms.motives[a] & kCrossSeekingMotives) ? p.motives_cross_seek_factor : 1.0;
  const bool si = dist::bernoulli(g, same_industry(p, ch) * seek);
  return ch == Channel::introduction ? introduction_partner(s, p, a, sp, si, g)
                                     : pick_partner(s, a, sp, si, g);
}

// The encounter of `a` with the partner `b` chosen for it (kNone: no encounter). Returns
// true if an encounter took place.
bool hold(ModelState& s, const StepContext& ctx, std::uint32_t a, std::uint32_t b, Channel ch,
          rng::Stream& fg) {
  if (b == kNone || b == a) return false;
  s.ties.prefetch_free_slot();
  ++s.step.meetings;
  double t = 0.0;
  trust::encounter(s, ctx, a, b, ch, t);
  formation::consider(s, ctx, a, b, ch, t, fg);
  return true;
}

// Returns true if an encounter took place.
bool meet(ModelState& s, const StepContext& ctx, std::uint32_t a, Channel ch, rng::Stream& g,
          rng::Stream& fg, rng::Stream& xg) {
  std::uint32_t renewed = TieStore::none;
  const std::uint32_t b = choose_partner(s, ctx.p, a, ch, g, xg, renewed);
  // The partner is a random firm: ask for all its records at once, so that their cache
  // misses overlap instead of following one another through the encounter.
  if (b != kNone) prefetch_firm(s, b);
  return hold(s, ctx, a, b, ch, fg);
}

// A channel's partner choices, made a few encounters before the encounters themselves so
// that the partners' records (a cache miss each in a large world) arrive in time.
//
// Why the early choice is the one the encounter would make: an encounter's partner depends
// on its own streams (fresh for each encounter, so drawing early draws the same numbers), on
// the initiator's fixed traits, the population and the firms' openness (an introduction's
// candidates), which no encounter changes, and on one thing the encounters between may
// change: the initiator's tie list, which the personal channel's renewals draw from.
// During the encounters lists only grow (ties are removed by the yearly prune alone), so a
// list of the same length is the same list; a choice whose initiator's list grew meanwhile is
// made again at the encounter. Results are therefore those of choosing at the encounter.
class PartnerPipeline {
 public:
  PartnerPipeline(ModelState& s, const StepContext& ctx, Channel ch,
                  const std::vector<std::uint32_t>& initiators, std::uint32_t ahead)
      : s_(s), ctx_(ctx), ch_(ch), initiators_(initiators), ahead_(std::min(ahead, kMaxAhead)) {
    const auto n = static_cast<std::uint32_t>(initiators.size());
    for (std::uint32_t k = 0; k < std::min(ahead_, n); ++k) ring_[k] = choose(k);
  }

  // Asks for what a formation decision reads about both firms of encounter k +
  // kFormationAhead (already chosen if the choices run further ahead), if both are open:
  // most encounters stop before it.
  void prefetch_formation(std::uint32_t k) const {
    const std::uint32_t j = k + kFormationAhead;
    if (ahead_ <= kFormationAhead || j >= initiators_.size()) return;
    const std::uint32_t a = initiators_[j];
    const std::uint32_t b = ring_[j % ahead_].partner;
    if (b == kNone || !s_.firms.open[a] || !s_.firms.open[b]) return;
    prefetch_for_formation(s_, a);
    prefetch_for_formation(s_, b);
  }

  // The partner of encounter k (taken in increasing k), after choosing encounter k + ahead's.
  std::uint32_t take(std::uint32_t k) {
    if (ahead_ == 0) return choose(k).partner;
    const Choice mine = ring_[k % ahead_];
    if (k + ahead_ < initiators_.size()) ring_[k % ahead_] = choose(k + ahead_);
    if (s_.ties.of(initiators_[k]).size() == mine.list_size) return mine.partner;
    return choose(k).partner;
  }

 private:
  static constexpr std::uint32_t kMaxAhead = 16;

  struct Choice {
    std::uint32_t partner;
    std::uint32_t list_size;
  };

  Choice choose(std::uint32_t k) {
    const std::uint32_t a = initiators_[k];
    const std::uint32_t entity = encounter_entity(ch_, k);
    auto g = ctx_.stream(rng::Mechanism::encounter, entity);
    auto xg = ctx_.stream(rng::Mechanism::encounter_external, entity);
    const auto size = static_cast<std::uint32_t>(s_.ties.of(a).size());
    std::uint32_t renewed = TieStore::none;
    const std::uint32_t b = choose_partner(s_, ctx_.p, a, ch_, g, xg, renewed);
    if (b != kNone) {
      s_.ties.prefetch_links(b);
      prefetch_for_encounter(s_, b);
    }
    // A renewed tie's trust is read and updated: its record is another miss to overlap.
    if (renewed != TieStore::none) s_.ties.prefetch_tie(renewed);
    return {b, size};
  }

  ModelState& s_;
  const StepContext& ctx_;
  Channel ch_;
  const std::vector<std::uint32_t>& initiators_;
  std::uint32_t ahead_;
  std::array<Choice, kMaxAhead> ring_{};
};

}  // namespace

bool reaches_out_of_region(Channel c) {
  return c == Channel::industry || c == Channel::university || c == Channel::event ||
         c == Channel::introduction;
}

double out_of_region_probability(const ModelState& s, const Params& p, std::uint32_t a, Channel c) {
  if (!reaches_out_of_region(c) ||
      (s.pop.external_firms.empty() && s.pop.external_universities.empty()))
    return 0.0;
  const double factor =
      (s.firms.motives[a] & kMarketMotives) ? p.motives_out_of_region_factor : 1.0;
  return std::min(1.0, p.meetings_out_of_region_share * factor);
}

std::uint32_t pick_external(const ModelState& s, Channel c, rng::Stream& g) {
  const auto& pool = c == Channel::university && !s.pop.external_universities.empty()
                         ? s.pop.external_universities
                         : s.pop.external_firms;
  if (pool.empty()) return kNone;
  return pool[dist::uniform_index(g, static_cast<std::uint32_t>(pool.size()))];
}

double rate(const Params& p, Channel c) { return p.*channel_params(c).rate; }
double same_prefecture(const Params& p, Channel c) { return p.*channel_params(c).same_prefecture; }
double same_industry(const Params& p, Channel c) { return p.*channel_params(c).same_industry; }

Tables build_tables(const ModelState& s) {
  Tables t;
  const std::uint32_t n = s.n_firms();
  std::vector<double> w(n);
  for (int c = 0; c < kChannels; ++c) {
    for (std::uint32_t i = 0; i < n; ++i)
      w[i] =
          s.firms.activity[i] * s.world->prefectures[s.pop.prefecture[i]].channel_availability[c];
    double sum = 0;
    for (double x : w) sum += x;
    if (sum > 0) t.initiators[c] = AliasTable(w);
  }
  return t;
}

std::uint32_t pick_partner(const ModelState& s, std::uint32_t a, bool same_pref, bool same_ind,
                           rng::Stream& g) {
  const Population& pop = s.pop;
  const std::uint32_t n_ind = static_cast<std::uint32_t>(s.world->industries.size());
  const std::uint32_t pref = pop.prefecture[a];
  const std::uint32_t ind = pop.industry[a];
  const std::uint32_t cell_b = pop.cell_begin[pref * n_ind + ind];
  const std::uint32_t cell_e = pop.cell_begin[pref * n_ind + ind + 1];
  const std::uint32_t pref_b = pop.cell_begin[pref * n_ind];
  const std::uint32_t pref_e = pop.cell_begin[(pref + 1) * n_ind];
  if (same_pref && same_ind) {
    if (cell_e - cell_b < 2) return kNone;
    return draw_excluding(g, cell_b, cell_e, a, a + 1);
  }
  if (same_pref) {
    if ((pref_e - pref_b) == (cell_e - cell_b)) return kNone;
    return draw_excluding(g, pref_b, pref_e, cell_b, cell_e);
  }
  if (same_ind) {
    // The industry's firms in (prefecture) order, as by_industry lists them: skip a's prefecture.
    const std::uint32_t total = pop.industry_rank_of(ind, pop.n_regional_prefectures);
    const std::uint32_t skip_b = pop.industry_rank_of(ind, pref);
    const std::uint32_t skip_e = pop.industry_rank_of(ind, pref + 1);
    if (skip_e - skip_b == total) return kNone;
    return pop.industry_member(ind, draw_excluding(g, 0, total, skip_b, skip_e));
  }
  // Other prefecture, other industry: rejection from the firms outside a's prefecture.
  const std::uint32_t n = pop.n_regional;  // out-of-region partners come only through pick_external
  if (n == pref_e - pref_b) return kNone;
  for (int tries = 0; tries < 64; ++tries) {
    const std::uint32_t b = draw_excluding(g, 0, n, pref_b, pref_e);
    if (pop.industry[b] != ind) return b;
  }
  return kNone;
}

void run(ModelState& s, const StepContext& ctx, const Tables& tables, std::uint32_t choose_ahead) {
  const Params& p = ctx.p;
  std::vector<std::uint32_t> initiators;
  std::vector<double> scratch;
  for (int c = 0; c < kChannels; ++c) {
    const auto ch = static_cast<Channel>(c);
    const double r = rate(p, ch);
    if (!(r > 0.0) || tables.initiators[c].empty()) continue;
    auto g = ctx.stream(rng::Mechanism::meetings, static_cast<std::uint32_t>(c));
    const std::uint32_t count = dist::poisson(g, r * ctx.dt * tables.initiators[c].total_weight());
    // The channel's stream draws only the count and the initiators, so all initiators can
    // be drawn first (the same numbers in the same order) and their records fetched from
    // memory a few encounters ahead: in a large world each would otherwise be a cache miss.
    initiators.resize(count);
    tables.initiators[c].draw_many(g, initiators, scratch);
    for (std::uint32_t k = 0; k < std::min(kPrefetchAhead, count); ++k)
      prefetch_for_choice(s, initiators[k]);
    for (std::uint32_t k = 0; k < std::min(kEncounterAhead, count); ++k)
      prefetch_for_encounter(s, initiators[k]);
    PartnerPipeline partners(s, ctx, ch, initiators, choose_ahead);
    std::uint32_t held = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
      if (k + kPrefetchAhead < count) prefetch_for_choice(s, initiators[k + kPrefetchAhead]);
      if (k + kEncounterAhead < count) prefetch_for_encounter(s, initiators[k + kEncounterAhead]);
      // A long tie list continues in a chunk whose index is in the firm's block, fetched above.
      if (k + kChunkAhead < count) s.ties.prefetch_chunk(initiators[k + kChunkAhead]);
      const std::uint32_t partner = partners.take(k);
      partners.prefetch_formation(k);
      auto efg = ctx.stream(rng::Mechanism::encounter_formation, encounter_entity(ch, k));
      held += hold(s, ctx, initiators[k], partner, ch, efg) ? 1u : 0u;
    }
    // Introductions are a paid service; other channels cost the policy nothing.
    if (ch == Channel::introduction && ctx.step >= 0) {
      s.policy_cost += held * p.cost_introduction_yen;
      s.cost_per_contact += held * p.cost_introduction_yen;
      s.step.contact_charges[kIntroductionCharges] += held * p.cost_introduction_yen;
    }
  }
  // Credibility of certification: certified firms meet more partners (extra encounters
  // spread over the channels in proportion to their rates).
  if (!s.certified_firms.empty() && p.program_credibility_meeting_boost > 0.0) {
    std::array<double, kChannels> rates{};
    double total = 0;
    for (int c = 0; c < kChannels; ++c) total += rates[c] = rate(p, static_cast<Channel>(c));
    if (total > 0.0) {
      for (std::uint32_t f : s.certified_firms) {
        // Streams per certified firm (entities above the channel ids), so that one more
        // certified firm in a scenario does not shift the draws of the others.
        auto g = ctx.stream(rng::Mechanism::meetings, kChannels + f);
        auto fg = ctx.stream(rng::Mechanism::formation, kChannels + f);
        auto xg = ctx.stream(rng::Mechanism::credibility_external, f);
        const std::uint32_t extra = dist::poisson(
            g, p.program_credibility_meeting_boost * total * ctx.dt * s.firms.activity[f]);
        for (std::uint32_t k = 0; k < extra; ++k) {
          double u = g.uniform() * total;
          int c = 0;
          while (c < kChannels - 1 && u >= rates[c]) u -= rates[c++];
          meet(s, ctx, f, static_cast<Channel>(c), g, fg, xg);
        }
      }
    }
  }
}

}  // namespace renkei::meetings
