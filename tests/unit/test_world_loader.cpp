#include "world/world_loader.hpp"

#include "input/input_error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {
const std::string kSmall = std::string(RENKEI_TEST_DATA) + "/good/worlds/small.toml";
}

TEST_CASE("a small world loads with blocks, prefectures and industries linked", "[world]") {
  const auto w = renkei::load_world(kSmall);
  REQUIRE(w);
  CHECK(w->name == "Small");
  CHECK(w->path == std::filesystem::absolute(kSmall).lexically_normal().string());
  REQUIRE(w->blocks.size() == 2);
  REQUIRE(w->prefectures.size() == 3);
  REQUIRE(w->industries.size() == 3);
  CHECK(w->blocks[0].bureau_prefecture == w->find_prefecture("alpha"));
  CHECK(w->blocks[1].bureau_prefecture == w->find_prefecture("gamma"));
  CHECK(w->prefectures[1].block == 0);
  CHECK(w->prefectures[2].block == 1);
  CHECK(w->find_prefecture("beta") == 1);
  CHECK(w->find_prefecture("delta") == -1);
  CHECK(w->find_industry("software") == 2);
  CHECK(w->find_industry("none") == -1);
  CHECK(w->industries[2].service);
  CHECK_FALSE(w->industries[1].service);
  CHECK(w->industries[0].capability_mean[1] == 0.7);

  const auto& alpha = w->prefectures[0].channel_availability;
  CHECK(alpha[static_cast<int>(renkei::Channel::university)] == 0.5);
  CHECK(alpha[static_cast<int>(renkei::Channel::bank)] == 2.0);
  CHECK(alpha[static_cast<int>(renkei::Channel::personal)] == 1.0);  // default
}

TEST_CASE("firm counts follow shares, prefecture overrides and the scale", "[world]") {
  const auto w = renkei::load_world(kSmall);
  // scale 0.5. alpha: 1000 firms, food 0.25, machinery 0.75, software 0.1 per manufacturer.
  CHECK(w->firm_counts[0] == std::vector<std::int64_t>{125, 375, 50});
  // beta: 400 firms, food overridden to 0.5; machinery, the only other manufacturer, takes
  // the rest (0.5); software scales with the manufacturing count.
  CHECK(w->firm_counts[1] == std::vector<std::int64_t>{100, 100, 20});
  // gamma: 200 firms at the default shares.
  CHECK(w->firm_counts[2] == std::vector<std::int64_t>{25, 75, 10});
  CHECK(w->total_firms() == 880);
}

TEST_CASE("size classes and capital brackets: ordered, rows of P(bracket | size) sum to 1",
          "[world]") {
  const auto w = renkei::load_world(kSmall);
  REQUIRE(w->size_classes.size() == 2);
  CHECK(w->size_classes[0].min_employees == 4);
  CHECK(w->size_classes[0].max_employees == 29);
  CHECK(w->size_classes[1].share == Approx(0.2));
  REQUIRE(w->capital_brackets.size() == 2);
  CHECK(w->capital_brackets[1].max_yen == 300e6);
  CHECK(w->capital_brackets[0].label == "<= 10 M yen");
  REQUIRE(w->capital_given_size.size() == 2);  // [size class][bracket]
  CHECK(w->capital_given_size[0] == std::vector<double>{0.6, 0.4});
  CHECK(w->capital_given_size[1][0] == Approx(0.1));
  CHECK(w->capital_given_size[1][1] == Approx(0.9));
}

TEST_CASE("a missing world file is one error naming the file", "[world]") {
  try {
    renkei::load_world("/nonexistent/world.toml");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].file == "/nonexistent/world.toml");
    CHECK(e.errors()[0].message.find("file not found") != std::string::npos);
  }
}

TEST_CASE("a world file that is not a regular file is refused, not read", "[world]") {
  CHECK_THROWS_AS(renkei::load_world("/dev/zero"), renkei::InputErrors);
  CHECK_THROWS_AS(renkei::load_world(std::string(RENKEI_TEST_DATA)), renkei::InputErrors);
}

