#include "input/csv_cells.hpp"

namespace renkei {

std::vector<CsvCell> split_csv_cells(std::string_view line) {
  std::vector<CsvCell> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    std::size_t a = start;
    std::size_t b = end;
    while (a < b && (line[a] == ' ' || line[a] == '\t')) ++a;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) --b;
    out.push_back({line.substr(a, b - a), static_cast<int>(a) + 1});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

bool CsvLines::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  std::size_t nl = text_.find('\n', pos_);
  if (nl == std::string_view::npos) nl = text_.size();
  line = text_.substr(pos_, nl - pos_);
  pos_ = nl + 1;
  ++number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

}  // namespace renkei
