// Renders the parameter schema as Markdown (docs/parameters.md; `renkei params --markdown`),
// so that the reference for analysts is generated from the code and cannot drift from it.
#pragma once

#include <string>

namespace renkei {

std::string parameters_markdown();

}  // namespace renkei
