// Reading and validating sweep files (docs/sensitivity.md): the same conventions as scenario
// files, so every mistake is reported at once with file:line:col, the key and the fix.
#include "input/input_file.hpp"
#include "input/sha256.hpp"
#include "input/toml_check.hpp"
#include "input/toml_text.hpp"
#include "model/series.hpp"
#include "sweep/design.hpp"
#include "sweep/design_csv.hpp"
#include "sweep/design_generate.hpp"
#include "sweep/design_text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

namespace renkei {
namespace {

namespace fs = std::filesystem;
using tomlcheck::Bounds;
using tomlcheck::Checker;
using tomlcheck::Location;

constexpr double kUnbounded = 1e300;
// Ten million runs is beyond any sweep the simulator can finish; larger counts are typos.
constexpr std::size_t kMaxPoints = 10'000'000;
constexpr std::int64_t kMaxReplicates = 100'000;
// The most runs (scenarios x points x replicates) a sweep makes unless its file raises
// [sweep] max_runs: the merge keeps about 0.5 KB per run in memory, and a million runs is
// weeks of a workstation's time. Checked before the design is generated.
constexpr std::int64_t kDefaultMaxRuns = 1'000'000;
constexpr double kMaxMaxRuns = 1e10;

const std::vector<std::string>& sweep_keys() {
  static const std::vector<std::string> keys = {"sweep",
                                                "sweep.name",
                                                "sweep.scenarios",
                                                "sweep.replicates",
                                                "sweep.seed",
                                                "sweep.outputs",
                                                "sweep.max_runs",
                                                "design",
                                                "design.kind",
                                                "design.samples",
                                                "design.levels",
                                                "design.seed",
                                                "design.file",
                                                "design.second_order",
                                                "parameter",
                                                "parameter.key",
                                                "parameter.min",
                                                "parameter.max",
                                                "parameter.distribution",
                                                "parameter.values",
                                                "parameter.steps"};
  return keys;
}

const std::vector<std::string>& kind_names() {
  static const std::vector<std::string> names = {
      "grid", "list", "monte_carlo", "latin_hypercube", "saltelli", "morris", "csv"};
  return names;
}

const std::vector<std::string>& param_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto& d : param_schema()) k.emplace_back(d.key);
    return k;
  }();
  return keys;
}

const std::vector<std::string>& final_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& d : kFinalDefs) n.emplace_back(d.name);
    return n;
  }();
  return names;
}

bool sampled(DesignKind k) {
  return k == DesignKind::monte_carlo || k == DesignKind::latin_hypercube ||
         k == DesignKind::saltelli || k == DesignKind::morris;
}

std::string quoted_kind(DesignKind k) {
  return "kind = \"" + std::string(design_kind_name(k)) + "\"";
}

// One [[parameter]] table as written; checked against the design kind afterwards.
struct FactorDraft {
  SweepFactor factor;
  bool known = false;  // key names a parameter
  Location at;         // the table
  std::optional<Location> min_at, max_at, dist_at, values_at, steps_at;
  std::optional<double> min, max;
  std::optional<std::int64_t> steps;
  bool has_values = false;
};

class SweepReader {
 public:
  SweepReader(Checker& c, const std::vector<InputError>& errors, Sweep& s, bool resolve)
      : c_(c), errors_(errors), s_(s), resolve_(resolve) {}

  // Errors of the design file, listed after the sweep file's own.
  std::vector<InputError> csv_errors;

  void read(const toml::table& doc, const fs::path& dir) {
    dir_ = dir;
    for (auto&& [k, v] : doc) {
      const std::string name(k.str());
      if (name == "sweep") {
        sweep_at_ = c_.at(v.source());
        if (const auto* t = c_.table(v, "sweep")) read_sweep(*t);
      } else if (name == "design") {
        design_at_ = c_.at(v.source());
        if (const auto* t = c_.table(v, "design")) read_design(*t);
      } else if (name == "parameter") {
        read_parameters(v);
      } else {
        c_.unknown_key(k.source(), name, sweep_keys(),
                       v.is_table() || v.is_array() ? "table" : "key");
      }
    }
    if (!sweep_at_)
      c_.error(Location{c_.file(), 1, 1}, "sweep", "missing [sweep] section",
               "add [sweep] with name, scenarios, replicates, seed and outputs");
    if (!design_at_)
      c_.error(
          Location{c_.file(), 1, 1}, "design", "missing [design] section",
          "add [design] with kind = \"latin_hypercube\" (or grid, list, monte_carlo, saltelli, "
          "morris, csv)");
    if (kind_) check_design();
  }

