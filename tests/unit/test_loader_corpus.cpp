// The bad-input corpus: every tests/data/bad/*.toml (scenarios) and tests/data/bad/world/*.toml
// (worlds) must fail to load. Each file starts with comment lines
//   # expect: <substring that must appear in the error text>
//   # expect-key: <key that one of the errors must name>
// Adding a file adds a case.
#include "input/input_error.hpp"
#include "scenario/loader.hpp"
#include "world/world_loader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Expectations {
  std::vector<std::string> substrings;
  std::vector<std::string> keys;
};

Expectations read_expectations(const fs::path& file) {
  Expectations out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#", 0) != 0) break;  // only the leading comment block
    const auto take = [&](std::string_view tag, std::vector<std::string>& into) {
      if (line.rfind(tag, 0) == 0) {
        std::string v = line.substr(tag.size());
        v.erase(0, v.find_first_not_of(' '));
        while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.pop_back();
        into.push_back(v);
      }
    };
    take("# expect:", out.substrings);
    take("# expect-key:", out.keys);
  }
  return out;
}

std::vector<fs::path> toml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_corpus(const fs::path& dir, const std::function<void(const std::string&)>& load) {
  const auto files = toml_files(dir);
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    SECTION(file.filename().string()) {
      const Expectations expect = read_expectations(file);
      REQUIRE_FALSE(expect.substrings.empty());  // a case without expectations tests nothing
      std::vector<renkei::InputError> errors;
      std::string text;
      try {
        load(file.string());
      } catch (const renkei::InputErrors& e) {
        errors = e.errors();
        text = e.what();
      }
      INFO(text);
      REQUIRE_FALSE(errors.empty());
      for (const auto& s : expect.substrings) {
        INFO("expected: " << s);
        CHECK(text.find(s) != std::string::npos);
      }
      for (const auto& k : expect.keys) {
        INFO("expected key: " << k);
        CHECK(std::any_of(errors.begin(), errors.end(),
                          [&](const auto& err) { return err.key == k; }));
      }
      for (const auto& e : errors) {
        INFO(e.format());
        CHECK_FALSE(e.file.empty());
        CHECK(e.line > 0);
        CHECK(e.column > 0);
        CHECK_FALSE(e.hint.empty());
        // Only a syntax error is not about a key.
        if (e.message.rfind("TOML syntax error", 0) != 0) CHECK_FALSE(e.key.empty());
      }
    }
  }
}

}  // namespace

TEST_CASE("every bad scenario in the corpus fails with the expected errors", "[loader][corpus]") {
  check_corpus(fs::path(RENKEI_TEST_DATA) / "bad",
               [](const std::string& f) { renkei::load_scenario(f); });
}

TEST_CASE("every bad world in the corpus fails with the expected errors", "[world][corpus]") {
  check_corpus(fs::path(RENKEI_TEST_DATA) / "bad" / "world",
               [](const std::string& f) { renkei::load_world(f); });
}
