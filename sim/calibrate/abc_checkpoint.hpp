// The checkpoint of an ABC-SMC run: every completed generation, written atomically after
// each one, under a header of the settings that determine the result. A run given the same
// settings continues from it and reproduces the uninterrupted run exactly; a run given
// other settings refuses it rather than mix two calibrations.
//
// Text, one record a line: numbers in shortest round-trip form (std::to_chars), so a value
// read back is bitwise the value written and the file stays readable.
#pragma once

#include "calibrate/abc_smc.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace renkei::abc {

inline constexpr int kCheckpointVersion = 1;

// The settings lines ("setting ...", "prior ...", "target ..."). Stopping rules
// (max_generations, min_acceptance, max_simulations), threads and the progress callback
// are left out: they do not change the generations, so a run may be extended with a
// larger budget or more generations.
std::string checkpoint_settings(const std::vector<Prior>& priors,
                                const std::vector<Target>& targets, const Options& options);

// Replaces `path` atomically (temporary file, fsync, rename).
void save_checkpoint(const std::string& path, const std::string& settings,
                     const std::vector<Generation>& generations);

// The generations stored in `path`, or none if the file does not exist. Throws
// std::runtime_error naming the file, the line and the fix if the file is damaged or was
// written with other settings.
std::vector<Generation> load_checkpoint(const std::string& path, const std::string& settings,
                                        std::size_t parameters, std::size_t statistics,
                                        std::size_t particles);

}  // namespace renkei::abc