 private:
  void read_sweep(const toml::table& t) {
    c_.unknown_keys(t, "sweep", {"name", "scenarios", "replicates", "seed", "outputs", "max_runs"},
                    sweep_keys());
    if (const auto* v = c_.get(t, "max_runs", "sweep.max_runs"))
      if (auto r = c_.integer(*v, "sweep.max_runs", Bounds{1, kMaxMaxRuns})) max_runs_ = *r;
    if (const auto* v = c_.get(t, "name", "sweep.name", true))
      if (auto s = c_.identifier(*v, "sweep.name")) s_.name = *s;
    if (const auto* v = c_.get(t, "scenarios", "sweep.scenarios", true)) read_scenarios(*v);
    if (const auto* v = c_.get(t, "replicates", "sweep.replicates"))
      if (auto r =
              c_.integer(*v, "sweep.replicates", Bounds{1, static_cast<double>(kMaxReplicates)}))
        s_.replicates = static_cast<int>(*r);
    if (const auto* v = c_.get(t, "seed", "sweep.seed"))
      if (auto r = c_.integer(*v, "sweep.seed", Bounds{0, kUnbounded}))
        s_.seed = static_cast<std::uint64_t>(*r);
    if (const auto* v = c_.get(t, "outputs", "sweep.outputs")) read_outputs(*v);
  }

  void read_scenarios(const toml::node& n) {
    const auto* a = c_.array(n, "sweep.scenarios");
    if (a == nullptr) return;
    if (a->empty()) {
      c_.error(n.source(), "sweep.scenarios", "no scenario given",
               "list scenario files relative to the sweep file, e.g. [\"../baseline.toml\"]");
      return;
    }
    std::set<std::string> seen;
    for (const auto& e : *a) {
      auto s = c_.string(e, "sweep.scenarios");
      if (!s) continue;
      const fs::path p = fs::path(*s).is_absolute() ? fs::path(*s) : dir_ / *s;
      const std::string abs = p.lexically_normal().string();
      if (!seen.insert(abs).second) {
        c_.error(e.source(), "sweep.scenarios", "scenario '" + *s + "' is listed twice",
                 "list each scenario once");
        continue;
      }
      if (resolve_) {
        std::error_code ec;
        if (!fs::is_regular_file(abs, ec))
          c_.error(e.source(), "sweep.scenarios", "scenario file '" + abs + "' not found",
                   "paths are relative to the sweep file's directory");
      }
      s_.scenario_paths.push_back(abs);
    }
  }

  void read_outputs(const toml::node& n) {
    const auto* a = c_.array(n, "sweep.outputs");
    if (a == nullptr) return;
    for (const auto& e : *a) {
      auto s = c_.string(e, "sweep.outputs");
      if (!s) continue;
      const auto& names = final_names();
      if (std::find(names.begin(), names.end(), *s) == names.end()) {
        const std::string best = closest_match(*s, names);
        c_.error(e.source(), "sweep.outputs", "unknown final metric '" + *s + "'",
                 best.empty() ? "final metrics are listed in docs/output.md"
                              : "did you mean '" + best + "'?");
      } else if (std::find(s_.outputs.begin(), s_.outputs.end(), *s) != s_.outputs.end()) {
        c_.error(e.source(), "sweep.outputs", "metric '" + *s + "' is listed twice",
                 "list each metric once");
      } else {
        s_.outputs.push_back(*s);
      }
    }
  }

  void read_design(const toml::table& t) {
    c_.unknown_keys(t, "design", {"kind", "samples", "levels", "seed", "file", "second_order"},
                    sweep_keys());
    if (const auto* v = c_.get(t, "kind", "design.kind", true)) {
      if (auto s = c_.string(*v, "design.kind")) {
        DesignKind k{};
        if (parse_design_kind(*s, k)) {
          kind_ = k;
        } else {
          const std::string best = closest_match(*s, kind_names());
          c_.error(v->source(), "design.kind", "unknown design kind '" + *s + "'",
                   (best.empty() ? std::string() : "did you mean '" + best + "'? ") +
                       "kinds: grid, list, monte_carlo, latin_hypercube, saltelli, morris, csv");
        }
      }
    }
    samples_node_ = c_.get(t, "samples", "design.samples");
    levels_node_ = c_.get(t, "levels", "design.levels");
    seed_node_ = c_.get(t, "seed", "design.seed");
    file_node_ = c_.get(t, "file", "design.file");
    second_node_ = c_.get(t, "second_order", "design.second_order");
  }

