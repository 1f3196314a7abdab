// Reading input files (scenarios, worlds) defensively: only regular files of bounded size,
// so that a path such as /dev/zero in a scenario cannot hang or exhaust the loader.
#pragma once

#include "input/input_error.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace renkei {

// Largest input file accepted; real scenario and world files are a few kilobytes, and a
// draws file of 100,000 posterior draws a few megabytes.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{16} << 20;

// What a path that exists but is no regular file is ("is a directory; ...", "is a FIFO ...").
std::string not_regular_file_text(const std::filesystem::file_status& st);

// Reads `path` into `out`. On failure returns false and sets `why` ("not found", ...).
bool read_input_file(const std::string& path, std::string& out, std::string& why);

// Orders errors by file (in order of first appearance), then line and column, so that
// messages read top to bottom like the file.
void sort_errors(std::vector<InputError>& errors);

}  // namespace renkei
