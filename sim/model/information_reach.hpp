// How unequally the information routes reach firms: per-firm reach weights of each route
// class (firm size, service industry, the bureau's prefecture) and the alias tables that
// draw a route's contacts in proportion to them.
#pragma once

#include "core/alias_table.hpp"
#include "scenario/params.hpp"
#include "world/population.hpp"
#include "world/world.hpp"

#include <cstdint>
#include <vector>

namespace renkei::information {

// Routes in stream-entity order (append only).
enum class Route : std::uint32_t {
  pull = 0,
  word_of_mouth,
  push,
  bank,
  institute,
  university,
  press,
  newsletter,
  local_gov,
  briefing,
  learning,
  announcement,
  forgetting
};

// Which weight a route draws its targets by. The classes share parameters so that a route
// added later falls into one of them rather than bringing its own three elasticities.
enum class ReachClass : std::uint8_t {
  uniform = 0,  // word of mouth, learning, forgetting, the announcement: no targeting
  bureau,       // pull and briefings: the bureau's windows and events are near its prefecture
  mass,       // push mail, banks, newsletters, local governments: larger firms are easier to reach
  technical,  // institutes, universities, trade press: also mainly manufacturers
};

// The reach weight of `firm` for a route class (1 for a firm of median size, manufacturing,
// outside the bureau's prefecture). `median_employees` anchors the size effect.
double reach_weight(const World& world, const Population& pop, const Params& p, ReachClass cls,
                    std::uint32_t firm, double median_employees);

// Whether the firm sits in the prefecture that hosts its block's bureau.
bool in_bureau_prefecture(const World& world, const Population& pop, std::uint32_t firm);

// Alias tables of the targeted classes, built once per run: the reach parameters are not
// policy levers, so the tables never change during a run.
struct ReachTables {
  AliasTable bureau;
  AliasTable mass;
  AliasTable technical;
  const AliasTable& of(ReachClass cls) const {
    return cls == ReachClass::bureau ? bureau : cls == ReachClass::mass ? mass : technical;
  }
};

ReachTables build_reach_tables(const World& world, const Population& pop, const Params& p);

}  // namespace renkei::information
