// Placeholder of `renkei calibrate` until its implementation lands.
#include "cli/commands.hpp"

namespace renkei::cli {

int cmd_calibrate(const std::vector<std::string>&) { throw std::runtime_error("`renkei calibrate` is not built yet"); }

}  // namespace renkei::cli
