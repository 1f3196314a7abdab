// Export of a sweep in the files SALib's command line and Python API read, so that our
// indices can be checked against SALib and SALib's other methods applied to the same runs.
#pragma once

#include "sweep/design.hpp"

#include <string>
#include <utility>
#include <vector>

namespace renkei::sensitivity {

// Checks before any work that `dir` can receive the export: throws FileError (exit status 2)
// if it exists and is not a directory (a file, a device) or if its parent is missing.
void check_salib_export_dir(const std::string& dir);

// Writes into `dir` (created if missing): problem.json (num_vars, names, bounds), X.txt (the
// design matrix, one point per line, space separated) and, for each (stem, values) of
// `outputs`, Y_<stem>.txt with one value per line ("nan" where no run finished). Throws
// std::runtime_error naming the file that cannot be written.
void export_salib(const std::string& dir, const Design& design,
                  const std::vector<std::pair<std::string, std::vector<double>>>& outputs);

}  // namespace renkei::sensitivity
