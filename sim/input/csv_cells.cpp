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

}  // namespace renkei
