// Constants of the HDF5 result layout shared by the writer and the reader (the layout itself
// is documented in docs/output.md). Free of HDF5 headers so that tools may include it.
#pragma once

#include <cstddef>
#include <string_view>

namespace renkei {

// The global attribute that marks a file as renkei output; its value is the writing version.
inline constexpr std::string_view kMarkerAttribute = "renkei_version";

// The global attribute naming the file's kind and format version: kStudyFormat in the output
// of `renkei run` (files written before it carry only kMarkerAttribute and are read as
// studies), "renkei-sweep 1" in sweep results (sweep_writer.hpp).
inline constexpr std::string_view kFormatAttribute = "renkei_format";
inline constexpr std::string_view kStudyFormat = "renkei-study 1";

// The most values the reader converts from one variable (2^25 doubles: 256 MiB). Real results
// stay below (a 100-scenario, 100,000-replicate final metric is 10^7); a damaged or crafted
// file declaring more is refused before anything is allocated. The reader also refuses a
// variable declaring more data than the file holds for it (H5Reader).
inline constexpr std::size_t kMaxReadValues = std::size_t{1} << 25;
// The most dimensions a renkei variable has (scenario, replicate, time).
inline constexpr int kMaxRank = 3;

// Global attributes recording how the replicates were run: the posterior parameter draws
// ("<path> sha256 <digest>, D draws"; the variable kParameterDrawVariable(replicate) holds
// the draw each replicate used) and the run-count rule with its outcome.
inline constexpr std::string_view kParameterDrawsAttribute = "parameter_draws";
inline constexpr std::string_view kParameterDrawVariable = "parameter_draw";
// How the parameters of a study were chosen: "posterior draws", "point estimate (--point)" or
// "fixed (the scenarios name no posterior draws)".
inline constexpr std::string_view kParametersAttribute = "parameters";
inline constexpr std::string_view kRunControlAttribute = "run_control";

// Replicates per chunk of the (scenario, replicate, time) series, and per buffered write:
// 16 replicates × 1,000 weekly steps × 4 bytes = 64 KiB, well inside the 1 MiB chunk cache.
inline constexpr std::size_t kReplicateChunk = 16;
// Replicates per chunk of the (scenario, replicate) variables (8 KiB of doubles).
inline constexpr std::size_t kReplicateChunk2d = 1024;
// Shuffle + deflate level 1 on the replicate series (see docs/output.md for the measurement).
inline constexpr bool kDeflateReplicateSeries = true;

}  // namespace renkei
