#include "calibrate/abc_checkpoint.hpp"

#include "input/sha256.hpp"
#include "io/atomic_file.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace renkei::abc {
namespace {

const std::string kMagic = "renkei-abc-checkpoint";

std::string number(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Names and messages may hold any character; one record must stay on one line.
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out;
}

std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char c = text[++i];
      out += c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string token; in >> token;) out.push_back(token);
  return out;
}

// Reads the file line by line and reports problems with the file name and line number.
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path), in_(path) {
    if (!in_)
      throw std::runtime_error("cannot read ABC checkpoint '" + path +
                               "'; check its permissions, or delete it to start afresh");
  }

  bool next(std::string& line) {
    if (!std::getline(in_, line)) return false;
    ++line_;
    return true;
  }
  std::string require_line(const std::string& what) {
    std::string line;
    if (!next(line)) fail("the file ends where " + what + " was expected (it is truncated)");
    return line;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("ABC checkpoint '" + path_ + "', line " + std::to_string(line_) +
                             ": " + what + "; the file is damaged: delete it to start afresh");
  }

  double real(const std::string& token) const {
    double v = 0.0;
    const auto r = std::from_chars(token.data(), token.data() + token.size(), v);
    if (r.ec != std::errc() || r.ptr != token.data() + token.size())
      fail("'" + token + "' is not a number");
    return v;
  }
  std::uint64_t count(const std::string& token) const {
    std::uint64_t v = 0;
    const auto r = std::from_chars(token.data(), token.data() + token.size(), v);
    if (r.ec != std::errc() || r.ptr != token.data() + token.size())
      fail("'" + token + "' is not a non-negative integer");
    return v;
  }

 private:
  std::string path_;
  std::ifstream in_;
  int line_ = 0;
};

std::string first_difference(const std::string& stored, const std::string& wanted) {
  std::istringstream a(stored);
  std::istringstream b(wanted);
  std::string la;
  std::string lb;
  for (;;) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "";
    if (!ha) return "this run has '" + lb + "', which the checkpoint lacks";
    if (!hb) return "the checkpoint has '" + la + "', which this run lacks";
    if (la != lb) return "the checkpoint has '" + la + "' but this run has '" + lb + "'";
  }
}

Generation read_generation(Reader& reader, const std::vector<std::string>& head,
                           std::size_t parameters, std::size_t statistics, std::size_t particles) {
  if (head.size() != 7)
    reader.fail(
        "expected 'generation <index> <epsilon> <simulations> <failed> <acceptance> "
        "<particles>'");
  Generation g;
  g.index = static_cast<int>(reader.count(head[1]));
  g.epsilon = reader.real(head[2]);
  g.simulations = reader.count(head[3]);
  g.failed = reader.count(head[4]);
  g.acceptance = reader.real(head[5]);
  if (reader.count(head[6]) != particles)
    reader.fail("the generation holds " + head[6] + " particles, not " + std::to_string(particles));
  const std::string failure = reader.require_line("'failure <message>'");
  if (failure.rfind("failure", 0) != 0) reader.fail("expected 'failure <message>'");
  g.first_failure = unescape(failure.size() > 8 ? failure.substr(8) : "");
  const std::size_t fields = 3 + parameters + statistics;
  for (std::size_t k = 0; k < particles; ++k) {
    const auto tokens = split(reader.require_line("a particle"));
    if (tokens.size() != fields || tokens[0] != "particle")
      reader.fail("expected 'particle <weight> <distance>' then " + std::to_string(parameters) +
                  " parameters and " + std::to_string(statistics) + " statistics");
    Particle p;
    p.weight = reader.real(tokens[1]);
    p.distance = reader.real(tokens[2]);
    for (std::size_t i = 0; i < parameters; ++i) p.theta.push_back(reader.real(tokens[3 + i]));
    for (std::size_t i = 0; i < statistics; ++i)
      p.stats.push_back(reader.real(tokens[3 + parameters + i]));
    g.particles.push_back(std::move(p));
  }
  return g;
}

}  // namespace

