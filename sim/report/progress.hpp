// Progress on stderr (runs done / total, runs per second, time left). On a terminal: one line
// rewritten in place. Otherwise (a batch job's log, a pipe): a full line at most once per
// interval, so that a log shows the job is alive and how far it is without filling up with
// carriage returns; a run shorter than the interval prints nothing.
#pragma once

#include <chrono>
#include <cstdint>

namespace renkei {

enum class ProgressMode { off, terminal, lines };

// off when not wanted (--quiet, or not the process that reports), terminal when stderr is a
// terminal and `terminal_ok`, lines otherwise.
ProgressMode progress_mode(bool wanted, bool terminal_ok = true);

class Progress {
 public:
  // Terminal mode when enabled, else off.
  explicit Progress(bool enabled);
  Progress(ProgressMode mode, std::chrono::milliseconds line_interval);
  void update(std::uint64_t done, std::uint64_t total);
  // Lines mode: whether update() would print now (to compute a costly count only then).
  bool line_due() const;
  void finish();

 private:
  ProgressMode mode_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool printed_ = false;
  bool first_seen_ = false;
  std::uint64_t first_done_ = 0;
  std::chrono::steady_clock::time_point first_time_;
};

// True if stderr is an interactive terminal.
bool stderr_is_terminal();

}  // namespace renkei
