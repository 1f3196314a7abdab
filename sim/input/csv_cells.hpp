// Splits one line of the project's CSV inputs (posterior draws, sweep designs) into cells that
// remember their column, so that every error in such a file can name its line and column.
#pragma once

#include <string_view>
#include <vector>

namespace renkei {

struct CsvCell {
  std::string_view text;  // the cell, trimmed of surrounding blanks and tabs
  int column = 1;         // 1-based, of the cell's first character after the blanks
};

// The cells between commas (no quoting: the files these read never hold a comma in a cell).
// An empty line is one empty cell.
std::vector<CsvCell> split_csv_cells(std::string_view line);

}  // namespace renkei
