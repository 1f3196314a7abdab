// Progress on stderr (runs done / total, runs per second, ETA), only when stderr is a
// terminal: logs and pipelines see nothing but errors.
#pragma once

#include <chrono>
#include <cstdint>

namespace renkei::cli {

class Progress {
 public:
  explicit Progress(bool enabled);
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool printed_ = false;
};

// True if stderr is an interactive terminal.
bool stderr_is_terminal();

}  // namespace renkei::cli
