// An output file that appears under its final name complete or not at all: the content is
// written to a temporary file beside the final one and moved into place only on commit().
// A crash or kill leaves at most a stale "<path>.tmp-<pid>", never a truncated result, and
// an existing file is replaced only when the new one is complete.
#pragma once

#include <string>

namespace renkei {

class AtomicFile {
 public:
  // Throws std::runtime_error naming `path` if it exists and !force (the message tells the
  // user to pass --force), if it is a directory, or if its directory is missing or not
  // writable. Creates nothing: the caller creates temp_path().
  AtomicFile(std::string path, bool force);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() { discard(); }

  const std::string& path() const noexcept { return path_; }
  const std::string& temp_path() const noexcept { return temp_; }
  bool committed() const noexcept { return committed_; }

  // The temporary file must be complete and closed. Syncs it to disk, then moves it onto
  // path() (without force, refuses if path() appeared in the meantime).
  void commit();
  // Removes the temporary file unless committed; safe to call more than once.
  void discard() noexcept;

 private:
  std::string path_;
  std::string temp_;
  bool force_;
  bool committed_ = false;
};

// Removes the temporary file of the most recent uncommitted AtomicFile, if any. Only
// async-signal-safe calls: meant for a SIGINT/SIGTERM handler, so that an interrupted run
// leaves nothing behind (after kill -9 no handler runs and a stale temporary may remain).
void remove_pending_temp_file() noexcept;

// The message used when an output file exists and --force was not given.
std::string exists_without_force_message(const std::string& path);

}  // namespace renkei
