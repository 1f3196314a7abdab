// The ensemble runner: results independent of thread count and task timing, delivered in
// replicate-major order, aggregated correctly; common random numbers across scenarios.
#include "engine/ensemble.hpp"
#include "engine_fixtures.hpp"
#include "model/model.hpp"
#include "scenario/loader.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace renkei;
using namespace renkei::engine_test;

CaptureWriter run_with(const std::vector<Scenario>& sc, int threads, int replicates) {
  EnsembleOptions opt;
  opt.threads = threads;
  opt.replicates = replicates;
  opt.seed = 99;
  CaptureWriter w;
  run_ensemble(sc, opt, &w);
  return w;
}

}  // namespace

TEST_CASE("ensemble: bit-identical results for 1, 2 and 3 threads", "[engine][parallel]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml")),
                                    load_scenario(engine_data("tiny_push.toml"))};
  const auto one = run_with(sc, 1, 5);
  for (int threads : {2, 3}) {
    const auto many = run_with(sc, threads, 5);
    REQUIRE(many.runs.size() == one.runs.size());
    for (std::size_t k = 0; k < one.runs.size(); ++k) {
      CHECK(many.runs[k].scenario == one.runs[k].scenario);
      CHECK(many.runs[k].replicate == one.runs[k].replicate);
      CHECK(same_bits(many.runs[k].series, one.runs[k].series));
      CHECK(same_bits(many.runs[k].finals, one.runs[k].finals));
    }
    REQUIRE(many.summaries.size() == 2);
    for (std::size_t s = 0; s < 2; ++s) {
      CHECK(same_bits(many.summaries[s].series_mean, one.summaries[s].series_mean));
      CHECK(same_bits(many.summaries[s].series_sd, one.summaries[s].series_sd));
      CHECK(same_bits(many.summaries[s].series_quantile, one.summaries[s].series_quantile));
      CHECK(same_bits(many.summaries[s].final_quantile, one.summaries[s].final_quantile));
    }
  }
}

TEST_CASE("ensemble: runs arrive in replicate-major order and match single runs",
          "[engine][parallel]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml")),
                                    load_scenario(engine_data("tiny_push.toml"))};
  const auto w = run_with(sc, 2, 3);
  REQUIRE(w.runs.size() == 6);
  for (std::size_t k = 0; k < w.runs.size(); ++k) {
    CHECK(w.runs[k].scenario == k % 2);
    CHECK(w.runs[k].replicate == k / 2);
    CHECK(w.runs[k].ok);
  }
  // A run made outside the runner with the same (seed, replicate) is the same run.
  const RunResult direct = run_replicate(sc[1], 1, 99, 2);
  CHECK(same_bits(direct.series, w.runs[5].series));
}

TEST_CASE("ensemble: summary mean and sd equal the direct computation", "[engine]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml"))};
  const auto w = run_with(sc, 1, 4);
  const auto& sum = w.summaries.at(0);
  CHECK(sum.runs_ok == 4);
  const std::size_t n = w.runs[0].series.size();
  for (std::size_t i = 0; i < n; i += 97) {
    // Undefined values (NaN, e.g. mean trust with no collaboration) are left out.
    double mean = 0, count = 0;
    for (const auto& r : w.runs) {
      if (!std::isnan(r.series[i])) {
        mean += r.series[i];
        count += 1;
      }
    }
    if (count < 2) continue;
    mean /= count;
    double ss = 0;
    for (const auto& r : w.runs)
      if (!std::isnan(r.series[i])) ss += (r.series[i] - mean) * (r.series[i] - mean);
    CHECK(sum.series_mean[i] == Approx(mean).margin(1e-12));
    if (ss > 0) CHECK(sum.series_sd[i] == Approx(std::sqrt(ss / (count - 1))).epsilon(1e-9));
  }
}