std::string checkpoint_settings(const std::vector<Prior>& priors,
                                const std::vector<Target>& targets, const Options& options) {
  std::string s;
  s += "setting particles " + std::to_string(options.particles) + "\n";
  s += "setting quantile " + number(options.quantile) + "\n";
  s += "setting min_epsilon " + number(options.min_epsilon) + "\n";
  s += "setting seed " + std::to_string(options.seed) + "\n";
  s += "setting min_batch " + std::to_string(options.min_batch) + "\n";
  s += "setting context " + escape(options.context) + "\n";
  s += "setting weights truncated-sqrt-n\n";  // older checkpoints used untruncated weights
  // The global kernel writes no line, so checkpoints written before OLCM existed stay valid for it.
  if (options.kernel == KernelType::olcm) s += "setting kernel olcm\n";
  for (const Prior& p : priors)
    s += "prior " + escape(p.name) + " " + number(p.lo) + " " + number(p.hi) +
         (p.log_scale ? " log" : " linear") + "\n";
  for (const Target& t : targets)
    s += "target " + escape(t.name) + " " + number(t.value) + " " + number(t.sd) + "\n";
  return s;
}

void save_checkpoint(const std::string& path, const std::string& settings,
                     const std::vector<Generation>& generations) {
  AtomicFile file(path, /*force=*/true);
  {
    std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
    out << kMagic << " " << kCheckpointVersion << "\n";
    out << "fingerprint " << sha256_hex(settings) << "\n";
    out << settings;
    for (const Generation& g : generations) {
      out << "generation " << g.index << " " << number(g.epsilon) << " " << g.simulations << " "
          << g.failed << " " << number(g.acceptance) << " " << g.particles.size() << "\n";
      out << "failure " << escape(g.first_failure) << "\n";
      for (const Particle& p : g.particles) {
        out << "particle " << number(p.weight) << " " << number(p.distance);
        for (double v : p.theta) out << " " << number(v);
        for (double v : p.stats) out << " " << number(v);
        out << "\n";
      }
    }
    out << "end " << generations.size() << "\n";
    out.flush();
    if (!out)
      throw std::runtime_error("cannot write ABC checkpoint '" + file.temp_path() +
                               "' (disk full?); free space or choose another checkpoint path");
  }
  file.commit();
}

std::vector<Generation> load_checkpoint(const std::string& path, const std::string& settings,
                                        std::size_t parameters, std::size_t statistics,
                                        std::size_t particles) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  Reader reader(path);
  const std::string magic = kMagic + " " + std::to_string(kCheckpointVersion);
  if (reader.require_line("'" + magic + "'") != magic)
    reader.fail("expected '" + magic + "' (not an ABC checkpoint, or one of another version)");
  const auto fp = split(reader.require_line("'fingerprint <sha256>'"));
  if (fp.size() != 2 || fp[0] != "fingerprint") reader.fail("expected 'fingerprint <sha256>'");

  std::string stored;
  std::string line;
  std::vector<std::string> head;
  for (;;) {
    line = reader.require_line("'generation ...' or 'end <count>'");
    head = split(line);
    if (!head.empty() && (head[0] == "generation" || head[0] == "end")) break;
    stored += line + "\n";
  }
  if (sha256_hex(stored) != fp[1])
    throw std::runtime_error("ABC checkpoint '" + path +
                             "': its settings do not match its fingerprint (the file was "
                             "edited or damaged); delete it to start afresh");
  if (stored != settings)
    throw std::runtime_error("ABC checkpoint '" + path +
                             "' was written by a calibration with other settings: " +
                             first_difference(stored, settings) +
                             ". Rerun with the settings it was written with to continue it, "
                             "or delete it (or choose another checkpoint path) to start afresh");

  std::vector<Generation> generations;
  while (head[0] == "generation") {
    Generation g = read_generation(reader, head, parameters, statistics, particles);
    if (g.index != static_cast<int>(generations.size()))
      reader.fail("generation " + std::to_string(g.index) + " where generation " +
                  std::to_string(generations.size()) + " was expected");
    generations.push_back(std::move(g));
    head = split(reader.require_line("'generation ...' or 'end <count>'"));
    if (head.empty()) reader.fail("expected 'generation ...' or 'end <count>'");
  }
  if (head[0] != "end" || head.size() != 2 || reader.count(head[1]) != generations.size())
    reader.fail("expected 'end " + std::to_string(generations.size()) + "'");
  if (reader.next(line)) reader.fail("unexpected text after the 'end' line");
  return generations;
}

}  // namespace renkei::abc
