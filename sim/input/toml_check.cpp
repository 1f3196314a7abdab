#include "input/toml_check.hpp"

#include "input/toml_text.hpp"

#include <algorithm>
#include <cmath>

namespace renkei::tomlcheck {
namespace {

// Beyond 2^53 a double no longer holds every integer: such reals are not accepted as integers.
constexpr double kExactIntegerLimit = 9007199254740992.0;

int to_int(toml::source_index i) { return i > 0x7fffffffu ? 0x7fffffff : static_cast<int>(i); }

std::string shorten(std::string_view s) {
  if (s.size() <= 40) return std::string(s);
  return std::string(s.substr(0, 37)) + "...";
}

bool in_bounds(double v, const Bounds& b) {
  return (b.lo_open ? v > b.lo : v >= b.lo) && v <= b.hi;
}

}  // namespace

std::string dotted(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  std::string out(prefix);
  out += '.';
  out += name;
  return out;
}

void flatten(const toml::table& table, const std::string& prefix, std::vector<Leaf>& out) {
  for (auto&& [k, v] : table) {
    const std::string key = dotted(prefix, k.str());
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, out);
    } else {
      out.push_back(Leaf{key, &v, k.source()});
    }
  }
}

std::string describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string (\"" + shorten(n.as_string()->get()) + "\")";
    case toml::node_type::integer:
      return "an integer (" + std::to_string(n.as_integer()->get()) + ")";
    case toml::node_type::floating_point:
      return "a real number (" + number_text(n.as_floating_point()->get()) + ")";
    case toml::node_type::boolean:
      return n.as_boolean()->get() ? "a boolean (true)" : "a boolean (false)";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time of day";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::string describe(const Bounds& b) {
  std::string out;
  if (b.hi >= 1e300) {
    out = (b.lo_open ? "greater than " : "at least ") + number_text(b.lo);
  } else {
    // Built piecewise: `const char* + std::string` chains trip a GCC 12 -Wrestrict false positive
    // at -O3.
    out = b.lo_open ? "(" : "[";
    out += number_text(b.lo);
    out += ", ";
    out += number_text(b.hi);
    out += "]";
  }
  if (!b.unit.empty()) {
    out += " (";
    out += b.unit;
    out += ')';
  }
  return out;
}

Location Checker::at(const toml::source_region& where) const {
  return Location{file_, to_int(where.begin.line), to_int(where.begin.column)};
}

void Checker::error(const toml::source_region& where, std::string key, std::string message,
                    std::string hint) {
  error(at(where), std::move(key), std::move(message), std::move(hint));
}

void Checker::error(const Location& where, std::string key, std::string message, std::string hint) {
  errors_->push_back(InputError{where.file.empty() ? file_ : where.file, where.line, where.column,
                                std::move(key), std::move(message), std::move(hint)});
}

void Checker::syntax_error(const toml::parse_error& e) {
  const auto& src = e.source();
  errors_->push_back(InputError{file_,
                                std::max(1, to_int(src.begin.line)),
                                to_int(src.begin.column),
                                {},
                                "TOML syntax error: " + std::string(e.description()),
                                "see https://toml.io for the syntax"});
}

toml::table Checker::parse_document(std::string_view text) {
  try {
    return toml::parse(text, file_);
  } catch (const toml::parse_error& e) {
    syntax_error(e);
    throw InputErrors(std::move(*errors_));
  }
}

void Checker::unknown_key(const toml::source_region& where, const std::string& key,
                          const std::vector<std::string>& candidates, std::string_view what) {
  const std::string best = closest_match(key, candidates);
  error(where, key, "unknown " + std::string(what),
        best.empty() ? std::string("check the spelling against docs/scenarios.md")
                     : "did you mean '" + best + "'?");
}

void Checker::unknown_keys(const toml::table& table, std::string_view prefix,
                           std::initializer_list<std::string_view> allowed,
                           const std::vector<std::string>& candidates) {
  for (auto&& [k, v] : table) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
    const bool is_table = v.is_table() || (v.is_array() && v.as_array()->is_array_of_tables());
    unknown_key(k.source(), dotted(prefix, k.str()), candidates, is_table ? "table" : "key");
  }
}

