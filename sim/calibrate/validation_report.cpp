#include "calibrate/validation_report.hpp"

#include "calibrate/validation.hpp"
#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "io/h5_reader.hpp"
#include "report/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace renkei {
namespace {

std::string fmt1(double x) { return printf_double("%.1f", x); }

// The world file a scenario ran on, from its resolved text ("world = \"/path/x.toml\"").
std::string world_file_of(const std::string& resolved) {
  const std::string key = "\nworld = \"";
  const auto at = resolved.find(key);
  if (at == std::string::npos) return {};
  const auto start = at + key.size();
  const auto end = resolved.find('"', start);
  const std::string path = resolved.substr(start, end - start);
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Day offset of `d` from the time axis' origin ("days since YYYY-MM-DD").
double day_of(const std::string& units, const Date& d, const std::string& file) {
  int y = 0, m = 0, dd = 0;
  if (std::sscanf(units.c_str(), "days since %d-%d-%d", &y, &m, &dd) != 3)
    throw UsageError(file + ": the time axis' units '" + units +
                     "' are not 'days since YYYY-MM-DD'");
  const Date origin{y, static_cast<unsigned>(m), static_cast<unsigned>(dd)};
  return static_cast<double>((d.days() - origin.days()).count());
}

std::string verdict(const ValidationRow& row, double published) {
  return row.inside
             ? "inside"
             : (published > row.hi ? "OUTSIDE (above the band)" : "OUTSIDE (below the band)");
}

}  // namespace

void validate_file(std::ostream& out, const std::string& file, const std::string& validation_file) {
  const Validation validation = load_validation(validation_file);

  std::unique_ptr<H5Reader> in;
  try {
    in = std::make_unique<H5Reader>(file);
    for (const char* need : {"scenario", "run_ok", "time", "scenario_toml"})
      if (!in->has_variable(need))
        throw std::runtime_error(file + ": no '" + need +
                                 "' variable; not the output of renkei run");
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  const auto scenarios = in->read_strings("scenario");
  const auto tomls = in->read_strings("scenario_toml");
  const auto ok = in->read_numeric("run_ok");
  const auto time = in->read_numeric("time");
  const std::string units = in->variable_attribute("time", "units");
  if (ok.shape.size() != 2 || ok.shape[0] != scenarios.size() || tomls.size() != scenarios.size())
    throw UsageError(
        file + ": run_ok is not a (scenario, replicate) variable; not the output of renkei run");
  const std::size_t R = ok.shape[1], T = time.values.size();

  // Per-block output (files of renkei run before it was added have none).
  const bool has_blocks = in->has_variable("block") &&
                          in->has_variable("certifications_by_block") &&
                          in->has_variable("certifications_by_block_end");
  std::vector<std::string> blocks;
  std::string dec_date, end_date;
  if (has_blocks) {
    blocks = in->read_strings("block");
    dec_date = in->variable_attribute("certifications_by_block", "date");
    end_date = in->variable_attribute("certifications_by_block_end", "date");
    for (const char* v : {"certifications_by_block", "certifications_by_block_end"})
      if (in->shape(v) != std::vector<std::size_t>{scenarios.size(), R, blocks.size()})
        throw UsageError(file + ": '" + v + "' is not a (scenario, replicate, block) variable");
  }
  // A figure naming a block the run's world lacks is a mistake in the validation file: refused
  // before anything is printed.
  std::vector<InputError> errors;
  for (const BlockFigure& fig : validation.block_figures) {
    std::size_t s = scenarios.size();
    for (std::size_t i = 0; i < scenarios.size(); ++i)
      if (scenarios[i] == fig.scenario) s = i;
    if (!has_blocks || s == scenarios.size() || world_file_of(tomls[s]) != fig.world_file) continue;
    if (fig.block != kNationalBlock &&
        std::find(blocks.begin(), blocks.end(), fig.block) == blocks.end()) {
      std::string known;
      for (const auto& b : blocks) known += (known.empty() ? "" : ", ") + b;
      errors.push_back(
          {validation.path, fig.line, 0, "block_figure.block",
           "no block '" + fig.block + "' in " + fig.world_file + " (the world of this run)",
           "use one of its block ids (" + known + ") or \"national\" for the sum over blocks"});
    }
  }
  if (!errors.empty()) throw InputErrors(std::move(errors));
  out << "renkei validate: " << file << " against " << validation.path << " (" << validation.name
      << ")\n"
      << "inside: the published figure lies in the run's 5 %-95 % band over replicates at its "
         "date\n\n";
  std::size_t compared = 0, inside = 0;
  std::vector<ValidationRow> rows;
  for (const ValidationItem& item : validation.items) {
    ValidationRow row;
    row.item = &item;
    std::size_t s = scenarios.size();
    for (std::size_t i = 0; i < scenarios.size(); ++i)
      if (scenarios[i] == item.scenario) s = i;
    const double day = day_of(units, item.date, file);
    if (s == scenarios.size()) {
      row.why_not = "no scenario '" + item.scenario + "' in this run";
    } else if (world_file_of(tomls[s]) != item.world_file) {
      row.why_not = "about world " + item.world_file + "; this run's is " + world_file_of(tomls[s]);
    } else if (T == 0 || day < time.values.front() || day > time.values.back() + 7.0) {
      row.why_not = "date " + item.date.iso() + " outside the run";
    } else if (!in->has_variable(item.series) ||
               in->shape(item.series) != std::vector<std::size_t>{scenarios.size(), R, T}) {
      row.why_not =
          "no per-replicate series '" + item.series + "' (run without --no-replicate-series)";
    } else {
      std::size_t step = 0;
      while (step + 1 < T && time.values[step + 1] <= day) ++step;
      const auto series = in->read_numeric(item.series);
      std::vector<double> values;
      for (std::size_t r = 0; r < R; ++r)
        if (ok.values[s * R + r] == 1.0) values.push_back(series.values[(s * R + r) * T + step]);
      row = compare_item(item, std::move(values));
    }
    if (row.compared) {
      ++compared;
      inside += row.inside ? 1 : 0;
    }
    out << "- " << item.label << " (" << item.scope << ", " << item.date.iso() << ", "
        << item.confidence << "): published " << fmt1(item.value);
    if (row.compared)
      out << "; run " << fmt1(row.mean) << " (SD " << fmt1(row.sd) << ", 5-95 % [" << fmt1(row.lo)
          << ", " << fmt1(row.hi) << "], " << row.replicates
          << " replicates): " << verdict(row, item.value) << "\n";
    else
      out << "; not compared: " << row.why_not << "\n";
    out << "    source: " << item.source << "\n";
  }
  // Per-block figures, against certifications_by_block (at 15 December of the start year)
  // or certifications_by_block_end (at the end date), whichever carries the figure's date.
  std::size_t block_compared = 0, block_inside = 0;
  if (!validation.block_figures.empty()) {
    out << "\ncertifications by block (the core firm's block; national = the sum over the world's "
           "blocks):\n";
    std::vector<double> dec_values, end_values;
    for (const BlockFigure& fig : validation.block_figures) {
      ValidationRow row;
      std::size_t s = scenarios.size();
      for (std::size_t i = 0; i < scenarios.size(); ++i)
        if (scenarios[i] == fig.scenario) s = i;
      const std::string date = fig.date.iso();
      if (s == scenarios.size()) {
        row.why_not = "no scenario '" + fig.scenario + "' in this run";
      } else if (world_file_of(tomls[s]) != fig.world_file) {
        row.why_not =
            "about world " + fig.world_file + "; this run's is " + world_file_of(tomls[s]);
      } else if (!has_blocks) {
        row.why_not = "the file has no per-block output (certifications_by_block)";
      } else if (date != dec_date && date != end_date) {
        row.why_not = "no per-block output at " + date + " (this run has " + dec_date + " and " +
                      end_date + ")";
      } else {
        const bool dec = date == dec_date;
        std::vector<double>& data = dec ? dec_values : end_values;
        if (data.empty())
          data = in->read_numeric(dec ? "certifications_by_block" : "certifications_by_block_end")
                     .values;
        std::vector<std::size_t> columns;
        if (fig.block == kNationalBlock) {
          // The scenario's world's blocks: the columns it wrote (others are NaN throughout).
          for (std::size_t b = 0; b < blocks.size(); ++b)
            for (std::size_t r = 0; r < R; ++r)
              if (ok.values[s * R + r] == 1.0 &&
                  !std::isnan(data[(s * R + r) * blocks.size() + b])) {
                columns.push_back(b);
                break;
              }
        } else {
          columns.push_back(static_cast<std::size_t>(
              std::find(blocks.begin(), blocks.end(), fig.block) - blocks.begin()));
        }
        row =
            compare_values(fig.value, block_values(data, ok.values, R, blocks.size(), s, columns));
      }
      if (row.compared) {
        ++block_compared;
        block_inside += row.inside ? 1 : 0;
      }
      out << "- " << fig.block << " (" << date << ", " << fig.confidence << "): published "
          << fmt1(fig.value);
      if (row.compared)
        out << "; run " << fmt1(row.mean) << " (SD " << fmt1(row.sd) << ", 5-95 % [" << fmt1(row.lo)
            << ", " << fmt1(row.hi) << "], " << row.replicates
            << " replicates): " << verdict(row, fig.value) << "\n";
      else
        out << "; not compared: " << row.why_not << "\n";
      out << "    source: " << fig.source << "\n";
    }
    out << "per block: " << block_inside << " of " << block_compared
        << " compared figures inside\n";
  }
  const std::size_t figures = validation.items.size() + validation.block_figures.size();
  out << "\n"
      << inside + block_inside << " of " << compared + block_compared
      << " compared figures inside; " << figures - compared - block_compared
      << " not about this run\n";
}

}  // namespace renkei
