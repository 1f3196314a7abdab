// A validated, immutable scenario: run settings, parameters, the dated policy timeline and
// the provenance of the files it came from. Produced by the loader; read by everything else.
#pragma once

#include "core/calendar.hpp"
#include "scenario/params.hpp"
#include "world/world.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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
  // Absolute path of the posterior draws of the calibration this scenario extends (empty if
  // none): `renkei run` carries parameter uncertainty with them unless told --point.
  std::string parameter_draws;
};

// How a policy changes one lever, relative to the value in force when the policy acts, so
// that a policy keeps its meaning when the baseline it extends is recalibrated.
enum class LeverOp {
  set,    // the lever becomes `operand` (absolute)
  add,    // the lever moves by `operand` (a shift, in the lever's unit)
  scale,  // the lever is multiplied by `operand`
  // For shares and probabilities (bounds [0, 1]): the lever moves the fraction `operand` of
  // the way from its value to 1 ("removes 30 % of what is missing"), which stays a share on
  // any baseline, where `add` could pass 1.
  close_gap,
};

// The direction a policy declares for a lever; checked against every baseline it runs on.
enum class LeverIntent { unstated, raise, lower };

struct LeverChange {
  std::size_t param = 0;  // index into param_schema()
  LeverOp op = LeverOp::set;
  double operand = 0.0;
  LeverIntent intent = LeverIntent::unstated;

  // The value the lever reaches once the change is complete, from `from`.
  double target(double from) const noexcept {
    switch (op) {
      case LeverOp::add: return from + operand;
      case LeverOp::scale: return from * operand;
      case LeverOp::close_gap: return from + operand * (1.0 - from);
      case LeverOp::set: break;
    }
    return operand;
  }
  bool operator==(const LeverChange&) const = default;
};

// A dated change of one or more levers: from `start`, each lever moves linearly from its
// value in force to its target over `ramp_weeks` (0 = at once). From the step after the one
// holding `end` (or once its budget cap binds) the policy no longer acts: every lever takes
// the value it would have without the policy, and its running costs stop.
struct PolicyChange {
  std::string name;
  std::string description;
  Date start;
  std::optional<Date> end;  // last day in force (none: to the end of the run)
  int ramp_weeks = 0;
  std::vector<LeverChange> levers;
  double cost_fixed_yen = 0.0;     // paid once at start
  double cost_per_year_yen = 0.0;  // paid pro rata every step from start
  // The most the policy's own charges (fixed and running) may total; 0 = no cap.
  double budget_cap_yen = 0.0;
  std::string cost_source;  // where the cost figures come from ("assumption: ..." if none)
};

struct ScenarioFile {
  std::string path;    // as resolved on disk
  std::string sha256;  // of the file's bytes
};

struct Scenario {
  std::string name;  // an ASCII identifier
  std::string description;
  // Names for readers, in English and Japanese (UTF-8); empty: the identifier is shown.
  std::string display_name_en;
  std::string display_name_ja;
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
