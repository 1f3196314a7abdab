// Placeholder of `renkei survey` until its implementation lands.
#include "cli/commands.hpp"

namespace renkei::cli {

int cmd_survey(const std::vector<std::string>&) { throw std::runtime_error("`renkei survey` is not built yet"); }

}  // namespace renkei::cli
