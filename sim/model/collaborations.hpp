// Creating, growing and ending collaborations, and the agreed split of profit, cost and
// risk among their members. Keeps firm memberships and run counters consistent.
#pragma once

#include "model/context.hpp"
#include "model/state.hpp"

#include <cstdint>

namespace renkei {

enum class EndReason { dissolved, completed };

// Creates an active collaboration of `a` and `b` (the core firm is the larger one).
// Form, content, governance and scores are set by the caller (formation).
std::uint32_t create_collaboration(ModelState& s, std::uint32_t a, std::uint32_t b, int step);
void add_member(ModelState& s, std::uint32_t id, std::uint32_t firm);
void end_collaboration(ModelState& s, std::uint32_t id, EndReason reason);

// True if the firm can take part in another collaboration.
// An out-of-region partner (a national firm, a university) is not bound by a regional
// SME's limit: it takes part in up to kMaxMemberships.
inline bool has_room(const ModelState& s, const Params& p, std::uint32_t firm) {
  return s.firms.n_memberships[firm] <
         (is_external(s.pop, firm) ? kMaxMemberships : p.formation_max_collaborations);
}
bool is_member(const ModelState& s, std::uint32_t id, std::uint32_t firm);
// The collaborations the two firms share (any).
bool share_collaboration(const ModelState& s, std::uint32_t a, std::uint32_t b);

// Contribution shares from capabilities; profit and cost shares tilted toward bargaining
// power (size) by the governance's bargaining bias. Recomputed when membership changes.
void agree_shares(ModelState& s, const Params& p, std::uint32_t id);

// Recomputes cross_industry and has_competitors from the members' industries.
void classify_members(ModelState& s, std::uint32_t id);

// Mean absolute difference of two firms' capability vectors (0 = identical, 1 = opposite).
double complementarity(const Population& pop, std::uint32_t a, std::uint32_t b);

}  // namespace renkei
