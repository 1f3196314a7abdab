// Position-aware, typed reading of parsed TOML shared by the scenario and world loaders:
// a failed lookup records an InputError (file, line, column, key, fix) and reading goes on,
// so one pass over a file reports every problem in it.
#pragma once

#include "core/calendar.hpp"
#include "input/input_error.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::tomlcheck {

// Where a value was written, kept after the parsed document is gone.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

// Allowed values of a number; `unit` ends up in the hint of an out-of-range error.
struct Bounds {
  double lo;
  double hi;
  bool lo_open = false;  // lo itself not allowed
  std::string_view unit = {};
};

// A leaf of a table flattened to dotted keys ("information.push_rate"), so that nested
// tables, dotted keys and quoted dotted keys all name the same setting.
struct Leaf {
  std::string key;  // full dotted key
  const toml::node* node;
  toml::source_region where;  // of the key
};
void flatten(const toml::table& table, const std::string& prefix, std::vector<Leaf>& out);

// "a.b" from a prefix and a name; just the name when the prefix is empty.
std::string dotted(std::string_view prefix, std::string_view name);

// Reading of TOML values of one file; every failure becomes an InputError in `errors`.
class Checker {
 public:
  Checker(std::string file, std::vector<InputError>& errors)
      : file_(std::move(file)), errors_(&errors) {}

  const std::string& file() const noexcept { return file_; }
  Location at(const toml::source_region& where) const;

  void error(const toml::source_region& where, std::string key, std::string message,
             std::string hint = {});
  void error(const Location& where, std::string key, std::string message, std::string hint = {});
  // Converts a toml++ syntax error into an InputError at its position.
  void syntax_error(const toml::parse_error& e);
  // Parses a whole file's text (named by file() in messages); on a syntax error, throws
  // InputErrors holding every error reported so far and the syntax error at its position.
  toml::table parse_document(std::string_view text);

  // Reports every key of `table` that is not in `allowed`, with a "did you mean" over
  // `candidates` (full dotted keys). Nested tables under an allowed key are left to the caller.
  void unknown_keys(const toml::table& table, std::string_view prefix,
                    std::initializer_list<std::string_view> allowed,
                    const std::vector<std::string>& candidates);
  // Reports one unknown dotted key with the closest candidate.
  void unknown_key(const toml::source_region& where, const std::string& key,
                   const std::vector<std::string>& candidates, std::string_view what = "key");

  // Typed values. `key` is the full dotted key for messages. nullopt after an error.
  std::optional<double> real(const toml::node& n, const std::string& key, const Bounds& b);
  // Integers; a real is accepted when it is integral (e.g. 2.0).
  std::optional<std::int64_t> integer(const toml::node& n, const std::string& key, const Bounds& b);
  std::optional<bool> boolean(const toml::node& n, const std::string& key);
  std::optional<std::string> string(const toml::node& n, const std::string& key,
                                    bool non_empty = true);
  // A string restricted to [A-Za-z0-9_.-]+: ids and labels that end up in file names.
  std::optional<std::string> identifier(const toml::node& n, const std::string& key);
  std::optional<Date> date(const toml::node& n, const std::string& key);
  const toml::table* table(const toml::node& n, const std::string& key);
  const toml::array* array(const toml::node& n, const std::string& key);

  // The tables of the array of tables `doc[name]` ([[name]] in the file), in file order: a
  // missing array is reported when `required`, and an element that is not a table is reported
  // and left out.
  std::vector<const toml::table*> tables(const toml::table& doc, std::string_view name,
                                         bool required);

  // `table[name]`; reports a missing required key at the table's position.
  const toml::node* get(const toml::table& t, std::string_view name, const std::string& key,
                        bool required = false);

 private:
  std::string file_;
  std::vector<InputError>* errors_;
};

// "a string", "an integer", ...: what a node holds, for messages.
std::string describe(const toml::node& n);
// "[0, 1] (probability)" etc., for hints.
std::string describe(const Bounds& b);

}  // namespace renkei::tomlcheck
