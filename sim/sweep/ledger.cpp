#include "sweep/ledger.hpp"

#include "input/sha256.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace renkei {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "renkei-sweep-chunk 1\n";
constexpr std::string_view kManifest = "manifest.txt";
constexpr std::string_view kChunkPrefix = "chunk-";
constexpr std::string_view kChunkSuffix = ".bin";
constexpr std::size_t kDigestChars = 64;
// A run's error text is kept whole up to this size; beyond it is noise (and a damaged
// length field must not make the reader allocate gigabytes).
constexpr std::uint32_t kMaxErrorBytes = 1u << 16;
// A manifest is a few dozen lines.
constexpr std::uint64_t kMaxManifestBytes = 1u << 20;

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

// Reads little-endian fields from a byte string, throwing on a short read.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t u64() { return take(8); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(take(4)); }
  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)); }
  std::string_view raw(std::size_t n) {
    need(n);
    const auto s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool at_end() const noexcept { return pos_ == bytes_.size(); }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - pos_ < n) throw std::runtime_error("chunk file is truncated");
  }
  std::uint64_t take(int n) {
    need(static_cast<std::size_t>(n));
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= static_cast<std::uint64_t>(
               static_cast<unsigned char>(bytes_[pos_ + static_cast<std::size_t>(i)]))
           << (8 * i);
    pos_ += static_cast<std::size_t>(n);
    return v;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes `bytes` to `path` via "<path>.tmp-<pid>-<n>", fsync and rename: readers and later
// runs see the old state or the complete new file, never a part of it.
void write_atomically(const std::string& path, const std::string& bytes) {
  static std::atomic<unsigned> counter{0};
  const std::string dir = fs::path(path).parent_path().string();
  const std::string temp = (fs::path(dir) / (".tmp-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter.fetch_add(1)) + "-" +
                                             fs::path(path).filename().string()))
                               .string();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create '" + temp + "': " + errno_text());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = errno_text();
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write '" + temp + "': " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = errno_text();
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot sync '" + temp + "': " + why);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot move '" + temp + "' to '" + path + "': " + why);
  }
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

// Reads at most `limit` bytes: a file larger than that (a damaged or sparse chunk) is
// refused before anything is allocated for it.
std::string slurp(const std::string& path, std::uint64_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read '" + path + "': " + ec.message());
  if (size > limit)
    throw std::runtime_error("'" + path + "' holds " + std::to_string(size) +
                             " bytes, more than the " + std::to_string(limit) +
                             " it can hold: damaged");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::string out(static_cast<std::size_t>(size), '\0');
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

// The largest chunk file of `count` records: header, records with the longest error text,
// trailer.
std::uint64_t max_chunk_bytes(std::uint64_t count) {
  return kMagic.size() + 24 + count * (1 + 8 * kFinalCount + 4 + kMaxErrorBytes) + kDigestChars;
}

// Reads a manifest's text line by line without copying: a megabyte of empty lines must not
// become a vector of a million entries.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  // The next line (without its '\n'); false at the end.
  bool next(std::string_view& line) {
    if (at_ >= text_.size()) return false;
    const std::size_t nl = text_.find('\n', at_);
    terminated_ = nl != std::string_view::npos;
    const std::size_t end = terminated_ ? nl : text_.size();
    line = text_.substr(at_, end - at_);
    at_ = end + 1;
    ++number_;
    return true;
  }
  std::size_t number() const noexcept { return number_; }   // of the line last read, from 1
  bool terminated() const noexcept { return terminated_; }  // the line last read ends in '\n'

 private:
  std::string_view text_;
  std::size_t at_ = 0, number_ = 0;
  bool terminated_ = true;
};

// Manifest text quoted in a message: a damaged file may hold megabytes on one line or
// binary bytes, which would bury the message or garble the terminal.
std::string shown(std::string_view s) {
  constexpr std::size_t kShown = 200;
  std::size_t cut = std::min(s.size(), kShown);
  // Never end inside a UTF-8 sequence.
  if (cut < s.size())
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0u) == 0x80u) --cut;
  std::string out(s.substr(0, cut));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20u || c == '\x7f') c = '?';
  if (cut < s.size()) out += "...";
  return out;
}

