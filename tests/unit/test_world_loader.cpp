#include "world/world_loader.hpp"

#include "scenario/input_error.hpp"

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

TEST_CASE("size classes and capital brackets: ordered, rows of P(bracket | size) sum to 1", "[world]") {
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
  for (const char* n : {"firms = 1000", "firms = 400", "firms = 200"}) text = replaced(text, n, "firms = 0");
  REQUIRE(text.find("firms = 0") != std::string::npos);
  try {
    renkei::load_world_from_string(text, "empty.toml");
    FAIL("expected InputErrors");
  } catch (const renkei::InputErrors& e) {
    CHECK(has_error(e, "prefectures.firms", "the world would hold no firms"));
  }
  // Counts that round to 0 at a tiny scale are no firms either.
  CHECK_THROWS_AS(renkei::load_world_from_string(replaced(small_world_text(), "scale = 0.5", "scale = 0.0001"),
                                                 "tiny.toml"),
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
