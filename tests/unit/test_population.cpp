// Tests of the synthetic firm population: counts and ordering, the laws of size, employees,
// capital and capabilities, reproducibility and the independence of cells.
#include "world/population.hpp"

#include <tbb/task_arena.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace renkei;

namespace {

// A small world built by hand (independent of the world-file loader): 3 prefectures,
// 4 industries (one a service), 3 size classes and 3 capital brackets.
World test_world() {
  World w;
  w.name = "test";
  w.blocks = {{"b", "Block", 0}};
  w.prefectures = {{"p0", "P0", 0, {}}, {"p1", "P1", 0, {}}, {"p2", "P2", 0, {}}};
  w.industries = {
      {"food", "Food", false, {0.3, 0.6, 0.5, 0.35, 0.1}},
      {"machinery", "Machinery", false, {0.55, 0.65, 0.35, 0.45, 0.25}},
      {"edge", "Degenerate means", false, {0.0, 1.0, 0.5, 0.02, 0.98}},
      {"software", "Software", true, {0.65, 0.15, 0.4, 0.5, 0.3}},
  };
  w.firm_counts = {{9000, 6000, 500, 1500}, {4000, 0, 300, 700}, {12000, 8000, 200, 3000}};
  w.size_classes = {{4, 29, 0.6}, {30, 99, 0.3}, {100, 963, 0.1}};
  w.capital_brackets = {{10e6, "<= 10 M yen"}, {100e6, "<= 100 M yen"}, {1e12, "> 100 M yen"}};
  w.capital_given_size = {{0.7, 0.25, 0.05}, {0.3, 0.5, 0.2}, {0.1, 0.9, 0.0}};
  return w;
}

std::int64_t total(const World& w) {
  std::int64_t n = 0;
  for (const auto& row : w.firm_counts) {
    for (const auto c : row) n += c;
  }
  return n;
}

// Chi-squared statistic of observed counts against expected probabilities, over the
// categories with positive probability (those with zero probability are checked apart).
double chi_squared(const std::vector<double>& observed, const std::vector<double>& prob) {
  double n = 0.0;
  for (const double o : observed) n += o;
  double x2 = 0.0;
  for (std::size_t k = 0; k < prob.size(); ++k) {
    if (prob[k] <= 0.0) continue;
    const double e = n * prob[k];
    x2 += (observed[k] - e) * (observed[k] - e) / e;
  }
  return x2;
}

// Upper 1e-4 quantiles of the chi-squared law by degrees of freedom (scipy.stats.chi2.isf).
double chi2_critical(std::size_t df) {
  switch (df) {
    case 1: return 15.137;
    case 2: return 18.421;
    case 3: return 21.108;
    case 25: return 60.140;
    default: FAIL("no critical value tabulated for df " << df); return 0.0;
  }
}

}  // namespace

TEST_CASE("population: counts per cell equal the world's and firms are ordered by cell",
          "[population]") {
  const World w = test_world();
  const Population pop = synthesize_population(w, rng::ReplicateStreams(42, 0));
  const std::size_t ni = w.industries.size();
  REQUIRE(pop.size() == total(w));
  REQUIRE(pop.cell_begin.size() == w.prefectures.size() * ni + 1);
  CHECK(pop.cell_begin.front() == 0);
  CHECK(pop.cell_begin.back() == pop.size());
  for (std::size_t p = 0; p < w.prefectures.size(); ++p) {
    for (std::size_t i = 0; i < ni; ++i) {
      const std::size_t c = p * ni + i;
      REQUIRE(pop.cell_begin[c + 1] - pop.cell_begin[c] == w.firm_counts[p][i]);
      for (std::uint32_t f = pop.cell_begin[c]; f < pop.cell_begin[c + 1]; ++f) {
        REQUIRE(pop.prefecture[f] == p);
        REQUIRE(pop.industry[f] == i);
      }
    }
  }
  REQUIRE(pop.by_industry.size() == ni);
  std::size_t listed = 0;
  for (std::size_t i = 0; i < ni; ++i) {
    std::int64_t expected = 0;
    for (std::size_t p = 0; p < w.prefectures.size(); ++p) expected += w.firm_counts[p][i];
    CHECK(static_cast<std::int64_t>(pop.by_industry[i].size()) == expected);
    for (std::size_t k = 0; k < pop.by_industry[i].size(); ++k) {
      REQUIRE(pop.industry[pop.by_industry[i][k]] == i);
      if (k > 0) REQUIRE(pop.by_industry[i][k - 1] < pop.by_industry[i][k]);
    }
    listed += pop.by_industry[i].size();
  }
  CHECK(listed == pop.size());
}

