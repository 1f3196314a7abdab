#include "sensitivity/salib_export.hpp"

#include "input/input_error.hpp"
#include "input/input_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace renkei::sensitivity {
namespace {

// Round-trip precision, and the spelling numpy.loadtxt reads for a missing value.
std::string number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write '" + path.string() + "'");
}

}  // namespace

void check_salib_export_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status))
      throw FileError(
          "--salib-export '" + dir + "' " +
          (fs::is_regular_file(status) ? std::string("is a file") : not_regular_file_text(status)) +
          ", not a directory: --salib-export takes a directory to write problem.json, X.txt and "
          "Y_<output>.txt into; give a new or existing directory");
    return;
  }
  const fs::path parent = fs::path(dir).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec))
    throw FileError("--salib-export '" + dir + "': directory '" + parent.string() +
                    "' does not exist; create it first");
}

void export_salib(const std::string& dir, const Design& design,
                  const std::vector<std::pair<std::string, std::vector<double>>>& outputs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory '" + dir + "': " + ec.message());
  const fs::path base(dir);

  std::string problem =
      "{\n  \"num_vars\": " + std::to_string(design.factors.size()) + ",\n  \"names\": [";
  for (std::size_t i = 0; i < design.factors.size(); ++i)
    problem += (i ? ", " : "") + json_string(design.factors[i].key);
  problem += "],\n  \"bounds\": [";
  for (std::size_t i = 0; i < design.factors.size(); ++i)
    problem += std::string(i ? ", " : "") + "[" + number(design.factors[i].min) + ", " +
               number(design.factors[i].max) + "]";
  problem += "]\n}\n";
  write(base / "problem.json", problem);

  std::string x;
  for (const auto& row : design.points) {
    for (std::size_t i = 0; i < row.size(); ++i) x += (i ? " " : "") + number(row[i]);
    x += '\n';
  }
  write(base / "X.txt", x);

  for (const auto& [stem, values] : outputs) {
    std::string y;
    for (double v : values) y += number(v) + '\n';
    write(base / ("Y_" + stem + ".txt"), y);
  }
}

}  // namespace renkei::sensitivity
