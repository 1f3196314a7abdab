// Provenance written into every output file: versions, commit, compiler, libraries, seed,
// threads, creation time and command line.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace renkei::cli {

// `command` is the subcommand that wrote the file ("run", "sweep"); `args` follow it.
std::vector<std::pair<std::string, std::string>> provenance(std::uint64_t seed, int threads,
                                                            int replicates,
                                                            const std::vector<std::string>& args,
                                                            const std::string& command = "run");

}  // namespace renkei::cli