TEST_CASE("common random numbers: a policy does not shift unrelated draws", "[engine][crn]") {
  const Scenario base = load_scenario(engine_data("tiny.toml"));
  const Scenario push = load_scenario(engine_data("tiny_push.toml"));
  const int policy_step = base.calendar().step_of(Date{2005, 7, 1});
  for (std::uint32_t r = 0; r < 3; ++r) {
    const RunResult a = run_replicate(base, 0, 5, r);
    const RunResult b = run_replicate(push, 1, 5, r);
    // Before the policy starts, the two scenarios are the same history.
    // (NaN marks an undefined value, e.g. an SD over fewer than two reviews: equal to itself here.)
    auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    for (std::size_t s = 0; s < kSeriesCount; ++s)
      for (int t = 0; t < policy_step; ++t)
        REQUIRE(same(a.at(static_cast<S>(s), t), b.at(static_cast<S>(s), t)));
    // Push delivery acts on information only: while no certification feeds back into
    // meetings, collaboration dynamics are identical draw for draw.
    if (a.final(F::certifications_end) == 0 && b.final(F::certifications_end) == 0) {
      for (int t = 0; t < a.steps; ++t) {
        CHECK(a.at(S::collab_share, t) == b.at(S::collab_share, t));
        CHECK(a.at(S::meetings, t) == b.at(S::meetings, t));
      }
    }
    CHECK(b.final(F::aware_share_end) > a.final(F::aware_share_end));
  }
}

TEST_CASE("ensemble: bad options are rejected", "[engine]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml"))};
  EnsembleOptions opt;
  opt.threads = 0;
  CHECK_THROWS_AS(run_ensemble(sc, opt, nullptr), std::invalid_argument);
  CHECK_THROWS_AS(run_ensemble({}, EnsembleOptions{}, nullptr), std::invalid_argument);
}

TEST_CASE(
    "warm start: branching from a shared history gives the same runs as running each scenario",
    "[engine][parallel][warm]") {
  const std::vector<Scenario> sc = {load_scenario(engine_data("tiny.toml")),
                                    load_scenario(engine_data("tiny_other.toml")),
                                    load_scenario(engine_data("tiny_push.toml"))};
  EnsembleOptions opt;
  opt.threads = 2;
  opt.replicates = 3;
  opt.seed = 11;
  opt.warm_start = true;
  CaptureWriter warm;
  run_ensemble(sc, opt, &warm);
  opt.warm_start = false;
  CaptureWriter cold;
  run_ensemble(sc, opt, &cold);
  REQUIRE(warm.runs.size() == 9);
  REQUIRE(cold.runs.size() == 9);
  for (std::size_t k = 0; k < warm.runs.size(); ++k) {
    CHECK(warm.runs[k].ok);
    CHECK(warm.runs[k].scenario == cold.runs[k].scenario);
    CHECK(same_bits(warm.runs[k].series, cold.runs[k].series));
    CHECK(same_bits(warm.runs[k].finals, cold.runs[k].finals));
  }
}

TEST_CASE("warm start: a copied model continues exactly like the original", "[engine][warm]") {
  const Scenario base = load_scenario(engine_data("tiny.toml"));
  const Scenario push = load_scenario(engine_data("tiny_push.toml"));
  Model m(base, 3, 1);
  const int branch = base.calendar().step_of(Date{2005, 7, 1});
  while (m.current_step() < branch) m.step();
  Model copy = m;
  copy.rebind(push);
  const RunResult branched = copy.run(1);
  const RunResult direct = run_replicate(push, 1, 3, 1);
  CHECK(same_bits(branched.series, direct.series));
  CHECK(same_bits(branched.finals, direct.finals));
  // Too late to branch: the policy would have acted already.
  Model late(base, 3, 1);
  while (late.current_step() <= branch) late.step();
  CHECK_THROWS_AS(late.rebind(push), std::invalid_argument);
  // Different parameters cannot share a history.
  Model other(base, 3, 1);
  CHECK_THROWS_AS(other.rebind(load_scenario(engine_data("tiny_other.toml"))),
                  std::invalid_argument);
}
