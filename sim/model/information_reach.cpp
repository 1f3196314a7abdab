#include "model/information_reach.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::information {

bool in_bureau_prefecture(const World& world, const Population& pop, std::uint32_t firm) {
  const int pref = pop.prefecture[firm];
  const auto block =
      static_cast<std::size_t>(world.prefectures[static_cast<std::size_t>(pref)].block);
  return world.blocks[block].bureau_prefecture == pref;
}

double reach_weight(const World& world, const Population& pop, const Params& p, ReachClass cls,
                    std::uint32_t firm, double median_employees) {
  switch (cls) {
    case ReachClass::uniform: return 1.0;
    case ReachClass::bureau:
      return in_bureau_prefecture(world, pop, firm) ? p.information_reach_bureau_factor : 1.0;
    case ReachClass::mass:
    case ReachClass::technical: {
      const double size =
          std::pow(pop.employees[firm] / median_employees, p.information_reach_size_elasticity);
      const bool service = world.industries[pop.industry[firm]].service;
      return cls == ReachClass::technical && service ? size * p.information_reach_service_factor
                                                     : size;
    }
  }
  return 1.0;
}

namespace {

AliasTable table_of(const World& world, const Population& pop, const Params& p, ReachClass cls,
                    double median) {
  const std::uint32_t n = pop.n_regional;  // the region's firms only (no [[external]] partners)
  std::vector<double> w(n);
  double sum = 0;
  for (std::uint32_t f = 0; f < n; ++f) sum += w[f] = reach_weight(world, pop, p, cls, f, median);
  // A factor of 0 on every firm (e.g. a world of service firms only and service_factor 0)
  // leaves the route nobody to reach; it then reaches firms uniformly rather than failing.
  if (!(sum > 0.0)) std::fill(w.begin(), w.end(), 1.0);
  return AliasTable(w);
}

}  // namespace

ReachTables build_reach_tables(const World& world, const Population& pop, const Params& p) {
  ReachTables t;
  const std::uint32_t n = pop.n_regional;  // the region's firms only (no [[external]] partners)
  if (n == 0) return t;
  std::vector<std::uint16_t> sizes(pop.employees);
  std::nth_element(sizes.begin(), sizes.begin() + n / 2, sizes.end());
  const double median = std::max<double>(1.0, sizes[n / 2]);
  t.bureau = table_of(world, pop, p, ReachClass::bureau, median);
  t.mass = table_of(world, pop, p, ReachClass::mass, median);
  t.technical = table_of(world, pop, p, ReachClass::technical, median);
  return t;
}

}  // namespace renkei::information
