#include "sweep/design_csv.hpp"

#include "input/csv_cells.hpp"
#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/toml_text.hpp"
#include "scenario/params.hpp"

#include <charconv>
#include <cmath>
#include <set>

namespace renkei {
namespace {

// A long file with a systematic mistake would repeat it on every row; the first ones suffice.
constexpr std::size_t kMaxErrors = 50;

struct Cell {
  std::string text;
  int column;  // 1-based character column of the cell's first character
};

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// A design's cells may be quoted (spreadsheets quote names); the quotes are not part of them.
std::vector<Cell> split(std::string_view line) {
  std::vector<Cell> out;
  for (const CsvCell& c : split_csv_cells(line)) {
    std::string_view text = c.text;
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
      text = text.substr(1, text.size() - 2);
    out.push_back(Cell{std::string(text), c.column});
  }
  return out;
}

const std::vector<std::string>& schema_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& d : param_schema()) k.emplace_back(d.key);
    return k;
  }();
  return keys;
}

}  // namespace

CsvDesign parse_design_csv(std::string_view text, const std::string& path) {
  std::vector<InputError> errors;
  auto error = [&](int line, int column, std::string key, std::string message, std::string hint) {
    if (errors.size() < kMaxErrors)
      errors.push_back(
          InputError{path, line, column, std::move(key), std::move(message), std::move(hint)});
  };
  CsvDesign out;
  bool header = false;
  CsvLines lines(text);
  std::string_view line;
  int line_no = 0;
  while (lines.next(line)) {
    line_no = lines.number();
    const std::string bare = trim(line);
    if (bare.empty() || bare.front() == '#') continue;
    const auto cells = split(line);
    if (!header) {
      header = true;
      std::set<std::string> seen;
      for (const auto& c : cells) {
        const auto index = find_param(c.text);
        if (!index) {
          const std::string best = closest_match(c.text, schema_keys());
          error(line_no, c.column, c.text, "unknown parameter in the design header",
                best.empty() ? "the header names scenario parameters, see docs/parameters.md"
                             : "did you mean '" + best + "'?");
        } else if (!seen.insert(c.text).second) {
          error(line_no, c.column, c.text, "parameter appears twice in the header",
                "keep one column per parameter");
        }
        out.keys.push_back(c.text);
        out.param_index.push_back(index.value_or(0));
      }
      continue;
    }
    if (cells.size() != out.keys.size()) {
      error(line_no, 1, {},
            "row has " + std::to_string(cells.size()) + " cells but the header has " +
                std::to_string(out.keys.size()),
            "write one value per header column, separated by commas");
      continue;
    }
    std::vector<double> row(cells.size(), 0.0);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      const char* first = c.text.data();
      const char* last = first + c.text.size();
      if (first != last && *first == '+') ++first;
      double v = 0.0;
      const auto [ptr, ec] = std::from_chars(first, last, v);
      const std::string where = "column " + std::to_string(i + 1) + " (" + out.keys[i] + ")";
      if (c.text.empty() || ec != std::errc() || ptr != last || !std::isfinite(v)) {
        error(line_no, c.column, out.keys[i],
              "'" + c.text + "' in " + where + " is not a finite number",
              "write a number such as 0.5");
        continue;
      }
      const ParamDef& d = param_schema()[out.param_index[i]];
      if (find_param(out.keys[i])) {
        if (v < d.min || v > d.max) {
          error(line_no, c.column, out.keys[i],
                "value " + number_text(v) + " in " + where + " is out of range",
                "allowed [" + number_text(d.min) + ", " + number_text(d.max) + "]");
        } else if (d.type != ParamType::real && std::trunc(v) != v) {
          error(line_no, c.column, out.keys[i],
                "value " + number_text(v) + " in " + where + " is not a whole number",
                d.type == ParamType::boolean ? "write 0 or 1" : "write an integer");
        }
      }
      row[i] = v;
    }
    out.points.push_back(std::move(row));
  }
  if (!header)
    error(1, 1, {}, "the design file is empty",
          "write a header row of parameter keys, then one row per point");
  else if (out.points.empty() && errors.empty())
    error(line_no, 1, {}, "the design file has a header but no points",
          "add one row of values per point");
  if (!errors.empty()) {
    sort_errors(errors);
    throw InputErrors(std::move(errors));
  }
  return out;
}

CsvDesign read_design_csv(const std::string& path) {
  std::string text;
  std::string why;
  if (!read_input_file(path, text, why))
    throw InputErrors({InputError{path,
                                  0,
                                  0,
                                  {},
                                  "cannot read design file: " + why,
                                  "check design.file (relative to the sweep file)"}});
  return parse_design_csv(text, path);
}

}  // namespace renkei
