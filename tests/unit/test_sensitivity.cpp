// Sensitivity estimators against functions with known indices (Ishigami for Sobol, linear
// functions for Morris), their handling of failed runs, and the reading and SALib export of a
// sweep result file.
#include "io/h5_reader.hpp"
#include "io/sweep_writer.hpp"
#include "sensitivity/bootstrap.hpp"
#include "sensitivity/morris_effects.hpp"
#include "sensitivity/salib_export.hpp"
#include "sensitivity/sobol_indices.hpp"
#include "sensitivity/sweep_data.hpp"
#include "sweep/design_generate.hpp"
#include "sweep/design_text.hpp"
#include "sweep_fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using namespace renkei;
using namespace renkei::sweep_test;
using namespace renkei::sensitivity;

double ishigami(const std::vector<double>& x) {
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
         b * std::pow(x[2], 4) * std::sin(x[0]);
}

// Ishigami (a = 7, b = 0.1) on [-pi, pi]^3; the keys only name the columns.
Design ishigami_design(std::size_t n, std::uint64_t seed) {
  Design d;
  d.kind = DesignKind::saltelli;
  const double pi = std::numbers::pi;
  for (const char* key :
       {"population.open_size_elasticity", "population.activity_size_elasticity", "trust.gain"}) {
    SweepFactor f;
    f.key = key;
    f.min = -pi;
    f.max = pi;
    d.factors.push_back(f);
  }
  generate_design(d, n, seed);
  return d;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("Sobol indices recover the Ishigami function's analytic values", "[sensitivity]") {
  // Analytic indices for a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al. 2008, 4.7).
  const double s1_true[] = {0.3139, 0.4424, 0.0};
  const double st_true[] = {0.5576, 0.4424, 0.2437};
  const std::size_t n = 4096;
  const Design d = ishigami_design(n, 2024);
  std::vector<double> y;
  for (const auto& x : d.points) y.push_back(ishigami(x));
  BootstrapOptions boot;
  boot.resamples = 300;
  boot.seed = 5;
  const SobolIndices s = sobol_indices(y, 3, false, boot);
  CHECK(s.base_samples == n);
  CHECK(s.dropped == 0);
  // The estimators are averages over N independent base samples, so they are close to normal
  // with standard deviation estimated by the bootstrap SE (300 resamples: the SE itself is
  // known to about 1 / sqrt(2 * 300) = 4 %). Within 4 SE fails with probability 6.3e-5 per
  // index; the 0.05 cap keeps the check meaningful should an SE come out large, and the SE
  // bound checks that the estimator's precision is that of N = 4096 (SALib's table shows SEs
  // of 0.01-0.03 at N = 1024, halving at four times N).
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor " << i << ": S1 " << s.s1[i].value << " +/- " << s.s1[i].se << ", ST "
                   << s.st[i].value << " +/- " << s.st[i].se);
    CHECK(std::fabs(s.s1[i].value - s1_true[i]) < 4.0 * s.s1[i].se);
    CHECK(std::fabs(s.st[i].value - st_true[i]) < 4.0 * s.st[i].se);
    CHECK(std::fabs(s.s1[i].value - s1_true[i]) < 0.05);
    CHECK(std::fabs(s.st[i].value - st_true[i]) < 0.05);
    CHECK(s.s1[i].se < 0.025);
    CHECK(s.st[i].se < 0.025);
    CHECK(s.s1[i].lo < s.s1[i].value);
    CHECK(s.s1[i].hi - s.s1[i].value == Approx(normal_quantile(0.975) * s.s1[i].se));
  }
  // Analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.845.
  CHECK(s.variance == Approx(13.845).epsilon(0.05));
}

