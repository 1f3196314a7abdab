// Published figures held out of calibration (scenarios/validation/*.toml) and their
// comparison with a run: each figure is a cumulative weekly series at a date in one world,
// and it is "inside" when it lies in the run's 5 %-95 % band over replicates, the model's own
// predictive range. Nothing here is ever used to fit a parameter.
#pragma once

#include "core/calendar.hpp"

#include <string>
#include <vector>

namespace renkei {

struct ValidationItem {
  std::string label;
  std::string series;  // a weekly series of the output (e.g. "certifications")
  Date date;           // the figure's date; compared at the step holding it
  double value = 0;
  std::string scenario;  // the scenario of a run it describes (e.g. "baseline")
  std::string
      world_file;     // the world it describes: the file name of its world (e.g. "tohoku.toml")
  std::string scope;  // what the figure counts (e.g. "Tohoku block", "national")
  std::string confidence;  // "official", "secondary" (re-reported) or "derived"
  std::string source;
  int line = 0;
};

// A published count of one block (or, with block = "national", of all the world's blocks
// together) on a date, compared with the run's per-block output at that date.
struct BlockFigure {
  std::string block;  // a block id of the world file, or kNationalBlock
  Date date;
  double value = 0;
  std::string scenario;
  std::string world_file;
  std::string confidence;
  std::string source;
  int line = 0;
};
inline constexpr const char* kNationalBlock = "national";

struct Validation {
  std::string path;
  std::string name;
  std::string description;
  std::vector<ValidationItem> items;
  std::vector<BlockFigure> block_figures;  // [[block_figure]]
};

// Throws InputErrors naming the file, line, key and fix for any mistake.
Validation load_validation(const std::string& path);

// One item against a run: whether the run can speak to it, and if so its mean, SD and
// 5 %-95 % band over replicates at the item's date.
struct ValidationRow {
  const ValidationItem* item = nullptr;
  bool compared = false;
  std::string why_not;  // when not compared
  std::size_t replicates = 0;
  double mean = 0, sd = 0, lo = 0, hi = 0;
  bool inside = false;
};

// `values` holds the series' value at the item's date for every finished replicate.
ValidationRow compare_item(const ValidationItem& item, std::vector<double> values);
// The same reading for a block figure (row.item stays null).
ValidationRow compare_values(double published, std::vector<double> values);

// Per-replicate values of one block from a (scenario, replicate, block) array laid out
// row-major, for the finished replicates (ok[s·R + r] == 1) of `scenario`. `columns` lists
// the block columns to add up: one block, or every block of the scenario's world for the
// national figure. A replicate with NaN in a listed column is left out.
std::vector<double> block_values(const std::vector<double>& data, const std::vector<double>& ok,
                                 std::size_t replicates, std::size_t blocks, std::size_t scenario,
                                 const std::vector<std::size_t>& columns);

}  // namespace renkei
