#include "scenario/loader.hpp"

#include "input/input_file.hpp"
#include "input/sha256.hpp"
#include "input/toml_check.hpp"
#include "input/toml_text.hpp"
#include "scenario/policy_timeline.hpp"
#include "scenario/resolved_text.hpp"
#include "scenario/run_spec.hpp"
#include "world/world_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace renkei {
namespace {

namespace fs = std::filesystem;
using tomlcheck::Bounds;
using tomlcheck::Checker;
using tomlcheck::Location;

// A chain longer than this is almost certainly a mistake (and bounds the recursion).
constexpr std::size_t kMaxExtendsDepth = 32;
// Same as the burn-in bound: a century of simulated weeks is already far beyond any study.
constexpr int kMaxRunDays = 36525;
constexpr double kUnbounded = 1e300;

template <class T>
struct Set {
  T value;
  Location at;
};

struct PolicyDraft {
  PolicyChange policy;
  Location at;  // the [[policy]] header
  std::optional<Location> start_at;
  std::optional<Location> end_at;
  std::optional<Location> cap_at;
  std::vector<Location> target_at;  // one per target
  bool complete = false;            // name and start are valid
};

// What one file sets; the chain is resolved from these, parent first.
struct Layer {
  std::string file;  // as shown in messages
  std::string abs;   // absolute, normalised
  std::string dir;   // absolute directory: relative paths in the file start here
  std::string sha256;
  std::string name;
  std::string description;
  std::string display_name_en;
  std::string display_name_ja;
  Location run_at;
  std::optional<Set<Date>> start;
  std::optional<Set<Date>> end;
  std::optional<Set<int>> burn_in_weeks;
  std::optional<Set<int>> step_days;
  std::optional<Set<int>> replicates;
  std::optional<Set<std::uint64_t>> seed;
  std::optional<Set<bool>> keep_replicate_series;
  std::optional<Set<std::string>> world;            // absolute path
  std::optional<Set<std::string>> parameter_draws;  // absolute path
  std::optional<Set<std::string>> extends;          // as written
  std::vector<std::pair<std::size_t, Set<double>>> params;
  std::vector<PolicyDraft> policies;
};

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = {"scenario",
                                  "scenario.name",
                                  "scenario.description",
                                  "scenario.extends",
                                  "scenario.display_name_en",
                                  "scenario.display_name_ja",
                                  "run",
                                  "run.start",
                                  "run.end",
                                  "run.burn_in_weeks",
                                  "run.step_days",
                                  "run.replicates",
                                  "run.seed",
                                  "run.keep_replicate_series",
                                  "run.world",
                                  "run.parameter_draws",
                                  "policy",
                                  "policy.name",
                                  "policy.description",
                                  "policy.start",
                                  "policy.end",
                                  "policy.budget_cap_yen",
                                  "policy.ramp_weeks",
                                  "policy.cost_fixed_yen",
                                  "policy.cost_per_year_yen",
                                  "policy.cost_source",
                                  "policy.set",
                                  "policy.add",
                                  "policy.scale",
                                  "policy.close_gap",
                                  "policy.intent"};
    std::set<std::string> groups;
    for (const auto& d : param_schema()) {
      k.emplace_back(d.key);
      groups.emplace(d.group);
    }
    k.insert(k.end(), groups.begin(), groups.end());
    return k;
  }();
  return keys;
}

const std::vector<std::string>& lever_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& d : param_schema()) {
      if (d.lever) k.emplace_back(d.key);
    }
    return k;
  }();
  return keys;
}

bool is_group(std::string_view name) {
  const auto schema = param_schema();
  return std::any_of(schema.begin(), schema.end(),
                     [&](const ParamDef& d) { return d.group == name; });
}

// A few levers to show when a key is not one: those of the same group, else the first ones.
std::string lever_hint(std::string_view key) {
  const std::string_view group = key.substr(0, key.find('.'));
  std::vector<std::string> pick;
  for (const auto& d : param_schema()) {
    if (d.lever && d.group == group && pick.size() < 5) pick.emplace_back(d.key);
  }
  if (pick.empty()) {
    for (const auto& k : lever_keys()) {
      if (pick.size() < 5) pick.push_back(k);
    }
  }
  std::string out = "levers include ";
  for (std::size_t i = 0; i < pick.size(); ++i) out += (i ? ", " : "") + pick[i];
  return out + " (all are marked in docs/parameters.md)";
}