namespace {

std::string small_world_text() {
  std::ifstream in(kSmall, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

bool has_error(const renkei::InputErrors& e, const std::string& key, const std::string& part) {
  for (const auto& x : e.errors())
    if (x.key == key && x.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a [[blocks]] id given twice is reported, and prefectures still resolve", "[world]") {
  // The block index was rebuilt on every lookup while ids repeated, which freed the map an
  // iterator pointed into (heap-use-after-free under ASan).
  std::string text = small_world_text();
  const auto south = text.find("id = \"south\"");
  REQUIRE(south != std::string::npos);
  text.replace(south, 12, "id = \"north\"");
  try {
    renkei::load_world_from_string(text, "dup.toml");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    CHECK(has_error(e, "blocks.id", "duplicate id 'north'"));
    CHECK(has_error(e, "prefectures.block", "unknown block 'south'"));
  }
}

TEST_CASE("a world without firms is refused", "[world]") {
  std::string text = small_world_text();
  for (const char* n : {"firms = 1000", "firms = 400", "firms = 200"})
    text = replaced(text, n, "firms = 0");
  REQUIRE(text.find("firms = 0") != std::string::npos);
  try {
    renkei::load_world_from_string(text, "empty.toml");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    CHECK(has_error(e, "prefectures.firms", "the world would hold no firms"));
  }
  // Counts that round to 0 at a tiny scale are no firms either.
  CHECK_THROWS_AS(renkei::load_world_from_string(
                      replaced(small_world_text(), "scale = 0.5", "scale = 0.0001"), "tiny.toml"),
                  renkei::InputErrors);
}

TEST_CASE("input files that are no regular files say what they are", "[world]") {
  try {
    renkei::load_world(std::string(RENKEI_TEST_DATA));
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    CHECK(e.errors()[0].message.find("is a directory") != std::string::npos);
  }
  try {
    renkei::load_world("/dev/zero");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    CHECK(e.errors()[0].message.find("is a device") != std::string::npos);
  }
}

namespace {

const char* kExternals = R"(
[[external]]
id = "national"
industry = "machinery"
count = 10
employees = 1500
large = true
national_network = true
source = "invented"

[[external]]
id = "labs"
industry = "food"
count = 4
employees = 900
university = true
capabilities = [0.9, 0.1, 0.1, 0.5, 0.8]
source = "invented"
)";

}  // namespace

TEST_CASE("[[external]] partners sit in an appended out-of-region block and prefecture",
          "[world]") {
  const renkei::World w =
      renkei::load_world_from_string(small_world_text() + kExternals, "ext.toml");
  REQUIRE(w.externals.size() == 2);
  REQUIRE(w.blocks.size() == 3);
  REQUIRE(w.prefectures.size() == 4);
  CHECK(w.external_prefecture == 3);
  CHECK(w.prefectures[3].id == "out_of_region");
  CHECK(w.prefectures[3].block == 2);
  CHECK(w.blocks[2].bureau_prefecture == 3);
  for (double a : w.prefectures[3].channel_availability) CHECK(a == 0.0);  // never initiate
  // Counts follow the file's scale (0.5) like the region's.
  CHECK(w.firm_counts[3] == std::vector<std::int64_t>{2, 5, 0});
  CHECK(w.externals[0].large);
  CHECK(w.externals[0].national_network);
  CHECK(w.externals[1].university);
  CHECK(w.externals[1].has_capabilities);
  CHECK(w.externals[1].capability_mean[4] == 0.8);
  CHECK(w.total_firms() == 887);
}

TEST_CASE(
    "a block's support_scale is read, defaults to the calibrated block's, and must be positive",
    "[world]") {
  const renkei::World plain =
      renkei::load_world_from_string(small_world_text() + kExternals, "ext.toml");
  CHECK(plain.blocks[0].support_scale == 1.0);
  CHECK(plain.blocks[2].support_scale == 0.0);  // the appended out-of-region block has no team
  std::string text = small_world_text();
  const auto south = text.find("id = \"south\"");
  REQUIRE(south != std::string::npos);
  const std::string scaled = text.substr(0, south) + "support_scale = 2.5\n" + text.substr(south);
  const renkei::World w = renkei::load_world_from_string(scaled, "scaled.toml");
  CHECK(w.blocks[1].support_scale == 2.5);
  for (const char* bad :
       {"support_scale = 0.0\n", "support_scale = -1\n", "support_scale = 5000\n"}) {
    try {
      renkei::load_world_from_string(text.substr(0, south) + bad + text.substr(south), "bad.toml");
      FAIL("expected InputErrors for " << bad);
    } catch (const renkei::InputErrors& e) {
      CHECK(has_error(e, "blocks.support_scale", ""));
    }
  }
}

TEST_CASE("bad [[external]] entries are reported with file, line, key and a fix", "[world]") {
  struct Case {
    std::string from, to, key, part, hint;
  };
  const std::vector<Case> cases = {
      {"industry = \"machinery\"", "industry = \"machinary\"", "external.industry",
       "unknown industry 'machinary'", "did you mean 'machinery'?"},
      {"count = 10", "count = -3", "external.count", "", ""},
      {"employees = 1500", "employees = 120", "external.large", "a large firm with 120 employees",
       "SME Act"},
      {"employees = 900", "employees = 900\nnational_network = true", "external.university",
       "a university with a national sales network", "national_network = false"},
      {"id = \"labs\"", "id = \"national\"", "external.id", "duplicate id 'national'",
       "first is on line"},
      {"source = \"invented\"\n\n[[external]]", "sorce = \"invented\"\n\n[[external]]",
       "external.sorce", "", ""},
  };
  for (const Case& c : cases) {
    std::string text = std::string(kExternals);
    const auto at = text.find(c.from);
    REQUIRE(at != std::string::npos);
    text.replace(at, c.from.size(), c.to);
    text = small_world_text() + text;
    INFO(c.to);
    try {
      renkei::load_world_from_string(text, "ext.toml");
      FAIL("expected InputErrors");
    } catch (const renkei::InputErrors& e) {
      bool found = false;
      for (const auto& x : e.errors()) {
        if (x.key != c.key || x.message.find(c.part) == std::string::npos) continue;
        found = true;
        CHECK(x.file == "ext.toml");
        CHECK(x.line > 0);
        if (!c.hint.empty()) CHECK(x.hint.find(c.hint) != std::string::npos);
      }
      if (!found) {
        for (const auto& x : e.errors()) UNSCOPED_INFO(x.format());
      }
      CHECK(found);
    }
  }
  // The reserved id cannot name a block of the region.
  std::string text = small_world_text() + kExternals;
  const auto south = text.find("id = \"south\"");
  REQUIRE(south != std::string::npos);
  text.replace(south, 12, "id = \"out_of_region\"");
  text = std::string(text);
  for (auto pos = text.find("block = \"south\""); pos != std::string::npos;
       pos = text.find("block = \"south\""))
    text.replace(pos, 15, "block = \"out_of_region\"");
  try {
    renkei::load_world_from_string(text, "ext.toml");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    bool found = false;
    for (const auto& x : e.errors())
      found = found || (x.key == "external" && x.message.find("reserved") != std::string::npos);
    CHECK(found);
  }
}
