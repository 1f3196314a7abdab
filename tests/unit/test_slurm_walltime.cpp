// The walltime a generated Slurm script asks for: every form sbatch --time accepts is read
// as sbatch reads it ("2:00" is two minutes, "90" ninety minutes); anything else, and
// walltimes too short to stop cleanly, are refused with the forms to use. The stop signal's
// lead scales with short walltimes, and a failed merge can name the shards to resubmit.
#include "sweep/shard.hpp"
#include "sweep/slurm.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace renkei;

TEST_CASE("walltimes in every sbatch form are read as sbatch reads them", "[sweep][slurm]") {
  CHECK(parse_walltime("90") == 90 * 60);   // minutes
  CHECK(parse_walltime("2:00") == 2 * 60);  // minutes:seconds
  CHECK(parse_walltime("10:30") == 10 * 60 + 30);
  CHECK(parse_walltime("02:00:00") == 2 * 3600);  // hours:minutes:seconds
  CHECK(parse_walltime("1:30:00") == 90 * 60);
  CHECK(parse_walltime("9999:59:59") == 9999 * 3600 + 59 * 60 + 59);
  CHECK(parse_walltime("1-00:00:00") == 86400);                   // days-hours:minutes:seconds
  CHECK(parse_walltime("2-12") == 2 * 86400 + 12 * 3600);         // days-hours
  CHECK(parse_walltime("1-2:30") == 86400 + 2 * 3600 + 30 * 60);  // days-hours:minutes
  CHECK(parse_walltime("1:0:00") == 3600);
  for (const char* bad :
       {"", "2h", "1:61:00", "1:00:60", "1-", "-1:00:00", "12345678", "1-24:00:00", "1-2:3:4:5",
        "1234-01:00:00", "a:00:00", "1:00:00 ", "1:2:3:4", "1--1", ":30", "1:", "1-2-3"}) {
    INFO(bad);
    CHECK_THROWS_WITH(parse_walltime(bad),
                      Catch::Contains("MINUTES:SECONDS") && Catch::Contains("1-00:00:00"));
  }
}

TEST_CASE("walltimes too short to stop cleanly are refused, naming the minimum", "[sweep][slurm]") {
  for (const char* ok : {"5", "5:00", "0:05:00", "02:00:00", "1-00:00:00"})
    CHECK_NOTHROW(check_walltime(ok));
  for (const char* short_one : {"2:00", "4", "0:04:59", "00:00:00", "0"}) {
    INFO(short_one);
    CHECK_THROWS_WITH(check_walltime(short_one), Catch::Contains("at least 00:05:00"));
  }
}

TEST_CASE("the stop signal comes two minutes early, at most a tenth of the walltime",
          "[sweep][slurm]") {
  CHECK(signal_lead_seconds(300) == 30);
  CHECK(signal_lead_seconds(600) == 60);
  CHECK(signal_lead_seconds(1200) == 120);
  CHECK(signal_lead_seconds(86400) == 120);
  CHECK(format_walltime(300) == "00:05:00");
  CHECK(format_walltime(86400 + 3661) == "1-01:01:01");

  SlurmScriptOptions o;
  o.renkei = "/bin/renkei";
  o.sweep = "/s.toml";
  o.output = "/o.h5";
  o.job_name = "j";
  o.array = 4;
  o.time = "10";  // ten minutes
  const std::string script = slurm_script(o);
  CHECK_THAT(script, Catch::Contains("#SBATCH --time=00:10:00\n"));
  CHECK_THAT(script, Catch::Contains("#SBATCH --signal=B:TERM@60\n"));
  o.time = "2:00:00";
  CHECK_THAT(slurm_script(o), Catch::Contains("#SBATCH --signal=B:TERM@120\n"));
  o.time = "2:00";
  CHECK_THROWS_AS(slurm_script(o), std::invalid_argument);
}

TEST_CASE("the shards holding missing runs, as sbatch --array lists them", "[sweep][slurm]") {
  // 10 tasks in 4 shards: [0,3) [3,6) [6,8) [8,10).
  for (std::uint64_t i = 0; i < 4; ++i) {
    const TaskRange slice = shard_slice({i, 4}, 10);
    CHECK(shards_holding({slice}, 4, 10) == std::vector<std::uint64_t>{i});
  }
  CHECK(shards_holding({{2, 2}}, 4, 10) == std::vector<std::uint64_t>{0, 1});
  CHECK(shards_holding({{7, 1}, {9, 1}}, 4, 10) == std::vector<std::uint64_t>{2, 3});
  CHECK(shards_holding({{0, 10}}, 4, 10) == std::vector<std::uint64_t>{0, 1, 2, 3});
  CHECK(shards_holding({{5, 1}}, 10, 10) == std::vector<std::uint64_t>{5});
  CHECK(array_list({3, 5, 6, 7, 12}) == "3,5-7,12");
  CHECK(array_list({0}) == "0");
  CHECK(array_list({}).empty());
}
