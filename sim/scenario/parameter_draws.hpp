// Posterior parameter draws for parameter-uncertainty runs (`renkei run --parameter-draws`):
// a CSV with one column per parameter key and one row per draw, as `renkei calibrate` writes
// it. Replicate r of every scenario runs with draw r mod D, so a paired comparison keeps both
// its common random numbers and its common parameters.
#pragma once

#include "scenario/params.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

struct ParamOverride;

struct ParameterDraws {
  std::string path;                  // as given on the command line
  std::string sha256;                // of the file's bytes
  std::vector<std::size_t> columns;  // index into param_schema() of each column
  std::vector<double> values;        // [draw * columns.size() + column]
  std::vector<int> lines;            // the file line of each draw (1-based)

  std::size_t size() const { return columns.empty() ? 0 : values.size() / columns.size(); }
  // The draw replicate r uses: r mod D (D > 0).
  std::size_t draw_for(std::uint32_t replicate) const { return replicate % size(); }
  // The parameters `draw` sets (run a scenario with them through with_overrides).
  std::vector<ParamOverride> overrides(std::size_t draw) const;
  // Sets every drawn parameter of `params` to its value in `draw`.
  void apply(std::size_t draw, Params& params) const;
  // "posterior draw D (line L)": names the draw in messages.
  std::string label(std::size_t draw) const;
  // "<path> sha256 <digest>, D draws": the provenance recorded in the output file.
  std::string describe() const;
};

// Parses the CSV text of `file` (named in errors). Throws InputErrors naming file, line,
// column and key for: an empty file or no draws, unknown or repeated keys (with a
// did-you-mean hint), rows with the wrong number of cells, non-numeric or non-finite cells,
// and values outside the parameter's schema bounds. Blank lines are skipped; CRLF is accepted.
ParameterDraws parse_parameter_draws(std::string_view text, const std::string& file);

// Reads and parses `path`; an unreadable file is an InputErrors too.
ParameterDraws load_parameter_draws(const std::string& path);

struct Scenario;

// The draws `scenarios` carry by default: the file their run.parameter_draws names, the same
// for every scenario, or empty when none names one. Throws InputErrors when they disagree
// (pairing replicate r across scenarios needs the same draw in each).
std::string default_draws_path(const std::vector<Scenario>& scenarios);

// The draws a command runs `scenarios` with: those of `explicit_path` when given, none when
// `point`, else the scenarios' own (default_draws_path). Every policy is checked on each
// (check_policies_under_draws). Nothing when there are no draws.
std::optional<ParameterDraws> study_draws(const std::vector<Scenario>& scenarios,
                                          const std::string* explicit_path, bool point);

// The first `count` draws of `draws` (all of them if it has fewer).
ParameterDraws first_draws(const ParameterDraws& draws, std::size_t count);
// Checks every scenario on every draw as the loader checks a scenario on its own parameters
// (override_problems: the rules across parameters, and every policy's lever bounds and
// declared intent). Throws InputErrors naming the draw's line and the parameters (for a
// policy: the scenario, the policy, the lever and its values before and after).
void check_policies_under_draws(const std::vector<Scenario>& scenarios,
                                const ParameterDraws& draws);

}  // namespace renkei
