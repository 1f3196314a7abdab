// Splits one line of the project's CSV inputs (posterior draws, sweep designs) into cells that
// remember their column, so that every error in such a file can name its line and column.
#pragma once

#include <cstddef>
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

// Walks a text line by line, counting lines from 1 for error messages; a trailing '\r' (a file
// saved on Windows) is not part of the line.
class CsvLines {
 public:
  explicit CsvLines(std::string_view text) : text_(text) {}
  // The next line, or false at the end of the text.
  bool next(std::string_view& line);
  int number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int number_ = 0;
};

}  // namespace renkei
