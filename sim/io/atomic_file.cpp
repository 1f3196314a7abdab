#include "io/atomic_file.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
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

void check_output_path(const std::string& path, bool force) {
  if (path.empty()) throw FileError("output file: empty path; give a file name such as results.h5");
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status))
      throw FileError("output file '" + path + "' is a directory; give a file name such as '" +
                      (fs::path(path) / "results.h5").string() + "'");
    // Renaming onto a device or FIFO would replace the special file with a regular one.
    if (!fs::is_regular_file(status))
      throw FileError("output file '" + path + "' " + not_regular_file_text(status) +
                      "; renkei writes regular files only: give a file name");
    if (!force) throw FileError(exists_without_force_message(path));
  }
  const std::string dir = directory_of(path);
  if (!fs::is_directory(dir, ec))
    throw FileError("cannot write output file '" + path + "': directory '" + dir +
                    "' does not exist; create it first");
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw FileError("cannot write output file '" + path + "': directory '" + dir +
                    "' is not writable (" + errno_text(errno) + ")");
}

void refuse_output_onto_inputs(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return;  // not there yet: cannot be an input
  for (const std::string& in : inputs) {
    struct stat st {};
    if (in.empty() || ::stat(in.c_str(), &st) != 0) continue;
    if (st.st_dev == out.st_dev && st.st_ino == out.st_ino)
      throw FileError("output file '" + output + "' is the input '" + in +
                      "'; writing it would destroy the input: choose another output name");
  }
}

std::vector<std::string> remove_stale_temporaries(const std::string& path) {
  std::vector<std::string> removed;
  const fs::path target(path);
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(directory_of(path), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    // A live process (this one included) may still be writing it; only the leftovers of
    // processes that no longer exist (killed with -9, power cut) are removed.
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    if (fs::is_regular_file(it->symlink_status(rm)) && fs::remove(it->path(), rm))
      removed.push_back(it->path().string());
  }
  return removed;
}

AtomicFile::AtomicFile(std::string path, bool force) : path_(std::move(path)), force_(force) {
  check_output_path(path_, force_);
  for (const std::string& stale : remove_stale_temporaries(path_))
    std::fprintf(stderr,
                 "renkei: removed '%s', the unfinished output of a process that no longer runs\n",
                 stale.c_str());
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
