// The sweep's resume ledger: chunk encoding, atomic commits, what a resume sees after a torn
// or damaged file, the manifest check, range arithmetic and shard slices.
#include "sweep/ledger.hpp"
#include "sweep/shard.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

namespace fs = std::filesystem;
using namespace renkei;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("renkei-ledger-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string parts() const { return (path / "out.h5.parts").string(); }
};

TaskRecord record(std::uint64_t task) {
  TaskRecord r;
  r.ok = task % 5 != 3;
  for (std::size_t f = 0; f < r.finals.size(); ++f)
    r.finals[f] = r.ok ? static_cast<double>(task) * 10.0 + static_cast<double>(f) / 7.0
                       : std::numeric_limits<double>::quiet_NaN();
  if (!r.ok)
    r.error = "run " + std::to_string(task) + " failed: \xe6\x97\xa5\xe6\x9c\xac";  // UTF-8 kept
  return r;
}

Chunk chunk(std::uint64_t first, std::uint64_t count) {
  Chunk c;
  c.first = first;
  for (std::uint64_t t = first; t < first + count; ++t) c.records.push_back(record(t));
  return c;
}

void same_records(const Chunk& a, const Chunk& b) {
  REQUIRE(a.first == b.first);
  REQUIRE(a.records.size() == b.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    CHECK(a.records[i].ok == b.records[i].ok);
    CHECK(a.records[i].error == b.records[i].error);
    for (std::size_t f = 0; f < kFinalCount; ++f) {
      const double x = a.records[i].finals[f], y = b.records[i].finals[f];
      CHECK(((std::isnan(x) && std::isnan(y)) || x == y));
    }
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

}  // namespace

TEST_CASE("chunk files round-trip records, NaN and error text bit for bit", "[sweep][ledger]") {
  const Chunk c = chunk(1000, 12);
  same_records(decode_chunk(encode_chunk(c)), c);
  const Chunk empty = chunk(5, 0);
  CHECK(decode_chunk(encode_chunk(empty)).records.empty());
}

TEST_CASE("damaged chunk bytes are rejected, never half-read", "[sweep][ledger]") {
  const std::string bytes = encode_chunk(chunk(0, 4));
  SECTION("one flipped bit") {
    std::string bad = bytes;
    bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x10);
    CHECK_THROWS_WITH(decode_chunk(bad), Catch::Contains("checksum"));
  }
  SECTION("every truncation") {
    for (std::size_t n = 0; n < bytes.size(); n += 7)
      CHECK_THROWS(decode_chunk(bytes.substr(0, n)));
  }
  SECTION("another file") {
    CHECK_THROWS_WITH(decode_chunk("hello"), Catch::Contains("not a sweep chunk"));
  }
}

TEST_CASE("a commit leaves exactly the chunk under its final name", "[sweep][ledger]") {
  TempDir dir("commit");
  Ledger ledger(dir.parts(), "identity 1\n", 100);
  CHECK_FALSE(ledger.exists());
  ledger.open_or_create();
  CHECK(ledger.exists());
  ledger.commit(chunk(10, 5));
  ledger.commit(chunk(0, 10));
  const auto done = ledger.committed();
  REQUIRE(done.size() == 2);
  CHECK(done[0] == TaskRange{0, 10});  // sorted by first task
  CHECK(done[1] == TaskRange{10, 5});
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.parts())) {
    ++files;
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  }
  CHECK(files == 3);  // the manifest and two chunks
  CHECK(slurp(ledger.chunk_path({10, 5})) == encode_chunk(chunk(10, 5)));
  std::vector<Chunk> read;
  ledger.for_each_chunk([&](const Chunk& c) { read.push_back(c); });
  REQUIRE(read.size() == 2);
  same_records(read[0], chunk(0, 10));
  same_records(read[1], chunk(10, 5));
  CHECK_THROWS_AS(ledger.commit(chunk(98, 5)), std::logic_error);  // beyond the sweep
}

