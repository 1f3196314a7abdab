// Parsing a sweep file from text, for the analysis of a finished sweep: its result file stores
// the sweep file's text, whose factor ranges the estimators need even when the scenario and
// design files it names are no longer where they were.
#pragma once

#include "sweep/design.hpp"

#include <string>
#include <string_view>

namespace renkei {

// As load_sweep, for `text` shown as `path` in messages. With resolve_files false the scenario
// files are not checked and a csv design is not read (its points stay empty).
Sweep parse_sweep_text(std::string_view text, const std::string& path, bool resolve_files);

// The kind named `name`, if any ("grid", "saltelli", ...).
bool parse_design_kind(std::string_view name, DesignKind& kind);

}  // namespace renkei
