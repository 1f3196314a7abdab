// Placeholder of `renkei sensitivity` until its implementation lands.
#include "cli/commands.hpp"

namespace renkei::cli {

int cmd_sensitivity(const std::vector<std::string>&) { throw std::runtime_error("`renkei sensitivity` is not built yet"); }

}  // namespace renkei::cli
