// Test fixtures for the model's mechanisms: small hand-built worlds and scenarios (no
// loader, no files), a bench that owns an initialised ModelState plus a step context, and
// checks of the state's internal consistency shared by the mechanism and whole-run tests.
#pragma once

#include "core/rng.hpp"
#include "model/context.hpp"
#include "model/model.hpp"
#include "model/run_result.hpp"
#include "model/state.hpp"
#include "scenario/scenario.hpp"
#include "world/world.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace renkei::model_test {

// Industry indices of the test world: two manufacturing industries and one service.
inline constexpr std::uint16_t kMetal = 0;
inline constexpr std::uint16_t kElectronics = 1;
inline constexpr std::uint16_t kSoftware = 2;  // the service industry

// A world of len(counts) prefectures × 3 industries (metal, electronics, software =
// service), one block whose bureau sits in prefecture 0, three size classes and three
// capital brackets. counts[p][i] firms per cell.
std::shared_ptr<const World> make_world(const std::vector<std::vector<std::int64_t>>& counts);
// The default small world: 2 prefectures × 3 industries, 300 firms.
std::shared_ptr<const World> small_world();
// A mid-sized world of about `firms` firms with the same shape (for whole-run properties).
std::shared_ptr<const World> sized_world(std::int64_t firms);

// A scenario around `world`: default parameters, no policies, start 2005-04-01, the given
// horizon and burn-in (weeks), weekly steps.
Scenario make_scenario(std::shared_ptr<const World> world, int burn_in_weeks = 52,
                       Date end = Date{2006, 3, 31});

// Index of parameter `key` in the schema; throws std::invalid_argument for an unknown key
// (a typo in a test).
std::size_t param_index(std::string_view key);
// A policy that changes one lever: `op` with `operand` from `start`, ramped over
// `ramp_weeks`, its intent unstated.
PolicyChange one_lever_policy(std::string name, Date start, int ramp_weeks, std::string_view key,
                              LeverOp op, double operand);

// `p` with every route of program information off (announcement, pull, word of mouth and all
// policy routes): nobody ever hears of the program.
Params without_program_information(Params p);
// Parameters that switch every source of change off: no meetings, no program information,
// no forgetting, no attitude turnover; information routes reach every firm alike. Tests switch on
// only what they examine.
Params quiet_params();
// Parameters under which the program certifies readily (for program and concordance
// tests): everyone aware and understanding, formal governance, high acceptance.
Params eager_program_params();

// An initialised model state for mechanism-level tests, with its own streams and a step
// context built on demand. The bench owns the scenario the model points to, so it is
// neither copyable nor movable; construct it in place.
class Bench {
 public:
  Bench(Scenario scenario, std::uint64_t seed = 7, std::uint32_t replicate = 0);
  Bench(const Bench&) = delete;
  Bench& operator=(const Bench&) = delete;

  ModelState& state() { return model_.state(); }
  Model& model() { return model_; }
  const Scenario& scenario() const { return scenario_; }
  // Parameters the contexts carry; tests edit them freely.
  Params params;
  // A context at `step` whose streams come from (stream_seed, 0): tests that need many
  // independent trials vary the step or the seed.
  StepContext ctx(int step) const { return StepContext{params, streams_, step, burn_in_, 1.0}; }
  void reseed(std::uint64_t stream_seed) { streams_ = rng::ReplicateStreams(stream_seed, 0); }
  // Rebuilds the state's reach tables from `params` (the model built them from the
  // scenario's): for tests that change the reach parameters after construction.
  void rebuild_reach();

 private:
  Scenario scenario_;
  Model model_;
  rng::ReplicateStreams streams_;
  int burn_in_;
};

// First firm of cell (prefecture, industry) and the cell's size.
std::uint32_t cell_first(const ModelState& s, std::uint32_t pref, std::uint32_t ind);
std::uint32_t cell_size(const ModelState& s, std::uint32_t pref, std::uint32_t ind);

// Opens or closes every firm (through set_open, so open_count follows).
void set_all_open(ModelState& s, bool open);
// Gives every capability of `firm` the same value (complementarity tests).
void set_capabilities(ModelState& s, std::uint32_t firm, float value);

// Internal consistency of a state: memberships mirror member lists, active lists and
// positions agree, counters equal recounts, max_collaborations holds, no duplicates.
// Returns an empty string if consistent, else the first violation found.
std::string consistency_violation(const ModelState& s, const Params& p);

// Whether two run records are bit-identical (NaN patterns included).
bool same_bits(const RunResult& a, const RunResult& b);

}  // namespace renkei::model_test