TEST_CASE("Sobol bootstrap: seeded, and a failed base sample is left out whole", "[sensitivity]") {
  const Design d = ishigami_design(256, 1);
  std::vector<double> y;
  for (const auto& x : d.points) y.push_back(ishigami(x));
  BootstrapOptions boot;
  boot.resamples = 100;
  boot.seed = 9;
  const SobolIndices a = sobol_indices(y, 3, false, boot);
  const SobolIndices b = sobol_indices(y, 3, false, boot);
  boot.seed = 10;
  const SobolIndices c = sobol_indices(y, 3, false, boot);
  CHECK(a.s1[0].se == b.s1[0].se);
  CHECK(a.s1[0].se != c.s1[0].se);
  CHECK(a.s1[0].value == c.s1[0].value);  // the point estimate does not depend on the bootstrap

  // Base sample 3's AB_2 row failed: the estimate equals the one from the other 255 samples.
  std::vector<double> failed = y;
  failed[3 * 5 + 2] = std::numeric_limits<double>::quiet_NaN();
  const SobolIndices f = sobol_indices(failed, 3, false, boot);
  CHECK(f.dropped == 1);
  CHECK(f.base_samples == 255);
  std::vector<double> without(y.begin(), y.begin() + 15);
  without.insert(without.end(), y.begin() + 20, y.end());
  boot.resamples = 0;
  const SobolIndices w = sobol_indices(without, 3, false, boot);
  CHECK(f.s1[1].value == Approx(w.s1[1].value).epsilon(1e-12));
  CHECK(f.st[2].value == Approx(w.st[2].value).epsilon(1e-12));
  CHECK(std::isnan(w.s1[0].se));

  CHECK_THROWS_AS(sobol_indices(std::vector<double>(7, 1.0), 3, false, boot),
                  std::invalid_argument);
}

TEST_CASE("Morris: linear function, mu* = |c_i| x range exactly, non-influential factor 0",
          "[sensitivity]") {
  Design d;
  d.kind = DesignKind::morris;
  d.morris_levels = 4;
  d.factors = {factor("trust.gain", 0.05, 0.2), factor("trust.loss", 0.2, 0.5),
               factor("program.consult_rate", 0.1, 0.9), factor("population.open_share", 0.3, 0.7),
               factor("information.pull_rate", 0.001, 0.1, true)};
  generate_design(d, 20, 3);
  // y = 3 x1 - 2 x2 + 0.5 x3 + 0 x4 + 4 ln x5: every effect of factor i is c_i times its range
  // (for the log factor, 4 ln(max / min)), whatever the trajectory.
  const std::vector<double> c = {3.0, -2.0, 0.5, 0.0};
  std::vector<double> y;
  for (const auto& x : d.points)
    y.push_back(c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + c[3] * x[3] + 4.0 * std::log(x[4]));
  BootstrapOptions boot;
  boot.resamples = 50;
  const MorrisEffects m = morris_effects(d, y, boot);
  CHECK(m.trajectories == 20);
  const std::vector<double> expect = {3.0 * 0.15, -2.0 * 0.3, 0.5 * 0.8, 0.0,
                                      4.0 * std::log(100.0)};
  for (std::size_t i = 0; i < expect.size(); ++i) {
    INFO("factor " << i);
    CHECK(m.mu[i] == Approx(expect[i]).margin(1e-9));
    CHECK(m.mu_star[i].value == Approx(std::fabs(expect[i])).margin(1e-9));
    CHECK(m.sigma[i] == Approx(0.0).margin(1e-9));
    CHECK(m.mu_star[i].se == Approx(0.0).margin(1e-9));
  }
  // Ranking by mu*: log factor, x2, x1, x3, x4.
  CHECK(m.mu_star[4].value > m.mu_star[1].value);
  CHECK(m.mu_star[1].value > m.mu_star[0].value);
  CHECK(m.mu_star[0].value > m.mu_star[2].value);
  CHECK(m.mu_star[2].value > m.mu_star[3].value);
}

