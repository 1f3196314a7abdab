// The table `renkei run` prints when it is done: per scenario, the ensemble mean and 90 %
// band of the key outcomes.
#pragma once

#include "io/result_writer.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace renkei::cli {

void print_summary_table(std::ostream& out, const std::vector<std::string>& names,
                         const std::vector<ScenarioSummary>& summaries,
                         const std::vector<double>& quantiles);

}  // namespace renkei::cli
