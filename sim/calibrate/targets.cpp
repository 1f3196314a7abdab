#include "calibrate/targets.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/toml_check.hpp"
#include "model/series.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace renkei {
namespace {

using tomlcheck::Bounds;

std::vector<std::string> final_names() {
  std::vector<std::string> out;
  for (const auto& d : kFinalDefs) out.emplace_back(d.name);
  return out;
}

}  // namespace

const char* role_name(TargetRole role) noexcept {
  switch (role) {
    case TargetRole::input: return "input";
    case TargetRole::identity: return "identity";
    case TargetRole::target: break;
  }
  return "target";
}

double TargetItem::standard_error() const {
  if (kind == TargetKind::mean || kind == TargetKind::cases) return sd;
  const double p = comparable_value();
  return n > 0 ? std::sqrt(std::max(p * (1 - p), 0.25 / n) / n)
               : std::numeric_limits<double>::quiet_NaN();
}

std::pair<double, double> TargetItem::interval95() const {
  constexpr double z = 1.959963984540054;
  double lo = 0, hi = 0;
  if (kind == TargetKind::share || kind == TargetKind::count) {
    const double p = comparable_value();
    if (n <= 0)
      return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    // Wilson score interval: stays inside [0, 1] for shares near 0 (e.g. Q1 planning 1.9 %).
    const double d = 1 + z * z / n;
    const double centre = (p + z * z / (2 * n)) / d;
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    lo = centre - half;
    hi = centre + half;
  } else {
    lo = value - z * sd;
    hi = value + z * sd;
  }
  if (at_least) hi = std::numeric_limits<double>::infinity();
  return {lo, hi};
}

const TargetItem* Targets::find(const std::string& item) const {
  for (const TargetItem& t : items)
    if (t.name == item) return &t;
  return nullptr;
}

Targets load_targets(const std::string& path) {
  std::string text;
  std::string why;
  if (!read_input_file(path, text, why))
    throw InputErrors({InputError{path, 0, 0, "targets", "cannot read the targets file: " + why,
                                  "check the path (e.g. scenarios/targets/tohoku2005.toml)"}});
  return load_targets_from_string(text, path);
}

