// Draws the synthetic firms of a world: one counter-based stream per firm, keyed on the
// firm's (prefecture, industry) cell and its rank inside the cell, so a firm's attributes
// never depend on how many firms other cells hold.
#include "world/population.hpp"

#include "core/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace renkei {
namespace {

// Concentration a + b of the Beta law of each capability around its industry mean.
// Assumption: 6 gives a standard deviation of sqrt(m(1-m)/7), about 0.19 at m = 0.5, so
// firms of one industry differ clearly but keep the industry's profile.
constexpr double kCapabilityConcentration = 6.0;

// Streams carry the cell index in the 16-bit `sub` field (entity = rank in the cell), so
// cells beyond this count would alias; the limit is far above any real world.
constexpr std::size_t kMaxCells = 0x10000;

[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("synthesize_population: " + what);
}

// Index of the first cumulative weight above u; the last index absorbs rounding.
std::uint32_t pick(const std::vector<double>& cumulative, double u) {
  const auto n = static_cast<std::uint32_t>(cumulative.size());
  for (std::uint32_t k = 0; k + 1 < n; ++k) {
    if (u < cumulative[k]) return k;
  }
  return n - 1;
}

std::vector<double> cumulate(const std::vector<double>& weights, const std::string& what) {
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) fail(what + " has a negative or non-finite weight");
    total += w;
  }
  if (!(total > 0.0)) fail(what + " has no positive weight");
  std::vector<double> cumulative;
  cumulative.reserve(weights.size());
  double running = 0.0;
  for (const double w : weights) {
    running += w;
    cumulative.push_back(running / total);
  }
  return cumulative;
}

// A degenerate mean (0 or 1) has no Beta law; the firm then sits at the bound.
float capability_draw(rng::Stream& s, double mean) {
  if (mean <= 0.0) return 0.0f;
  if (mean >= 1.0) return 1.0f;
  return static_cast<float>(dist::beta_mean(s, mean, kCapabilityConcentration));
}

// Checks what the loader guarantees, because tests and tools also build worlds by hand.
std::size_t check_world(const World& world) {
  const std::size_t np = world.prefectures.size();
  const std::size_t ni = world.industries.size();
  if (np > std::numeric_limits<std::uint16_t>::max()) fail("too many prefectures");
  if (ni > std::numeric_limits<std::uint16_t>::max()) fail("too many industries");
  if (np * ni > kMaxCells) fail("more than 65536 (prefecture, industry) cells");
  if (world.firm_counts.size() != np) fail("firm_counts needs one row per prefecture");
  if (world.size_classes.empty() || world.size_classes.size() > 255) {
    fail("needs between 1 and 255 size classes");
  }
  if (world.capital_brackets.empty() || world.capital_brackets.size() > 255) {
    fail("needs between 1 and 255 capital brackets");
  }
  if (world.capital_given_size.size() != world.size_classes.size()) {
    fail("capital_given_size needs one row per size class");
  }
  for (const auto& row : world.capital_given_size) {
    if (row.size() != world.capital_brackets.size()) {
      fail("each capital_given_size row needs one entry per capital bracket");
    }
  }
  for (const SizeClass& c : world.size_classes) {
    if (c.min_employees < 1 || c.max_employees < c.min_employees ||
        c.max_employees > std::numeric_limits<std::uint16_t>::max()) {
      fail("size class bounds must satisfy 1 <= min <= max <= 65535");
    }
  }
  for (const Industry& ind : world.industries) {
    for (const double m : ind.capability_mean) {
      // A NaN mean would make the Gamma rejection loop spin forever.
      if (!(m >= 0.0 && m <= 1.0)) fail("capability means of '" + ind.id + "' must be in [0, 1]");
    }
  }
  std::int64_t total = 0;
  for (const auto& row : world.firm_counts) {
    if (row.size() != ni) fail("each firm_counts row needs one entry per industry");
    for (const std::int64_t n : row) {
      if (n < 0) fail("firm counts must be non-negative");
      total += n;
      if (total > std::numeric_limits<std::uint32_t>::max() - 1) fail("too many firms");
    }
  }
  return static_cast<std::size_t>(total);
}

