#include "scenario/parameter_draws.hpp"

#include "input/csv_cells.hpp"
#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/sha256.hpp"
#include "scenario/policy_timeline.hpp"
#include "scenario/run_spec.hpp"
#include "scenario/scenario.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>

namespace renkei {
namespace {

// Errors beyond this many are summarised: a file with the wrong separator would otherwise
// report every cell.
constexpr std::size_t kMaxErrors = 20;

bool is_blank(std::string_view line) {
  for (const char c : line)
    if (c != ' ' && c != '\t') return false;
  return true;
}

std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::vector<std::string> schema_keys() {
  std::vector<std::string> out;
  for (const ParamDef& d : param_schema()) out.emplace_back(d.key);
  return out;
}

}  // namespace

std::vector<ParamOverride> ParameterDraws::overrides(std::size_t draw) const {
  const std::size_t k = columns.size();
  std::vector<ParamOverride> out(k);
  for (std::size_t c = 0; c < k; ++c) out[c] = ParamOverride{columns[c], values[draw * k + c]};
  return out;
}

void ParameterDraws::apply(std::size_t draw, Params& params) const {
  params = overridden_params(params, overrides(draw));
}

std::string ParameterDraws::label(std::size_t draw) const {
  const int line = draw < lines.size() ? lines[draw] : 0;
  return "posterior draw " + std::to_string(draw) + " (line " + std::to_string(line) + ")";
}

std::string ParameterDraws::describe() const {
  return path + " sha256 " + sha256 + ", " + std::to_string(size()) + " draw" +
         (size() == 1 ? "" : "s");
}

ParameterDraws parse_parameter_draws(std::string_view text, const std::string& file) {
  ParameterDraws out;
  out.path = file;
  out.sha256 = sha256_hex(text);
  std::vector<InputError> errors;
  auto error = [&](int line, int column, std::string key, std::string message, std::string hint) {
    errors.push_back({file, line, column, std::move(key), std::move(message), std::move(hint)});
  };
  const std::string layout_hint =
      "the first line names parameter keys, e.g. 'population.open_share,formation.intercept', and "
      "each "
      "further line holds one draw, one number per key; `renkei calibrate` writes such a file";

  int line_no = 0;
  bool have_header = false;
  CsvLines lines(text);
  std::string_view line;
  while (errors.size() < kMaxErrors && lines.next(line)) {
    line_no = lines.number();
    if (is_blank(line)) continue;
    const std::vector<CsvCell> cells = split_csv_cells(line);

    if (!have_header) {
      have_header = true;
      const std::vector<std::string> keys = schema_keys();
      std::vector<int> first_column(param_schema().size(), 0);
      for (const CsvCell& c : cells) {
        const std::string key(c.text);
        if (key.empty()) {
          error(line_no, c.column, "", "empty column name in the header",
                "name a parameter key in every column, with no trailing comma");
          continue;
        }
        const auto index = find_param(key);
        if (!index) {
          const std::string guess = closest_match(key, keys);
          error(line_no, c.column, key, "not a model parameter",
                guess.empty() ? "`renkei params` lists the keys" : "did you mean '" + guess + "'?");
          continue;
        }
        if (first_column[*index] != 0) {
          error(line_no, c.column, key,
                "column repeated (first at column " + std::to_string(first_column[*index]) + ")",
                "give each parameter one column");
          continue;
        }
        first_column[*index] = c.column;
        out.columns.push_back(*index);
      }
      if (cells.size() != out.columns.size()) out.columns.clear();  // header errors reported
      continue;
    }
    if (out.columns.empty()) break;  // a bad header: the rows cannot be checked against it

    const std::size_t k = out.columns.size();
    if (cells.size() != k) {
      const int col = cells.size() > k ? cells[k].column : static_cast<int>(line.size()) + 1;
      error(line_no, col, "",
            "row has " + std::to_string(cells.size()) + " cell" + (cells.size() == 1 ? "" : "s") +
                " for " + std::to_string(k) + " parameter columns",
            "give one number per header column, separated by commas");
      continue;
    }
    out.lines.push_back(line_no);
    for (std::size_t c = 0; c < k; ++c) {
      const ParamDef& d = param_schema()[out.columns[c]];
      const std::string key(d.key);
      const std::string_view cell = cells[c].text;
      double v = 0.0;
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size()) {
        error(line_no, cells[c].column, key, "'" + std::string(cell) + "' is not a number",
              "write a decimal number such as 0.55 or -3.1e-1");
        v = std::nan("");
      } else if (!std::isfinite(v)) {
        error(line_no, cells[c].column, key, "'" + std::string(cell) + "' is not finite",
              "write a finite number");
      } else if (!within_bounds(d, v)) {
        error(line_no, cells[c].column, key,
              number_text(v) + " is outside the parameter's range " + bounds_text(d),
              "use a value in the range (`renkei params` lists every range)");
      }
      out.values.push_back(v);
    }
  }
  if (errors.size() >= kMaxErrors)
    error(line_no, 0, "", "stopped after " + std::to_string(kMaxErrors) + " errors",
          "fix these first");
  if (errors.empty() && !have_header) error(1, 1, "", "the file is empty", layout_hint);
  if (errors.empty() && out.size() == 0)
    error(line_no + 1, 1, "", "the file has a header but no draws", layout_hint);
  if (!errors.empty()) throw InputErrors(std::move(errors));
  return out;
}