Targets load_targets_from_string(std::string_view text, const std::string& path) {
  std::vector<InputError> errors;
  tomlcheck::Checker c(path, errors);
  Targets out;
  out.path = path;
  const toml::table doc = c.parse_document(text);
  const std::vector<std::string> top = {"targets", "item", "certifications"};
  c.unknown_keys(doc, "", {"targets", "item", "certifications"}, top);
  if (const auto* t = c.get(doc, "targets", "targets", true); t && c.table(*t, "targets")) {
    const auto& tab = *t->as_table();
    c.unknown_keys(tab, "targets", {"name", "description"},
                   {"targets.name", "targets.description"});
    if (const auto* v = c.get(tab, "name", "targets.name", true))
      if (auto s = c.identifier(*v, "targets.name")) out.name = *s;
    if (const auto* v = c.get(tab, "description", "targets.description"))
      if (auto s = c.string(*v, "targets.description")) out.description = *s;
  }
  const auto names = final_names();
  const std::vector<std::string> item_keys = {"name",     "label", "value",    "n",
                                              "kind",     "sd",    "relation", "calibrate",
                                              "modelled", "role",  "routing",  "source"};
  for (const toml::table* tab : c.tables(doc, "item", true)) {
    TargetItem it;
    it.line = static_cast<int>(tab->source().begin.line);
    c.unknown_keys(*tab, "item",
                   {"name", "label", "value", "n", "kind", "sd", "relation", "calibrate",
                    "modelled", "role", "routing", "source"},
                   [&] {
                     std::vector<std::string> k;
                     for (const auto& x : item_keys) k.push_back("item." + x);
                     return k;
                   }());
    if (const auto* v = c.get(*tab, "modelled", "item.modelled"))
      if (auto b = c.boolean(*v, "item.modelled")) it.modelled = *b;
    if (const auto* v = c.get(*tab, "name", "item.name", it.modelled)) {
      if (auto s = c.string(*v, "item.name")) {
        it.name = *s;
        if (std::find(names.begin(), names.end(), it.name) == names.end())
          c.error(
              v->source(), "item.name", "'" + it.name + "' is not a simulated item",
              "use one of the final metrics (docs/output.md)" + [&] {
                const std::string m = closest_match(it.name, names);
                return m.empty() ? std::string{} : "; did you mean '" + m + "'?";
              }());
      }
    }
    if (const auto* v = c.get(*tab, "label", "item.label", true))
      if (auto s = c.string(*v, "item.label")) it.label = *s;
    if (const auto* v = c.get(*tab, "value", "item.value", true))
      if (auto x = c.real(*v, "item.value", Bounds{0, 1e9})) it.value = *x;
    if (const auto* v = c.get(*tab, "kind", "item.kind", true)) {
      if (auto s = c.string(*v, "item.kind")) {
        if (*s == "share")
          it.kind = TargetKind::share;
        else if (*s == "count")
          it.kind = TargetKind::count;
        else if (*s == "mean")
          it.kind = TargetKind::mean;
        else if (*s == "cases")
          it.kind = TargetKind::cases;
        else
          c.error(v->source(), "item.kind", "unknown kind '" + *s + "'",
                  "use share, count, mean or cases");
      }
    }
    const bool needs_n = it.kind == TargetKind::share || it.kind == TargetKind::count;
    if (const auto* v = c.get(*tab, "n", "item.n", needs_n && it.modelled))
      if (auto x = c.real(*v, "item.n", Bounds{0, 1e9})) {
        it.n = *x;
        // A compared share or count over no respondents has no sampling interval (n
        // divides it); unmodelled items may say n = 0 for "base not given".
        if (it.n == 0 && needs_n && it.modelled)
          c.error(v->source(), "item.n",
                  "n = 0: a compared " +
                      std::string(it.kind == TargetKind::share ? "share" : "count") +
                      " needs the number of respondents it was measured on",
                  "give the survey's base (n > 0), or mark the item modelled = false");
      }
    const bool needs_sd = !needs_n;
    if (const auto* v = c.get(*tab, "sd", "item.sd", needs_sd))
      if (auto x = c.real(*v, "item.sd", Bounds{0, 1e9, true})) it.sd = *x;
    if (it.kind == TargetKind::share && (it.value > 1))
      c.error(tab->source(), "item.value",
              "share " + std::to_string(it.value) + " of '" + it.label + "' is above 1",
              "write shares in 0-1 (23.2 % is 0.232)");
    if (const auto* v = c.get(*tab, "relation", "item.relation")) {
      if (auto s = c.string(*v, "item.relation")) {
        if (*s == "at_least")
          it.at_least = true;
        else if (*s != "equal")
          c.error(v->source(), "item.relation", "unknown relation '" + *s + "'",
                  "use equal or at_least");
      }
    }
    if (const auto* v = c.get(*tab, "calibrate", "item.calibrate"))
      if (auto b = c.boolean(*v, "item.calibrate")) it.calibrate = *b;
    if (it.calibrate && !it.modelled)
      c.error(tab->source(), "item.calibrate",
              "'" + it.label + "' is not modelled and cannot be a calibration target",
              "remove calibrate = true or modelled = false");
    if (const auto* v = c.get(*tab, "role", "item.role")) {
      if (auto s = c.string(*v, "item.role")) {
        if (*s == "target")
          it.role = TargetRole::target;
        else if (*s == "input")
          it.role = TargetRole::input;
        else if (*s == "identity")
          it.role = TargetRole::identity;
        else
          c.error(v->source(), "item.role", "unknown role '" + *s + "'",
                  "use target (evidence the model must reproduce), input (reproduced by a "
                  "parameter set to it, "
                  "e.g. a no-answer share) or identity (follows from other items, e.g. a routing "
                  "base)");
        if (it.role != TargetRole::target && it.calibrate)
          c.error(v->source(), "item.role",
                  "'" + it.label + "' is an " + *s +
                      " and cannot be a calibration target: it is reproduced by construction",
                  "remove calibrate = true, or give role = \"target\" if the item is evidence");
      }
    }
    if (const auto* v = c.get(*tab, "routing", "item.routing"))
      if (auto s = c.string(*v, "item.routing")) it.routing = *s;
    if (const auto* v = c.get(*tab, "source", "item.source", true))
      if (auto s = c.string(*v, "item.source")) it.source = *s;
    if (!it.name.empty() && out.find(it.name))
      c.error(tab->source(), "item.name", "item '" + it.name + "' is listed twice",
              "keep one entry per item");
    out.items.push_back(std::move(it));
  }
  if (!errors.empty()) throw InputErrors(std::move(errors));
  return out;
}

}  // namespace renkei
