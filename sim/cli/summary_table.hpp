// The table `renkei run` prints when it is done: per scenario, the ensemble mean and 90 %
// band of the key outcomes.
#pragma once

#include "io/result_writer.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace renkei {
struct StudyRunResult;  // engine/study_run.hpp, which the sources of cli/ alone may include
}  // namespace renkei

namespace renkei::cli {

void print_summary_table(std::ostream& out, const std::vector<std::string>& names,
                         const std::vector<ScenarioSummary>& summaries,
                         const std::vector<double>& quantiles);

// What `renkei run` prints when done (nothing when `quiet`): the table and the file written;
// failed runs are named on stderr with where their errors are. Returns the exit status.
int report_run(const StudyRunResult& result, const std::string& output, bool quiet);

}  // namespace renkei::cli
