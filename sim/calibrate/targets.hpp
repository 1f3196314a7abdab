// The study's figures the model is calibrated and validated against, read from a targets
// file (scenarios/targets/tohoku2005.toml): value, base n, routing, kind and source of each,
// and the sampling uncertainty that weights it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

enum class TargetKind { share, count, mean, cases };

// What an item is evidence of. Only targets count in a fit summary: an input is reproduced
// by construction (the no-answer shares the survey.na_* parameters set, the response rate
// the fieldwork is scaled to), an identity follows from other items (a routing base is a
// sum of Q1 answers), so neither can fail and counting them would inflate "k of K inside".
enum class TargetRole { target, input, identity };
const char* role_name(TargetRole role) noexcept;

struct TargetItem {
  std::string name;  // simulated item (final_<name>); empty when not modelled
  std::string label;
  double value = 0;
  double n = 0;  // base of a share or count (0 = not given)
  TargetKind kind = TargetKind::share;
  double sd = 0;          // given for mean and cases
  bool at_least = false;  // the study says "over value"
  bool calibrate = false;
  bool modelled = true;
  TargetRole role = TargetRole::target;  // `role` key; default target
  std::string routing;
  std::string source;
  int line = 0;  // where it was written

  // The study figure as a share of its base (counts) or as written.
  double comparable_value() const { return kind == TargetKind::count && n > 0 ? value / n : value; }
  // Standard error of the study figure from sampling: sqrt(p(1-p)/n) for shares and counts
  // (as shares), the given sd otherwise.
  double standard_error() const;
  // The survey's own 95 % sampling interval (Wilson score interval for shares; ±1.96 SE
  // otherwise); an "at least" figure is open above.
  std::pair<double, double> interval95() const;
};

struct Targets {
  std::string path;
  std::string name;
  std::string description;
  std::vector<TargetItem> items;

  // The item named `item`, or null.
  const TargetItem* find(const std::string& item) const;
};

// Throws InputErrors naming the file, line, key and fix for any mistake.
Targets load_targets(const std::string& path);
// The same checks on text already in memory (tests, the fuzzer); `path` names it in errors.
Targets load_targets_from_string(std::string_view text, const std::string& path);

}  // namespace renkei
