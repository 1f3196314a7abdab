// split_csv_cells and CsvLines: the cell texts, lines and columns every CSV error message names.
#include "input/csv_cells.hpp"

#include <catch2/catch.hpp>

using renkei::split_csv_cells;

TEST_CASE("csv cells: texts trimmed of blanks and tabs, columns of their first character",
          "[input][csv]") {
  const auto cells = split_csv_cells("a, \tbb ,c");
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].text == "a");
  CHECK(cells[0].column == 1);
  CHECK(cells[1].text == "bb");
  CHECK(cells[1].column == 5);  // after the comma (col 2), a blank and a tab
  CHECK(cells[2].text == "c");
  CHECK(cells[2].column == 9);
}

TEST_CASE("csv cells: empty cells and lines are cells too", "[input][csv]") {
  const auto empty = split_csv_cells("");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].text.empty());
  CHECK(empty[0].column == 1);
  const auto gaps = split_csv_cells("x,,  ,");
  REQUIRE(gaps.size() == 4);
  CHECK(gaps[1].text.empty());
  CHECK(gaps[1].column == 3);
  CHECK(gaps[2].text.empty());
  CHECK(gaps[2].column == 6);  // an all-blank cell points past its blanks, at the comma
  CHECK(gaps[3].text.empty());
  CHECK(gaps[3].column == 7);
}

TEST_CASE("csv lines: numbered from 1, a trailing CR dropped, a last line without newline kept",
          "[input][csv]") {
  renkei::CsvLines lines("a,b\r\n\nlast");
  std::string_view line;
  REQUIRE(lines.next(line));
  CHECK(line == "a,b");
  CHECK(lines.number() == 1);
  REQUIRE(lines.next(line));
  CHECK(line.empty());
  CHECK(lines.number() == 2);
  REQUIRE(lines.next(line));
  CHECK(line == "last");
  CHECK(lines.number() == 3);
  CHECK_FALSE(lines.next(line));
  CHECK(lines.number() == 3);
  // A final newline ends the last line; it does not start an empty one.
  renkei::CsvLines ended("x\n");
  REQUIRE(ended.next(line));
  CHECK(line == "x");
  CHECK_FALSE(ended.next(line));
  renkei::CsvLines none("");
  CHECK_FALSE(none.next(line));
  CHECK(none.number() == 0);
}