TEST_CASE("population: size classes follow the class shares", "[population]") {
  const World w = test_world();
  const Population pop = synthesize_population(w, rng::ReplicateStreams(7, 0));
  std::vector<double> observed(w.size_classes.size(), 0.0);
  std::vector<double> prob;
  for (const auto& c : w.size_classes) prob.push_back(c.share);
  for (const auto k : pop.size_class) observed.at(k) += 1.0;
  // 45,200 firms, 3 classes: df = 2, critical value at alpha = 1e-4 is 18.421.
  CHECK(chi_squared(observed, prob) < chi2_critical(prob.size() - 1));
}

TEST_CASE("population: employees are log-uniform within their size class", "[population]") {
  const World w = test_world();
  const Population pop = synthesize_population(w, rng::ReplicateStreams(11, 3));
  const std::size_t nc = w.size_classes.size();
  std::vector<double> n(nc, 0.0);
  std::vector<double> sum_log(nc, 0.0);
  const SizeClass& small = w.size_classes[0];
  std::vector<double> small_counts(
      static_cast<std::size_t>(small.max_employees - small.min_employees + 1), 0.0);
  for (std::uint32_t f = 0; f < pop.size(); ++f) {
    const SizeClass& c = w.size_classes.at(pop.size_class[f]);
    REQUIRE(pop.employees[f] >= c.min_employees);
    REQUIRE(pop.employees[f] <= c.max_employees);
    n[pop.size_class[f]] += 1.0;
    sum_log[pop.size_class[f]] += std::log(static_cast<double>(pop.employees[f]));
    if (pop.size_class[f] == 0)
      small_counts[static_cast<std::size_t>(pop.employees[f] - small.min_employees)] += 1.0;
  }
  // The integer law: P(e) = log((e + 1) / e) / log((max + 1) / min) for min <= e <= max.
  auto law = [](const SizeClass& c) {
    std::vector<double> p;
    const double norm = std::log((c.max_employees + 1.0) / c.min_employees);
    for (int e = c.min_employees; e <= c.max_employees; ++e)
      p.push_back(std::log((e + 1.0) / e) / norm);
    return p;
  };
  for (std::size_t k = 0; k < nc; ++k) {
    const SizeClass& c = w.size_classes[k];
    const std::vector<double> p = law(c);
    double mean = 0.0;
    double second = 0.0;
    for (std::size_t j = 0; j < p.size(); ++j) {
      const double l = std::log(static_cast<double>(c.min_employees) + static_cast<double>(j));
      mean += p[j] * l;
      second += p[j] * l * l;
    }
    // Mean of log(employees) within 4 standard errors of its exact expectation
    // (two-sided probability of a false alarm about 6e-5 per class).
    const double se = std::sqrt((second - mean * mean) / n[k]);
    INFO("size class " << k << ": n = " << n[k]);
    REQUIRE(n[k] > 1000.0);
    CHECK(std::fabs(sum_log[k] / n[k] - mean) < 4.0 * se);
  }
  // The whole law of the 4-29 class (26 values, every expected count > 500): df = 25,
  // critical value at alpha = 1e-4 is 60.140.
  CHECK(chi_squared(small_counts, law(small)) < chi2_critical(small_counts.size() - 1));
}