bool is_digest(std::string_view s) {
  return s.size() == kDigestChars && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The input entries of a manifest (path -> digest); the first entry of a path counts.
std::map<std::string, std::string, std::less<>> input_entries(std::string_view text) {
  std::map<std::string, std::string, std::less<>> out;
  LineReader lines(text);
  for (std::string_view line; lines.next(line);) {
    if (!line.starts_with(kInputLine)) continue;
    const std::string_view rest = line.substr(kInputLine.size());
    const std::size_t space = rest.find(' ');
    if (space != std::string_view::npos)
      out.emplace(std::string(rest.substr(space + 1)), std::string(rest.substr(0, space)));
  }
  return out;
}

// "chunk-<first>-<count>.bin" -> range; false for any other name (temporaries included).
bool parse_chunk_name(std::string_view name, TaskRange& out) {
  if (!name.starts_with(kChunkPrefix) || !name.ends_with(kChunkSuffix)) return false;
  name.remove_prefix(kChunkPrefix.size());
  name.remove_suffix(kChunkSuffix.size());
  const auto dash = name.find('-');
  if (dash == std::string_view::npos) return false;
  const auto a = name.substr(0, dash), b = name.substr(dash + 1);
  auto num = [](std::string_view s, std::uint64_t& v) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
  };
  return num(a, out.first) && num(b, out.count) && out.count > 0;
}

}  // namespace

void check_manifest(std::string_view text, const std::string& file) {
  auto damaged = [&](std::size_t line, const std::string& why) {
    return std::runtime_error("the parts manifest '" + file + "' is damaged (" +
                              (line ? "line " + std::to_string(line) + ": " : std::string()) + why +
                              "); use --force without --resume to discard the parts and run "
                              "the sweep afresh");
  };
  if (text.empty()) throw damaged(0, "it is empty");
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    throw damaged(static_cast<std::size_t>(std::count(text.begin(), text.begin() + nul, '\n')) + 1,
                  "a NUL byte: not a text file");
  std::map<std::string_view, std::size_t, std::less<>> seen;  // input path -> line
  LineReader lines(text);
  for (std::string_view line; lines.next(line);) {
    const std::size_t number = lines.number();
    if (line.size() > kMaxManifestLine)
      throw damaged(number, std::to_string(line.size()) + " bytes long, more than the " +
                                std::to_string(kMaxManifestLine) + " a line can take");
    if (!lines.terminated())
      throw damaged(number, "truncated, no end of line: '" + shown(line) + "'");
    // "input" with anything but " = " after it is a mangled input entry, not another key.
    const bool input_key = line.starts_with("input") &&
                           (line.size() == 5 ||
                            !(std::isalnum(static_cast<unsigned char>(line[5])) || line[5] == '_'));
    if (!input_key) continue;
    if (!line.starts_with(kInputLine))
      throw damaged(number, "expected 'input = <sha256> <path>', found '" + shown(line) + "'");
    const std::string_view rest = line.substr(kInputLine.size());
    const std::size_t space = rest.find(' ');
    if (space == std::string_view::npos || space + 1 == rest.size())
      throw damaged(number, "an input without its path: '" + shown(line) + "'");
    const std::string_view digest = rest.substr(0, space), path = rest.substr(space + 1);
    if (!is_digest(digest) && digest != "unreadable")
      throw damaged(number, "the sha256 of input '" + shown(path) + "' is '" + shown(digest) +
                                "', not 64 hexadecimal digits");
    if (const auto [it, fresh] = seen.emplace(path, number); !fresh)
      throw damaged(number, "input '" + shown(path) + "' is listed twice (also on line " +
                                std::to_string(it->second) + ")");
  }
}

std::string changed_input(std::string_view there, std::string_view now) {
  const auto a = input_entries(there), b = input_entries(now);
  for (const auto& [path, digest] : b) {
    const auto it = a.find(path);
    if (it != a.end() && it->second != digest)
      return "'" + shown(path) + "' (sha256 " + shown(it->second.substr(0, 12)) + "... then, " +
             shown(digest.substr(0, 12)) + "... now)";
  }
  return {};
}

