// The plain parameter lists of `renkei params`: every parameter with its default, bounds and
// unit, or the values one scenario runs with (docs/parameters.md is schema_doc's Markdown).
#pragma once

#include "scenario/scenario.hpp"

#include <string>

namespace renkei {

// Every parameter: key = default [min, max] unit, "(policy lever)", then its description.
std::string parameters_list();

// Every parameter with the value `s` resolves to; those that differ from the schema default
// are marked '*' and say so, so calibrated and scenario-specific values stand out.
std::string resolved_parameters(const Scenario& s);

}  // namespace renkei
