#include "input/input_error.hpp"
#include "input/sha256.hpp"
#include "scenario/loader.hpp"
#include "scenario/schema_doc.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using renkei::Date;
using renkei::InputError;
using renkei::InputErrors;

const std::string kGood = std::string(RENKEI_TEST_DATA) + "/good";

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string abs_path(const std::string& p) { return fs::absolute(p).lexically_normal().string(); }

double param(const renkei::Scenario& s, std::string_view key) {
  const auto i = renkei::find_param(key);
  REQUIRE(i.has_value());
  return renkei::param_schema()[*i].get(s.params);
}

// Errors of loading `text` as if it were tests/data/good/<name>; empty when it loads.
std::vector<InputError> errors_of(const std::string& text,
                                  const std::string& name = "inline.toml") {
  try {
    renkei::load_scenario_from_string(text, kGood + "/" + name);
  } catch (const InputErrors& e) {
    return e.errors();
  }
  return {};
}

const std::string kHeader = "[scenario]\nname = \"t\"\n[run]\nworld = \"worlds/small.toml\"\n";

void require_same(const renkei::Scenario& a, const renkei::Scenario& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.run.start == b.run.start);
  CHECK(a.run.end == b.run.end);
  CHECK(a.run.burn_in_weeks == b.run.burn_in_weeks);
  CHECK(a.run.step_days == b.run.step_days);
  CHECK(a.run.replicates == b.run.replicates);
  CHECK(a.run.seed == b.run.seed);
  CHECK(a.run.keep_replicate_series == b.run.keep_replicate_series);
  CHECK(a.run.world == b.run.world);
  for (const auto& d : renkei::param_schema()) {
    INFO(d.key);
    CHECK(d.get(a.params) == d.get(b.params));  // exact: the text must round-trip bit for bit
  }
  REQUIRE(a.policies.size() == b.policies.size());
  for (std::size_t i = 0; i < a.policies.size(); ++i) {
    const auto& p = a.policies[i];
    const auto& q = b.policies[i];
    INFO(p.name);
    CHECK(p.name == q.name);
    CHECK(p.description == q.description);
    CHECK(p.start == q.start);
    CHECK(p.ramp_weeks == q.ramp_weeks);
    CHECK(p.cost_fixed_yen == q.cost_fixed_yen);
    CHECK(p.cost_per_year_yen == q.cost_per_year_yen);
    CHECK(p.levers == q.levers);
    CHECK(p.cost_source == q.cost_source);
  }
}

// The resolved text without its provenance comments (they name the files it came from).
std::string without_comments(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#", 0) != 0) out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("an inheritance chain of three files resolves parent first, child wins", "[loader]") {
  const auto s = renkei::load_scenario(kGood + "/chain/child.toml");
  CHECK(s.name == "child");
  CHECK(s.description == "Leaf of the inheritance chain");
  CHECK(s.run.start == Date{2005, 4, 1});    // base
  CHECK(s.run.end == Date{2009, 3, 31});     // child overrides base
  CHECK(s.run.burn_in_weeks == 52);          // base
  CHECK(s.run.step_days == 7);               // default
  CHECK(s.run.replicates == 4);              // base
  CHECK(s.run.seed == 7u);                   // middle overrides base
  CHECK_FALSE(s.run.keep_replicate_series);  // child
  // Set in base.toml, so relative to base.toml's directory, not the child's.
  CHECK(s.run.world == abs_path(kGood + "/worlds/small.toml"));
  CHECK(param(s, "meetings.rate_personal") == 0.07);  // middle over base
  CHECK(param(s, "meetings.rate_industry") == 0.04);  // child over base
  CHECK(param(s, "formation.max_members") == 8);      // base
  CHECK(param(s, "program.min_members") == 4);        // child
  CHECK(param(s, "trust.gain") == 0.12);              // default
  REQUIRE(s.files.size() == 3);
  CHECK(s.files[0].path == abs_path(kGood + "/chain/child.toml"));
  CHECK(s.files[1].path == abs_path(kGood + "/middle.toml"));
  CHECK(s.files[2].path == abs_path(kGood + "/base.toml"));
  for (const auto& f : s.files) CHECK(f.sha256 == renkei::sha256_hex(read_bytes(f.path)));
  REQUIRE(s.world);
  CHECK(s.world->name == "Small");
}

