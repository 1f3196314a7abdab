// Run-count control: the METRIC=H option, the paired half-width stopping rule (a pure
// function of per-replicate values), ensembles run in rounds (identical to one round), the
// writer's replicate dimension that grows with the runs, and parameter draws in the engine.
#include "engine/ensemble.hpp"
#include "engine/run_control.hpp"
#include "engine_fixtures.hpp"
#include "io/h5_layout.hpp"
#include "io/h5_reader.hpp"
#include "io/result_writer.hpp"
#include "model/model.hpp"
#include "model/series.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameter_draws.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

using namespace renkei;
using namespace renkei::engine_test;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_same_runs(const CaptureWriter& a, const CaptureWriter& b) {
  REQUIRE(a.runs.size() == b.runs.size());
  for (std::size_t k = 0; k < a.runs.size(); ++k) {
    CHECK(a.runs[k].scenario == b.runs[k].scenario);
    CHECK(a.runs[k].replicate == b.runs[k].replicate);
    CHECK(same_bits(a.runs[k].series, b.runs[k].series));
    CHECK(same_bits(a.runs[k].finals, b.runs[k].finals));
  }
}

}  // namespace

TEST_CASE("run control: METRIC=H is parsed and bad values are refused with the fix", "[runctl]") {
  const HalfWidthTarget t = parse_half_width_target("certifications_end=2.5");
  CHECK(t.metric == "certifications_end");
  CHECK(t.final_index == static_cast<std::size_t>(F::certifications_end));
  CHECK(t.half_width == 2.5);
  CHECK_THROWS_WITH(parse_half_width_target("foo"), Catch::Contains("has no '='"));
  CHECK_THROWS_WITH(parse_half_width_target("certifications_edn=2"),
                    Catch::Contains("unknown final metric 'certifications_edn'") &&
                        Catch::Contains("did you mean 'certifications_end'?"));
  CHECK_THROWS_WITH(parse_half_width_target("certifications_end=0"),
                    Catch::Contains("must be > 0"));
  CHECK_THROWS_WITH(parse_half_width_target("certifications_end=-1"),
                    Catch::Contains("must be > 0"));
  CHECK_THROWS_WITH(parse_half_width_target("certifications_end=two"),
                    Catch::Contains("'two' is not a number"));
  CHECK_THROWS_WITH(parse_half_width_target("certifications_end="),
                    Catch::Contains("is not a number"));
}

TEST_CASE("run control: the paired half-width is t * sd(d) / sqrt(n) over usable pairs",
          "[runctl]") {
  // d = 1, 2, 3, 4: sd = sqrt(5/3), n = 4, t_{0.975, 3} = 3.182446305284263 (tables), so the
  // half-width is 3.182446305284263 * sqrt(5/3) / 2 = 2.054260256760879.
  const std::vector<double> base{10, 10, 10, 10, 10};
  const std::vector<double> policy{11, 12, 13, 14, 10};
  std::vector<double> with_nan = policy;
  with_nan[4] = kNaN;  // a failed run: its pair is left out
  CHECK(paired_half_width(with_nan, base, 0.95) == Approx(2.054260256760879).epsilon(1e-12));
  // The same differences with a common shift in both scenarios: only d matters.
  CHECK(paired_half_width({111, 112, 113, 114}, {100, 100, 100, 100}, 0.95) ==
        Approx(2.054260256760879).epsilon(1e-12));
  // Fewer than two pairs: no interval yet.
  CHECK(std::isinf(paired_half_width({1.0, kNaN}, {0.0, 0.0}, 0.95)));
  // Identical values in both scenarios: a zero-width interval.
  CHECK(paired_half_width({3, 5, 8}, {3, 5, 8}, 0.95) == 0.0);
  CHECK_THROWS_AS(paired_half_width({1, 2}, {1}, 0.95), std::invalid_argument);
}