TEST_CASE("population: capital brackets follow P(bracket | size class)", "[population]") {
  const World w = test_world();
  const Population pop = synthesize_population(w, rng::ReplicateStreams(13, 1));
  const std::size_t nc = w.size_classes.size();
  const std::size_t nb = w.capital_brackets.size();
  std::vector<std::vector<double>> observed(nc, std::vector<double>(nb, 0.0));
  for (std::uint32_t f = 0; f < pop.size(); ++f) {
    REQUIRE(pop.capital_bracket[f] < nb);
    observed[pop.size_class[f]][pop.capital_bracket[f]] += 1.0;
  }
  for (std::size_t k = 0; k < nc; ++k) {
    std::size_t positive = 0;
    for (std::size_t b = 0; b < nb; ++b) {
      if (w.capital_given_size[k][b] > 0.0) {
        ++positive;
      } else {
        CHECK(observed[k][b] == 0.0);  // an impossible bracket is never drawn
      }
    }
    // df = positive categories - 1; critical values at alpha = 1e-4 (1: 15.137, 2: 18.421).
    INFO("size class " << k);
    CHECK(chi_squared(observed[k], w.capital_given_size[k]) < chi2_critical(positive - 1));
  }
}

TEST_CASE("population: capability means match the industry profile", "[population]") {
  const World w = test_world();
  const Population pop = synthesize_population(w, rng::ReplicateStreams(17, 2));
  for (std::size_t i = 0; i < w.industries.size(); ++i) {
    const auto& ids = pop.by_industry[i];
    REQUIRE(ids.size() > 500);
    for (int d = 0; d < kCapabilities; ++d) {
      const auto dd = static_cast<std::size_t>(d);
      const double m = w.industries[i].capability_mean[dd];
      double sum = 0.0;
      double sum_sq = 0.0;
      for (const auto f : ids) {
        const double x = pop.capability[f][dd];
        REQUIRE(x >= 0.0);
        REQUIRE(x <= 1.0);
        sum += x;
        sum_sq += x * x;
      }
      const double n = static_cast<double>(ids.size());
      const double mean = sum / n;
      INFO(w.industries[i].id << " " << kCapabilityNames[dd] << ": mean " << mean << " vs " << m);
      if (m == 0.0 || m == 1.0) {
        CHECK(sum_sq - sum * mean == 0.0);  // a degenerate mean has no spread
        CHECK(mean == m);
        continue;
      }
      // Sample mean within 4 standard errors (sample SD / sqrt(n)) of the industry mean.
      const double var = (sum_sq - sum * mean) / (n - 1.0);
      REQUIRE(var > 0.0);
      CHECK(std::fabs(mean - m) < 4.0 * std::sqrt(var / n));
    }
  }
}

TEST_CASE("population: same seed and replicate give the same firms, others differ",
          "[population]") {
  const World w = test_world();
  const Population a = synthesize_population(w, rng::ReplicateStreams(99, 4));
  const Population b = synthesize_population(w, rng::ReplicateStreams(99, 4));
  const Population other_replicate = synthesize_population(w, rng::ReplicateStreams(99, 5));
  const Population other_seed = synthesize_population(w, rng::ReplicateStreams(100, 4));
  CHECK(a.employees == b.employees);
  CHECK(a.size_class == b.size_class);
  CHECK(a.capital_bracket == b.capital_bracket);
  CHECK(a.capability == b.capability);
  CHECK(a.employees != other_replicate.employees);
  CHECK(a.capability != other_replicate.capability);
  CHECK(a.employees != other_seed.employees);
  CHECK(a.capability != other_seed.capability);
}

TEST_CASE("population: the thread count does not change the firms", "[population]") {
  const World w = test_world();
  Population one;
  Population two;
  tbb::task_arena(1).execute([&] { one = synthesize_population(w, rng::ReplicateStreams(3, 1)); });
  tbb::task_arena(2).execute([&] { two = synthesize_population(w, rng::ReplicateStreams(3, 1)); });
  CHECK(one.employees == two.employees);
  CHECK(one.size_class == two.size_class);
  CHECK(one.capital_bracket == two.capital_bracket);
  CHECK(one.capability == two.capability);
}

