#include "calibrate/validation.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"
#include "input/toml_check.hpp"

#include <algorithm>
#include <cmath>

namespace renkei {

using tomlcheck::Bounds;

Validation load_validation(const std::string& path) {
  std::vector<InputError> errors;
  tomlcheck::Checker c(path, errors);
  Validation out;
  out.path = path;
  std::string text, why;
  if (!read_input_file(path, text, why))
    throw InputErrors(
        {InputError{path, 0, 0, "validation", "cannot read the validation file: " + why,
                    "check the path (e.g. scenarios/validation/shin_renkei_published.toml)"}});
  const toml::table doc = c.parse_document(text);
  c.unknown_keys(doc, "", {"validation", "item", "block_figure"},
                 {"validation", "item", "block_figure"});
  if (const auto* t = c.get(doc, "validation", "validation", true);
      t && c.table(*t, "validation")) {
    const auto& tab = *t->as_table();
    c.unknown_keys(tab, "validation", {"name", "description"},
                   {"validation.name", "validation.description"});
    if (const auto* v = c.get(tab, "name", "validation.name", true))
      if (auto s = c.identifier(*v, "validation.name")) out.name = *s;
    if (const auto* v = c.get(tab, "description", "validation.description"))
      if (auto s = c.string(*v, "validation.description")) out.description = *s;
  }
  const std::vector<std::string> keys = {"label",      "series", "date",       "value", "scenario",
                                         "world_file", "scope",  "confidence", "source"};
  std::vector<std::string> dotted;
  for (const auto& k : keys) dotted.push_back("item." + k);
  const std::vector<std::string> bkeys = {"block",      "date",       "value", "scenario",
                                          "world_file", "confidence", "source"};
  std::vector<std::string> bdotted;
  for (const auto& k : bkeys) bdotted.push_back("block_figure." + k);
  for (const toml::table* tab : c.tables(doc, "block_figure", false)) {
    BlockFigure fig;
    fig.line = static_cast<int>(tab->source().begin.line);
    c.unknown_keys(*tab, "block_figure",
                   {"block", "date", "value", "scenario", "world_file", "confidence", "source"},
                   bdotted);
    auto text_of = [&](const char* key, std::string& to) {
      if (const auto* v = c.get(*tab, key, std::string("block_figure.") + key, true))
        if (auto t = c.string(*v, std::string("block_figure.") + key)) to = *t;
    };
    if (const auto* v = c.get(*tab, "block", "block_figure.block", true))
      if (auto t = c.identifier(*v, "block_figure.block")) fig.block = *t;
    text_of("scenario", fig.scenario);
    text_of("world_file", fig.world_file);
    text_of("source", fig.source);
    text_of("confidence", fig.confidence);
    if (const auto* v = c.get(*tab, "confidence", "block_figure.confidence"))
      if (!fig.confidence.empty() && fig.confidence != "official" &&
          fig.confidence != "secondary" && fig.confidence != "derived")
        c.error(v->source(), "block_figure.confidence",
                "unknown confidence '" + fig.confidence + "'",
                "use official, secondary or derived");
    if (const auto* v = c.get(*tab, "date", "block_figure.date", true))
      if (auto d = c.date(*v, "block_figure.date")) fig.date = *d;
    if (const auto* v = c.get(*tab, "value", "block_figure.value", true))
      if (auto x = c.real(*v, "block_figure.value", Bounds{0, 1e9, false, "cases"})) fig.value = *x;
    out.block_figures.push_back(std::move(fig));
  }
  for (const toml::table* tab : c.tables(doc, "item", true)) {
    ValidationItem it;
    it.line = static_cast<int>(tab->source().begin.line);
    c.unknown_keys(*tab, "item",
                   {"label", "series", "date", "value", "scenario", "world_file", "scope",
                    "confidence", "source"},
                   dotted);
    auto text_of = [&](const char* key, std::string& to, bool required) {
      if (const auto* v = c.get(*tab, key, std::string("item.") + key, required))
        if (auto s = c.string(*v, std::string("item.") + key)) to = *s;
    };
    text_of("label", it.label, true);
    text_of("series", it.series, true);
    text_of("scenario", it.scenario, true);
    text_of("world_file", it.world_file, true);
    text_of("scope", it.scope, true);
    text_of("source", it.source, true);
    text_of("confidence", it.confidence, true);
    if (const auto* v = c.get(*tab, "confidence", "item.confidence"))
      if (it.confidence != "official" && it.confidence != "secondary" && it.confidence != "derived")
        c.error(v->source(), "item.confidence", "unknown confidence '" + it.confidence + "'",
                "use official, secondary or derived");
    if (const auto* v = c.get(*tab, "date", "item.date", true))
      if (auto d = c.date(*v, "item.date")) it.date = *d;
    if (const auto* v = c.get(*tab, "value", "item.value", true))
      if (auto x = c.real(*v, "item.value", Bounds{0, 1e9, false, "cases"})) it.value = *x;
    out.items.push_back(std::move(it));
  }
  if (const auto* items = doc.get_as<toml::array>("item"); items && items->empty())
    c.error(items->source(), "item", "the file holds no [[item]]",
            "add at least one published figure");
  if (!errors.empty()) throw InputErrors(std::move(errors));
  return out;
}

ValidationRow compare_item(const ValidationItem& item, std::vector<double> values) {
  ValidationRow row = compare_values(item.value, std::move(values));
  row.item = &item;
  return row;
}

std::vector<double> block_values(const std::vector<double>& data, const std::vector<double>& ok,
                                 std::size_t replicates, std::size_t blocks, std::size_t scenario,
                                 const std::vector<std::size_t>& columns) {
  std::vector<double> out;
  for (std::size_t r = 0; r < replicates; ++r) {
    if (ok[scenario * replicates + r] != 1.0) continue;
    double sum = 0;
    for (const std::size_t b : columns) sum += data[(scenario * replicates + r) * blocks + b];
    if (!std::isnan(sum)) out.push_back(sum);
  }
  return out;
}

ValidationRow compare_values(double published, std::vector<double> values) {
  ValidationRow row;
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  row.replicates = values.size();
  if (values.size() < 2) {
    row.why_not = "fewer than two finished replicates";
    return row;
  }
  row.compared = true;
  double s = 0;
  for (const double v : values) s += v;
  row.mean = s / static_cast<double>(values.size());
  double ss = 0;
  for (const double v : values) ss += (v - row.mean) * (v - row.mean);
  row.sd = std::sqrt(ss / static_cast<double>(values.size() - 1));
  // Empirical 5 % and 95 % quantiles (linear interpolation between order statistics).
  std::sort(values.begin(), values.end());
  auto quantile = [&](double p) {
    const double h = p * static_cast<double>(values.size() - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    const double f = h - static_cast<double>(k);
    return k + 1 < values.size() ? values[k] + f * (values[k + 1] - values[k]) : values[k];
  };
  row.lo = quantile(0.05);
  row.hi = quantile(0.95);
  row.inside = published >= row.lo && published <= row.hi;
  return row;
}

}  // namespace renkei
