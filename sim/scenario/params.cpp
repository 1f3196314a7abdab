#include "scenario/params.hpp"

#include <array>
#include <cmath>

namespace renkei {
namespace {

[[maybe_unused]] constexpr ParamType type_of(double*) { return ParamType::real; }
[[maybe_unused]] constexpr ParamType type_of(int*) { return ParamType::integer; }
[[maybe_unused]] constexpr ParamType type_of(bool*) { return ParamType::boolean; }

template <class T>
T convert(double v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0.0;
  } else if constexpr (std::is_same_v<T, int>) {
    return static_cast<int>(std::lround(v));
  } else {
    return v;
  }
}

// `type` is a type name (static_cast<type*>), which parentheses would not compile: the
// check's advice does not apply.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define RENKEI_X(type, group, name, def, lo, hi, unit, lever, source, doc)        \
  ParamDef{#group "." #name,                                                      \
           #group,                                                                \
           #name,                                                                 \
           type_of(static_cast<type*>(nullptr)),                                  \
           static_cast<double>(def),                                              \
           static_cast<double>(lo),                                               \
           static_cast<double>(hi),                                               \
           unit,                                                                  \
           lever,                                                                 \
           source,                                                                \
           doc,                                                                   \
           [](const Params& p) { return static_cast<double>(p.group##_##name); }, \
           [](Params& p, double v) { p.group##_##name = convert<type>(v); }},
// NOLINTEND(bugprone-macro-parentheses)
const auto kSchema = std::to_array<ParamDef>({RENKEI_PARAMS(RENKEI_X)});
#undef RENKEI_X

}  // namespace

std::span<const ParamDef> param_schema() { return kSchema; }

std::optional<std::size_t> find_param(std::string_view key) {
  for (std::size_t i = 0; i < kSchema.size(); ++i) {
    if (kSchema[i].key == key) return i;
  }
  return std::nullopt;
}

}  // namespace renkei