TEST_CASE(
    "Morris: interactions give sigma > 0; failed trajectories are dropped; bad designs refused",
    "[sensitivity]") {
  Design d;
  d.kind = DesignKind::morris;
  d.morris_levels = 4;
  d.factors = {factor("trust.gain", 0.0, 1.0), factor("trust.loss", 0.0, 1.0)};
  generate_design(d, 30, 8);
  // y = x1 x2: the effect of x1 is x2 (Delta = 2/3: levels 0, 1/3, 2/3, 1), so it varies with
  // the trajectory: sigma > 0 and mu* = mu = the mean x2 seen at x1's step, within [0, 1].
  std::vector<double> y;
  for (const auto& x : d.points) y.push_back(x[0] * x[1]);
  y[4] = std::numeric_limits<double>::quiet_NaN();  // trajectory 1 (points 3-5)
  BootstrapOptions boot;
  boot.resamples = 200;
  const MorrisEffects m = morris_effects(d, y, boot);
  CHECK(m.dropped == 1);
  CHECK(m.trajectories == 29);
  CHECK(m.sigma[0] > 0.1);
  CHECK(m.mu_star[0].value == Approx(m.mu[0]));
  CHECK(m.mu_star[0].value > 0.0);
  CHECK(m.mu_star[0].value < 1.0);
  CHECK(m.mu_star[0].lo < m.mu_star[0].value);
  CHECK(m.mu_star[0].hi > m.mu_star[0].value);

  Design grid = d;
  grid.points[1] = grid.points[0];  // a step that moves nothing
  CHECK_THROWS_AS(morris_effects(grid, y, boot), std::invalid_argument);
  CHECK_THROWS_AS(morris_effects(d, std::vector<double>(5, 0.0), boot), std::invalid_argument);
}

TEST_CASE("Point values: mean over finished replicates, or one replicate", "[sensitivity]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // 2 scenarios x 2 points x 3 replicates.
  const std::vector<double> finals = {1, 2, 3, 4, nan, 6, 10, 20, 30, 40, 50, 60};
  const std::vector<double> ok = {1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0};
  const auto s0 = point_values(finals, ok, 0, 2, 3, std::nullopt);
  CHECK(s0[0] == Approx(2.0));
  CHECK(s0[1] == Approx(5.0));
  const auto s1 = point_values(finals, ok, 1, 2, 3, std::nullopt);
  CHECK(s1[0] == Approx(20.0));
  CHECK(std::isnan(s1[1]));
  const auto r1 = point_values(finals, ok, 0, 2, 3, std::size_t{1});
  CHECK(r1[0] == 2.0);
  CHECK(std::isnan(r1[1]));
  CHECK(normal_quantile(0.975) == Approx(1.959964).epsilon(1e-6));

  // Effects against scenario 0, paired by replicate, only where both runs finished.
  // Point 0: replicates 0 and 2 usable in both (10-1, 30-3) -> 18; point 1: scenario 1 has none.
  const auto e = point_values(finals, ok, 1, 2, 3, std::nullopt, std::size_t{0});
  CHECK(e[0] == Approx(18.0));
  CHECK(std::isnan(e[1]));
  const auto e2 = point_values(finals, ok, 1, 2, 3, std::size_t{2}, std::size_t{0});
  CHECK(e2[0] == 27.0);
  // Against itself every effect is 0 where runs finished.
  const auto self = point_values(finals, ok, 0, 2, 3, std::nullopt, std::size_t{0});
  CHECK(self[0] == 0.0);
  CHECK(self[1] == 0.0);
}