std::optional<double> Checker::real(const toml::node& n, const std::string& key, const Bounds& b) {
  double v = 0.0;
  if (const auto* i = n.as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = n.as_floating_point()) {
    v = f->get();
  } else {
    error(n.source(), key, "expected a number, found " + describe(n),
          "write a number such as 0.5; allowed " + describe(b));
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    error(n.source(), key, "expected a finite number, found " + describe(n),
          "allowed " + describe(b));
    return std::nullopt;
  }
  if (!in_bounds(v, b)) {
    error(n.source(), key, "value " + number_text(v) + " is out of range",
          "allowed " + describe(b));
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> Checker::integer(const toml::node& n, const std::string& key,
                                             const Bounds& b) {
  if (const auto* i = n.as_integer()) {
    const auto v = i->get();
    if (!in_bounds(static_cast<double>(v), b)) {
      error(n.source(), key, "value " + std::to_string(v) + " is out of range",
            "allowed " + describe(b));
      return std::nullopt;
    }
    return v;
  }
  if (const auto* f = n.as_floating_point()) {
    const double v = f->get();
    if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) >= kExactIntegerLimit) {
      error(n.source(), key, "expected a whole number, found " + describe(n),
            "write an integer such as " + number_text(std::isfinite(v) ? std::round(v) : b.lo) +
                "; allowed " + describe(b));
      return std::nullopt;
    }
    if (!in_bounds(v, b)) {
      error(n.source(), key, "value " + number_text(v) + " is out of range",
            "allowed " + describe(b));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v);
  }
  error(n.source(), key, "expected an integer, found " + describe(n),
        "write a whole number; allowed " + describe(b));
  return std::nullopt;
}

std::optional<bool> Checker::boolean(const toml::node& n, const std::string& key) {
  if (const auto* v = n.as_boolean()) return v->get();
  error(n.source(), key, "expected a boolean, found " + describe(n),
        "write true or false (no quotes)");
  return std::nullopt;
}

std::optional<std::string> Checker::string(const toml::node& n, const std::string& key,
                                           bool non_empty) {
  const auto* s = n.as_string();
  if (s == nullptr) {
    error(n.source(), key, "expected a string, found " + describe(n),
          "put the text in double quotes");
    return std::nullopt;
  }
  if (non_empty && s->get().empty()) {
    error(n.source(), key, "must not be empty", "write some text between the quotes");
    return std::nullopt;
  }
  return s->get();
}

std::optional<std::string> Checker::identifier(const toml::node& n, const std::string& key) {
  auto s = string(n, key, true);
  if (!s) return s;
  const bool ok = std::all_of(s->begin(), s->end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
  if (!ok) {
    std::string what = "'";
    what += shorten(*s);
    what += "' contains characters other than letters, digits, '_', '.', '-'";
    error(n.source(), key, what,
          key == "scenario.name"
              ? "it is used as a label in output files; write e.g. \"push_delivery\", and give the "
                "name readers "
                "see as display_name_en / display_name_ja (any script) in [scenario]"
              : "it is used as a label in output files; write e.g. \"push_delivery\"");
    return std::nullopt;
  }
  return s;
}

std::optional<Date> Checker::date(const toml::node& n, const std::string& key) {
  const auto* d = n.as_date();
  if (d == nullptr) {
    error(n.source(), key, "expected a date, found " + describe(n),
          "write a TOML date without quotes, e.g. 2006-04-01");
    return std::nullopt;
  }
  const toml::date v = d->get();
  const Date out{static_cast<int>(v.year), static_cast<unsigned>(v.month),
                 static_cast<unsigned>(v.day)};
  if (!out.valid()) {
    error(n.source(), key, "not a calendar date", "check the month and the day");
    return std::nullopt;
  }
  return out;
}

const toml::table* Checker::table(const toml::node& n, const std::string& key) {
  if (const auto* t = n.as_table()) return t;
  error(n.source(), key, "expected a table, found " + describe(n),
        "write it as a section [" + key + "] or an inline table { ... }");
  return nullptr;
}

const toml::array* Checker::array(const toml::node& n, const std::string& key) {
  if (const auto* a = n.as_array()) return a;
  error(n.source(), key, "expected an array, found " + describe(n), "write it as [ ... ]");
  return nullptr;
}

std::vector<const toml::table*> Checker::tables(const toml::table& doc, std::string_view name,
                                                bool required) {
  std::vector<const toml::table*> out;
  const std::string key(name);
  const toml::node* n = get(doc, name, key, required);
  const toml::array* arr = n != nullptr ? array(*n, key) : nullptr;
  if (arr == nullptr) return out;
  for (const toml::node& element : *arr)
    if (const toml::table* t = table(element, key)) out.push_back(t);
  return out;
}

const toml::node* Checker::get(const toml::table& t, std::string_view name, const std::string& key,
                               bool required) {
  const toml::node* n = t.get(name);
  if (n == nullptr && required) {
    Location loc = at(t.source());
    if (loc.line <= 0) loc.line = 1;
    error(loc, key, "missing required key", "add " + std::string(name) + " = ...");
  }
  return n;
}

}  // namespace renkei::tomlcheck