  void read_parameters(const toml::node& n) {
    const auto* a = n.as_array();
    if (a == nullptr || !a->is_array_of_tables()) {
      c_.error(n.source(), "parameter",
               "expected an array of tables, found " + tomlcheck::describe(n),
               "write each varied parameter as a [[parameter]] section (double brackets)");
      return;
    }
    for (const auto& e : *a) read_parameter(*e.as_table());
  }

  void read_parameter(const toml::table& t) {
    FactorDraft d;
    d.at = c_.at(t.source());
    c_.unknown_keys(t, "parameter", {"key", "min", "max", "distribution", "values", "steps"},
                    sweep_keys());
    if (const auto* v = c_.get(t, "key", "parameter.key", true)) {
      if (auto s = c_.string(*v, "parameter.key")) {
        d.factor.key = *s;
        if (const auto index = find_param(*s)) {
          d.known = true;
          d.factor.param_index = *index;
          if (std::any_of(drafts_.begin(), drafts_.end(),
                          [&](const FactorDraft& o) { return o.factor.key == *s; }))
            c_.error(v->source(), "parameter.key", "parameter '" + *s + "' is varied twice",
                     "keep one [[parameter]] section per parameter");
        } else {
          const std::string best = closest_match(*s, param_keys());
          c_.error(v->source(), "parameter.key", "unknown parameter '" + *s + "'",
                   best.empty() ? "parameters are listed in docs/parameters.md"
                                : "did you mean '" + best + "'?");
        }
      }
    }
    const ParamDef* def = d.known ? &param_schema()[d.factor.param_index] : nullptr;
    const Bounds b =
        def ? Bounds{def->min, def->max, false, def->unit} : Bounds{-kUnbounded, kUnbounded};
    if (const auto* v = c_.get(t, "min", "parameter.min")) {
      d.min_at = c_.at(v->source());
      d.min = c_.real(*v, "parameter.min", b);
    }
    if (const auto* v = c_.get(t, "max", "parameter.max")) {
      d.max_at = c_.at(v->source());
      d.max = c_.real(*v, "parameter.max", b);
    }
    if (const auto* v = c_.get(t, "distribution", "parameter.distribution")) {
      d.dist_at = c_.at(v->source());
      if (auto s = c_.string(*v, "parameter.distribution")) {
        if (*s == "log_uniform") {
          d.factor.log_scale = true;
        } else if (*s != "uniform") {
          const std::string best = closest_match(*s, {"uniform", "log_uniform"});
          c_.error(v->source(), "parameter.distribution", "unknown distribution '" + *s + "'",
                   (best.empty() ? std::string() : "did you mean '" + best + "'? ") +
                       "use uniform or log_uniform");
        }
      }
    }
    if (const auto* v = c_.get(t, "values", "parameter.values")) {
      d.values_at = c_.at(v->source());
      d.has_values = true;
      if (const auto* arr = c_.array(*v, "parameter.values")) {
        if (arr->empty())
          c_.error(v->source(), "parameter.values", "no values given",
                   "write e.g. values = [0.1, 0.2]");
        for (const auto& e : *arr) {
          std::optional<double> x;
          if (def && def->type == ParamType::boolean && e.is_boolean()) {
            x = e.as_boolean()->get() ? 1.0 : 0.0;
          } else if (def && def->type != ParamType::real) {
            if (auto i = c_.integer(e, "parameter.values", b)) x = static_cast<double>(*i);
          } else {
            x = c_.real(e, "parameter.values", b);
          }
          if (x) d.factor.values.push_back(*x);
        }
      }
    }
    if (const auto* v = c_.get(t, "steps", "parameter.steps")) {
      d.steps_at = c_.at(v->source());
      d.steps = c_.integer(*v, "parameter.steps", Bounds{2, 100000});
    }
    drafts_.push_back(std::move(d));
  }