TEST_CASE("a resume ignores torn temporaries and damaged chunks", "[sweep][ledger]") {
  TempDir dir("torn");
  Ledger ledger(dir.parts(), "identity 1\n", 100);
  ledger.open_or_create();
  ledger.commit(chunk(0, 10));
  const std::string full = encode_chunk(chunk(10, 10));
  // A kill between write and rename leaves a temporary: half its bytes.
  spit((fs::path(dir.parts()) / (".tmp-4242-0-chunk-000000000010-10.bin")).string(),
       full.substr(0, full.size() / 2));
  // A chunk under a final name whose bytes were cut (e.g. copied by hand from a full disk).
  const std::string cut = ledger.chunk_path({20, 10});
  spit(cut, encode_chunk(chunk(20, 10)).substr(0, 100));
  // A chunk whose name does not match its content.
  spit(ledger.chunk_path({30, 3}), encode_chunk(chunk(30, 2)));

  std::vector<std::string> damaged;
  const auto done = ledger.committed(&damaged);
  REQUIRE(done.size() == 1);
  CHECK(done[0] == TaskRange{0, 10});
  CHECK(damaged.size() == 2);
  CHECK(missing_ranges(done, {0, 100}) == std::vector<TaskRange>{{10, 90}});
  std::size_t seen = 0;
  ledger.for_each_chunk([&](const Chunk&) { ++seen; });
  CHECK(seen == 1);
  // The rerun's commit of the same range replaces the damaged file.
  ledger.commit(chunk(20, 10));
  CHECK(ledger.committed().size() == 2);
}

TEST_CASE("parts of another sweep are refused with the fix", "[sweep][ledger]") {
  TempDir dir("identity");
  Ledger first(dir.parts(), "seed = 1\ntasks = 100\n", 100);
  first.open_or_create();
  Ledger same(dir.parts(), "seed = 1\ntasks = 100\n", 100);
  CHECK_NOTHROW(same.open_or_create());
  Ledger other(dir.parts(), "seed = 2\ntasks = 100\n", 100);
  CHECK_THROWS_WITH(other.open_or_create(),
                    Catch::Contains("different sweep") &&
                        Catch::Contains("'seed = 1' there, 'seed = 2' now") &&
                        Catch::Contains("--force"));
  Ledger nowhere((dir.path / "none.parts").string(), "x\n", 1);
  CHECK_THROWS_WITH(nowhere.open_existing(), Catch::Contains("no parts directory"));
  spit((dir.path / "file.parts").string(), "x");
  Ledger not_dir((dir.path / "file.parts").string(), "x\n", 1);
  CHECK_THROWS_WITH(not_dir.open_or_create(), Catch::Contains("not a directory"));
}

TEST_CASE("a changed input file is named when parts are resumed", "[sweep][ledger]") {
  TempDir dir("inputs");
  const std::string then =
      "seed = 1\n" + std::string(kInputLine) + std::string(64, 'a') + " /w/world.toml\n";
  Ledger first(dir.parts(), then, 100);
  first.open_or_create();
  Ledger edited(dir.parts(),
                "seed = 1\n" + std::string(kInputLine) + std::string(64, 'b') + " /w/world.toml\n",
                100);
  CHECK_THROWS_WITH(edited.open_or_create(), Catch::Contains("input file '/w/world.toml'") &&
                                                 Catch::Contains("changed since the parts") &&
                                                 Catch::Contains("--force"));
}