TEST_CASE("run control: the rule stops when the widest policy interval is narrow enough",
          "[runctl]") {
  // Scenario 1 (baseline) first in the list is not required: baseline index 1 here.
  const std::vector<double> base{10, 10, 10, 10};
  const std::vector<double> narrow{11, 11.1, 10.9, 11};  // small spread of d
  const std::vector<double> wide{11, 12, 13, 14};        // half-width 2.054 (previous test)
  const std::vector<std::vector<double>> values{narrow, base, wide};
  const double wide_hw = 2.054260256760879;

  HalfWidthCheck c = check_half_widths(values, 1, 0.95, 2.0);
  CHECK(std::isnan(c.half_width[1]));
  CHECK(c.half_width[0] < 0.2);
  REQUIRE(c.widest.has_value());
  CHECK(*c.widest == 2);
  CHECK(c.largest == Approx(wide_hw).epsilon(1e-12));
  CHECK_FALSE(c.met);  // 2.054 > 2
  c = check_half_widths(values, 1, 0.95, 2.1);
  CHECK(c.met);
  // A lower confidence level narrows the interval: t_{0.95, 3} = 2.353363434801823.
  c = check_half_widths(values, 1, 0.90, 2.0);
  CHECK(c.largest == Approx(2.353363434801823 * std::sqrt(5.0 / 3.0) / 2.0).epsilon(1e-12));
  CHECK(c.met);
  // One replicate only: never met.
  CHECK_FALSE(check_half_widths({{1.0}, {2.0}}, 0, 0.95, 1e9).met);
  CHECK_THROWS_AS(check_half_widths({base}, 0, 0.95, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(check_half_widths(values, 3, 0.95, 1.0), std::invalid_argument);
}

TEST_CASE("run control: rounds grow by the batch up to the cap", "[runctl]") {
  CHECK(next_replicate_target(0, 10, 35) == 10);
  CHECK(next_replicate_target(30, 10, 35) == 35);
  CHECK(next_replicate_target(35, 10, 35) == 35);
  CHECK(next_replicate_target(0, 100, 5) == 5);
  CHECK_THROWS_AS(next_replicate_target(0, 0, 5), std::invalid_argument);
}

TEST_CASE("ensemble in rounds: the same runs and summaries as one round", "[runctl][engine]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml")),
                                    load_scenario(engine_data("tiny_push.toml"))};
  EnsembleOptions opt;
  opt.threads = 2;
  opt.replicates = 5;
  opt.seed = 17;
  CaptureWriter once;
  run_ensemble(sc, opt, &once);

  CaptureWriter rounds;
  std::vector<std::uint32_t> seen;  // the on_run hook sees every run in replicate-major order
  opt.on_run = [&](const RunResult& r) { seen.push_back(r.replicate * 2 + r.scenario); };
  Ensemble e(sc, opt, &rounds);
  e.run_to(2);
  CHECK(e.replicates_done() == 2);
  CHECK(rounds.runs.size() == 4);
  e.run_to(2);  // nothing to add
  e.run_to(5);
  CHECK(e.replicates_done() == 5);
  const EnsembleReport report = e.finish();
  CHECK(report.runs == 10);
  check_same_runs(once, rounds);
  for (std::uint32_t k = 0; k < seen.size(); ++k) CHECK(seen[k] == k);
  REQUIRE(rounds.summaries.size() == 2);
  for (std::size_t s = 0; s < 2; ++s) {
    CHECK(same_bits(rounds.summaries[s].series_mean, once.summaries[s].series_mean));
    CHECK(same_bits(rounds.summaries[s].series_quantile, once.summaries[s].series_quantile));
    CHECK(same_bits(rounds.summaries[s].final_sd, once.summaries[s].final_sd));
  }
  CHECK_THROWS_AS(e.finish(), std::logic_error);
  CHECK_THROWS_AS(e.run_to(6), std::logic_error);
}

TEST_CASE("ensemble with parameter draws: replicate r of every scenario runs draw r mod D",
          "[runctl][draws][engine]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml")),
                                    load_scenario(engine_data("tiny_push.toml"))};
  // Draw 0 repeats the scenario's own value, draw 1 moves it far: replicates 0 and 2 must
  // equal a run with fixed parameters, replicate 1 must not.
  const double base = sc[0].params.formation_intercept;
  REQUIRE(sc[1].params.formation_intercept == base);
  char text[96];
  std::snprintf(text, sizeof text, "formation.intercept\n%.17g\n%.17g\n", base, base + 3.0);
  const ParameterDraws draws = parse_parameter_draws(text, "x.csv");
  REQUIRE(draws.values[0] == base);  // 17 significant digits round-trip a double

  EnsembleOptions opt;
  opt.threads = 2;
  opt.replicates = 3;
  opt.seed = 5;
  CaptureWriter fixed;
  run_ensemble(sc, opt, &fixed);
  opt.parameter_draws = &draws;
  CaptureWriter warm;
  run_ensemble(sc, opt, &warm);
  opt.warm_start = false;
  CaptureWriter cold;
  run_ensemble(sc, opt, &cold);

  // Warm start branches within a replicate, so it gives the same runs under draws.
  check_same_runs(warm, cold);
  REQUIRE(warm.runs.size() == 6);
  for (std::size_t k = 0; k < 6; ++k) {
    const auto r = warm.runs[k].replicate;
    CHECK(warm.runs[k].ok);
    INFO("run " << k << " (replicate " << r << ")");
    if (r == 1)
      CHECK_FALSE(same_bits(warm.runs[k].series, fixed.runs[k].series));
    else
      CHECK(same_bits(warm.runs[k].series, fixed.runs[k].series));
  }
  // The drawn run equals a direct run of the scenario with that value.
  Scenario moved = sc[0];
  moved.params.formation_intercept = base + 3.0;
  CHECK(same_bits(run_replicate(moved, 0, 5, 1).finals, warm.runs[2].finals));
}