std::string first_difference(std::string_view a, std::string_view b) {
  LineReader ra(a), rb(b);
  for (;;) {
    std::string_view x, y;
    const bool more_a = ra.next(x), more_b = rb.next(y);
    if (!more_a && !more_b) break;
    if (!more_a) return "the end there, '" + shown(y) + "' now";
    if (!more_b) return "'" + shown(x) + "' there, the end now";
    if (x != y) return "'" + shown(x) + "' there, '" + shown(y) + "' now";
    if (ra.terminated() != rb.terminated())
      return std::string("a last line without its end of line ") +
             (ra.terminated() ? "now" : "there");
  }
  return "no difference";
}

std::string encode_chunk(const Chunk& chunk) {
  std::string out(kMagic);
  put_u64(out, chunk.first);
  put_u64(out, chunk.records.size());
  put_u64(out, kFinalCount);
  for (const TaskRecord& r : chunk.records) {
    out.push_back(r.ok ? '\1' : '\0');
    for (const double v : r.finals) put_u64(out, std::bit_cast<std::uint64_t>(v));
    const auto n =
        static_cast<std::uint32_t>(std::min<std::size_t>(r.error.size(), kMaxErrorBytes));
    put_u32(out, n);
    out.append(r.error, 0, n);
  }
  out += sha256_hex(out);
  return out;
}

Chunk decode_chunk(const std::string& bytes) {
  if (bytes.size() < kMagic.size() + kDigestChars || !std::string_view(bytes).starts_with(kMagic))
    throw std::runtime_error("not a sweep chunk file (wrong header)");
  const std::string_view body(bytes.data(), bytes.size() - kDigestChars);
  if (sha256_hex(body) != std::string_view(bytes).substr(body.size()))
    throw std::runtime_error("chunk file is damaged (checksum mismatch)");
  Cursor in(body.substr(kMagic.size()));
  Chunk c;
  c.first = in.u64();
  const std::uint64_t count = in.u64();
  const std::uint64_t finals = in.u64();
  if (finals != kFinalCount)
    throw std::runtime_error("chunk file holds " + std::to_string(finals) +
                             " final metrics per run, not " + std::to_string(kFinalCount) +
                             " (written by another renkei version)");
  // Each record takes at least 1 + 8 k + 4 bytes: bounds `count` before allocating.
  if (count > body.size() / (5 + 8 * kFinalCount))
    throw std::runtime_error("chunk file is truncated");
  c.records.resize(count);
  for (TaskRecord& r : c.records) {
    r.ok = in.u8() != 0;
    for (double& v : r.finals) v = std::bit_cast<double>(in.u64());
    const std::uint32_t n = in.u32();
    if (n > kMaxErrorBytes) throw std::runtime_error("chunk file is damaged (error text too long)");
    r.error = std::string(in.raw(n));
  }
  if (!in.at_end()) throw std::runtime_error("chunk file has trailing bytes");
  return c;
}

Ledger::Ledger(std::string dir, std::string identity, std::uint64_t total_tasks)
    : dir_(std::move(dir)), identity_(std::move(identity)), total_(total_tasks) {}

bool Ledger::exists() const {
  std::error_code ec;
  return fs::exists(dir_, ec);
}

void Ledger::open_or_create() {
  std::error_code ec;
  if (!fs::exists(dir_, ec)) {
    const fs::path parent = fs::path(dir_).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec))
      throw std::runtime_error("cannot create the parts directory '" + dir_ + "': directory '" +
                               parent.string() + "' does not exist; create it first");
    fs::create_directory(dir_, ec);  // another shard may create it at the same moment
    if (ec && !fs::is_directory(dir_))
      throw std::runtime_error("cannot create the parts directory '" + dir_ + "': " + ec.message());
  }
  if (!fs::is_directory(dir_, ec))
    throw std::runtime_error("'" + dir_ +
                             "' exists and is not a directory; remove it or choose another -o");
  const std::string manifest = (fs::path(dir_) / kManifest).string();
  if (!fs::exists(manifest, ec)) {
    // Concurrent shards write the same bytes: whichever rename lands last, the content holds.
    write_atomically(manifest, identity_);
    return;
  }
  open_existing();
}

