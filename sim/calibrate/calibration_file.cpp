#include "calibrate/calibration_file.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/toml_check.hpp"
#include "scenario/params.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace renkei {
namespace {

using tomlcheck::Bounds;
namespace fs = std::filesystem;

std::vector<std::string> with_prefix(const std::string& prefix,
                                     std::initializer_list<const char*> names) {
  std::vector<std::string> out;
  for (const char* n : names) out.push_back(prefix + "." + n);
  return out;
}

}  // namespace

CalibrationSpec load_calibration(const std::string& path) {
  std::vector<InputError> errors;
  tomlcheck::Checker c(path, errors);
  CalibrationSpec spec;
  spec.path = path;
  std::string why;
  if (!read_input_file(path, spec.text, why)) {
    errors.push_back(InputError{path, 0, 0, "calibration",
                                "cannot read the calibration file: " + why,
                                "check the path (e.g. scenarios/calibration/tohoku2005.toml)"});
    throw InputErrors(std::move(errors));
  }
  const toml::table doc = c.parse_document(spec.text);
  const fs::path dir = fs::absolute(fs::path(path)).parent_path();
  auto resolve = [&](const std::string& rel) { return (dir / rel).lexically_normal().string(); };
  c.unknown_keys(doc, "", {"calibration", "abc", "parameter"}, {"calibration", "abc", "parameter"});

  if (const auto* node = c.get(doc, "calibration", "calibration", true);
      node && c.table(*node, "calibration")) {
    const auto& t = *node->as_table();
    // The point is the posterior's representative particle now: the keys of the old
    // candidate ranking and least-squares polish are refused by name, not as typos.
    for (const char* removed : {"point_candidates", "point_replicates", "polish_evaluations"})
      if (const auto* v = t.get(removed))
        c.error(v->source(), std::string("calibration.") + removed,
                "no longer used: the point estimate is the posterior's representative particle, "
                "not a polished point",
                "delete the key (docs/calibration.md, section 3)");
    c.unknown_keys(
        t, "calibration",
        {"name", "scenario", "targets", "output", "draws_output", "checkpoint", "end", "replicates",
         "draws", "validation_replicates", "predictive_replicates", "representative_candidates",
         "representative_replicates", "point_candidates", "point_replicates", "polish_evaluations"},
        with_prefix("calibration",
                    {"name", "scenario", "targets", "output", "draws_output", "checkpoint", "end",
                     "replicates", "draws", "validation_replicates", "predictive_replicates",
                     "representative_candidates", "representative_replicates"}));
    if (const auto* v = c.get(t, "name", "calibration.name", true))
      if (auto s = c.identifier(*v, "calibration.name")) spec.name = *s;
    for (auto [key, target] :
         {std::pair{"scenario", &spec.scenario}, std::pair{"targets", &spec.targets},
          std::pair{"output", &spec.output}, std::pair{"draws_output", &spec.draws_output}}) {
      const std::string full = std::string("calibration.") + key;
      if (const auto* v = c.get(t, key, full, true))
        if (auto s = c.string(*v, full)) *target = resolve(*s);
    }
    if (const auto* v = c.get(t, "checkpoint", "calibration.checkpoint"))
      if (auto s = c.string(*v, "calibration.checkpoint")) spec.checkpoint = resolve(*s);
    if (const auto* v = c.get(t, "end", "calibration.end"))
      if (auto d = c.date(*v, "calibration.end")) spec.end = *d;
    // Optional whole-number keys of [calibration]: key, bounds, destination.
    const auto read_int = [&](const char* key, Bounds bounds, int& target) {
      const std::string full = std::string("calibration.") + key;
      if (const auto* v = c.get(t, key, full))
        if (auto x = c.integer(*v, full, bounds)) target = static_cast<int>(*x);
    };
    read_int("replicates", Bounds{1, 1000, false, "runs per candidate"}, spec.replicates);
    read_int("draws", Bounds{1, 100000, false, "draws"}, spec.draws);
    read_int("validation_replicates", Bounds{2, 100000, false, "runs"}, spec.validation_replicates);
    read_int("predictive_replicates", Bounds{2, 100000, false, "runs"}, spec.predictive_replicates);
    read_int("representative_candidates", Bounds{1, 100000, false, "particles"},
             spec.representative_candidates);
    read_int("representative_replicates", Bounds{0, 1000, false, "runs per candidate"},
             spec.representative_replicates);
  }
  if (spec.checkpoint.empty() && !spec.output.empty())
    spec.checkpoint = spec.output + ".checkpoint";

  if (const auto* node = c.get(doc, "abc", "abc"); node && c.table(*node, "abc")) {
    const auto& t = *node->as_table();
    c.unknown_keys(
        t, "abc",
        {"particles", "kernel", "max_generations", "quantile", "min_epsilon", "min_acceptance",
         "min_epsilon_decrease", "max_simulations", "seed"},
        with_prefix("abc", {"particles", "kernel", "max_generations", "quantile", "min_epsilon",
                            "min_acceptance", "min_epsilon_decrease", "max_simulations", "seed"}));
    if (const auto* v = c.get(t, "kernel", "abc.kernel")) {
      if (auto k = c.string(*v, "abc.kernel")) {
        if (*k == "olcm")
          spec.abc.kernel = abc::KernelType::olcm;
        else if (*k == "global")
          spec.abc.kernel = abc::KernelType::global;
        else
          c.error(v->source(), "abc.kernel", "unknown kernel '" + *k + "'",
                  "use olcm (a local covariance per parent) or global (twice the population "
                  "covariance)");
      }
    }
    if (const auto* v = c.get(t, "particles", "abc.particles"))
      if (auto x = c.integer(*v, "abc.particles", Bounds{2, 1e6, false, "particles"}))
        spec.abc.particles = static_cast<int>(*x);
    if (const auto* v = c.get(t, "max_generations", "abc.max_generations"))
      if (auto x = c.integer(*v, "abc.max_generations", Bounds{1, 1000, false, "generations"}))
        spec.abc.max_generations = static_cast<int>(*x);
    if (const auto* v = c.get(t, "quantile", "abc.quantile"))
      if (auto x = c.real(*v, "abc.quantile", Bounds{0, 1, true, "quantile"}))
        spec.abc.quantile = *x;
    if (const auto* v = c.get(t, "min_epsilon", "abc.min_epsilon"))
      if (auto x = c.real(*v, "abc.min_epsilon", Bounds{0, 1e9, false, "distance"}))
        spec.abc.min_epsilon = *x;
    if (const auto* v = c.get(t, "min_acceptance", "abc.min_acceptance"))
      if (auto x = c.real(*v, "abc.min_acceptance", Bounds{0, 1, false, "rate"}))
        spec.abc.min_acceptance = *x;
    if (const auto* v = c.get(t, "min_epsilon_decrease", "abc.min_epsilon_decrease"))
      if (auto x = c.real(*v, "abc.min_epsilon_decrease", Bounds{0, 0.99, false, "fraction"}))
        spec.abc.min_epsilon_decrease = *x;
    if (const auto* v = c.get(t, "max_simulations", "abc.max_simulations"))
      if (auto x = c.integer(*v, "abc.max_simulations", Bounds{0, 1e12, false, "simulations"}))
        spec.abc.max_simulations = static_cast<std::uint64_t>(*x);
    if (const auto* v = c.get(t, "seed", "abc.seed"))
      if (auto x = c.integer(*v, "abc.seed", Bounds{0, 9.0e15, false, "seed"}))
        spec.abc.seed = static_cast<std::uint64_t>(*x);
  }

  std::vector<std::string> keys;
  for (const ParamDef& d : param_schema()) keys.emplace_back(d.key);
  for (const toml::table* t : c.tables(doc, "parameter", true)) {
    c.unknown_keys(*t, "parameter", {"key", "min", "max", "scale", "fix", "source"},
                   with_prefix("parameter", {"key", "min", "max", "scale", "fix", "source"}));
    CalibrationParameter p;
    bool ok = true;
    const ParamDef* def = nullptr;
    if (const auto* v = c.get(*t, "key", "parameter.key", true)) {
      if (auto s = c.string(*v, "parameter.key")) {
        if (auto idx = find_param(*s)) {
          p.key = *s;
          p.param_index = *idx;
          def = &param_schema()[*idx];
        } else {
          c.unknown_key(v->source(), *s, keys, "parameter");
          ok = false;
        }
      } else
        ok = false;
    } else
      ok = false;
    const auto listed = [&](const std::string& key) {
      for (const auto& other : spec.parameters)
        if (other.key == key) return true;
      for (const auto& other : spec.fixed)
        if (other.key == key) return true;
      return false;
    };
    if (ok && listed(p.key)) {
      c.error(t->source(), "parameter.key", "'" + p.key + "' is listed twice",
              "keep one [[parameter]] per key");
      ok = false;
    }
    const Bounds b = def ? Bounds{def->min, def->max, false, def->unit} : Bounds{-1e300, 1e300};
    // A fixed parameter: a value and its source instead of a prior range.
    if (const auto* fix = t->get("fix")) {
      for (const char* range_key : {"min", "max", "scale"})
        if (const auto* v = t->get(range_key))
          c.error(v->source(), std::string("parameter.") + range_key,
                  "'" + p.key + "' is fixed (fix = ...) and also given a prior range",
                  "drop min, max and scale to fix it, or drop fix to estimate it");
      FixedParameter f{p.key, p.param_index, 0.0, {}};
      if (auto x = c.real(*fix, "parameter.fix", b))
        f.value = *x;
      else
        ok = false;
      if (const auto* v = c.get(*t, "source", "parameter.source", true)) {
        if (auto s = c.string(*v, "parameter.source")) f.source = *s;
        if (f.source.empty())
          c.error(v->source(), "parameter.source",
                  "empty source for the fixed value of '" + p.key + "'",
                  "name where the value comes from (a study, a statistic, or the documented "
                  "reasoning)");
      } else
        ok = false;
      if (ok) spec.fixed.push_back(f);
      continue;
    }
    if (const auto* v = t->get("source"))
      c.error(v->source(), "parameter.source",
              "source is only read for a fixed parameter (fix = ...)",
              "drop source, or give fix = VALUE to hold '" + p.key + "' at a documented value");
    if (const auto* v = c.get(*t, "min", "parameter.min", true)) {
      if (auto x = c.real(*v, "parameter.min", b))
        p.min = *x;
      else
        ok = false;
    } else
      ok = false;
    if (const auto* v = c.get(*t, "max", "parameter.max", true)) {
      if (auto x = c.real(*v, "parameter.max", b))
        p.max = *x;
      else
        ok = false;
    } else
      ok = false;
    if (const auto* v = c.get(*t, "scale", "parameter.scale")) {
      if (auto s = c.string(*v, "parameter.scale")) {
        if (*s == "log")
          p.log_scale = true;
        else if (*s != "linear")
          c.error(v->source(), "parameter.scale", "unknown scale '" + *s + "'",
                  "use linear or log");
      }
    }
    if (ok && !(p.min < p.max)) {
      c.error(t->source(), "parameter.max",
              "empty range [" + std::to_string(p.min) + ", " + std::to_string(p.max) + "] for '" +
                  p.key + "'",
              "give min < max");
      ok = false;
    }
    if (ok && p.log_scale && p.min <= 0) {
      c.error(t->source(), "parameter.min",
              "a log-scale range must be positive for '" + p.key + "'",
              "use scale = \"linear\" or a positive min");
      ok = false;
    }
    if (ok) spec.parameters.push_back(p);
  }
  if (errors.empty() && spec.parameters.empty())
    errors.push_back(InputError{path, 0, 0, "parameter",
                                "every [[parameter]] is fixed: nothing to estimate",
                                "give at least one parameter a prior range (min, max)"});
  if (!errors.empty()) throw InputErrors(std::move(errors));
  spec.abc.checkpoint = spec.checkpoint;
  return spec;
}

}  // namespace renkei