TEST_CASE("a damaged manifest is refused as damaged, naming the file and the line",
          "[sweep][ledger][manifest]") {
  // Before, a damaged manifest passed for another sweep (or, with a mangled digest, for a
  // changed input), and a long line was echoed whole into the message.
  TempDir dir("manifest");
  const std::string input = std::string(kInputLine) + std::string(64, 'a') + " /w/world.toml\n";
  const std::string identity = "seed = 1\n" + input + "tasks = 100\n";
  Ledger first(dir.parts(), identity, 100);
  first.open_or_create();
  const std::string manifest = (fs::path(dir.parts()) / "manifest.txt").string();
  const std::string named = "the parts manifest '" + manifest + "' is damaged";
  auto refusal = [&](const std::string& text) {
    spit(manifest, text);
    try {
      Ledger(dir.parts(), identity, 100).open_existing();
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  SECTION("a truncated last line") {
    const std::string r = refusal(identity.substr(0, identity.size() - 5));
    CHECK_THAT(r, Catch::Contains(named) && Catch::Contains("line 3: truncated") &&
                      Catch::Contains("--force"));
  }
  SECTION("an input entry cut inside its digest") {
    CHECK_THAT(refusal("seed = 1\n" + input.substr(0, 20) + "\n"),
               Catch::Contains(named) && Catch::Contains("line 2: an input without its path"));
  }
  SECTION("an input listed twice") {
    CHECK_THAT(
        refusal(identity + input),
        Catch::Contains(named) &&
            Catch::Contains("line 4: input '/w/world.toml' is listed twice (also on line 2)"));
  }
  SECTION("a digest that is not hexadecimal") {
    std::string bad = identity;
    bad[bad.find('a')] = 'g';
    CHECK_THAT(refusal(bad), Catch::Contains(named) &&
                                 Catch::Contains("line 2: the sha256 of input '/w/world.toml'") &&
                                 Catch::Contains("not 64 hexadecimal digits"));
    CHECK_THAT(refusal("seed = 1\ninput = " + std::string(63, 'a') + " /w/world.toml\n"),
               Catch::Contains("not 64 hexadecimal digits"));
  }
  SECTION("an absurdly long line is measured, not echoed") {
    const std::string r = refusal("seed = 1\nnote = " + std::string(100000, 'x') + "\n");
    CHECK_THAT(r, Catch::Contains(named) && Catch::Contains("line 2: 100007 bytes long"));
    CHECK(r.size() < 1000);
  }
  SECTION("a mangled input key, a NUL byte, an empty file") {
    CHECK_THAT(
        refusal("seed = 1\ninput=" + input.substr(kInputLine.size())),
        Catch::Contains(named) && Catch::Contains("line 2: expected 'input = <sha256> <path>'"));
    CHECK_THAT(refusal(std::string("seed = 1\nse\0d\n", 14)),
               Catch::Contains(named) && Catch::Contains("line 2: a NUL byte"));
    CHECK_THAT(refusal(""), Catch::Contains(named) && Catch::Contains("it is empty"));
  }
  SECTION("a well-formed manifest of another sweep is not called damaged") {
    CHECK_THAT(refusal("seed = 2\n" + input + "tasks = 100\n"),
               Catch::Contains("different sweep") && !Catch::Contains("damaged"));
    CHECK_THAT(refusal("seed = 1\ninput = unreadable /w/world.toml\ntasks = 100\n"),
               Catch::Contains("input file '/w/world.toml'") && !Catch::Contains("damaged"));
  }
  SECTION("the sweep's own manifest passes") { CHECK(refusal(identity) == "accepted"); }
}

TEST_CASE("manifest differences are quoted short and exactly", "[sweep][ledger][manifest]") {
  // "\n" and "" were "no difference": a missing line read as an empty one.
  CHECK(first_difference("\n", "") == "'' there, the end now");
  CHECK(first_difference("a\n", "a\nb\n") == "the end there, 'b' now");
  CHECK(first_difference("a", "a\n") == "a last line without its end of line there");
  CHECK(first_difference("a\nb\n", "a\nb\n") == "no difference");
  const std::string d = first_difference(std::string(50000, 'x') + "\n", "y\n");
  CHECK(d.size() < 500);
  CHECK_THAT(d, Catch::StartsWith("'xxx") && Catch::Contains("...' there, 'y' now"));
  // Control characters of a damaged file are not passed to the terminal.
  CHECK(first_difference("a\x1b[2J\n", "a\n") == "'a?[2J' there, 'a' now");
  // A UTF-8 sequence is never cut in half.
  std::string jp;
  for (int i = 0; i < 100; ++i) jp += "\xe6\x97\xa5";
  CHECK_THAT(first_difference(jp, "x"), Catch::StartsWith("'" + jp.substr(0, 198) + "...'"));
  const std::string path = "/w/" + std::string(300, 'p');
  const std::string c = changed_input("input = " + std::string(64, 'a') + " " + path + "\n",
                                      "input = " + std::string(64, 'b') + " " + path + "\n");
  CHECK_THAT(c, Catch::Contains("(sha256 aaaaaaaaaaaa... then, bbbbbbbbbbbb... now)"));
  CHECK(c.size() < 300);
}

TEST_CASE("a sparse or oversized chunk file is skipped before it is read", "[sweep][ledger]") {
  // A chunk named for 2 runs but holding gigabytes (a sparse file) was read whole and ended
  // in bad_alloc; now its size is checked against what 2 records can take.
  TempDir dir("sparse");
  Ledger ledger(dir.parts(), "identity 1\n", 100);
  ledger.open_or_create();
  ledger.commit(chunk(0, 10));
  const std::string huge = ledger.chunk_path({10, 2});
  spit(huge, "x");
  fs::resize_file(huge, std::uintmax_t{64} << 30);  // 64 GiB, sparse: nothing on disk
  // A chunk beyond the sweep's tasks is not read at all.
  spit(ledger.chunk_path({99, 5}), encode_chunk(chunk(99, 5)));
  std::vector<std::string> damaged;
  const auto done = ledger.committed(&damaged);
  CHECK(done == std::vector<TaskRange>{{0, 10}});
  CHECK(damaged.size() == 2);
  std::size_t seen = 0;
  ledger.for_each_chunk([&](const Chunk&) { ++seen; });
  CHECK(seen == 1);
}

TEST_CASE("remove_overlapping removes only the chunks touching a shard's slice",
          "[sweep][ledger]") {
  TempDir dir("overlap");
  Ledger ledger(dir.parts(), "id\n", 30);
  ledger.open_or_create();
  ledger.commit(chunk(0, 10));
  ledger.commit(chunk(10, 10));
  ledger.commit(chunk(20, 10));
  ledger.remove_overlapping({10, 10});
  CHECK(ledger.committed() == std::vector<TaskRange>{{0, 10}, {20, 10}});
  ledger.remove_all();
  CHECK_FALSE(ledger.exists());
}

TEST_CASE("range arithmetic: missing, covered, split", "[sweep][ledger]") {
  const std::vector<TaskRange> done{{5, 5}, {0, 3}, {8, 4}, {20, 5}};
  CHECK(missing_ranges(done, {0, 30}) == std::vector<TaskRange>{{3, 2}, {12, 8}, {25, 5}});
  CHECK(missing_ranges(done, {6, 10}) == std::vector<TaskRange>{{12, 4}});
  CHECK(missing_ranges({}, {4, 3}) == std::vector<TaskRange>{{4, 3}});
  CHECK(missing_ranges(done, {0, 0}).empty());
  CHECK(covered_count(done, {0, 30}) == 3 + 7 + 5);
  CHECK(split_ranges({{0, 5}, {10, 2}}, 2) ==
        std::vector<TaskRange>{{0, 2}, {2, 2}, {4, 1}, {10, 2}});
  CHECK_THROWS(split_ranges({{0, 1}}, 0));
}

TEST_CASE("shard specs: parsing and slices that partition the tasks", "[sweep][ledger][shard]") {
  CHECK(parse_shard("0/1").count == 1);
  CHECK(parse_shard("3/4").index == 3);
  CHECK_THROWS_WITH(parse_shard("3/2"), Catch::Contains("not below the shard count 2"));
  CHECK_THROWS_WITH(parse_shard("2/2"), Catch::Contains("not below"));
  for (const char* bad : {"", "1", "/2", "1/", "a/2", "1/b", "-1/2", "1/0", "1/2/3", " 1/2"})
    CHECK_THROWS_WITH(parse_shard(bad),
                      Catch::Contains("expected i/N") || Catch::Contains("between 1 and"));
  for (const std::uint64_t total : {0ull, 1ull, 7ull, 100ull, 101ull})
    for (const std::uint64_t n : {1ull, 2ull, 3ull, 7ull}) {
      std::uint64_t next = 0, smallest = total, largest = 0;
      for (std::uint64_t i = 0; i < n; ++i) {
        const TaskRange r = shard_slice({i, n}, total);
        CHECK(r.first == next);
        next = r.end();
        smallest = std::min(smallest, r.count);
        largest = std::max(largest, r.count);
      }
      CHECK(next == total);
      CHECK(largest - smallest <= 1);
    }
}
