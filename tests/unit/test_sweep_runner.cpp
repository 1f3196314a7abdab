// The sweep runner: every task committed exactly once for any thread count, failures
// recorded without stopping the sweep, a stop commits finished prefixes that a resume
// completes to the same records, and sweep tasks are the model's own runs (common random
// numbers across points).
#include "model_fixtures.hpp"
#include "sweep/runner.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>

using namespace renkei;

namespace {

// A task whose record is a pure function of its index (and fails for multiples of 17).
TaskRecord fake_task(std::uint64_t t, const std::atomic<bool>&) {
  if (t % 17 == 16) throw std::runtime_error("boom at " + std::to_string(t));
  TaskRecord r;
  r.ok = true;
  for (std::size_t f = 0; f < kFinalCount; ++f) r.finals[f] = static_cast<double>(t * 100 + f);
  return r;
}

// Commits into a map task -> record, checking that no task is committed twice.
struct Sink {
  std::map<std::uint64_t, TaskRecord> records;
  std::vector<TaskRange> ranges;
  void operator()(const Chunk& c) {
    ranges.push_back(c.range());
    for (std::size_t i = 0; i < c.records.size(); ++i) {
      const bool fresh = records.emplace(c.first + i, c.records[i]).second;
      REQUIRE(fresh);
    }
  }
};

void check_fake_records(const Sink& sink, std::uint64_t total) {
  REQUIRE(sink.records.size() == total);
  for (const auto& [t, r] : sink.records) {
    if (t % 17 == 16) {
      CHECK_FALSE(r.ok);
      CHECK(r.error == "boom at " + std::to_string(t));
      CHECK(std::isnan(r.finals[0]));
    } else {
      CHECK(r.ok);
      CHECK(r.finals[kFinalCount - 1] == static_cast<double>(t * 100 + kFinalCount - 1));
    }
  }
}

}  // namespace

TEST_CASE("run_chunks commits every task once, whatever the thread count", "[sweep][runner]") {
  const std::uint64_t total = 103;
  for (const int threads : {1, 2, 4}) {
    ListSource source(split_ranges({{0, total}}, 4));
    Sink sink;
    RunnerOptions options;
    options.threads = threads;
    const RunnerReport report = run_chunks(source, fake_task, std::ref(sink), options);
    CHECK(report.done == total);
    CHECK(report.failed == total / 17);  // 16, 33, ..., 101: six failures
    CHECK_FALSE(report.stopped);
    check_fake_records(sink, total);
  }
}

TEST_CASE("a stop commits finished prefixes; a resume completes the same records",
          "[sweep][runner]") {
  const std::uint64_t total = 60;
  std::atomic<bool> stop{false};
  Sink first;
  {
    ListSource source(split_ranges({{0, total}}, 5));
    RunnerOptions options;
    options.threads = 2;
    options.stop = &stop;
    options.on_commit = [&](std::uint64_t done) {
      if (done >= 12) stop.store(true);
    };
    const TaskFn slow = [](std::uint64_t t, const std::atomic<bool>& s) {
      if (s.load()) throw TaskStopped{};
      return fake_task(t, s);
    };
    const RunnerReport report = run_chunks(source, slow, std::ref(first), options);
    CHECK(report.stopped);
    CHECK(report.done >= 12);
    CHECK(report.done < total);
  }
  // Each committed range starts where a chunk started: a prefix of that chunk.
  for (const TaskRange& r : first.ranges) CHECK(r.first % 5 == 0);
  Sink second;
  second.records = first.records;
  ListSource rest(split_ranges(missing_ranges(first.ranges, {0, total}), 3));
  RunnerOptions options;
  options.threads = 3;
  run_chunks(rest, fake_task, std::ref(second), options);
  check_fake_records(second, total);
}

TEST_CASE("a failing commit stops the runner and propagates", "[sweep][runner]") {
  ListSource source(split_ranges({{0, 40}}, 2));
  RunnerOptions options;
  options.threads = 2;
  int commits = 0;
  const auto failing = [&](const Chunk&) {
    if (++commits == 3) throw std::runtime_error("disk full");
  };
  CHECK_THROWS_WITH(run_chunks(source, fake_task, failing, options), "disk full");
  CHECK(commits == 3);
}

