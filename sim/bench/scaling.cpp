#include "bench/scaling.hpp"

#include "model/model.hpp"
#include "world/world_loader.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace renkei::bench {
namespace {

// The loader bounds [world] scale at 100; larger worlds multiply the prefectures' firm
// counts by a whole factor as well, so that scale stays within its bound.
constexpr double kMaxFileScale = 100.0;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A copy of the world file scaled by `scale`, written into `dir`.
std::string write_scaled_world(const std::string& source, double scale, const std::string& dir,
                               int index) {
  std::string text = read_text(source);
  const long factor = scale > kMaxFileScale ? std::lround(std::ceil(scale / kMaxFileScale)) : 1;
  const double file_scale = scale / static_cast<double>(factor);
  const std::regex scale_line(R"(^scale\s*=\s*[0-9.eE+-]+)", std::regex::multiline);
  if (!std::regex_search(text, scale_line))
    throw std::runtime_error(source + " has no 'scale =' line");
  char buf[64];
  std::snprintf(buf, sizeof buf, "scale = %.6f", file_scale);
  text = std::regex_replace(text, scale_line, buf);
  if (factor > 1) {
    const std::regex firms_line(R"(^firms\s*=\s*([0-9]+))", std::regex::multiline);
    std::string out;
    auto it = std::sregex_iterator(text.begin(), text.end(), firms_line);
    std::size_t last = 0;
    for (; it != std::sregex_iterator(); ++it) {
      out.append(text, last, static_cast<std::size_t>(it->position()) - last);
      out += "firms = " + std::to_string(std::stol((*it)[1].str()) * factor);
      last = static_cast<std::size_t>(it->position() + it->length());
    }
    out.append(text, last, std::string::npos);
    text = std::move(out);
  }
  std::string path = dir + "/world_" + std::to_string(index) + ".toml";
  std::ofstream(path) << text;
  return path;
}

struct Row {
  double firms = 0;
  double setup_s = 0;
  double wall_s = 0;
  double encounters = 0;
};

// One replicate on this thread; encounters counted over every step, burn-in included.
Row run_once(const Scenario& scenario) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  Model m(scenario, 1, 0);
  const auto t1 = clock::now();
  Row r;
  r.firms = m.state().n_firms();
  while (m.current_step() < m.calendar().steps()) {
    m.step();
    r.encounters += m.state().step.meetings;
  }
  (void)m.run(0);  // finishes the record as a real run does
  const auto t2 = clock::now();
  r.setup_s = std::chrono::duration<double>(t1 - t0).count();
  r.wall_s = std::chrono::duration<double>(t2 - t0).count();
  return r;
}

}  // namespace

int run_scaling(const Scenario& base, long max_firms) {
  const double base_firms = [&] {
    double n = 0;
    for (const auto& row : base.world->firm_counts)
      for (auto c : row) n += static_cast<double>(c);
    return n;
  }();
  if (!(base_firms > 0)) throw std::runtime_error("the scenario's world has no firms");
  const auto dir =
      std::filesystem::temp_directory_path() / ("renkei_scaling_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const Calendar cal = base.calendar();
  const double weeks = (cal.burn_in_steps() + cal.steps()) * cal.step_days() / 7.0;

  std::printf(
      "scenario %s on scaled copies of %s; one replicate per size, 1 thread, each in a child "
      "process\n",
      base.name.c_str(), base.run.world.c_str());
  std::printf(
      "(rates per CPU second of the child: user + system time, robust to a shared machine)\n");
  std::printf("%10s %9s %9s %9s %14s %10s %12s %11s\n", "firms", "set-up s", "wall s", "CPU s",
              "ns/firm-week", "M fw/s", "M enc/CPU s", "RSS B/firm");
  const double targets[] = {25e3, 50e3, 100e3, 200e3, 400e3, 1e6, 2e6, 4e6};
  int index = 0;
  for (const double target : targets) {
    if (target > static_cast<double>(max_firms) * 1.01) break;
    const double scale = target <= 25e3 ? 1.0 : target / base_firms;
    const std::string world_path = write_scaled_world(base.run.world, scale, dir.string(), index++);
    Scenario sc = base;
    sc.run.world = world_path;
    sc.world = load_world(world_path);

    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::fflush(stdout);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      ::close(fds[0]);
      Row r{};
      try {
        r = run_once(sc);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "renkei_bench: %s\n", e.what());
        std::_Exit(1);
      }
      const ssize_t w = ::write(fds[1], &r, sizeof r);
      std::_Exit(w == static_cast<ssize_t>(sizeof r) ? 0 : 1);
    }
    ::close(fds[1]);
    Row r{};
    const ssize_t got = ::read(fds[0], &r, sizeof r);
    ::close(fds[0]);
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    if (got != static_cast<ssize_t>(sizeof r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
      throw std::runtime_error("the run of " + std::to_string(static_cast<long>(target)) +
                               " firms failed");
    const double firm_weeks = r.firms * weeks;
    const double cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                       static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
    // ru_maxrss of the child (KiB): the peak of the whole process, so the forked copy of
    // this process's few MB is included.
    const double rss_per_firm = static_cast<double>(ru.ru_maxrss) * 1024.0 / r.firms;
    std::printf("%10.0f %9.2f %9.2f %9.2f %14.2f %10.1f %12.2f %11.0f\n", r.firms, r.setup_s,
                r.wall_s, cpu, cpu / firm_weeks * 1e9, firm_weeks / cpu / 1e6,
                r.encounters / cpu / 1e6, rss_per_firm);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace renkei::bench