TEST_CASE("policies of a chain are merged and sorted stably by start date", "[loader]") {
  const auto s = renkei::load_scenario(kGood + "/chain/child.toml");
  REQUIRE(s.policies.size() == 3);
  // Parents' policies come first; among equal dates that order is kept.
  CHECK(s.policies[0].name == "briefings");
  CHECK(s.policies[1].name == "push delivery");
  CHECK(s.policies[2].name == "introductions");

  const auto& push = s.policies[1];
  CHECK(push.description == "Information delivered to firms' desks");
  CHECK(push.start == Date{2006, 4, 1});
  CHECK(push.ramp_weeks == 12);
  CHECK(push.cost_fixed_yen == 5.0e6);
  CHECK(push.cost_per_year_yen == 2.0e7);
  REQUIRE(push.levers.size() == 1);
  CHECK(push.levers[0].param == *renkei::find_param("information.push_rate"));
  CHECK(push.levers[0].operand == 0.01);

  const auto& brief = s.policies[0];  // quoted dotted keys
  REQUIRE(brief.levers.size() == 2);
  CHECK(brief.levers[0].param == *renkei::find_param("information.briefing_rate"));
  CHECK(brief.levers[1].param == *renkei::find_param("program.coaching_capacity"));
  CHECK(brief.levers[1].operand == 6.0);
  CHECK(brief.ramp_weeks == 0);
  CHECK(brief.cost_fixed_yen == 0.0);

  const auto& intro = s.policies[2];  // nested dotted keys
  REQUIRE(intro.levers.size() == 2);
  CHECK(intro.levers[0].param == *renkei::find_param("meetings.rate_introduction"));
  CHECK(intro.levers[1].param == *renkei::find_param("trust.start_introduction"));
}

TEST_CASE("the resolved text loads back to the same run, parameters and policies", "[loader]") {
  for (const char* file : {"/chain/child.toml", "/base.toml", "/minimal.toml"}) {
    INFO(file);
    const auto s = renkei::load_scenario(kGood + file);
    // Loaded from elsewhere: the resolved text must not depend on relative paths.
    const auto again =
        renkei::load_scenario_from_string(s.resolved_toml, "/nonexistent/dir/resolved.toml");
    require_same(s, again);
    CHECK(without_comments(again.resolved_toml) == without_comments(s.resolved_toml));
    CHECK(s.resolved_toml.find("extends =") == std::string::npos);
    // Every parameter is listed, whatever the file set.
    for (const auto& d : renkei::param_schema()) {
      CHECK(s.resolved_toml.find("\n" + std::string(d.name) + " = ") != std::string::npos);
    }
  }
}

TEST_CASE("a minimal scenario takes every default", "[loader]") {
  const auto s = renkei::load_scenario(kGood + "/minimal.toml");
  const renkei::RunSettings defaults;
  CHECK(s.run.start == defaults.start);
  CHECK(s.run.end == defaults.end);
  CHECK(s.run.burn_in_weeks == defaults.burn_in_weeks);
  CHECK(s.run.step_days == defaults.step_days);
  CHECK(s.run.replicates == defaults.replicates);
  CHECK(s.run.seed == defaults.seed);
  CHECK(s.run.keep_replicate_series == defaults.keep_replicate_series);
  const renkei::Params p;
  for (const auto& d : renkei::param_schema()) {
    INFO(d.key);
    CHECK(d.get(s.params) == d.get(p));
  }
  CHECK(s.policies.empty());
  CHECK(s.description.empty());
  REQUIRE(s.files.size() == 1);
}