ParameterDraws load_parameter_draws(const std::string& path) {
  std::string text, why;
  if (!read_input_file(path, text, why))
    throw InputErrors(
        {{path, 0, 0, "", "cannot read the parameter-draws file: " + why,
          "pass the CSV written by `renkei calibrate` (scenarios/calibrated/*_draws.csv)"}});
  return parse_parameter_draws(text, path);
}

void check_policies_under_draws(const std::vector<Scenario>& scenarios,
                                const ParameterDraws& draws) {
  std::vector<InputError> errors;
  for (const Scenario& s : scenarios) {
    for (std::size_t d = 0; d < draws.size() && errors.size() < kMaxErrors; ++d) {
      const int line = d < draws.lines.size() ? draws.lines[d] : 0;
      for (const OverrideProblem& p : override_problems(s, draws.overrides(d), draws.label(d))) {
        const std::string in_scenario =
            "in " + (s.files.empty() ? "scenario '" + s.name + "'" : s.files.front().path) + ", ";
        errors.push_back({draws.path, line, 0, p.key, p.message,
                          p.kind == OverrideProblem::Kind::policy
                              ? "a policy must hold on every draw it runs with: " + in_scenario +
                                    "write the change relative to the baseline ([policy.add] or "
                                    "[policy.scale]) or "
                                    "narrow it"
                              : "every draw must make a scenario the loader accepts: " + p.fix +
                                    " (" + in_scenario + "or in the draws)"});
      }
    }
  }
  if (errors.size() >= kMaxErrors)
    errors.push_back({draws.path, 0, 0, "",
                      "stopped after " + std::to_string(errors.size()) + " errors",
                      "fix these first"});
  if (!errors.empty()) throw InputErrors(std::move(errors));
}

std::string default_draws_path(const std::vector<Scenario>& scenarios) {
  if (scenarios.empty()) return {};
  const Scenario& first = scenarios.front();
  for (const Scenario& s : scenarios) {
    if (s.run.parameter_draws == first.run.parameter_draws) continue;
    const auto named = [](const Scenario& x) {
      return x.run.parameter_draws.empty() ? std::string("no posterior draws")
                                           : "draws " + x.run.parameter_draws;
    };
    throw InputErrors(
        {{s.files.empty() ? s.name : s.files.front().path, 0, 0, "run.parameter_draws",
          "scenario '" + s.name + "' names " + named(s) + " but '" + first.name + "' names " +
              named(first) + ": replicate r of every scenario must run with the same parameters",
          "let every scenario extend the same calibration, or pass --parameter-draws FILE (or "
          "--point) to choose for all of them"}});
  }
  return first.run.parameter_draws;
}

std::optional<ParameterDraws> study_draws(const std::vector<Scenario>& scenarios,
                                          const std::string* explicit_path, bool point) {
  std::optional<ParameterDraws> draws;
  if (explicit_path != nullptr) {
    draws = load_parameter_draws(*explicit_path);
  } else if (!point) {
    const std::string path = default_draws_path(scenarios);
    if (!path.empty()) draws = load_parameter_draws(path);
  }
  if (draws) check_policies_under_draws(scenarios, *draws);
  return draws;
}

ParameterDraws first_draws(const ParameterDraws& draws, std::size_t count) {
  if (count >= draws.size()) return draws;
  ParameterDraws out = draws;
  out.values.resize(count * draws.columns.size());
  if (out.lines.size() > count) out.lines.resize(count);
  return out;
}

}  // namespace renkei
