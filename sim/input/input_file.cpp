#include "input/input_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>
#include <tuple>

namespace renkei {

std::string not_regular_file_text(const std::filesystem::file_status& st) {
  namespace fs = std::filesystem;
  if (fs::is_directory(st)) return "is a directory";
  if (fs::is_fifo(st)) return "is a FIFO (named pipe), not a regular file";
  if (fs::is_block_file(st) || fs::is_character_file(st)) return "is a device, not a regular file";
  if (fs::is_socket(st)) return "is a socket, not a regular file";
  return "not a regular file";
}

bool read_input_file(const std::string& path, std::string& out, std::string& why) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    why = "file not found";
    return false;
  }
  if (!fs::is_regular_file(st)) {
    why = not_regular_file_text(st);
    return false;
  }
  const auto size = fs::file_size(path, ec);
  if (ec) {
    why = "cannot read the file size: " + ec.message();
    return false;
  }
  if (size > kMaxInputFileBytes) {
    why = "file is larger than " + std::to_string(kMaxInputFileBytes >> 20) +
          " MiB, the most an input file may hold; input files are text of a few kilobytes";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = "cannot open the file";
    return false;
  }
  out.assign(static_cast<std::size_t>(size), '\0');
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    why = "read error";
    return false;
  }
  return true;
}

void sort_errors(std::vector<InputError>& errors) {
  std::map<std::string, std::size_t> rank;
  for (const auto& e : errors) rank.emplace(e.file, rank.size());
  std::stable_sort(errors.begin(), errors.end(), [&](const InputError& a, const InputError& b) {
    return std::tuple(rank[a.file], a.line, a.column) < std::tuple(rank[b.file], b.line, b.column);
  });
}

}  // namespace renkei