std::string date_range(Date a, Date b) { return a.iso() + " to " + b.iso(); }

// Reads a parameter value of the schema's type and bounds.
std::optional<double> param_value(Checker& c, const ParamDef& d, const toml::node& n,
                                  const std::string& key) {
  const Bounds b{d.min, d.max, false, d.unit};
  switch (d.type) {
    case ParamType::real: return c.real(n, key, b);
    case ParamType::integer: {
      auto v = c.integer(n, key, b);
      if (v) return static_cast<double>(*v);
      return std::nullopt;
    }
    case ParamType::boolean: {
      auto v = c.boolean(n, key);
      if (v) return *v ? 1.0 : 0.0;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Reads one parsed file into a Layer; all per-file checks happen here.
class LayerReader {
 public:
  LayerReader(Checker& c, Layer& layer) : c_(c), l_(layer) {}

  void read(const toml::table& doc) {
    for (auto&& [k, v] : doc) {
      const std::string name(k.str());
      if (name == "scenario") {
        read_scenario(v);
      } else if (name == "run") {
        read_run(v);
      } else if (name == "policy") {
        read_policies(v);
      } else if (is_group(name)) {
        read_group(name, v);
      } else if (const auto index = find_param(name)) {
        // A quoted dotted key at the top level ("meetings.rate_personal" = 0.06).
        if (auto x = param_value(c_, param_schema()[*index], v, name)) {
          l_.params.emplace_back(*index, Set<double>{*x, c_.at(v.source())});
        }
      } else {
        unknown_top_level(k, v);
      }
    }
    if (doc.get("scenario") == nullptr) {
      c_.error(Location{c_.file(), 1, 1}, "scenario.name", "missing [scenario] section",
               "start the file with [scenario] and name = \"...\"");
    }
    if (const auto* run = doc.get("run")) {
      l_.run_at = c_.at(run->source());
    }
    if (l_.run_at.line <= 0) l_.run_at = Location{c_.file(), 1, 1};
  }

 private:
  void unknown_top_level(const toml::key& k, const toml::node& v) {
    const std::string name(k.str());
    // A parameter written outside its table: point to the table it belongs in.
    for (const auto& d : param_schema()) {
      if (d.name == name) {
        c_.error(k.source(), name, "unknown key",
                 "did you mean '" + std::string(d.key) + "'? parameters go in their table, here [" +
                     std::string(d.group) + "]");
        return;
      }
    }
    c_.unknown_key(k.source(), name, scenario_keys(),
                   v.is_table() || v.is_array() ? "table" : "key");
  }

  void read_scenario(const toml::node& n) {
    const toml::table* t = c_.table(n, "scenario");
    if (t == nullptr) return;
    c_.unknown_keys(*t, "scenario",
                    {"name", "description", "extends", "display_name_en", "display_name_ja"},
                    scenario_keys());
    if (const auto* v = c_.get(*t, "name", "scenario.name", true)) {
      if (auto s = c_.identifier(*v, "scenario.name")) l_.name = *s;
    }
    if (const auto* v = c_.get(*t, "description", "scenario.description")) {
      if (auto s = c_.string(*v, "scenario.description", false)) l_.description = *s;
    }
    // Display names are for readers and may be in any script (UTF-8); the name stays the
    // ASCII identifier that files, options and outputs use.
    if (const auto* v = c_.get(*t, "display_name_en", "scenario.display_name_en")) {
      if (auto s = c_.string(*v, "scenario.display_name_en")) l_.display_name_en = *s;
    }
    if (const auto* v = c_.get(*t, "display_name_ja", "scenario.display_name_ja")) {
      if (auto s = c_.string(*v, "scenario.display_name_ja")) l_.display_name_ja = *s;
    }
    if (const auto* v = c_.get(*t, "extends", "scenario.extends")) {
      if (auto s = c_.string(*v, "scenario.extends"))
        l_.extends = Set<std::string>{*s, c_.at(v->source())};
    }
  }

  template <class T>
  void set_int(const toml::table& t, std::string_view name, const Bounds& b,
               std::optional<Set<T>>& out) {
    const std::string key = "run." + std::string(name);
    if (const auto* v = c_.get(t, name, key)) {
      if (auto x = c_.integer(*v, key, b)) out = Set<T>{static_cast<T>(*x), c_.at(v->source())};
    }
  }

  void read_run(const toml::node& n) {
    const toml::table* t = c_.table(n, "run");
    if (t == nullptr) return;
    c_.unknown_keys(*t, "run",
                    {"start", "end", "burn_in_weeks", "step_days", "replicates", "seed",
                     "keep_replicate_series", "world", "parameter_draws"},
                    scenario_keys());
    if (const auto* v = c_.get(*t, "start", "run.start")) {
      if (auto d = c_.date(*v, "run.start")) l_.start = Set<Date>{*d, c_.at(v->source())};
    }
    if (const auto* v = c_.get(*t, "end", "run.end")) {
      if (auto d = c_.date(*v, "run.end")) l_.end = Set<Date>{*d, c_.at(v->source())};
    }
    set_int(*t, "burn_in_weeks", Bounds{0, 5200, false, "weeks"}, l_.burn_in_weeks);
    set_int(*t, "step_days", Bounds{1, 28, false, "days"}, l_.step_days);
    set_int(*t, "replicates", Bounds{1, 1e7, false, "replicates"}, l_.replicates);
    set_int(*t, "seed", Bounds{0, kUnbounded, false, "integer"}, l_.seed);
    if (const auto* v = c_.get(*t, "keep_replicate_series", "run.keep_replicate_series")) {
      if (auto b = c_.boolean(*v, "run.keep_replicate_series")) {
        l_.keep_replicate_series = Set<bool>{*b, c_.at(v->source())};
      }
    }
    if (const auto* v = c_.get(*t, "world", "run.world")) {
      if (auto s = c_.string(*v, "run.world")) {
        const fs::path p = fs::path(l_.dir) / fs::path(*s);
        l_.world = Set<std::string>{p.lexically_normal().string(), c_.at(v->source())};
      }
    }
    if (const auto* v = c_.get(*t, "parameter_draws", "run.parameter_draws")) {
      if (auto s = c_.string(*v, "run.parameter_draws", false)) {
        // An empty string drops the draws a parent names: the scenario runs at its point.
        const fs::path p =
            s->empty() ? fs::path() : (fs::path(l_.dir) / fs::path(*s)).lexically_normal();
        l_.parameter_draws = Set<std::string>{p.string(), c_.at(v->source())};
      }
    }
  }

  void read_group(const std::string& group, const toml::node& n) {
    const toml::table* t = c_.table(n, group);
    if (t == nullptr) return;
    std::vector<tomlcheck::Leaf> leaves;
    tomlcheck::flatten(*t, group, leaves);
    for (const auto& leaf : leaves) {
      const auto index = find_param(leaf.key);
      if (!index) {
        c_.unknown_key(leaf.where, leaf.key, scenario_keys());
        continue;
      }
      const ParamDef& d = param_schema()[*index];
      if (auto x = param_value(c_, d, *leaf.node, leaf.key)) {
        l_.params.emplace_back(*index, Set<double>{*x, c_.at(leaf.node->source())});
      }
    }
  }

  void read_policies(const toml::node& n) {
    const toml::array* arr = n.as_array();
    if (arr == nullptr || !arr->is_array_of_tables()) {
      c_.error(n.source(), "policy", "expected [[policy]] tables, found " + tomlcheck::describe(n),
               "write each policy as a [[policy]] section (double brackets)");
      return;
    }
    for (const toml::node& el : *arr) read_policy(*el.as_table());
  }

  void read_policy(const toml::table& t) {
    PolicyDraft draft;
    draft.at = c_.at(t.source());
    if (draft.at.line <= 0) draft.at.line = 1;
    PolicyChange& p = draft.policy;
    c_.unknown_keys(
        t, "policy",
        {"name", "description", "start", "end", "ramp_weeks", "cost_fixed_yen", "cost_per_year_yen",
         "budget_cap_yen", "cost_source", "set", "add", "scale", "close_gap", "intent"},
        scenario_keys());
    bool ok = true;
    if (const auto* v = c_.get(t, "name", "policy.name", true)) {
      if (auto s = c_.string(*v, "policy.name"))
        p.name = *s;
      else
        ok = false;
    } else {
      ok = false;
    }
    if (const auto* v = c_.get(t, "description", "policy.description")) {
      if (auto s = c_.string(*v, "policy.description", false)) p.description = *s;
    }
    if (const auto* v = c_.get(t, "start", "policy.start", true)) {
      if (auto d = c_.date(*v, "policy.start")) {
        p.start = *d;
        draft.start_at = c_.at(v->source());
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const auto* v = c_.get(t, "end", "policy.end")) {
      if (auto d = c_.date(*v, "policy.end")) {
        p.end = *d;
        draft.end_at = c_.at(v->source());
      }
    }
    if (const auto* v = c_.get(t, "budget_cap_yen", "policy.budget_cap_yen")) {
      // 0 would stop the policy before it starts: a cap is positive, or absent.
      if (auto x = c_.real(*v, "policy.budget_cap_yen", Bounds{0, kUnbounded, true, "yen"})) {
        p.budget_cap_yen = *x;
        draft.cap_at = c_.at(v->source());
      }
    }
    if (const auto* v = c_.get(t, "ramp_weeks", "policy.ramp_weeks")) {
      if (auto x = c_.integer(*v, "policy.ramp_weeks", Bounds{0, 5200, false, "weeks"})) {
        p.ramp_weeks = static_cast<int>(*x);
      }
    }
    if (const auto* v = c_.get(t, "cost_fixed_yen", "policy.cost_fixed_yen")) {
      if (auto x = c_.real(*v, "policy.cost_fixed_yen", Bounds{0, kUnbounded, false, "yen"}))
        p.cost_fixed_yen = *x;
    }
    if (const auto* v = c_.get(t, "cost_per_year_yen", "policy.cost_per_year_yen")) {
      if (auto x = c_.real(*v, "policy.cost_per_year_yen",
                           Bounds{0, kUnbounded, false, "yen per year"})) {
        p.cost_per_year_yen = *x;
      }
    }
    if (const auto* v = c_.get(t, "cost_source", "policy.cost_source")) {
      if (auto s = c_.string(*v, "policy.cost_source")) p.cost_source = *s;
    }
    std::set<std::size_t> seen;
    named_levers_ = 0;
    for (const LeverOp op : {LeverOp::set, LeverOp::add, LeverOp::scale, LeverOp::close_gap}) {
      const std::string name = op_name(op);
      if (const auto* v = c_.get(t, name, "policy." + name)) {
        if (const auto* table = c_.table(*v, "policy." + name))
          read_levers(*table, op, draft, seen);
      }
    }
    if (t.get("set") == nullptr && t.get("add") == nullptr && t.get("scale") == nullptr &&
        t.get("close_gap") == nullptr) {
      c_.error(draft.at, "policy.set", "policy '" + p.name + "' changes no lever",
               "add a [policy.set], [policy.add], [policy.scale] or [policy.close_gap] table, e.g. "
               "[policy.add] "
               "information.push_rate = 0.008");
    } else if (named_levers_ == 0 && ok) {
      c_.error(draft.at, "policy.set", "policy '" + p.name + "' changes no lever",
               "name at least one lever in its [policy.set], [policy.add] or [policy.scale] table");
    }
    if (const auto* v = c_.get(t, "intent", "policy.intent")) {
      if (const auto* table = c_.table(*v, "policy.intent")) read_intents(*table, draft);
    }
    draft.complete = ok;
    l_.policies.push_back(std::move(draft));
  }

  // The operand of a lever change: an absolute value within the lever's bounds for `set`; a
  // finite shift for `add`; a non-negative factor for `scale` (a negative one would flip the
  // lever's sign, which no policy means). Results are bounds-checked once the base is known.
  std::optional<double> operand(const ParamDef& d, LeverOp op, const toml::node& n,
                                const std::string& key) {
    if (op == LeverOp::set) return param_value(c_, d, n, key);
    if (d.type == ParamType::boolean) {
      c_.error(n.source(), key,
               std::string(d.key) + " is a switch (true/false): it can only be set",
               "move it to the policy's [policy.set] table");
      return std::nullopt;
    }
    if (op == LeverOp::add) {
      const double span = d.max - d.min;
      return c_.real(n, key, Bounds{-span, span, false, std::string(d.unit)});
    }
    if (op == LeverOp::close_gap) {
      if (d.min != 0.0 || d.max != 1.0) {
        c_.error(n.source(), key,
                 std::string(d.key) + " is not a share or probability (its bounds are [" +
                     number_text(d.min) + ", " + number_text(d.max) +
                     "]): close_gap moves a lever toward 1",
                 "use [policy.add] or [policy.scale] for this lever");
        return std::nullopt;
      }
      return c_.real(n, key, Bounds{0, 1, false, "fraction of the gap to 1"});
    }
    return c_.real(n, key, Bounds{0, 1e6, false, "factor"});
  }

  void read_levers(const toml::table& table, LeverOp op, PolicyDraft& draft,
                   std::set<std::size_t>& seen) {
    std::vector<tomlcheck::Leaf> leaves;
    tomlcheck::flatten(table, "", leaves);
    const std::string prefix = std::string("policy.") + op_name(op) + ".";
    named_levers_ += leaves.size();
    for (const auto& leaf : leaves) {
      const std::string key = prefix + leaf.key;
      const auto index = lever_index(leaf, key);
      if (!index) continue;
      const ParamDef& d = param_schema()[*index];
      if (!seen.insert(*index).second) {
        c_.error(leaf.where, key, "'" + leaf.key + "' is changed twice in this policy",
                 "keep one change per lever (in [policy.set], [policy.add], [policy.scale] or "
                 "[policy.close_gap])");
        continue;
      }
      if (auto x = operand(d, op, *leaf.node, key)) {
        draft.policy.levers.push_back(LeverChange{*index, op, *x, LeverIntent::unstated});
        draft.target_at.push_back(c_.at(leaf.node->source()));
      }
    }
  }

  void read_intents(const toml::table& table, PolicyDraft& draft) {
    std::vector<tomlcheck::Leaf> leaves;
    tomlcheck::flatten(table, "", leaves);
    for (const auto& leaf : leaves) {
      const std::string key = "policy.intent." + leaf.key;
      const auto index = lever_index(leaf, key);
      if (!index) continue;
      const auto s = c_.string(*leaf.node, key);
      if (!s) continue;
      LeverIntent intent = LeverIntent::unstated;
      if (*s == "raise")
        intent = LeverIntent::raise;
      else if (*s == "lower")
        intent = LeverIntent::lower;
      else {
        c_.error(leaf.where, key, "unknown intent '" + *s + "'", "write \"raise\" or \"lower\"");
        continue;
      }
      auto& levers = draft.policy.levers;
      const auto it = std::find_if(levers.begin(), levers.end(),
                                   [&](const LeverChange& c) { return c.param == *index; });
      if (it == levers.end()) {
        c_.error(
            leaf.where, key,
            "the policy declares an intent for " + leaf.key + " but does not change it",
            "change the lever in [policy.set], [policy.add] or [policy.scale], or drop the intent");
        continue;
      }
      it->intent = intent;
    }
  }

  // The schema index of a lever named in a policy table; an error (with a hint) if the key is
  // not a parameter or not a lever.
  std::optional<std::size_t> lever_index(const tomlcheck::Leaf& leaf, const std::string& key) {
    const auto index = find_param(leaf.key);
    if (!index) {
      const std::string best = closest_match(leaf.key, lever_keys());
      c_.error(leaf.where, key, "'" + leaf.key + "' is not a parameter",
               best.empty() ? lever_hint(leaf.key) : "did you mean '" + best + "'?");
      return std::nullopt;
    }
    if (!param_schema()[*index].lever) {
      c_.error(leaf.where, key,
               "'" + leaf.key + "' is not a lever: a policy may change only levers",
               lever_hint(leaf.key));
      return std::nullopt;
    }
    return index;
  }

  Checker& c_;
  Layer& l_;
  std::size_t named_levers_ = 0;  // keys in the current policy's change tables, valid or not
};

class ChainLoader {
 public:
  explicit ChainLoader(std::vector<InputError>& errors) : errors_(errors) {}

  // Reads one file and, recursively, its parents; layers end up child first.
  void load(std::string_view text, const std::string& display, const fs::path& abs) {
    Layer layer;
    layer.file = display;
    layer.abs = abs.lexically_normal().string();
    layer.dir = abs.parent_path().lexically_normal().string();
    layer.sha256 = sha256_hex(text);
    Checker c(display, errors_);
    toml::table doc;
    try {
      doc = toml::parse(text, display);
    } catch (const toml::parse_error& e) {
      c.syntax_error(e);
      complete_ = false;
      return;
    }
    LayerReader(c, layer).read(doc);
    std::error_code ec;
    const std::string canonical = fs::weakly_canonical(abs, ec).string();
    stack_.push_back({ec ? layer.abs : canonical, display});
    const auto extends = layer.extends;
    layers_.push_back(std::move(layer));
    if (extends) load_parent(c, display, abs, *extends);
    stack_.pop_back();
  }

  std::vector<Layer>& layers() { return layers_; }
  bool complete() const { return complete_; }

 private:
  void load_parent(Checker& c, const std::string& display, const fs::path& abs,
                   const Set<std::string>& ext) {
    const fs::path display_path = (fs::path(display).parent_path() / ext.value).lexically_normal();
    const fs::path parent_abs = (abs.parent_path() / ext.value).lexically_normal();
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(parent_abs, ec);
    const std::string key = ec ? parent_abs.string() : canon.string();
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].first != key) continue;
      std::string chain;
      for (std::size_t j = i; j < stack_.size(); ++j) chain += stack_[j].second + " -> ";
      chain += display_path.string();
      c.error(
          ext.at, "scenario.extends", "cyclic extends: " + chain,
          "a scenario may not extend itself, directly or through its parents; remove one extends");
      complete_ = false;
      return;
    }
    if (stack_.size() >= kMaxExtendsDepth) {
      c.error(ext.at, "scenario.extends",
              "extends chain deeper than " + std::to_string(kMaxExtendsDepth) + " files",
              "flatten the chain");
      complete_ = false;
      return;
    }
    std::string text;
    std::string why;
    if (!read_input_file(parent_abs.string(), text, why)) {
      c.error(ext.at, "scenario.extends", "cannot read parent scenario '" + ext.value + "': " + why,
              "the path is relative to this file's directory, " +
                  abs.parent_path().lexically_normal().string());
      complete_ = false;
      return;
    }
    load(text, display_path.string(), parent_abs);
  }

  std::vector<InputError>& errors_;
  std::vector<Layer> layers_;
  std::vector<std::pair<std::string, std::string>> stack_;  // (canonical path, display)
  bool complete_ = true;
};

// Applies the layers parent first and checks what only the whole chain can tell.
class Resolver {
 public:
  Resolver(std::vector<Layer>& layers, std::vector<InputError>& errors)
      : layers_(layers), errors_(errors), leaf_(layers.front().file, errors) {}

  Scenario resolve(bool check_world) {
    Scenario s;
    s.name = layers_.front().name;
    s.description = layers_.front().description;
    s.display_name_en = layers_.front().display_name_en;
    s.display_name_ja = layers_.front().display_name_ja;
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) apply(*it, s);
    check_run(s);
    check_params(s);
    check_policies(s);
    if (check_world) load_world_file(s);
    check_draws_file(s);
    for (const auto& l : layers_) s.files.push_back(ScenarioFile{l.abs, l.sha256});
    return s;
  }

 private:
  template <class T, class U>
  static void take(const std::optional<Set<T>>& from, U& to, std::optional<Location>& at) {
    if (!from) return;
    to = static_cast<U>(from->value);
    at = from->at;
  }

  void apply(Layer& l, Scenario& s) {
    RunSettings& r = s.run;
    take(l.start, r.start, start_at_);
    take(l.end, r.end, end_at_);
    take(l.burn_in_weeks, r.burn_in_weeks, unused_);
    take(l.step_days, r.step_days, unused_);
    take(l.replicates, r.replicates, unused_);
    take(l.seed, r.seed, unused_);
    take(l.keep_replicate_series, r.keep_replicate_series, unused_);
    take(l.world, r.world, world_at_);
    take(l.parameter_draws, r.parameter_draws, draws_at_);
    for (const auto& [index, value] : l.params) {
      param_schema()[index].set(s.params, value.value);
      param_at_[index] = value.at;
    }
    for (auto& d : l.policies) drafts_.push_back(std::move(d));
  }

  void check_run(Scenario& s) {
    const RunSettings& r = s.run;
    const auto days = (r.end.days() - r.start.days()).count();
    const Location at = end_at_ ? *end_at_ : start_at_ ? *start_at_ : layers_.front().run_at;
    if (days <= 0) {
      leaf_.error(at, "run.end",
                  "run.end (" + r.end.iso() + ") is not after run.start (" + r.start.iso() + ")",
                  "set end to a date after start");
      run_ok_ = false;
    } else if (days > kMaxRunDays) {
      leaf_.error(at, "run.end",
                  "the run period " + date_range(r.start, r.end) + " is longer than 100 years",
                  "shorten the period between run.start and run.end");
      run_ok_ = false;
    }
  }

  // The rules across parameters, shared with every path that overrides parameters later
  // (run_spec.hpp). Each is reported where the first of its parameters the files set is.
  void check_params(const Scenario& s) {
    for (const ParameterRuleProblem& p : parameter_rule_problems(s.params)) {
      std::size_t named = p.params.back();
      for (const std::size_t i : p.params) {
        if (param_at_.count(i) > 0) {
          named = i;
          break;
        }
      }
      const Location at = param_at_.count(named) > 0 ? param_at_[named] : layers_.front().run_at;
      leaf_.error(at, std::string(param_schema()[named].key), p.message, p.fix);
    }
  }

  void check_policies(Scenario& s) {
    std::map<std::string, Location> names;
    std::map<std::pair<std::size_t, std::chrono::sys_days>, std::string> lever_dates;
    std::vector<const PolicyDraft*> kept;
    bool dated_ok = run_ok_;
    for (auto& d : drafts_) {
      if (!d.complete) continue;
      const PolicyChange& p = d.policy;
      const auto [it, inserted] = names.emplace(p.name, d.at);
      if (!inserted) {
        leaf_.error(d.at, "policy.name", "two policies are named '" + p.name + "'",
                    "costs and outputs are labelled by policy name; the other one is at " +
                        it->second.file + ":" + std::to_string(it->second.line));
      }
      const Location start_at = d.start_at ? *d.start_at : d.at;
      if (run_ok_ && (p.start.days() < s.run.start.days() || p.start.days() > s.run.end.days())) {
        leaf_.error(start_at, "policy.start",
                    "policy '" + p.name + "' starts on " + p.start.iso() +
                        ", outside the run period " + date_range(s.run.start, s.run.end),
                    "set a start within [run.start, run.end]");
        dated_ok = false;
      }
      if (!check_end(s, d)) dated_ok = false;
      check_cap(d);
      for (std::size_t t = 0; t < p.levers.size(); ++t) {
        const auto [other, fresh] =
            lever_dates.emplace(std::pair(p.levers[t].param, p.start.days()), p.name);
        if (!fresh) {
          const std::string lever(param_schema()[p.levers[t].param].key);
          leaf_.error(d.target_at[t],
                      std::string("policy.") + op_name(p.levers[t].op) + "." + lever,
                      "policies '" + other->second + "' and '" + p.name + "' both change " + lever +
                          " on " + p.start.iso(),
                      "their order would be arbitrary; merge them or move one start date");
        }
      }
      kept.push_back(&d);
    }
    std::stable_sort(kept.begin(), kept.end(), [](const PolicyDraft* a, const PolicyDraft* b) {
      return a->policy.start.days() < b->policy.start.days();
    });
    for (const PolicyDraft* d : kept) s.policies.push_back(d->policy);
    // Only a scenario whose policies all fall in its run period has a timeline to check.
    if (!dated_ok) return;
    for (const PolicyProblem& problem : policy_problems(s, s.params, "its own parameters")) {
      const PolicyDraft& d = *kept[problem.policy];
      const LeverChange& c = d.policy.levers[problem.change];
      const bool intent = problem.kind == PolicyProblem::Kind::intent;
      leaf_.error(
          d.target_at[problem.change],
          std::string("policy.") + op_name(c.op) + "." + std::string(param_schema()[c.param].key),
          problem.message,
          intent ? "the policy's change and its [policy.intent] disagree: fix the change (use add "
                   "or scale "
                   "for a change relative to the baseline) or the intent"
                 : "choose a change that keeps the lever within its bounds");
    }
  }

  // An end date falls after the ramp completes (a policy cut off mid-ramp would never reach
  // the change it declares) and within the run period (past it, it would change nothing).
  bool check_end(const Scenario& s, const PolicyDraft& d) {
    const PolicyChange& p = d.policy;
    if (!p.end || !run_ok_) return true;
    const Location at = d.end_at ? *d.end_at : d.at;
    const Date ramped = Date::from_days(p.start.days() + std::chrono::days(7 * p.ramp_weeks));
    if (p.end->days() <= p.start.days()) {
      leaf_.error(
          at, "policy.end",
          "policy '" + p.name + "' ends on " + p.end->iso() + ", not after its start " +
              p.start.iso(),
          "set end to a date after start, or remove end to keep the policy to the end of the run");
      return false;
    }
    if (p.ramp_weeks > 0 && p.end->days() < ramped.days()) {
      leaf_.error(at, "policy.end",
                  "policy '" + p.name + "' ends on " + p.end->iso() + ", before its " +
                      std::to_string(p.ramp_weeks) + "-week ramp completes on " + ramped.iso(),
                  "set end on or after " + ramped.iso() + ", or shorten ramp_weeks");
      return false;
    }
    if (p.end->days() > s.run.end.days()) {
      leaf_.error(at, "policy.end",
                  "policy '" + p.name + "' ends on " + p.end->iso() + ", after the run period " +
                      date_range(s.run.start, s.run.end),
                  "set an end within the run period, or remove end to keep the policy to the end "
                  "of the run");
      return false;
    }
    return true;
  }

  // A cap below the one-off charge would stop the policy before it acts.
  void check_cap(const PolicyDraft& d) {
    const PolicyChange& p = d.policy;
    if (p.budget_cap_yen <= 0.0 || p.cost_fixed_yen <= p.budget_cap_yen) return;
    leaf_.error(d.cap_at ? *d.cap_at : d.at, "policy.budget_cap_yen",
                "policy '" + p.name + "' has budget_cap_yen " + number_text(p.budget_cap_yen) +
                    " below its cost_fixed_yen " + number_text(p.cost_fixed_yen) +
                    ": it could never start",
                "raise budget_cap_yen above cost_fixed_yen, or remove it");
  }

  // The draws are parsed when a run uses them; here only that the file can be read.
  void check_draws_file(const Scenario& s) {
    if (!draws_at_ || s.run.parameter_draws.empty()) return;
    std::string text;
    std::string why;
    if (!read_input_file(s.run.parameter_draws, text, why)) {
      leaf_.error(*draws_at_, "run.parameter_draws",
                  "cannot read parameter draws '" + s.run.parameter_draws + "': " + why,
                  "the path is relative to the scenario file that sets it; `renkei calibrate` "
                  "writes the draws "
                  "beside the calibrated file");
    }
  }

  void load_world_file(Scenario& s) {
    if (!world_at_) {
      leaf_.error(layers_.front().run_at, "run.world", "no world file given",
                  "set world = \"worlds/tohoku.toml\" in [run] (relative to the scenario file)");
      return;
    }
    const std::string& path = s.run.world;
    std::string text;
    std::string why;
    if (!read_input_file(path, text, why)) {
      leaf_.error(*world_at_, "run.world", "cannot read world file '" + path + "': " + why,
                  "the path is relative to the scenario file that sets it");
      return;
    }
    try {
      s.world = load_world(path);
    } catch (const InputErrors& e) {
      leaf_.error(*world_at_, "run.world",
                  "world file '" + path + "' has " + std::to_string(e.errors().size()) +
                      " error(s), listed below",
                  "fix the world file");
      errors_.insert(errors_.end(), e.errors().begin(), e.errors().end());
    }
  }

  std::vector<Layer>& layers_;
  std::vector<InputError>& errors_;
  Checker leaf_;  // errors placed by a Location carry their own file
  std::optional<Location> start_at_;
  std::optional<Location> end_at_;
  std::optional<Location> world_at_;
  std::optional<Location> draws_at_;
  std::optional<Location> unused_;
  std::map<std::size_t, Location> param_at_;
  std::vector<PolicyDraft> drafts_;
  bool run_ok_ = true;
};

Scenario load(std::string_view text, const std::string& display, const fs::path& abs) {
  std::vector<InputError> errors;
  ChainLoader chain(errors);
  chain.load(text, display, abs);
  Scenario s;
  if (!chain.layers().empty() && chain.complete()) {
    s = Resolver(chain.layers(), errors).resolve(true);
  }
  if (!errors.empty()) {
    sort_errors(errors);
    throw InputErrors(std::move(errors));
  }
  s.resolved_toml = resolved_toml(s);
  return s;
}

fs::path absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  return ec ? fs::path(path) : abs.lexically_normal();
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  std::string text;
  std::string why;
  if (!read_input_file(path, text, why)) {
    throw InputErrors({InputError{path,
                                  0,
                                  0,
                                  {},
                                  "cannot read scenario file: " + why,
                                  "check the path (scenario files live in scenarios/)"}});
  }
  return load(text, path, absolute_path(path));
}

Scenario load_scenario_from_string(std::string_view text, const std::string& virtual_path) {
  return load(text, virtual_path, absolute_path(virtual_path));
}

}  // namespace renkei