// The laws of one world, prepared once: cumulative shares and log bounds of the classes.
struct Laws {
  std::vector<double> class_cdf;
  std::vector<double> log_lo;
  std::vector<double> log_width;
  std::vector<std::vector<double>> capital_cdf;
};

Laws prepare_laws(const World& world) {
  Laws laws;
  std::vector<double> class_shares;
  for (const SizeClass& c : world.size_classes) {
    class_shares.push_back(c.share);
    // Log-uniform on [min, max + 1), floored: every integer in [min, max] is reachable and
    // gets the mass log((n + 1) / n) / log((max + 1) / min).
    laws.log_lo.push_back(std::log(static_cast<double>(c.min_employees)));
    laws.log_width.push_back(std::log(static_cast<double>(c.max_employees) + 1.0) -
                             laws.log_lo.back());
  }
  laws.class_cdf = cumulate(class_shares, "size class shares");
  for (std::size_t k = 0; k < world.capital_given_size.size(); ++k) {
    laws.capital_cdf.push_back(
        cumulate(world.capital_given_size[k], "capital_given_size row " + std::to_string(k)));
  }
  return laws;
}

// Draws firm `f`, of rank `rank` in cell `cell`, from its own stream. The draw order is
// part of the reproducibility contract: size class, employees, capital bracket, then the
// capabilities in kCapabilityNames order.
void draw_firm(const World& world, const Laws& laws, const rng::ReplicateStreams& streams,
               std::uint32_t cell, std::uint32_t rank, std::uint32_t f, Population& pop,
               const std::array<double, kCapabilities>* profile) {
  rng::Stream s = streams(rng::Mechanism::population, rank, cell);
  const std::uint32_t k = pick(laws.class_cdf, s.uniform());
  const SizeClass& sc = world.size_classes[k];
  const double e = std::floor(std::exp(laws.log_lo[k] + s.uniform() * laws.log_width[k]));
  const double clamped = std::fmin(std::fmax(e, sc.min_employees), sc.max_employees);
  pop.size_class[f] = static_cast<std::uint8_t>(k);
  pop.employees[f] = static_cast<std::uint16_t>(clamped);
  pop.capital_bracket[f] = static_cast<std::uint8_t>(pick(laws.capital_cdf[k], s.uniform()));
  const auto& mean =
      profile != nullptr ? *profile : world.industries[pop.industry[f]].capability_mean;
  for (std::size_t d = 0; d < kCapabilities; ++d)
    pop.capability[f][d] = capability_draw(s, mean[d]);
}

}  // namespace

