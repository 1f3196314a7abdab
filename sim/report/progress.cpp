#include "report/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace renkei {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressMode progress_mode(bool wanted, bool terminal_ok) {
  if (!wanted) return ProgressMode::off;
  return terminal_ok && stderr_is_terminal() ? ProgressMode::terminal : ProgressMode::lines;
}

Progress::Progress(bool enabled)
    : Progress(enabled ? ProgressMode::terminal : ProgressMode::off,
               std::chrono::milliseconds(200)) {}

Progress::Progress(ProgressMode mode, std::chrono::milliseconds line_interval)
    : mode_(mode),
      interval_(line_interval),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

bool Progress::line_due() const {
  return mode_ == ProgressMode::lines && std::chrono::steady_clock::now() - last_ >= interval_;
}

namespace {

std::string duration_text(double seconds) {
  char buf[32];
  if (seconds < 90)
    std::snprintf(buf, sizeof buf, "%.0f s", seconds);
  else if (seconds < 5400)
    std::snprintf(buf, sizeof buf, "%.0f min", seconds / 60);
  else
    std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
  return buf;
}

}  // namespace

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (mode_ == ProgressMode::off) return;
  const auto now = std::chrono::steady_clock::now();
  if (!first_seen_) {
    // Rates count from the first report: runs an earlier attempt committed (--resume) are
    // not this process's speed.
    first_seen_ = true;
    first_done_ = done;
    first_time_ = now;
  }
  if (mode_ == ProgressMode::terminal) {
    if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
  } else if (now - last_ < interval_) {
    return;
  }
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - first_time_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done - first_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
  const auto d = static_cast<unsigned long long>(done), t = static_cast<unsigned long long>(total);
  if (mode_ == ProgressMode::terminal) {
    std::fprintf(stderr, "\r  runs %llu/%llu  %.1f runs/s  ETA %.0f s   ", d, t, rate, eta);
  } else {
    const double pct =
        total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
    std::fprintf(
        stderr, "renkei: runs %llu/%llu (%.1f %%) after %s, %.2f runs/s%s\n", d, t, pct,
        duration_text(std::chrono::duration<double>(now - start_).count()).c_str(), rate,
        rate > 0 && done < total ? (", about " + duration_text(eta) + " left").c_str() : "");
  }
  std::fflush(stderr);
  printed_ = true;
}

void Progress::finish() {
  if (mode_ == ProgressMode::terminal && printed_) std::fputc('\n', stderr);
}

}  // namespace renkei