TEST_CASE("population: a cell's firms do not depend on other cells' counts", "[population]") {
  World w = test_world();
  const Population before = synthesize_population(w, rng::ReplicateStreams(5, 0));
  w.firm_counts[0][1] += 37;    // an earlier cell grows: later firms shift in index only
  w.firm_counts[2][0] = 11000;  // a cell shrinks: its first 11,000 firms stay as they were
  const Population after = synthesize_population(w, rng::ReplicateStreams(5, 0));
  const std::size_t ni = w.industries.size();
  auto same_firm = [&](std::uint32_t f, std::uint32_t g) {
    return before.employees[f] == after.employees[g] &&
           before.size_class[f] == after.size_class[g] &&
           before.capital_bracket[f] == after.capital_bracket[g] &&
           before.capability[f] == after.capability[g];
  };
  for (std::size_t c = 0; c < w.prefectures.size() * ni; ++c) {
    const std::uint32_t n = std::min(before.cell_begin[c + 1] - before.cell_begin[c],
                                     after.cell_begin[c + 1] - after.cell_begin[c]);
    for (std::uint32_t r = 0; r < n; ++r) {
      INFO("cell " << c << " rank " << r);
      REQUIRE(same_firm(before.cell_begin[c] + r, after.cell_begin[c] + r));
    }
  }
  CHECK(after.size() == before.size() + 37 - 1000);
}

TEST_CASE("population: inconsistent worlds are rejected", "[population]") {
  const rng::ReplicateStreams streams(1, 0);
  World w = test_world();
  w.firm_counts.pop_back();
  CHECK_THROWS_AS(synthesize_population(w, streams), std::invalid_argument);
  w = test_world();
  w.capital_given_size[1].pop_back();
  CHECK_THROWS_AS(synthesize_population(w, streams), std::invalid_argument);
  w = test_world();
  w.industries[0].capability_mean[2] = std::nan("");
  CHECK_THROWS_AS(synthesize_population(w, streams), std::invalid_argument);
  w = test_world();
  w.firm_counts[1][2] = -1;
  CHECK_THROWS_AS(synthesize_population(w, streams), std::invalid_argument);
  w = test_world();
  w.size_classes[2].max_employees = 70000;
  CHECK_THROWS_AS(synthesize_population(w, streams), std::invalid_argument);
}

TEST_CASE("population: an empty world gives an empty population", "[population]") {
  World w = test_world();
  for (auto& row : w.firm_counts) {
    for (auto& c : row) c = 0;
  }
  const Population pop = synthesize_population(w, rng::ReplicateStreams(1, 0));
  CHECK(pop.size() == 0);
  CHECK(pop.cell_begin.size() == w.prefectures.size() * w.industries.size() + 1);
  CHECK(pop.cell_begin.back() == 0);
  CHECK(pop.by_industry.size() == w.industries.size());
}

TEST_CASE("population: industry ranks and members agree with the by_industry lists",
          "[population]") {
  // Partner choice finds an industry's prefecture ranges and k-th firm from the cell offsets;
  // they must be what the lists say, also when some cells (and whole prefectures) are empty.
  World w = test_world();
  const std::size_t ni = w.industries.size();
  for (int variant = 0; variant < 2; ++variant) {
    if (variant == 1) {
      w.firm_counts[0][0] = 0;
      w.firm_counts.back().assign(ni, 0);
    }
    const Population pop = synthesize_population(w, rng::ReplicateStreams(5, 0));
    const std::uint32_t np = pop.n_prefectures();
    REQUIRE(np == w.prefectures.size());
    for (std::uint32_t i = 0; i < ni; ++i) {
      const auto& list = pop.by_industry[i];
      REQUIRE(pop.industry_rank_of(i, np) == list.size());
      for (std::uint32_t p = 0; p < np; ++p) {
        const auto first = pop.cell_begin[p * ni + i];
        const auto pos = std::lower_bound(list.begin(), list.end(), first) - list.begin();
        CHECK(pop.industry_rank_of(i, p) == static_cast<std::uint32_t>(pos));
      }
      for (std::uint32_t k = 0; k < list.size(); ++k) REQUIRE(pop.industry_member(i, k) == list[k]);
    }
  }
}