  void not_used(const std::optional<Location>& at, const std::string& key, DesignKind k) {
    if (at) c_.error(*at, key, "not used with " + quoted_kind(k), "remove it");
  }

  void check_design() {
    const DesignKind k = *kind_;
    Design& design = s_.design;
    design.kind = k;
    const bool random = sampled(k);
    // [design] keys by kind.
    std::optional<std::int64_t> samples;
    if (samples_node_) {
      if (random) {
        const double lo = k == DesignKind::saltelli || k == DesignKind::morris ? 2 : 1;
        samples = c_.integer(*samples_node_, "design.samples",
                             Bounds{lo, static_cast<double>(kMaxPoints)});
      } else {
        not_used(c_.at(samples_node_->source()), "design.samples", k);
      }
    } else if (random) {
      c_.error(*design_at_, "design.samples", "missing required key",
               k == DesignKind::saltelli
                   ? "add samples = N (base samples; the design has N * (parameters + 2) points)"
               : k == DesignKind::morris
                   ? "add samples = r (trajectories; the design has r * (parameters + 1) points)"
                   : "add samples = N (number of points)");
    }
    if (levels_node_) {
      if (k == DesignKind::morris) {
        if (auto l = c_.integer(*levels_node_, "design.levels", Bounds{2, 1000})) {
          if (*l % 2 != 0)
            c_.error(levels_node_->source(), "design.levels", "Morris levels must be even",
                     "use 4 (common) or 6, 8; an even count makes every level equally likely");
          else
            design.morris_levels = static_cast<int>(*l);
        }
      } else {
        not_used(c_.at(levels_node_->source()), "design.levels", k);
      }
    } else if (k == DesignKind::morris) {
      design.morris_levels = 4;
    }
    std::uint64_t seed = 0;
    if (seed_node_) {
      if (random) {
        if (auto v = c_.integer(*seed_node_, "design.seed", Bounds{0, kUnbounded}))
          seed = static_cast<std::uint64_t>(*v);
      } else {
        not_used(c_.at(seed_node_->source()), "design.seed", k);
      }
    }
    if (second_node_) {
      if (k == DesignKind::saltelli) {
        if (auto v = c_.boolean(*second_node_, "design.second_order")) design.second_order = *v;
      } else {
        not_used(c_.at(second_node_->source()), "design.second_order", k);
      }
    }
    std::optional<std::string> csv_file;
    if (file_node_) {
      if (k == DesignKind::csv) {
        if (auto f = c_.string(*file_node_, "design.file")) {
          const fs::path p = fs::path(*f).is_absolute() ? fs::path(*f) : dir_ / *f;
          csv_file = p.lexically_normal().string();
        }
      } else {
        not_used(c_.at(file_node_->source()), "design.file", k);
      }
    } else if (k == DesignKind::csv) {
      c_.error(
          *design_at_, "design.file", "missing required key",
          "add file = \"design.csv\" (relative to the sweep file; header row = parameter keys)");
    }

    if (k == DesignKind::csv) {
      for (const auto& d : drafts_)
        c_.error(d.at, "parameter", "[[parameter]] sections are not used with " + quoted_kind(k),
                 "the parameters are the columns of the design file; remove the section");
    } else {
      if (drafts_.empty())
        c_.error(*design_at_, "parameter", "no parameter is varied",
                 "add a [[parameter]] section with key, min and max for each parameter to vary");
      for (auto& d : drafts_) check_factor(d, k);
    }
    // Any earlier mistake leaves the design's inputs incomplete: generate only from a clean file.
    if (!errors_.empty()) return;

    for (const auto& d : drafts_) design.factors.push_back(d.factor);
    if (k == DesignKind::csv) {
      if (!csv_file || !resolve_) return;
      try {
        CsvDesign csv = read_design_csv(*csv_file);
        for (std::size_t i = 0; i < csv.keys.size(); ++i) {
          SweepFactor f;
          f.key = csv.keys[i];
          f.param_index = csv.param_index[i];
          f.min = f.max = csv.points.front()[i];
          for (const auto& row : csv.points) {
            f.min = std::min(f.min, row[i]);
            f.max = std::max(f.max, row[i]);
          }
          design.factors.push_back(std::move(f));
        }
        design.points = std::move(csv.points);
        design.point_group.assign(design.points.size(), -1);
      } catch (const InputErrors& e) {
        c_.error(c_.at(file_node_->source()), "design.file",
                 "design file '" + *csv_file + "' has " + std::to_string(e.errors().size()) +
                     " error(s), listed below",
                 "fix the design file");
        csv_errors.insert(csv_errors.end(), e.errors().begin(), e.errors().end());
      }
      return;
    }
    if (random && !samples) return;
    const auto n = static_cast<std::size_t>(random ? *samples : 0);
    if (random) {
      const std::size_t points =
          design_point_count(k, design.factors.size(), n, design.second_order);
      if (points > kMaxPoints) {
        c_.error(c_.at(samples_node_->source()), "design.samples",
                 "the design would have " + std::to_string(points) + " points",
                 "at most " + std::to_string(kMaxPoints) + " are allowed; lower samples");
        return;
      }
      if (too_many_runs(static_cast<double>(points), c_.at(samples_node_->source()),
                        "design.samples"))
        return;
    } else if (k == DesignKind::grid) {
      double points = 1;
      for (const auto& f : design.factors) points *= static_cast<double>(f.values.size());
      if (points > static_cast<double>(kMaxPoints)) {
        c_.error(*design_at_, "parameter.values",
                 "the grid would have " + approx_text(points) + " points",
                 "at most " + std::to_string(kMaxPoints) +
                     " are allowed; use fewer levels or a sampled design");
        return;
      }
      if (too_many_runs(points, *design_at_, "parameter.values")) return;
    }
    generate_design(design, n, seed);
  }

