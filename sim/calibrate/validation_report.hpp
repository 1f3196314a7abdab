// `renkei validate` as a library call: a run's result file against published figures held
// out of calibration, item by item and block by block, with the run's 5 %-95 % band.
#pragma once

#include <ostream>
#include <string>

namespace renkei {

// Prints the comparison. Throws InputErrors for a bad validation file (or a figure naming a
// block the run's world lacks), UsageError for a file that is not the output of renkei run.
void validate_file(std::ostream& out, const std::string& file, const std::string& validation_file);

}  // namespace renkei