void Ledger::open_existing() const {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec))
    throw std::runtime_error("no parts directory '" + dir_ +
                             "': run the sweep (or its shards) with the same -o first");
  const std::string manifest = (fs::path(dir_) / kManifest).string();
  if (!fs::exists(manifest, ec))
    throw std::runtime_error("'" + dir_ + "' has no " + std::string(kManifest) +
                             ": not a sweep parts directory; remove it or choose another -o");
  const std::string there = slurp(manifest, kMaxManifestBytes);
  // The parts of this very sweep need no further look; anything else is checked before it is
  // compared, so that damage is reported as damage.
  if (there == identity_) return;
  check_manifest(there, manifest);
  if (const std::string changed = changed_input(there, identity_); !changed.empty())
    throw std::runtime_error(
        "input file " + changed + " changed since the parts in '" + dir_ +
        "' were made; resuming would mix runs of two "
        "models: restore the file, or use --force without --resume to discard the parts");
  throw std::runtime_error("the parts in '" + dir_ +
                           "' belong to a different sweep or renkei build (" +
                           first_difference(there, identity_) +
                           "); use --force without --resume to discard them, or choose another -o");
}

std::string Ledger::chunk_path(TaskRange range) const {
  // Zero-padded first task: file-name order is task order.
  std::string first = std::to_string(range.first);
  if (first.size() < 12) first.insert(0, 12 - first.size(), '0');
  return (fs::path(dir_) / (std::string(kChunkPrefix) + first + "-" + std::to_string(range.count) +
                            std::string(kChunkSuffix)))
      .string();
}

void Ledger::commit(const Chunk& chunk) const {
  if (chunk.records.empty()) return;
  if (chunk.range().end() > total_ || chunk.range().end() < chunk.first)
    throw std::logic_error("ledger: chunk beyond the sweep's " + std::to_string(total_) + " tasks");
  write_atomically(chunk_path(chunk.range()), encode_chunk(chunk));
}

std::vector<std::string> Ledger::chunk_files() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    TaskRange r;
    if (parse_chunk_name(it->path().filename().string(), r)) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Ledger::read_chunk_file(const std::string& path, Chunk& out) const {
  TaskRange named;
  if (!parse_chunk_name(fs::path(path).filename().string(), named)) return false;
  if (named.end() > total_ || named.end() <= named.first) return false;
  try {
    out = decode_chunk(slurp(path, max_chunk_bytes(named.count)));
  } catch (const std::runtime_error&) {
    return false;
  }
  return out.range() == named && named.end() <= total_ && named.end() > named.first;
}

std::vector<TaskRange> Ledger::committed(std::vector<std::string>* damaged) const {
  std::vector<TaskRange> out;
  for (const std::string& file : chunk_files()) {
    Chunk c;
    if (read_chunk_file(file, c))
      out.push_back(c.range());
    else if (damaged)
      damaged->push_back(file);
  }
  std::sort(out.begin(), out.end(),
            [](const TaskRange& a, const TaskRange& b) { return a.first < b.first; });
  return out;
}

void Ledger::remove_overlapping(TaskRange range) const {
  for (const std::string& file : chunk_files()) {
    TaskRange r;
    parse_chunk_name(fs::path(file).filename().string(), r);
    if (r.first < range.end() && range.first < r.end()) fs::remove(file);
  }
}

void Ledger::remove_all() const {
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) throw std::runtime_error("cannot remove '" + dir_ + "': " + ec.message());
}

std::vector<TaskRange> missing_ranges(std::vector<TaskRange> done, TaskRange within) {
  std::sort(done.begin(), done.end(),
            [](const TaskRange& a, const TaskRange& b) { return a.first < b.first; });
  std::vector<TaskRange> out;
  std::uint64_t at = within.first;
  for (const TaskRange& d : done) {
    if (d.end() <= at) continue;
    if (d.first >= within.end()) break;
    if (d.first > at) out.push_back({at, d.first - at});
    at = std::max(at, d.end());
  }
  if (at < within.end()) out.push_back({at, within.end() - at});
  return out;
}

std::uint64_t covered_count(const std::vector<TaskRange>& done, TaskRange within) {
  std::uint64_t missing = 0;
  for (const TaskRange& m : missing_ranges(done, within)) missing += m.count;
  return within.count - missing;
}

std::vector<TaskRange> split_ranges(const std::vector<TaskRange>& ranges, std::uint64_t size) {
  if (size == 0) throw std::invalid_argument("split_ranges: size must be positive");
  std::vector<TaskRange> out;
  for (const TaskRange& r : ranges)
    for (std::uint64_t a = r.first; a < r.end(); a += size)
      out.push_back({a, std::min(size, r.end() - a)});
  return out;
}

}  // namespace renkei
