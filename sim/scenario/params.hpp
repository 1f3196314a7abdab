// Typed model parameters (one field per schema entry) and the schema that describes them.
// The loader turns scenario text into a Params once; the model reads fields, never strings.
#pragma once

#include "scenario/param_list.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace renkei {

struct Params {
#define RENKEI_X(type, group, name, def, lo, hi, unit, lever, source, doc) \
  type group##_##name = def;
  RENKEI_PARAMS(RENKEI_X)
#undef RENKEI_X
};

enum class ParamType { real, integer, boolean };

struct ParamDef {
  std::string_view key;  // "group.name"
  std::string_view group;
  std::string_view name;
  ParamType type;
  double default_value;
  double min;
  double max;
  std::string_view unit;
  bool lever;  // may a [[policy]] change it during a run?
  std::string_view source;
  std::string_view description;
  double (*get)(const Params&);
  void (*set)(Params&, double);  // integers are rounded, booleans are value != 0
};

// Every parameter, in declaration order.
std::span<const ParamDef> param_schema();
// The index of a key in param_schema(), if any.
std::optional<std::size_t> find_param(std::string_view key);

}  // namespace renkei
