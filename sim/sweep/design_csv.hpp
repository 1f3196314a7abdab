// Designs written by other tools (SALib, EMA Workbench, OpenMOLE, a spreadsheet): a CSV file
// whose header names scenario parameters and whose rows are the points to run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

struct CsvDesign {
  std::vector<std::string> keys;            // header, one parameter key per column
  std::vector<std::size_t> param_index;     // index of each key in param_schema()
  std::vector<std::vector<double>> points;  // [row][column]
};

// Reads and validates a design CSV: comma-separated, header row of parameter keys (optionally
// quoted), one row per point; blank lines and lines starting with '#' are skipped. Every
// problem (unknown key with a "did you mean", non-numeric cell, value out of the parameter's
// bounds, row of the wrong width) becomes an InputError with file, line and column; all are
// thrown together as InputErrors.
CsvDesign read_design_csv(const std::string& path);
CsvDesign parse_design_csv(std::string_view text, const std::string& path);

}  // namespace renkei