TEST_CASE("sweep tasks are model runs with the point's parameters and replicate streams",
          "[sweep][runner]") {
  SweepPlan plan;
  plan.scenarios.push_back(
      model_test::make_scenario(model_test::small_world(), 8, Date{2005, 9, 30}));
  plan.scenarios.back().name = "small";
  plan.sweep.replicates = 2;
  plan.sweep.seed = 99;
  SweepFactor factor;
  factor.key = "meetings.rate_personal";
  factor.param_index = *find_param(factor.key);
  plan.sweep.design.kind = DesignKind::list;
  plan.sweep.design.factors = {factor};
  // The third point lies outside the parameter's bounds [0, 5]: its runs must fail alone.
  plan.sweep.design.points = {{0.02}, {0.3}, {99.0}};
  plan.sweep.design.point_group = {-1, -1, -1};
  REQUIRE(plan.task_count() == 6);
  CHECK(plan.cell(3).point == 1);
  CHECK(plan.cell(3).replicate == 1);

  const std::atomic<bool> go{false};
  for (std::uint64_t t = 0; t < 4; ++t) {
    const auto c = plan.cell(t);
    Scenario expected = plan.scenarios[0];
    expected.params.meetings_rate_personal = plan.sweep.design.points[c.point][0];
    const RunResult reference = run_replicate(expected, 0, 99, c.replicate);
    const TaskRecord got = run_sweep_task(plan, t, go);
    REQUIRE(got.ok);
    // Bit for bit, NaN included (metrics undefined in a small world are NaN in both).
    for (std::size_t f = 0; f < kFinalCount; ++f)
      CHECK(std::bit_cast<std::uint64_t>(got.finals[f]) ==
            std::bit_cast<std::uint64_t>(reference.finals[f]));
  }
  CHECK_THROWS_WITH(run_sweep_task(plan, 4, go), Catch::Contains("outside its bounds"));

  // Through the runner: the failures are recorded and the sweep goes on.
  ListSource source(split_ranges({{0, 6}}, 1));
  Sink sink;
  RunnerOptions options;
  options.threads = 2;
  const RunnerReport report = run_chunks(
      source,
      [&](std::uint64_t t, const std::atomic<bool>& s) { return run_sweep_task(plan, t, s); },
      std::ref(sink), options);
  CHECK(report.done == 6);
  CHECK(report.failed == 2);
  CHECK_FALSE(sink.records.at(4).ok);
  CHECK_THAT(sink.records.at(5).error, Catch::Contains("meetings.rate_personal"));
  CHECK(sink.records.at(1).ok);

  // A stop request drops a run in progress.
  const std::atomic<bool> stopped{true};
  CHECK_THROWS_AS(run_sweep_task(plan, 0, stopped), TaskStopped);
}

TEST_CASE("the sweep identity changes with anything that changes results", "[sweep][runner]") {
  SweepPlan plan;
  plan.scenarios.push_back(model_test::make_scenario(model_test::small_world()));
  plan.sweep.replicates = 2;
  plan.sweep.design.points = {{0.1}};
  const std::string base = sweep_identity(plan);
  CHECK(sweep_identity(plan) == base);
  SweepPlan seed = plan;
  seed.sweep.seed = 1;
  CHECK(sweep_identity(seed) != base);
  SweepPlan point = plan;
  point.sweep.design.points[0][0] = std::nextafter(0.1, 1.0);
  CHECK(sweep_identity(point) != base);
  SweepPlan reps = plan;
  reps.sweep.replicates = 3;
  CHECK(sweep_identity(reps) != base);
}

TEST_CASE("chunk sizes balance load and bound lost work", "[sweep][runner]") {
  CHECK(chunk_size_for(10, 4) == 1);
  CHECK(chunk_size_for(6400, 4) == 64);
  CHECK(chunk_size_for(10'000'000, 1) == 64);
  CHECK(chunk_size_for(3200, 4) == 50);
}
