// Sweep designs: the structure of every kind, determinism, and the errors of bad sweep and
// design files.
#include "input/input_error.hpp"
#include "sweep/design.hpp"
#include "sweep/design_csv.hpp"
#include "sweep/design_generate.hpp"
#include "sweep/design_text.hpp"
#include "sweep_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace renkei;
using namespace renkei::sweep_test;

const std::string kSweeps = std::string(RENKEI_TEST_DATA) + "/sweeps/";

std::vector<InputError> errors_of(const std::string& file) {
  try {
    (void)load_sweep(kSweeps + file);
  } catch (const InputErrors& e) {
    return e.errors();
  }
  FAIL("expected InputErrors from " << file);
  return {};
}

// The error about `key`, checked to carry a position in `file_end`.
const InputError& error_for(const std::vector<InputError>& errors, const std::string& key,
                            const std::string& file_end) {
  for (const auto& e : errors) {
    if (e.key == key) {
      INFO(e.format());
      CHECK(e.file.size() >= file_end.size());
      CHECK(e.file.compare(e.file.size() - file_end.size(), file_end.size(), file_end) == 0);
      CHECK(e.line > 0);
      CHECK(e.column > 0);
      return e;
    }
  }
  std::string all;
  for (const auto& e : errors) all += e.format() + "\n";
  FAIL("no error for key '" << key << "' among:\n" << all);
  return errors.front();
}

}  // namespace

