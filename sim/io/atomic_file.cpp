#include "io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace renkei {
namespace {

// The temporary file a signal handler should remove: a fixed buffer, so that the handler
// needs no allocation (async-signal-safe).
char g_pending[4096];
std::atomic<bool> g_pending_set{false};

void set_pending(const std::string& path) {
  g_pending_set.store(false, std::memory_order_release);
  if (path.size() >= sizeof g_pending) return;  // too long to record: left to discard()
  std::memcpy(g_pending, path.c_str(), path.size() + 1);
  g_pending_set.store(true, std::memory_order_release);
}

void clear_pending() { g_pending_set.store(false, std::memory_order_release); }

}  // namespace


namespace fs = std::filesystem;

namespace {

std::string directory_of(const std::string& path) {
  const fs::path dir = fs::path(path).parent_path();
  return dir.empty() ? std::string(".") : dir.string();
}

std::string errno_text(int err) { return std::strerror(err); }

// Without this the rename can reach the disk before the data does, and a power cut would
// leave a complete-looking name over an empty file.
void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string exists_without_force_message(const std::string& path) {
  return "output file '" + path + "' already exists; use --force to replace it";
}

AtomicFile::AtomicFile(std::string path, bool force) : path_(std::move(path)), force_(force) {
  if (path_.empty()) throw std::runtime_error("output file: empty path");
  std::error_code ec;
  const auto status = fs::status(path_, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status))
      throw std::runtime_error("output file '" + path_ +
                               "' is a directory; give a file name such as '" + path_ +
                               "/results.h5'");
    if (!force_) throw std::runtime_error(exists_without_force_message(path_));
  }
  const std::string dir = directory_of(path_);
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error("cannot write output file '" + path_ + "': directory '" + dir +
                             "' does not exist; create it first");
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw std::runtime_error("cannot write output file '" + path_ + "': directory '" + dir +
                             "' is not writable (" + errno_text(errno) + ")");
  temp_ = path_ + ".tmp-" + std::to_string(::getpid());
  set_pending(temp_);
}

void AtomicFile::commit() {
  if (committed_) return;
  sync_path(temp_, O_RDONLY);
  if (force_) {
    if (std::rename(temp_.c_str(), path_.c_str()) != 0)
      throw std::runtime_error("cannot move '" + temp_ + "' to '" + path_ +
                               "': " + errno_text(errno));
  } else if (::link(temp_.c_str(), path_.c_str()) == 0) {
    // link() never replaces: a file that appeared under the final name since the check in
    // the constructor is kept, as without --force it must be.
    ::unlink(temp_.c_str());
  } else if (errno == EEXIST) {
    throw std::runtime_error(exists_without_force_message(path_));
  } else {
    // File systems without hard links: check, then rename (a small window, documented).
    std::error_code ec;
    if (fs::exists(path_, ec)) throw std::runtime_error(exists_without_force_message(path_));
    if (std::rename(temp_.c_str(), path_.c_str()) != 0)
      throw std::runtime_error("cannot move '" + temp_ + "' to '" + path_ +
                               "': " + errno_text(errno));
  }
  committed_ = true;
  clear_pending();
  sync_path(directory_of(path_), O_RDONLY | O_DIRECTORY);
}

void AtomicFile::discard() noexcept {
  if (committed_ || temp_.empty()) return;
  clear_pending();
  ::unlink(temp_.c_str());
}

void remove_pending_temp_file() noexcept {
  if (g_pending_set.load(std::memory_order_acquire)) ::unlink(g_pending);
}

}  // namespace renkei