TEST_CASE("Sweep result: read back, analysed and exported for SALib", "[sensitivity]") {
  const std::string dir =
      std::filesystem::temp_directory_path() / ("renkei_sensitivity_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string sweep_toml =
      "[sweep]\nname = \"ish\"\nscenarios = [\"a.toml\"]\nreplicates = 2\noutputs = "
      "[\"certifications_end\"]\n"
      "[design]\nkind = \"saltelli\"\nsamples = 64\nseed = 3\n"
      "[[parameter]]\nkey = \"trust.gain\"\nmin = 0.1\nmax = 0.9\n"
      "[[parameter]]\nkey = \"information.pull_rate\"\nmin = 0.001\nmax = 0.1\ndistribution = "
      "\"log_uniform\"\n";
  const Sweep sweep = parse_sweep_text(sweep_toml, "ish.toml", false);
  SweepTable t;
  t.scenario_names = {"baseline"};
  t.scenario_toml = {""};
  t.factor_names = {"trust.gain", "information.pull_rate"};
  t.design = sweep.design.points;
  t.point_group = sweep.design.point_group;
  t.replicates = 2;
  const std::size_t P = t.design.size();
  t.finals.assign(kFinalCount * P * 2, 0.0);
  t.run_ok.assign(P * 2, 1);
  t.run_error.assign(P * 2, "");
  // certifications_end = 10 x1 + replicate noise of +/- 1 (mean over replicates: 10 x1).
  const std::size_t cert = static_cast<std::size_t>(F::certifications_end);
  for (std::size_t p = 0; p < P; ++p) {
    t.finals[(cert * P + p) * 2] = 10.0 * t.design[p][0] + 1.0;
    t.finals[(cert * P + p) * 2 + 1] = 10.0 * t.design[p][0] - 1.0;
  }
  t.attributes = {{"renkei_version", "test"},
                  {"design_kind", "saltelli"},
                  {"design_base_samples", "64"},
                  {"design_morris_levels", "0"},
                  {"design_second_order", "0"},
                  {"sweep_name", "ish"},
                  {"sweep_toml", sweep_toml},
                  {"seed", "0"},
                  {"replicates", "2"}};
  const std::string file = dir + "/sweep.h5";
  write_sweep_file(file, true, t);

  const H5Reader in(file);
  const SweepData d = read_sweep_data(in);
  CHECK(d.design.kind == DesignKind::saltelli);
  CHECK(d.design.base_samples == 64);
  CHECK(d.replicates == 2);
  REQUIRE(d.design.factors.size() == 2);
  CHECK(d.design.factors[1].log_scale);
  CHECK(d.design.factors[1].min == 0.001);
  CHECK(d.sweep_outputs == std::vector<std::string>{"certifications_end"});
  const auto y = read_point_values(in, d, "certifications_end", 0, std::nullopt);
  REQUIRE(y.size() == P);
  CHECK(y[5] == Approx(10.0 * t.design[5][0]));
  BootstrapOptions boot;
  boot.resamples = 0;
  const SobolIndices s = sobol_indices(y, 2, false, boot);
  // y depends on x1 alone and additively: S1 = ST = 1 for it and 0 for the other. The S1
  // estimator's error on a purely additive function is exactly 0 for ST of the inert factor
  // (A and AB_2 give equal outputs) and sampling noise for S1 (64 samples: SE ~ 0.1).
  CHECK(s.st[1].value == 0.0);
  CHECK(s.st[0].value == Approx(1.0).margin(0.3));

  export_salib(dir + "/salib", d.design, {{"certifications_end", y}});
  const std::string problem = slurp(dir + "/salib/problem.json");
  CHECK(problem.find("\"num_vars\": 2") != std::string::npos);
  CHECK(problem.find("\"names\": [\"trust.gain\", \"information.pull_rate\"]") !=
        std::string::npos);
  CHECK(problem.find("[0.10000000000000001, 0.90000000000000002]") != std::string::npos);
  std::istringstream x(slurp(dir + "/salib/X.txt"));
  std::string line;
  std::size_t rows = 0;
  while (std::getline(x, line)) {
    std::istringstream cells(line);
    double a = 0, b = 0;
    REQUIRE(static_cast<bool>(cells >> a >> b));
    CHECK(a == t.design[rows][0]);  // %.17g round-trips
    CHECK(b == t.design[rows][1]);
    ++rows;
  }
  CHECK(rows == P);
  std::istringstream yin(slurp(dir + "/salib/Y_certifications_end.txt"));
  std::size_t ys = 0;
  while (std::getline(yin, line)) {
    CHECK(std::stod(line) == y[ys]);
    ++ys;
  }
  CHECK(ys == P);

  // A run result that is not a sweep result is refused by name.
  SweepTable other = t;
  other.attributes = {{"renkei_version", "test"}};
  write_sweep_file(dir + "/plain.h5", true, other);
  const H5Reader plain(dir + "/plain.h5");
  const auto marker_ok = [&] {
    try {
      (void)read_sweep_data(plain);
    } catch (const std::runtime_error& e) {
      return std::string(e.what()).find("no global attribute 'sweep_name'") != std::string::npos;
    }
    return false;
  };
  CHECK(marker_ok());
  std::filesystem::remove_all(dir);
}