TEST_CASE("Latin hypercube: each of the n strata of each factor holds exactly one point",
          "[sweep]") {
  const std::size_t n = 37;
  const std::size_t k = 5;
  const UnitDesign d = latin_hypercube_unit(n, k, 42);
  REQUIRE(d.points.size() == n);
  for (std::size_t f = 0; f < k; ++f) {
    std::vector<int> count(n, 0);
    for (const auto& row : d.points) {
      REQUIRE(row[f] >= 0.0);
      REQUIRE(row[f] < 1.0);
      ++count[static_cast<std::size_t>(std::floor(row[f] * static_cast<double>(n)))];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  // Mapped to parameter values the strata are those of the range.
  Design design;
  design.kind = DesignKind::latin_hypercube;
  design.factors = {factor("trust.gain", 0.05, 0.2),
                    factor("information.pull_rate", 0.001, 0.1, true)};
  generate_design(design, n, 3);
  for (std::size_t f = 0; f < 2; ++f) {
    std::set<long> strata;
    for (const auto& row : design.points) {
      const double u = to_unit(design.factors[f], row[f]);
      strata.insert(static_cast<long>(std::floor(u * static_cast<double>(n) + 1e-9)));
    }
    CHECK(strata.size() == n);
  }
}

TEST_CASE("Grid: Cartesian product, last factor fastest", "[sweep]") {
  Design design;
  design.kind = DesignKind::grid;
  design.factors = {factor("trust.gain", 0.1, 0.3), factor("trust.loss", 0.1, 0.2),
                    factor("program.consult_rate", 0, 1)};
  design.factors[0].values = {0.1, 0.3};
  design.factors[1].values = {0.1, 0.15, 0.2};
  design.factors[2].values = {0.0, 0.25, 0.5, 1.0};
  generate_design(design, 0, 0);
  REQUIRE(design.points.size() == 2 * 3 * 4);
  std::size_t p = 0;
  for (double a : design.factors[0].values)
    for (double b : design.factors[1].values)
      for (double c : design.factors[2].values) {
        CHECK(design.points[p] == std::vector<double>{a, b, c});
        CHECK(design.point_group[p] == -1);
        ++p;
      }
}

TEST_CASE("Saltelli: N (k + 2) points in blocks A, AB_1..AB_k, B", "[sweep]") {
  const std::size_t n = 16;
  const std::size_t k = 4;
  for (bool second : {false, true}) {
    const UnitDesign d = saltelli_unit(n, k, second, 5);
    const std::size_t block = second ? 2 * k + 2 : k + 2;
    REQUIRE(d.points.size() == n * block);
    for (std::size_t j = 0; j < n; ++j) {
      const auto& a = d.points[j * block];
      const auto& b = d.points[j * block + block - 1];
      for (std::size_t r = 0; r < block; ++r)
        CHECK(d.groups[j * block + r] == static_cast<std::int32_t>(j));
      for (std::size_t i = 0; i < k; ++i) {
        CHECK(a[i] != b[i]);
        const auto& ab = d.points[j * block + 1 + i];
        for (std::size_t c = 0; c < k; ++c) CHECK(ab[c] == (c == i ? b[c] : a[c]));
        if (second) {
          const auto& ba = d.points[j * block + 1 + k + i];
          for (std::size_t c = 0; c < k; ++c) CHECK(ba[c] == (c == i ? a[c] : b[c]));
        }
      }
    }
  }
  CHECK(design_point_count(DesignKind::saltelli, k, n, false) == n * (k + 2));
}

TEST_CASE("Morris: each step changes one factor by Delta = p / (2 (p - 1)) of its range",
          "[sweep]") {
  for (int levels : {2, 4, 6}) {
    Design design;
    design.kind = DesignKind::morris;
    design.morris_levels = levels;
    design.factors = {factor("trust.gain", 0.05, 0.2), factor("trust.loss", 0.2, 0.5),
                      factor("program.consult_rate", 0.1, 0.9),
                      factor("information.pull_rate", 0.001, 0.1, true)};
    const std::size_t r = 12;
    const std::size_t k = design.factors.size();
    generate_design(design, r, 99);
    REQUIRE(design.points.size() == r * (k + 1));
    CHECK(design.base_samples == r);
    const double delta = static_cast<double>(levels) / (2.0 * (levels - 1));
    CHECK(morris_delta(levels) == Approx(delta));
    for (std::size_t t = 0; t < r; ++t) {
      std::set<std::size_t> moved;
      for (std::size_t s = 0; s < k; ++s) {
        const auto& x0 = design.points[t * (k + 1) + s];
        const auto& x1 = design.points[t * (k + 1) + s + 1];
        CHECK(design.point_group[t * (k + 1) + s] == static_cast<std::int32_t>(t));
        std::size_t changed = 0;
        for (std::size_t i = 0; i < k; ++i) {
          if (x0[i] == x1[i]) continue;
          ++changed;
          moved.insert(i);
          const SweepFactor& f = design.factors[i];
          if (f.log_scale)
            CHECK(std::fabs(std::log(x1[i] / x0[i])) == Approx(delta * std::log(f.max / f.min)));
          else
            CHECK(std::fabs(x1[i] - x0[i]) == Approx(delta * (f.max - f.min)));
        }
        CHECK(changed == 1);
      }
      CHECK(moved.size() == k);  // every factor moves once per trajectory
    }
  }
}

TEST_CASE("Designs: the same seed gives the same design, another seed another", "[sweep]") {
  for (DesignKind kind : {DesignKind::monte_carlo, DesignKind::latin_hypercube,
                          DesignKind::saltelli, DesignKind::morris}) {
    INFO(design_kind_name(kind));
    auto make = [&](std::uint64_t seed) {
      Design d;
      d.kind = kind;
      d.morris_levels = 4;
      d.factors = {factor("trust.gain", 0.05, 0.2), factor("trust.loss", 0.2, 0.5)};
      generate_design(d, 10, seed);
      return d;
    };
    const Design a = make(7), b = make(7), c = make(8);
    CHECK(a.points == b.points);
    CHECK(a.point_group == b.point_group);
    CHECK(a.points != c.points);
  }
  const Sweep s1 = load_sweep(kSweeps + "good_saltelli.toml");
  const Sweep s2 = load_sweep(kSweeps + "good_saltelli.toml");
  CHECK(s1.design.points == s2.design.points);
  CHECK(s1.sha256 == s2.sha256);
}

TEST_CASE("Sweep files: good files load with their designs", "[sweep]") {
  const Sweep s = load_sweep(kSweeps + "good_saltelli.toml");
  CHECK(s.name == "trust_sobol");
  CHECK(s.replicates == 2);
  CHECK(s.seed == 20050401u);
  CHECK(s.outputs == std::vector<std::string>{"certifications_end", "collab_share_end"});
  REQUIRE(s.scenario_paths.size() == 1);
  CHECK(s.scenario_paths[0].size() > 0);
  CHECK(s.scenario_paths[0].front() == '/');
  CHECK(s.design.kind == DesignKind::saltelli);
  CHECK(s.design.base_samples == 8);
  CHECK(s.design.points.size() == 8 * (3 + 2));
  CHECK(s.design.factors[2].log_scale);
  for (const auto& row : s.design.points) {
    CHECK(row[0] >= 0.05);
    CHECK(row[0] <= 0.2);
    CHECK(row[2] >= 0.001);
    CHECK(row[2] <= 0.01);
  }
  Params p;
  apply_point(s.design, 3, p);
  CHECK(p.trust_gain == s.design.points[3][0]);
  CHECK(p.information_pull_rate == s.design.points[3][2]);
  CHECK_THROWS_AS(apply_point(s.design, s.design.points.size(), p), std::out_of_range);

  const Sweep m = load_sweep(kSweeps + "good_morris.toml");
  CHECK(m.design.morris_levels == 4);
  CHECK(m.design.points.size() == 5 * 4);
  CHECK(m.replicates == 1);

  const Sweep g = load_sweep(kSweeps + "good_grid.toml");
  REQUIRE(g.design.points.size() == 9);
  CHECK(g.design.factors[1].values[0] == 0.001);
  CHECK(g.design.factors[1].values[1] == Approx(0.01));  // geometric mid-point of [0.001, 0.1]
  CHECK(g.design.factors[1].values[2] == 0.1);

  const Sweep l = load_sweep(kSweeps + "good_list.toml");
  REQUIRE(l.design.points.size() == 2);
  CHECK(l.design.points[1] == std::vector<double>{0.1, 8.0});
  apply_point(l.design, 1, p);
  CHECK(p.meetings_introduction_candidates == 8);

  const Sweep c = load_sweep(kSweeps + "good_csv.toml");
  REQUIRE(c.design.points.size() == 3);
  CHECK(c.design.factors[1].key == "trust.loss");
  CHECK(c.design.points[1] == std::vector<double>{0.15, 0.35});
}

TEST_CASE("Design CSV: a wrong header key is named with file, line, column and a did-you-mean",
          "[sweep]") {
  const auto errors = errors_of("bad_csv_header.toml");
  const InputError& e = error_for(errors, "trust.lose", "design_bad_header.csv");
  CHECK(e.line == 1);
  CHECK(e.column == 12);
  CHECK(e.hint.find("did you mean 'trust.loss'?") != std::string::npos);
  // The sweep file points at the design file too.
  error_for(errors, "design.file", "bad_csv_header.toml");
}

TEST_CASE("Design CSV: a non-numeric cell is named with its line and column", "[sweep]") {
  const auto errors = errors_of("bad_csv_cell.toml");
  const InputError& e = error_for(errors, "trust.loss", "design_bad_cell.csv");
  CHECK(e.line == 3);
  CHECK(e.column == 5);
  CHECK(e.message.find("'abc'") != std::string::npos);
  // Direct parsing: rows of the wrong width and values outside the schema bounds.
  try {
    (void)parse_design_csv("trust.gain,trust.loss\n0.1\n0.1,7\n", "inline.csv");
    FAIL("expected InputErrors");
  } catch (const InputErrors& ex) {
    REQUIRE(ex.errors().size() == 2);
    CHECK(ex.errors()[0].line == 2);
    CHECK(ex.errors()[0].message.find("1 cells") != std::string::npos);
    CHECK(ex.errors()[1].line == 3);
    CHECK(ex.errors()[1].column == 5);
    CHECK(ex.errors()[1].message.find("out of range") != std::string::npos);
  }
}

TEST_CASE("Sweep files: misspelt keys get did-you-mean at their position", "[sweep]") {
  const auto errors = errors_of("bad_misspelt_keys.toml");
  CHECK(error_for(errors, "sweep.replicate", "bad_misspelt_keys.toml").hint ==
        "did you mean 'sweep.replicates'?");
  CHECK(error_for(errors, "design.sample", "bad_misspelt_keys.toml").hint ==
        "did you mean 'design.samples'?");
  CHECK(error_for(errors, "parameter.key", "bad_misspelt_keys.toml").hint ==
        "did you mean 'trust.gain'?");
  const InputError& samples = error_for(errors, "design.samples", "bad_misspelt_keys.toml");
  CHECK(samples.message == "missing required key");
}

TEST_CASE("Sweep files: bad values are all reported at once", "[sweep]") {
  const auto errors = errors_of("bad_values.toml");
  const std::string f = "bad_values.toml";
  const InputError& scen = error_for(errors, "sweep.scenarios", f);
  CHECK(scen.message.find("no_such_scenario.toml") != std::string::npos);
  CHECK(scen.line == 3);
  CHECK(error_for(errors, "sweep.outputs", f).hint == "did you mean 'certifications_end'?");
  CHECK(error_for(errors, "design.levels", f).message == "Morris levels must be even");
  const InputError& bound = error_for(errors, "parameter.max", f);  // trust.gain max 1.5 > schema 1
  CHECK(bound.line == 14);
  CHECK(bound.message.find("out of range") != std::string::npos);
  bool min_max = false, log_zero = false;
  for (const auto& e : errors) {
    min_max = min_max || (e.key == "parameter.max" &&
                          e.message.find("is not above min") != std::string::npos && e.line == 19);
    log_zero = log_zero ||
               (e.key == "parameter.min" &&
                e.message.find("log_uniform needs min > 0") != std::string::npos && e.line == 23);
  }
  CHECK(min_max);
  CHECK(log_zero);
}

TEST_CASE("Sweep files: kind, list lengths, unused keys, syntax and missing sections", "[sweep]") {
  CHECK(error_for(errors_of("bad_kind.toml"), "design.kind", "bad_kind.toml")
            .hint.find("did you mean 'latin_hypercube'?") != std::string::npos);
  const auto list = errors_of("bad_list_lengths.toml");
  CHECK(error_for(list, "design.seed", "bad_list_lengths.toml").message ==
        "not used with kind = \"list\"");
  CHECK(error_for(list, "parameter.min", "bad_list_lengths.toml").message ==
        "not used with kind = \"list\"");
  CHECK(error_for(list, "parameter.values", "bad_list_lengths.toml")
            .message.find("has 2 values but trust.gain has 3") != std::string::npos);
  const auto syntax = errors_of("bad_syntax.toml");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].line > 0);
  CHECK(syntax[0].message.find("TOML syntax error") != std::string::npos);
  const auto missing = errors_of("bad_missing_sections.toml");
  CHECK(error_for(missing, "sweep", "bad_missing_sections.toml").message ==
        "missing [sweep] section");
  CHECK(error_for(missing, "design", "bad_missing_sections.toml").message ==
        "missing [design] section");
  try {
    (void)load_sweep(kSweeps + "no_such_file.toml");
    FAIL("expected InputErrors");
  } catch (const InputErrors& e) {
    CHECK(e.errors().front().message.find("cannot read sweep file") != std::string::npos);
  }
}

TEST_CASE("Sweep text: parsing without files keeps ranges for the analysis", "[sweep]") {
  const std::string text =
      "[sweep]\nname = \"x\"\nscenarios = [\"gone.toml\"]\n[design]\nkind = \"csv\"\nfile = "
      "\"gone.csv\"\n";
  const Sweep s = parse_sweep_text(text, "stored", false);
  CHECK(s.design.kind == DesignKind::csv);
  CHECK(s.design.points.empty());
  CHECK_THROWS_AS(parse_sweep_text(text, "stored", true), InputErrors);
  DesignKind k{};
  CHECK(parse_design_kind("morris", k));
  CHECK(k == DesignKind::morris);
  CHECK_FALSE(parse_design_kind("sobol", k));
  CHECK(design_kind_name(DesignKind::latin_hypercube) == "latin_hypercube");
}