TEST_CASE("numbers: integers where reals are expected, integral reals for integers", "[loader]") {
  const auto s = renkei::load_scenario_from_string(
      "\"trust.gain\" = 0.2\n" + kHeader +
          "seed = 5.0\n[meetings]\nrate_personal = 1\n[formation]\nmax_members = 7.0\n",
      kGood + "/inline.toml");
  CHECK(s.run.seed == 5u);
  CHECK(param(s, "meetings.rate_personal") == 1.0);
  CHECK(param(s, "formation.max_members") == 7.0);
  CHECK(param(s, "trust.gain") == 0.2);  // quoted dotted key at the top level
}

TEST_CASE("errors carry file, line, column, key and a hint", "[loader]") {
  const auto errors = errors_of(kHeader + "step_days = 30\n");
  REQUIRE(errors.size() == 1);
  const auto& e = errors[0];
  CHECK(e.file == kGood + "/inline.toml");
  CHECK(e.line == 5);
  CHECK(e.column == 13);
  CHECK(e.key == "run.step_days");
  CHECK(e.hint.find("[1, 28]") != std::string::npos);
  CHECK(e.format().find("inline.toml:5:13: error: key 'run.step_days'") != std::string::npos);
}

TEST_CASE("every error is collected, not only the first", "[loader]") {
  const auto errors =
      errors_of(kHeader +
                "replicates = 0\n"
                "[meetings]\nrate_persnal = 0.1\n"
                "[formation]\nmax_members = \"six\"\n"
                "[[policy]]\nname = \"p\"\nstart = 2001-01-01\n[policy.set]\ntrust.gain = 0.2\n");
  std::vector<std::string> keys;
  for (const auto& e : errors) keys.push_back(e.key);
  CHECK(keys == std::vector<std::string>{"run.replicates", "meetings.rate_persnal",
                                         "formation.max_members", "policy.start",
                                         "policy.set.trust.gain"});
  // Ordered by line, as in the file.
  for (std::size_t i = 1; i < errors.size(); ++i) CHECK(errors[i - 1].line < errors[i].line);
}

TEST_CASE("a parameter outside its table points to the table", "[loader]") {
  const auto errors = errors_of("rate_personal = 0.1\n" + kHeader);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].hint.find("meetings.rate_personal") != std::string::npos);
}

TEST_CASE("parameters markdown lists every parameter in a table per group", "[loader]") {
  const std::string md = renkei::parameters_markdown();
  for (const auto& d : renkei::param_schema()) {
    INFO(d.key);
    CHECK(md.find("| `" + std::string(d.key) + "` |") != std::string::npos);
    CHECK(md.find("## `[" + std::string(d.group) + "]`") != std::string::npos);
  }
  CHECK(md.find("| key | type | default | bounds | unit | lever | source | description |") !=
        std::string::npos);
  // The committed docs/parameters.md is this text: regenerate it when the schema changes.
  const std::string committed = read_bytes(std::string(RENKEI_SOURCE_DIR) + "/docs/parameters.md");
  INFO("docs/parameters.md is out of date: run `renkei params --markdown > docs/parameters.md`");
  CHECK((committed == md));
}

TEST_CASE("strings with quotes, escapes and Unicode survive the resolved text", "[loader]") {
  const std::string text =
      "[scenario]\nname = \"odd\"\n"
      "description = \"quote \\\" backslash \\\\ tab \\t newline \\n ctrl \\u0001 del \\u007F "
      "\xC3\xA9\"\n"
      "[run]\nworld = \"worlds/small.toml\"\n"
      "[[policy]]\nname = \"it's \\\"quoted\\\"\"\nstart = 2006-01-01\n"
      "[policy.set]\n\"program.coaching_capacity\" = 9.0\n";
  const auto s = renkei::load_scenario_from_string(text, kGood + "/inline.toml");
  CHECK(s.description == "quote \" backslash \\ tab \t newline \n ctrl \x01 del \x7f \xC3\xA9");
  REQUIRE(s.policies.size() == 1);
  CHECK(s.policies[0].name == "it's \"quoted\"");
  const auto again = renkei::load_scenario_from_string(s.resolved_toml, "/elsewhere/resolved.toml");
  require_same(s, again);
}
