// Placeholder of `renkei sweep` until its implementation lands.
#include "cli/commands.hpp"

namespace renkei::cli {

int cmd_sweep(const std::vector<std::string>&) { throw std::runtime_error("`renkei sweep` is not built yet"); }

}  // namespace renkei::cli
