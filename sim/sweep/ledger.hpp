// The resume ledger of a sweep: a directory ("<output>.parts") of chunk files, each holding
// the final metrics of a contiguous range of tasks. A chunk is written to a temporary name,
// synced and renamed, so it exists complete or not at all; the ledger is the set of chunks
// present. A kill at any moment loses at most the runs not yet committed, and a resumed
// sweep runs only the tasks no chunk covers.
#pragma once

#include "model/series.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace renkei {

// The identity line recording one input file ("input = <sha256> <path>"): when a manifest's
// input files differ from the sweep's now, the refusal names the changed file.
inline constexpr std::string_view kInputLine = "input = ";

// What one task (one model run) leaves behind.
struct TaskRecord {
  bool ok = false;
  std::array<double, kFinalCount> finals{};  // NaN when !ok
  std::string error;                         // why it failed ("" when ok)
};

// A manifest read back from a parts directory is checked before it is compared: every line
// ends in a newline and is at most kMaxManifestLine bytes, no NUL byte, and each input entry
// is "<64 hex digits or 'unreadable'> <path>" with a path named once. Throws
// std::runtime_error naming `file`, the line and the fix; a damaged manifest must not pass
// for a changed input or another sweep.
inline constexpr std::size_t kMaxManifestLine = 16384;
void check_manifest(std::string_view text, const std::string& file);

// "'<path>' (sha256 <a>... then, <b>... now)" for the first input file of `now` whose
// digest differs in `there`; "" when the input files both list agree.
std::string changed_input(std::string_view there, std::string_view now);
// "'<line>' there, '<line>' now" for the first line where two manifests differ, each line
// cut to 200 bytes and its control characters shown as '?': a message, not a dump.
std::string first_difference(std::string_view a, std::string_view b);

// Tasks [first, first + count).
struct TaskRange {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  std::uint64_t end() const noexcept { return first + count; }
  bool operator==(const TaskRange&) const = default;
};

// Records of the consecutive tasks starting at `first`.
struct Chunk {
  std::uint64_t first = 0;
  std::vector<TaskRecord> records;
  TaskRange range() const noexcept { return {first, records.size()}; }
};

// A chunk file's bytes (little-endian, with a SHA-256 trailer) and back. decode_chunk
// throws std::runtime_error on any damage: wrong magic, size or checksum.
std::string encode_chunk(const Chunk& chunk);
Chunk decode_chunk(const std::string& bytes);

class Ledger {
 public:
  // `identity` describes the sweep exactly (sweep file, scenarios, counts, seed, version);
  // parts made for another identity are never mixed in. Nothing is touched on disk here.
  Ledger(std::string dir, std::string identity, std::uint64_t total_tasks);

  static std::string dir_for_output(const std::string& output) { return output + ".parts"; }

  const std::string& dir() const noexcept { return dir_; }
  std::uint64_t total_tasks() const noexcept { return total_; }
  bool exists() const;
  // Creates the directory and its manifest, or checks that an existing manifest describes
  // this sweep (throws std::runtime_error naming the first difference and the fix).
  void open_or_create();
  // Like open_or_create() but never creates: the directory must exist (for --merge).
  void open_existing() const;

  // Writes the chunk under its final name atomically (temporary, fsync, rename, fsync dir).
  void commit(const Chunk& chunk) const;

  // The ranges of all valid chunks, sorted by first task. Temporary files of interrupted
  // commits are ignored; damaged chunk files are ignored and listed in `damaged`.
  std::vector<TaskRange> committed(std::vector<std::string>* damaged = nullptr) const;
  // Reads every valid chunk, calling `take` for each; chunks come in file-name order.
  template <class F>
  void for_each_chunk(F&& take) const {
    for (const std::string& file : chunk_files()) {
      Chunk c;
      if (read_chunk_file(file, c)) take(c);
    }
  }
  // Removes every chunk that overlaps `range` (a shard started afresh with --force).
  void remove_overlapping(TaskRange range) const;
  // Removes the whole directory (after the result file is written, or --force).
  void remove_all() const;

  // File name of the chunk covering `range` (inside dir()).
  std::string chunk_path(TaskRange range) const;

 private:
  std::vector<std::string> chunk_files() const;
  bool read_chunk_file(const std::string& path, Chunk& out) const;

  std::string dir_;
  std::string identity_;
  std::uint64_t total_;
};

// Tasks of `within` not covered by any of `done` (sorted or not, may overlap).
std::vector<TaskRange> missing_ranges(std::vector<TaskRange> done, TaskRange within);
// Number of tasks of `within` covered by `done`.
std::uint64_t covered_count(const std::vector<TaskRange>& done, TaskRange within);
// Cuts ranges into pieces of at most `size` tasks, in order.
std::vector<TaskRange> split_ranges(const std::vector<TaskRange>& ranges, std::uint64_t size);

}  // namespace renkei
