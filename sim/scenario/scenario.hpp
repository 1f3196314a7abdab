// A validated, immutable scenario: run settings, parameters, the dated policy timeline and
// the provenance of the files it came from. Produced by the loader; read by everything else.
#pragma once

#include "core/calendar.hpp"
#include "scenario/params.hpp"
#include "world/world.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace renkei {

struct RunSettings {
  Date start{2005, 4, 1};
  Date end{2010, 3, 31};
  int burn_in_weeks = 156;
  int step_days = 7;
  int replicates = 20;
  std::uint64_t seed = 20050401;
  bool keep_replicate_series = true;
  std::string world;  // absolute path of the world file
};

// A dated change of one or more levers: from `start`, each lever moves linearly from its
// value before the policy to `target` over `ramp_weeks` (0 = at once).
struct PolicyChange {
  std::string name;
  std::string description;
  Date start;
  int ramp_weeks = 0;
  std::vector<std::pair<std::size_t, double>> targets;  // (index into param_schema(), value)
  double cost_fixed_yen = 0.0;     // paid once at start
  double cost_per_year_yen = 0.0;  // paid pro rata every step from start
};

struct ScenarioFile {
  std::string path;    // as resolved on disk
  std::string sha256;  // of the file's bytes
};

struct Scenario {
  std::string name;
  std::string description;
  RunSettings run;
  Params params;
  std::vector<PolicyChange> policies;  // sorted by start date (stable)
  std::vector<ScenarioFile> files;     // this file first, then its parents
  std::string resolved_toml;           // every setting and parameter, fully resolved
  std::shared_ptr<const World> world;

  Calendar calendar() const {
    return Calendar(run.start, run.end, run.step_days,
                    (run.burn_in_weeks * 7 + run.step_days - 1) / run.step_days);
  }
};

}  // namespace renkei