Population synthesize_population(const World& world, const rng::ReplicateStreams& streams) {
  const std::size_t total = check_world(world);
  const std::size_t np = world.prefectures.size();
  const std::size_t ni = world.industries.size();
  const Laws laws = prepare_laws(world);

  Population pop;
  pop.prefecture.resize(total);
  pop.industry.resize(total);
  pop.employees.resize(total);
  pop.size_class.resize(total);
  pop.capital_bracket.resize(total);
  pop.capability.resize(total);
  pop.cell_begin.assign(np * ni + 1, 0);
  pop.by_industry.assign(ni, {});

  std::uint32_t firm = 0;
  for (std::size_t p = 0; p < np; ++p) {
    for (std::size_t i = 0; i < ni; ++i) {
      pop.cell_begin[p * ni + i] = firm;
      const auto end = firm + static_cast<std::uint32_t>(world.firm_counts[p][i]);
      std::fill(pop.prefecture.begin() + firm, pop.prefecture.begin() + end,
                static_cast<std::uint16_t>(p));
      std::fill(pop.industry.begin() + firm, pop.industry.begin() + end,
                static_cast<std::uint16_t>(i));
      firm = end;
    }
  }
  pop.cell_begin[np * ni] = firm;

  // Each firm has its own stream, so its draws do not depend on other cells. The loop is
  // serial: runs are parallel over replicates, and a nested parallel loop would only add
  // scheduling noise to a ~15 ms step.
  // Out-of-region groups fill their industry's cell of the last prefecture in file order.
  pop.external.assign(total, 0);
  std::vector<int> group_of(total, -1);
  pop.n_regional = firm;
  pop.n_regional_prefectures = static_cast<std::uint32_t>(np);
  if (world.external_prefecture >= 0) {
    const auto xp = static_cast<std::size_t>(world.external_prefecture);
    if (xp + 1 != np) fail("the out-of-region prefecture must be the last");
    pop.n_regional = pop.cell_begin[xp * ni];
    pop.n_regional_prefectures = static_cast<std::uint32_t>(xp);
    std::vector<std::uint32_t> next(ni);
    for (std::size_t i = 0; i < ni; ++i) next[i] = pop.cell_begin[xp * ni + i];
    for (std::size_t gi = 0; gi < world.externals.size(); ++gi) {
      const ExternalGroup& xg = world.externals[gi];
      const auto i = static_cast<std::size_t>(xg.industry);
      if (i >= ni) fail("external group '" + xg.id + "' has an unknown industry");
      for (std::int64_t k = 0; k < xg.count; ++k) {
        const std::uint32_t f = next[i]++;
        if (f >= pop.cell_begin[xp * ni + i + 1])
          fail("external groups exceed their cells' firm counts");
        group_of[f] = static_cast<int>(gi);
      }
    }
    for (std::size_t i = 0; i < ni; ++i) {
      if (next[i] != pop.cell_begin[xp * ni + i + 1])
        fail("external groups do not fill their cells' firm counts");
    }
  }

  std::uint32_t cell = 0;
  for (std::uint32_t f = 0; f < firm; ++f) {
    while (f >= pop.cell_begin[cell + 1]) ++cell;
    const ExternalGroup* xg =
        group_of[f] >= 0 ? &world.externals[static_cast<std::size_t>(group_of[f])] : nullptr;
    draw_firm(world, laws, streams, cell, f - pop.cell_begin[cell], f, pop,
              xg != nullptr && xg->has_capabilities ? &xg->capability_mean : nullptr);
    if (xg != nullptr) {
      // An external agent's size is its group's: the draws above are made all the same, so
      // the stream's use does not depend on the group.
      pop.employees[f] = static_cast<std::uint16_t>(std::clamp(xg->employees, 1, 65535));
      unsigned flags = external_agent;
      if (xg->national_network) flags |= external_national_network;
      if (xg->large) flags |= external_large;
      if (xg->university) flags |= external_university;
      pop.external[f] = static_cast<std::uint8_t>(flags);
      (xg->university ? pop.external_universities : pop.external_firms).push_back(f);
    }
  }

  for (std::size_t i = 0; i < ni; ++i) {
    std::size_t n = 0;
    for (std::size_t p = 0; p < np; ++p) n += static_cast<std::size_t>(world.firm_counts[p][i]);
    pop.by_industry[i].reserve(n);
  }
  for (std::uint32_t f = 0; f < firm; ++f) pop.by_industry[pop.industry[f]].push_back(f);
  pop.industry_rank.assign(ni * (np + 1), 0);
  for (std::size_t i = 0; i < ni; ++i) {
    std::uint32_t rank = 0;
    for (std::size_t p = 0; p < np; ++p) {
      pop.industry_rank[i * (np + 1) + p] = rank;
      rank += static_cast<std::uint32_t>(world.firm_counts[p][i]);
    }
    pop.industry_rank[i * (np + 1) + np] = rank;
  }
  return pop;
}

std::uint32_t Population::industry_member(std::uint32_t ind, std::uint32_t k) const {
  const std::uint32_t np = n_prefectures();
  const auto* rank = industry_rank.data() + static_cast<std::size_t>(ind) * (np + 1);
  // The prefecture whose range [rank[p], rank[p + 1]) holds k (empty ranges are skipped).
  const auto p = static_cast<std::uint32_t>(std::upper_bound(rank, rank + np + 1, k) - rank) - 1;
  const std::size_t ni = by_industry.size();
  return cell_begin[p * ni + ind] + (k - rank[p]);
}

}  // namespace renkei