  // Reports a design whose runs (points x scenarios x replicates) exceed max_runs.
  bool too_many_runs(double points, const Location& at, const std::string& key) {
    const double runs = points *
                        static_cast<double>(std::max<std::size_t>(s_.scenario_paths.size(), 1)) *
                        static_cast<double>(s_.replicates);
    if (runs <= static_cast<double>(max_runs_)) return false;
    c_.error(at, key,
             "the sweep would make " + approx_text(runs) + " runs (" + approx_text(points) +
                 " points x " + std::to_string(s_.scenario_paths.size()) + " scenarios x " +
                 std::to_string(s_.replicates) +
                 " replicates), more than max_runs = " + std::to_string(max_runs_),
             "make the design smaller, or raise max_runs in [sweep] (at most " +
                 approx_text(kMaxMaxRuns) +
                 ") if the machines have the time and about 0.5 KB of memory per run "
                 "for the merge");
    return true;
  }

  void check_factor(FactorDraft& d, DesignKind k) {
    SweepFactor& f = d.factor;
    const ParamDef* def = d.known ? &param_schema()[f.param_index] : nullptr;
    const bool random = sampled(k);
    if (random || (k == DesignKind::grid && d.steps_at)) {
      if (!d.min_at)
        c_.error(d.at, "parameter.min", "missing required key", "add min = ... for " + f.key);
      if (!d.max_at)
        c_.error(d.at, "parameter.max", "missing required key", "add max = ... for " + f.key);
    }
    if (random) {
      not_used(d.values_at, "parameter.values", k);
      not_used(d.steps_at, "parameter.steps", k);
      if (def && def->type == ParamType::boolean)
        c_.error(d.at, "parameter.key",
                 "boolean parameter '" + f.key + "' cannot be sampled from a range",
                 "use kind = \"grid\" with values = [0, 1]");
    } else if (k == DesignKind::list) {
      not_used(d.min_at, "parameter.min", k);
      not_used(d.max_at, "parameter.max", k);
      not_used(d.dist_at, "parameter.distribution", k);
      not_used(d.steps_at, "parameter.steps", k);
      if (!d.values_at)
        c_.error(d.at, "parameter.values", "missing required key",
                 "add values = [...], one value per point (same length for every parameter)");
    } else if (k == DesignKind::grid) {
      if (d.values_at && d.steps_at) {
        c_.error(*d.steps_at, "parameter.steps", "both values and steps are given",
                 "give either values = [...] or min, max and steps");
      } else if (d.values_at) {
        not_used(d.min_at, "parameter.min", k);
        not_used(d.max_at, "parameter.max", k);
        not_used(d.dist_at, "parameter.distribution", k);
      } else if (!d.steps_at) {
        c_.error(d.at, "parameter.values", "a grid parameter needs its levels",
                 "add values = [...] or min, max and steps = N");
      }
    }
    if (d.min && d.max && (random || d.steps)) {
      f.min = *d.min;
      f.max = *d.max;
      if (!(f.min < f.max)) {
        c_.error(*d.max_at, "parameter.max",
                 "max (" + number_text(f.max) + ") is not above min (" + number_text(f.min) + ")",
                 "set max > min; to fix a parameter, set it in the scenario instead");
        return;
      }
      if (f.log_scale && f.min <= 0.0) {
        c_.error(*d.min_at, "parameter.min", "log_uniform needs min > 0, got " + number_text(f.min),
                 "raise min or use distribution = \"uniform\"");
        return;
      }
    }
    if (k == DesignKind::grid && d.steps && d.min && d.max && f.min < f.max) {
      f.values.clear();
      const auto steps = static_cast<std::size_t>(*d.steps);
      for (std::size_t i = 0; i < steps; ++i)
        f.values.push_back(from_unit(f, static_cast<double>(i) / static_cast<double>(steps - 1)));
      if (def && def->type != ParamType::real) {
        for (auto& v : f.values) v = std::round(v);
        f.values.erase(std::unique(f.values.begin(), f.values.end()), f.values.end());
      }
    }
    if (k == DesignKind::list && d.values_at && !drafts_.empty() && &d != &drafts_.front() &&
        drafts_.front().values_at && f.values.size() != drafts_.front().factor.values.size()) {
      c_.error(*d.values_at, "parameter.values",
               f.key + " has " + std::to_string(f.values.size()) + " values but " +
                   drafts_.front().factor.key + " has " +
                   std::to_string(drafts_.front().factor.values.size()),
               "a list design takes point i from the i-th value of every parameter; give all the "
               "same length");
    }
    if (!f.values.empty()) {
      f.min = *std::min_element(f.values.begin(), f.values.end());
      f.max = *std::max_element(f.values.begin(), f.values.end());
    }
  }