TEST_CASE("HDF5 writer: the replicate dimension grows with the runs and ends at the study's count",
          "[runctl][io]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("renkei-runctl-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "grow.h5").string();
  constexpr int kSteps = 4;
  StudyHeader h;
  h.scenario_names = {"a", "b"};
  h.replicates = 100;  // the cap; only 21 replicates arrive and set_replicates says so
  h.steps = kSteps;
  h.start = Date{2005, 4, 1};
  h.parameter_draws = 4;
  h.attributes = {{"replicates", "100"}};
  {
    auto w = make_hdf5_writer(path, false, h);
    for (std::uint32_t r = 0; r < 21; ++r)
      for (std::uint32_t s = 0; s < 2; ++s) {
        RunResult run;
        run.scenario = s;
        run.replicate = r;
        run.steps = kSteps;
        run.series.assign(kSeriesCount * kSteps, static_cast<double>(r));
        run.finals.assign(kFinalCount, static_cast<double>(10 * r + s));
        w->write_run(run);
      }
    CHECK_THROWS_WITH(w->set_replicates(20),
                      Catch::Contains("between 21 (the replicates written) and 100"));
    CHECK_THROWS_AS(w->set_replicates(101), std::invalid_argument);
    w->set_replicates(21);
    w->set_attribute("replicates", "21");
    w->set_attribute(std::string(kRunControlAttribute), "rule: met at 21 replicates");
    w->commit();
  }
  {
    const H5Reader in(path);
    const auto reps = in.read_numeric("replicate");
    REQUIRE(reps.values.size() == 21);
    for (std::size_t r = 0; r < 21; ++r) CHECK(reps.values[r] == static_cast<double>(r));
    const auto fin = in.read_numeric("final_certifications_end");
    CHECK(fin.shape == std::vector<std::size_t>{2, 21});
    CHECK(fin.at({1, 20}) == 201.0);
    CHECK(in.read_numeric("collab_share").shape == std::vector<std::size_t>{2, 21, kSteps});
    CHECK(in.read_numeric("run_ok").shape == std::vector<std::size_t>{2, 21});
    const auto draw = in.read_numeric(std::string(kParameterDrawVariable));
    REQUIRE(draw.values.size() == 21);
    for (std::size_t r = 0; r < 21; ++r) CHECK(draw.values[r] == static_cast<double>(r % 4));
    CHECK(in.global_attribute("replicates") == "21");
    CHECK(in.global_attribute(std::string(kRunControlAttribute)) == "rule: met at 21 replicates");
  }
  fs::remove_all(dir);
}

TEST_CASE("HDF5 writer: without set_replicates the study keeps the header's count",
          "[runctl][io]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("renkei-runctl-plan-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "plan.h5").string();
  StudyHeader h;
  h.scenario_names = {"a"};
  h.replicates = 5;  // planned; only replicates 0 and 1 arrive
  h.steps = 3;
  h.start = Date{2005, 4, 1};
  {
    auto w = make_hdf5_writer(path, false, h);
    for (std::uint32_t r = 0; r < 2; ++r) {
      RunResult run;
      run.scenario = 0;
      run.replicate = r;
      run.steps = 3;
      run.series.assign(kSeriesCount * 3, 1.0);
      run.finals.assign(kFinalCount, 2.0);
      w->write_run(run);
    }
    w->commit();
  }
  {
    const H5Reader in(path);
    CHECK(in.read_numeric("replicate").values == std::vector<double>{0, 1, 2, 3, 4});
    CHECK(in.read_numeric("run_ok").values == std::vector<double>{1, 1, 0, 0, 0});
    const auto fin = in.read_numeric("final_firms");
    CHECK(fin.at({0, 1}) == 2.0);
    CHECK(std::isnan(fin.at({0, 4})));
    CHECK_FALSE(in.has_variable(std::string(kParameterDrawVariable)));
  }
  fs::remove_all(dir);
}
