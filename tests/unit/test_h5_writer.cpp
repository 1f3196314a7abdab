// The HDF5 result writer: round trip through the reader, netCDF/xarray readability, atomic
// creation and determinism.
#include "io/h5_layout.hpp"
#include "io/h5_reader.hpp"
#include "io/result_writer.hpp"
#include "model/series.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace renkei;

namespace {

// A directory of its own per test case: CTest runs test cases as parallel processes.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("renkei-h5-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a shell command with output to `log`; returns its exit status (-1 if it did not exit).
int run(const std::string& command, const std::string& log) {
  const int status = std::system((command + " > '" + log + "' 2>&1").c_str());
  return (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
}

constexpr int kScen = 2, kRep = 3, kSteps = 10;
const std::string kFailure = "boom: firm 7 has no industry";

// Values chosen to be exact in float32 (integers plus quarters, far below 2^24), so the
// stored float32 series compare equal to the doubles they came from.
double series_value(std::size_t s, std::size_t r, std::size_t k, std::size_t t) {
  return static_cast<double>(s * 1000 + r * 100 + k) + 0.25 * static_cast<double>(t);
}
double final_value(std::size_t s, std::size_t r, std::size_t f) {
  return static_cast<double>(s * 10 + r) + 0.5 * static_cast<double>(f);
}
double mean_value(std::size_t s, std::size_t k, std::size_t t) {
  return 0.1 * static_cast<double>(k) + static_cast<double>(t) + 0.5 * static_cast<double>(s);
}

StudyHeader small_header(int replicates = kRep, bool keep = true) {
  StudyHeader h;
  h.scenario_names = {"baseline", "partner service (拡充)"};
  h.scenario_descriptions = {"The program as it ran", "More partner introductions"};
  h.scenario_display_names_ja = {"", "連携先紹介"};  // English absent: both fall back to the name
  h.scenario_toml = {"name = \"baseline\"\n", "name = \"partner\"\nparent = \"baseline\"\n"};
  h.scenario_files = {"abc  scenarios/baseline.toml",
                      "def  scenarios/partner.toml\n"
                      "abc  scenarios/baseline.toml"};
  h.replicates = replicates;
  h.steps = kSteps;
  h.start = Date{2005, 4, 1};
  h.step_days = 7;
  h.keep_replicate_series = keep;
  h.quantiles = {0.05, 0.5, 0.95};
  h.attributes = {
      {"renkei_git_commit", "0123456789ab"}, {"seed", "42"}, {"created", "2024-01-01T00:00:00Z"}};
  return h;
}

RunResult make_run(std::size_t s, std::size_t r) {
  RunResult run;
  run.scenario = static_cast<std::uint32_t>(s);
  run.replicate = static_cast<std::uint32_t>(r);
  run.steps = kSteps;
  run.series.resize(kSeriesCount * kSteps);
  run.finals.resize(kFinalCount);
  for (std::size_t k = 0; k < kSeriesCount; ++k)
    for (std::size_t t = 0; t < kSteps; ++t)
      run.at(static_cast<S>(k), static_cast<int>(t)) = series_value(s, r, k, t);
  for (std::size_t f = 0; f < kFinalCount; ++f) run.final(static_cast<F>(f)) = final_value(s, r, f);
  return run;
}

ScenarioSummary make_summary(std::size_t s, std::size_t q) {
  ScenarioSummary sum;
  sum.scenario = static_cast<std::uint32_t>(s);
  sum.runs_ok = kRep - static_cast<int>(s);  // scenario 1 has one failed run
  for (std::size_t k = 0; k < kSeriesCount; ++k)
    for (std::size_t t = 0; t < kSteps; ++t) {
      sum.series_mean.push_back(mean_value(s, k, t));
      sum.series_sd.push_back(s == 0 ? 1.5 : std::numeric_limits<double>::quiet_NaN());
    }
  for (std::size_t i = 0; i < q; ++i)
    for (std::size_t k = 0; k < kSeriesCount; ++k)
      for (std::size_t t = 0; t < kSteps; ++t)
        sum.series_quantile.push_back(mean_value(s, k, t) + static_cast<double>(i));
  for (std::size_t f = 0; f < kFinalCount; ++f) {
    sum.final_mean.push_back(static_cast<double>(f) + 0.125 * static_cast<double>(s));
    sum.final_sd.push_back(2.0 * static_cast<double>(f));
  }
  for (std::size_t i = 0; i < q; ++i)
    for (std::size_t f = 0; f < kFinalCount; ++f)
      sum.final_quantile.push_back(static_cast<double>(100 * i + f));
  return sum;
}

// The whole small study: replicate 2 of scenario 1 fails.
void write_study(const std::string& path, bool force = false,
                 const StudyHeader& h = small_header()) {
  auto w = make_hdf5_writer(path, force, h);
  for (std::size_t s = 0; s < kScen; ++s) {
    for (std::size_t r = 0; r < kRep; ++r) {
      RunResult run = make_run(s, r);
      if (s == 1 && r == 2) {
        run = RunResult{};
        run.scenario = 1;
        run.replicate = 2;
        run.ok = false;
        run.error = kFailure;
      }
      w->write_run(run);
    }
    w->write_summary(make_summary(s, h.quantiles.size()));
  }
  w->commit();
}

bool same_or_both_nan(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("HDF5 writer: a small study reads back exactly", "[io]") {
  TempDir dir("roundtrip");
  const std::string path = dir.file("study.h5");
  write_study(path);
  CHECK(dir.entries() == std::vector<std::string>{"study.h5"});

  const H5Reader in(path);
  using Dims = std::vector<std::string>;
  using Shape = std::vector<std::size_t>;

  SECTION("dimensions and coordinates") {
    CHECK(in.read_strings("scenario") == small_header().scenario_names);
    const auto rep = in.read_numeric("replicate");
    CHECK(rep.dims == Dims{"replicate"});
    CHECK(rep.values == std::vector<double>{0, 1, 2});
    const auto time = in.read_numeric("time");
    CHECK(time.dims == Dims{"time"});
    REQUIRE(time.values.size() == kSteps);
    for (std::size_t t = 0; t < kSteps; ++t) CHECK(time.values[t] == 7.0 * static_cast<double>(t));
    CHECK(in.variable_attribute("time", "units") == "days since 2005-04-01");
    CHECK(in.variable_attribute("time", "calendar") == "proleptic_gregorian");
    CHECK(in.variable_attribute("time", "standard_name") == "time");
    CHECK(in.read_numeric("quantile").values == std::vector<double>{0.05, 0.5, 0.95});
  }

  SECTION("every declared variable is present with its dimensions and description") {
    const auto vars = in.variables();
    CHECK(vars.front() == "scenario");  // creation order is kept
    for (const auto& d : kSeriesDefs) {
      const std::string x(d.name);
      INFO(x);
      CHECK(in.dimensions(x) == Dims{"scenario", "replicate", "time"});
      CHECK(in.shape(x) == Shape{kScen, kRep, kSteps});
      CHECK(in.variable_attribute(x, "units") == d.unit);
      CHECK(in.variable_attribute(x, "long_name") == d.description);
      CHECK(in.dimensions(x + "_mean") == Dims{"scenario", "time"});
      CHECK(in.dimensions(x + "_sd") == Dims{"scenario", "time"});
      CHECK(in.dimensions(x + "_quantile") == Dims{"scenario", "quantile", "time"});
    }
    for (const auto& d : kFinalDefs) {
      const std::string y = "final_" + std::string(d.name);
      INFO(y);
      CHECK(in.dimensions(y) == Dims{"scenario", "replicate"});
      CHECK(in.dimensions(y + "_mean") == Dims{"scenario"});
      CHECK(in.dimensions(y + "_quantile") == Dims{"scenario", "quantile"});
      CHECK(in.variable_attribute(y, "units") == d.unit);
    }
    // Costs by policy: the policy slots (the base alone: the header's scenarios have no
    // TOML), their names and one variable per kind.
    CHECK(in.dimensions("policy_name") == Dims{"scenario", "policy"});
    for (const auto kind : kCostKindNames) {
      const std::string v = "policy_cost_" + std::string(kind) + "_by_policy";
      INFO(v);
      CHECK(in.dimensions(v) == Dims{"scenario", "replicate", "policy"});
      CHECK(in.shape(v) == Shape{kScen, kRep, 1});
      CHECK(in.variable_attribute(v, "units") == "yen");
    }
    // Four coordinates, four variables per series and per final, eight run/scenario records
    // (run_ok, run_error, runs_ok, scenario_description, scenario_toml, scenario_files,
    // display_name_en, display_name_ja), and the six of the costs by policy (policy,
    // policy_name, policy_cost_<kind>_by_policy).
    CHECK(vars.size() == 4 + 4 * kSeriesCount + 4 * kFinalCount + 8 + 6);
  }

  SECTION("replicate series, finals and run status") {
    for (std::size_t k = 0; k < kSeriesCount; ++k) {
      const auto x = in.read_numeric(std::string(kSeriesDefs[k].name));
      for (std::size_t s = 0; s < kScen; ++s)
        for (std::size_t r = 0; r < kRep; ++r)
          for (std::size_t t = 0; t < kSteps; ++t) {
            const double want = (s == 1 && r == 2) ? kNaN : series_value(s, r, k, t);
            if (!same_or_both_nan(x.at({s, r, t}), want)) {
              FAIL_CHECK(x.name << "[" << s << "," << r << "," << t << "] = " << x.at({s, r, t})
                                << ", expected " << want);
            }
          }
    }
    for (std::size_t f = 0; f < kFinalCount; ++f) {
      const auto y = in.read_numeric("final_" + std::string(kFinalDefs[f].name));
      for (std::size_t s = 0; s < kScen; ++s)
        for (std::size_t r = 0; r < kRep; ++r)
          CHECK(same_or_both_nan(y.at({s, r}), (s == 1 && r == 2) ? kNaN : final_value(s, r, f)));
    }
    CHECK(in.read_numeric("run_ok").values == std::vector<double>{1, 1, 1, 1, 1, 0});
    CHECK(in.read_strings("run_error") == std::vector<std::string>{"", "", "", "", "", kFailure});
  }

  SECTION("summaries") {
    for (std::size_t k = 0; k < kSeriesCount; ++k) {
      const std::string x(kSeriesDefs[k].name);
      const auto mean = in.read_numeric(x + "_mean");
      const auto sd = in.read_numeric(x + "_sd");
      const auto q = in.read_numeric(x + "_quantile");
      for (std::size_t s = 0; s < kScen; ++s)
        for (std::size_t t = 0; t < kSteps; ++t) {
          CHECK(mean.at({s, t}) == mean_value(s, k, t));
          CHECK(same_or_both_nan(sd.at({s, t}), s == 0 ? 1.5 : kNaN));
          for (std::size_t i = 0; i < 3; ++i)
            CHECK(q.at({s, i, t}) == mean_value(s, k, t) + static_cast<double>(i));
        }
    }
    for (std::size_t f = 0; f < kFinalCount; ++f) {
      const std::string y = "final_" + std::string(kFinalDefs[f].name);
      const auto mean = in.read_numeric(y + "_mean");
      const auto q = in.read_numeric(y + "_quantile");
      for (std::size_t s = 0; s < kScen; ++s) {
        CHECK(mean.at({s}) == static_cast<double>(f) + 0.125 * static_cast<double>(s));
        for (std::size_t i = 0; i < 3; ++i) CHECK(q.at({s, i}) == static_cast<double>(100 * i + f));
      }
      CHECK(in.read_numeric(y + "_sd").values ==
            std::vector<double>(kScen, 2.0 * static_cast<double>(f)));
    }
    CHECK(in.read_numeric("runs_ok").values == std::vector<double>{3, 2});
  }

  SECTION("scenario records and global attributes") {
    const auto h = small_header();
    CHECK(in.read_strings("scenario_description") == h.scenario_descriptions);
    CHECK(in.read_strings("display_name_en") == h.scenario_names);
    CHECK(in.read_strings("display_name_ja") == std::vector<std::string>{"baseline", "連携先紹介"});
    CHECK(in.read_strings("scenario_toml") == h.scenario_toml);
    CHECK(in.read_strings("scenario_files") == h.scenario_files);
    for (const auto& [name, value] : h.attributes) CHECK(in.global_attribute(name) == value);
    CHECK(in.global_attribute("Conventions") == "CF-1.8");
    CHECK_FALSE(in.global_attribute("title").empty());
    CHECK_FALSE(in.global_attribute(std::string(kMarkerAttribute)).empty());
    CHECK(in.global_attribute("hdf5_version").rfind("1.", 0) == 0);
    CHECK(in.global_attribute(std::string(kFormatAttribute)) == kStudyFormat);
    CHECK(in.kind() == ResultKind::study);
    const auto names = in.global_attribute_names();
    CHECK(names.front() == "Conventions");
    CHECK(names.size() == h.attributes.size() + 5);
  }
}

TEST_CASE("HDF5 writer: runs in any order and with gaps land in their cells", "[io]") {
  // 37 replicates: two full chunks of 16 and a partial one, sent in a fixed shuffled order,
  // with replicate 20 never sent (it must stay NaN / run_ok 0).
  TempDir dir("order");
  const std::string path = dir.file("shuffled.h5");
  constexpr int reps = 37;
  StudyHeader h = small_header(reps);
  std::vector<std::pair<std::size_t, std::size_t>> cells;
  for (std::size_t s = 0; s < kScen; ++s)
    for (std::size_t r = 0; r < reps; ++r)
      if (!(s == 1 && r == 20)) cells.emplace_back(s, r);
  std::mt19937 rng(12345);
  std::shuffle(cells.begin(), cells.end(), rng);
  {
    auto w = make_hdf5_writer(path, false, h);
    for (const auto& [s, r] : cells) w->write_run(make_run(s, r));
    w->commit();
  }
  const H5Reader in(path);
  const auto x = in.read_numeric("formations");
  const auto y = in.read_numeric("final_firms");
  const auto ok = in.read_numeric("run_ok");
  const std::size_t k = static_cast<std::size_t>(S::formations);
  const std::size_t f = static_cast<std::size_t>(F::firms);
  for (std::size_t s = 0; s < kScen; ++s)
    for (std::size_t r = 0; r < reps; ++r) {
      const bool sent = !(s == 1 && r == 20);
      CHECK(ok.at({s, r}) == (sent ? 1.0 : 0.0));
      CHECK(same_or_both_nan(y.at({s, r}), sent ? final_value(s, r, f) : kNaN));
      for (std::size_t t = 0; t < kSteps; ++t)
        if (!same_or_both_nan(x.at({s, r, t}), sent ? series_value(s, r, k, t) : kNaN))
          FAIL_CHECK("formations[" << s << "," << r << "," << t << "] = " << x.at({s, r, t}));
    }
  // Summaries never written stay NaN, and their sample size 0.
  CHECK(std::isnan(in.read_numeric("collab_share_mean").values.front()));
  CHECK(in.read_numeric("runs_ok").values == std::vector<double>{0, 0});
}

TEST_CASE("HDF5 writer: without replicate series only the summaries are written", "[io]") {
  TempDir dir("nokeep");
  const std::string path = dir.file("lean.h5");
  write_study(path, false, small_header(kRep, false));
  const H5Reader in(path);
  CHECK_FALSE(in.has_variable("collab_share"));
  CHECK(in.has_variable("collab_share_mean"));
  CHECK(in.has_variable("final_firms"));
  CHECK(in.read_numeric("collab_share_mean").at({1, 3}) == mean_value(1, 0, 3));
}

TEST_CASE("HDF5 writer: bad input is refused with a reason", "[io]") {
  TempDir dir("bad");
  const std::string path = dir.file("bad.h5");
  SECTION("header") {
    StudyHeader h = small_header();
    h.scenario_descriptions.pop_back();
    CHECK_THROWS_WITH(make_hdf5_writer(path, false, h),
                      Catch::Contains("scenario_descriptions has 1 entries for 2 scenarios"));
    h = small_header();
    h.attributes.emplace_back("seed", "43");
    CHECK_THROWS_WITH(make_hdf5_writer(path, false, h), Catch::Contains("'seed' given twice"));
    h = small_header();
    h.replicates = 0;
    CHECK_THROWS_WITH(make_hdf5_writer(path, false, h), Catch::Contains("replicates"));
  }
  SECTION("runs and summaries") {
    auto w = make_hdf5_writer(path, false, small_header());
    RunResult short_run = make_run(0, 0);
    short_run.series.pop_back();
    CHECK_THROWS_WITH(w->write_run(short_run), Catch::Contains("scenario 0, replicate 0"));
    CHECK_THROWS_AS(w->write_run(make_run(2, 0)), std::invalid_argument);
    w->write_run(make_run(0, 1));
    CHECK_THROWS_WITH(w->write_run(make_run(0, 1)), Catch::Contains("written twice"));
    ScenarioSummary sum = make_summary(0, 2);  // two quantiles for a study of three
    CHECK_THROWS_WITH(w->write_summary(sum), Catch::Contains("3 quantiles"));
  }
  // The writers above were dropped without commit: nothing is left behind.
  CHECK(dir.entries().empty());
}

TEST_CASE("HDF5 writer: atomic creation and --force", "[io]") {
  TempDir dir("atomic");
  const std::string path = dir.file("out.h5");
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());

  SECTION("nothing under the final name until commit, no temporary file after") {
    {
      auto w = make_hdf5_writer(path, false, small_header());
      w->write_run(make_run(0, 0));
      CHECK(fs::exists(temp));
      CHECK_FALSE(fs::exists(path));
    }
    CHECK(dir.entries().empty());
  }
  SECTION("an existing file is kept, byte for byte, without force") {
    { std::ofstream(path) << "an earlier study"; }
    try {
      make_hdf5_writer(path, false, small_header());
      FAIL("expected an error");
    } catch (const std::runtime_error& e) {
      CHECK_THAT(e.what(), Catch::Contains(path) && Catch::Contains("--force"));
    }
    CHECK(slurp(path) == "an earlier study");
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("force replaces the file at commit") {
    { std::ofstream(path) << "an earlier study"; }
    write_study(path, true);
    CHECK(H5Reader(path).read_numeric("runs_ok").values == std::vector<double>{3, 2});
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("a study that fails mid-way leaves the old file intact even with force") {
    write_study(path);
    const std::string before = slurp(path);
    {
      auto w = make_hdf5_writer(path, true, small_header());
      w->write_run(make_run(0, 0));
      CHECK(slurp(path) == before);
    }  // dropped without commit, as when an exception unwinds the engine
    CHECK(slurp(path) == before);
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("a missing directory is named") {
    const std::string nowhere = dir.file("missing/out.h5");
    CHECK_THROWS_WITH(make_hdf5_writer(nowhere, false, small_header()),
                      Catch::Contains(dir.file("missing")) && Catch::Contains("does not exist"));
  }
}

TEST_CASE("HDF5 writer: identical studies give identical files", "[io]") {
  TempDir dir("determinism");
  const std::string a = dir.file("a.h5"), b = dir.file("b.h5"), c = dir.file("c.h5"),
                    d = dir.file("d.h5");
  write_study(a);
  write_study(b);
  // Nothing in the file depends on the time of writing (object times are off).
  CHECK(slurp(a) == slurp(b));
  if (run("command -v h5diff", dir.file("which.log")) != 0) {
    WARN("h5diff (hdf5-tools) not found: skipping the h5diff comparisons");
    return;
  }
  const std::string log = dir.file("h5diff.log");
  // -c lists objects h5diff could not compare (it skips them silently otherwise).
  CHECK(run("h5diff -c '" + a + "' '" + b + "'", log) == 0);
  INFO(slurp(log));
  CHECK_THAT(slurp(log), !Catch::Contains("Not comparable"));

  // A header attribute (such as the creation time) is the only thing that may differ.
  StudyHeader later = small_header();
  later.attributes.back().second = "2024-06-30T23:59:59Z";
  write_study(d, false, later);
  CHECK(run("h5diff '" + a + "' '" + d + "'", log) == 1);
  CHECK(run("h5diff --exclude-attribute / '" + a + "' '" + d + "'", log) == 0);

  // A control that h5diff does see the data: one changed value makes it report a difference.
  {
    auto w = make_hdf5_writer(c, false, small_header());
    for (std::size_t s = 0; s < kScen; ++s)
      for (std::size_t r = 0; r < kRep; ++r) {
        RunResult run_result = make_run(s, r);
        if (s == 1 && r == 2) run_result.at(S::ties, 4) += 1.0;
        w->write_run(run_result);
      }
    w->commit();
  }
  CHECK(run("h5diff '" + a + "' '" + c + "' /ties /ties", log) == 1);
}

TEST_CASE("HDF5 writer: the file opens in xarray (both engines) and ncdump", "[io]") {
  TempDir dir("xarray");
  const std::string path = dir.file("study.h5");
  write_study(path);

  const std::string log = dir.file("ncdump.log");
  if (run("command -v ncdump", log) != 0) {
    WARN("ncdump (netcdf-bin) not found: skipping the ncdump check");
  } else {
    CHECK(run("ncdump -h '" + path + "'", log) == 0);
    const std::string header = slurp(log);
    INFO(header);
    CHECK_THAT(header, Catch::Contains("replicate = UNLIMITED ; // (3 currently)"));
    CHECK_THAT(header, Catch::Contains("time = 10 ;"));
    CHECK_THAT(header, Catch::Contains("float collab_share(scenario, replicate, time) ;"));
    CHECK_THAT(header, Catch::Contains("double final_firms_quantile(scenario, quantile) ;"));
    CHECK_THAT(header, Catch::Contains("time:units = \"days since 2005-04-01\" ;"));
  }

  const std::string py = "/usr/bin/python3";
  const std::string pylog = dir.file("python.log");
  if (!fs::exists(py) || run(py + " -c 'import xarray, h5netcdf, netCDF4, h5py'", pylog) != 0) {
    WARN("/usr/bin/python3 with xarray, h5netcdf, netCDF4 and h5py not found: skipping");
    return;
  }
  std::ostringstream cmd;
  cmd << py << " '" << RENKEI_TEST_DATA << "/xarray_check.py' '" << path << "' 2005-04-01 7";
  // collab_share (series 0) of scenario 1, replicate 1, step 3; the failed run is NaN.
  cmd << " --value collab_share 1,1,3 " << series_value(1, 1, 0, 3);
  cmd << " --value final_firms 1,2 nan";
  cmd << " --value final_firms 0,2 " << final_value(0, 2, static_cast<std::size_t>(F::firms));
  cmd << " --value ties_quantile 0,2,5 " << mean_value(0, static_cast<std::size_t>(S::ties), 5) + 2;
  cmd << " --value runs_ok 1 2";
  const int rc = run(cmd.str(), pylog);
  INFO(cmd.str() << "\n" << slurp(pylog));
  CHECK(rc == 0);
}

TEST_CASE("docs/output.md lists every series and final metric as declared", "[io]") {
  const std::string doc = slurp(std::string(RENKEI_SOURCE_DIR) + "/docs/output.md");
  REQUIRE_FALSE(doc.empty());
  auto row = [](const MetricDef& d) {
    return "| `" + std::string(d.name) + "` | " + std::string(d.unit) + " | " +
           std::string(d.description) + " |";
  };
  for (const auto& d : kSeriesDefs) CHECK_THAT(doc, Catch::Contains(row(d)));
  for (const auto& d : kFinalDefs) CHECK_THAT(doc, Catch::Contains(row(d)));
}

TEST_CASE("certifications by block: each scenario's blocks land in their columns, others stay NaN",
          "[io]") {
  // Two scenarios on different worlds: scenario 0 has blocks (a, b), scenario 1 (c, a). The
  // block dimension is the union (a, b, c); a failed run and a run without per-block counts
  // read NaN, as does a block outside the scenario's world.
  TempDir dir("blocks");
  StudyHeader h = small_header();
  h.block_ids = {"a", "b", "c"};
  h.scenario_block_columns = {{0, 1}, {2, 0}};
  h.block_dec_date = Date{2005, 12, 15};
  h.end_date = Date{2005, 6, 3};
  const std::string path = dir.file("blocks.h5");
  {
    auto w = make_hdf5_writer(path, false, h);
    for (std::size_t s = 0; s < kScen; ++s)
      for (std::size_t r = 0; r < kRep; ++r) {
        RunResult run = make_run(s, r);
        if (!(s == 1 && r == 2)) {
          run.certifications_by_block_dec = {double(10 * s + r), double(10 * s + r + 100)};
          run.certifications_by_block_end = {double(10 * s + r + 1000), double(10 * s + r + 1100)};
        }
        if (s == 1 && r == 1) {
          run.ok = false;
          run.error = kFailure;
        }
        w->write_run(run);
      }
    w->commit();
  }
  const H5Reader in(path);
  CHECK(in.read_strings("block") == std::vector<std::string>{"a", "b", "c"});
  CHECK(in.variable_attribute("certifications_by_block", "date") == "2005-12-15");
  CHECK(in.variable_attribute("certifications_by_block_end", "date") == "2005-06-03");
  CHECK(in.variable_attribute("certifications_by_block", "blocks") == "a,b,c");
  const auto dec = in.read_numeric("certifications_by_block");
  REQUIRE(dec.shape == std::vector<std::size_t>{kScen, kRep, 3});
  auto at = [&](const std::vector<double>& v, std::size_t s, std::size_t r, std::size_t b) {
    return v[(s * kRep + r) * 3 + b];
  };
  for (std::size_t r = 0; r < kRep; ++r) {
    CHECK(at(dec.values, 0, r, 0) == double(r));
    CHECK(at(dec.values, 0, r, 1) == double(r + 100));
    CHECK(std::isnan(at(dec.values, 0, r, 2)));
  }
  CHECK(at(dec.values, 1, 0, 2) == 10.0);   // scenario 1's first block is c
  CHECK(at(dec.values, 1, 0, 0) == 110.0);  // and its second is a
  CHECK(std::isnan(at(dec.values, 1, 0, 1)));
  for (std::size_t b = 0; b < 3; ++b) {
    CHECK(std::isnan(at(dec.values, 1, 1, b)));  // failed
    CHECK(std::isnan(at(dec.values, 1, 2, b)));  // no per-block counts
  }
  const auto end = in.read_numeric("certifications_by_block_end");
  CHECK(at(end.values, 0, 2, 1) == 1102.0);
}