  Checker& c_;
  std::int64_t max_runs_ = kDefaultMaxRuns;
  const std::vector<InputError>& errors_;
  Sweep& s_;
  bool resolve_;
  fs::path dir_;
  std::optional<Location> sweep_at_;
  std::optional<Location> design_at_;
  std::optional<DesignKind> kind_;
  const toml::node* samples_node_ = nullptr;
  const toml::node* levels_node_ = nullptr;
  const toml::node* seed_node_ = nullptr;
  const toml::node* file_node_ = nullptr;
  const toml::node* second_node_ = nullptr;
  std::vector<FactorDraft> drafts_;
};

}  // namespace

bool parse_design_kind(std::string_view name, DesignKind& kind) {
  for (auto k :
       {DesignKind::grid, DesignKind::list, DesignKind::monte_carlo, DesignKind::latin_hypercube,
        DesignKind::saltelli, DesignKind::morris, DesignKind::csv}) {
    if (design_kind_name(k) == name) {
      kind = k;
      return true;
    }
  }
  return false;
}

Sweep parse_sweep_text(std::string_view text, const std::string& path, bool resolve_files) {
  std::vector<InputError> errors;
  Checker c(path, errors);
  Sweep s;
  s.path = path;
  s.text = std::string(text);
  s.sha256 = sha256_hex(text);
  const toml::table doc = c.parse_document(text);
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = fs::path(path);
  SweepReader reader(c, errors, s, resolve_files);
  reader.read(doc, abs.lexically_normal().parent_path());
  errors.insert(errors.end(), reader.csv_errors.begin(), reader.csv_errors.end());
  if (!errors.empty()) {
    sort_errors(errors);
    throw InputErrors(std::move(errors));
  }
  return s;
}

Sweep load_sweep(const std::string& path) {
  std::string text;
  std::string why;
  if (!read_input_file(path, text, why))
    throw InputErrors(
        {InputError{path,
                    0,
                    0,
                    {},
                    "cannot read sweep file: " + why,
                    "check the path (sweep files are described in docs/sensitivity.md)"}});
  return parse_sweep_text(text, path, true);
}

}  // namespace renkei
