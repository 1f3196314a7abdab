// An output file that appears under its final name complete or not at all: the content is
// written to a temporary file beside the final one and moved into place only on commit().
// A crash or kill leaves at most a stale "<path>.tmp-<pid>", never a truncated result, and
// an existing file is replaced only when the new one is complete.
#pragma once

#include <string>
#include <vector>

namespace renkei {

// Checks, before any work is done, that `path` can become an output file: throws FileError
// (exit status 2) naming it if it is a directory, a device, a FIFO or another special file,
// if it exists and !force, or if its directory is missing or not writable.
void check_output_path(const std::string& path, bool force);

// Throws FileError if `output` exists and is the same file (device and inode, links
// resolved) as one of `inputs`: `run IN.toml -o IN.toml --force` must not destroy IN.toml.
void refuse_output_onto_inputs(const std::string& output, const std::vector<std::string>& inputs);

// Removes the "<path>.tmp-<pid>" temporaries whose process no longer runs (left by kill -9
// or a power cut); returns the files removed.
std::vector<std::string> remove_stale_temporaries(const std::string& path);

class AtomicFile {
 public:
  // check_output_path(path, force) (throws FileError), then removes the stale temporaries
  // of `path` and reports each on stderr. Creates nothing: the caller creates temp_path().
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
