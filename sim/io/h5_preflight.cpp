#include "io/h5_preflight.hpp"

#include "core/usage_error.hpp"
#include "input/input_error.hpp"
#include "io/h5_reader.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

namespace renkei {
namespace {

// The codes a child uses to say how `work` ended; anything else is a failure.
constexpr int kReturned = 0;
constexpr int kThrew = 2;

// The reads of a command are a subset of these: if libhdf5 survives them all on this file, it
// survives the command's (it is deterministic on the same bytes). Each call's refusal is
// caught so that the variables after a refused one are read too.
void read_everything(const std::string& path) {
  const H5Reader in(path);
  auto attempt = [](const auto& read) {
    try {
      read();
    } catch (const std::exception&) {  // a refusal of this item: go on with the next
    }
  };
  for (const auto& name : in.global_attribute_names())
    attempt([&] { (void)in.global_attribute(name); });
  for (const auto& v : in.variables()) {
    attempt([&] { (void)in.dimensions(v); });
    attempt([&] { (void)in.shape(v); });
    attempt([&] { (void)in.read_numeric(v); });
    attempt([&] { (void)in.read_strings(v); });
  }
}

bool g_skip = false;  // set once, before any command runs (fuzzing harness only)

std::string seconds_text(double s) {
  std::string t = std::to_string(s);
  t.erase(t.find_last_not_of('0') + 1);
  if (t.back() == '.') t.pop_back();
  return t;
}

}  // namespace

ChildOutcome run_in_child(const std::function<void()>& work, double limit_seconds) {
  ChildOutcome outcome;
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::system_error(errno, std::generic_category(), "fork for the check of a file");
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    int code = kReturned;
    try {
      work();
    } catch (...) {  // the parent's own reading reports it, with its message
      code = kThrew;
    }
    ::_exit(code);  // no atexit handlers or static destructors of the parent's state
  }
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                           std::chrono::duration<double>(limit_seconds));
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR)
      throw std::system_error(errno, std::generic_category(), "wait for the check of a file");
    if (clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      outcome.kind = ChildOutcome::Kind::timed_out;
      return outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFSIGNALED(status)) {
    outcome.kind = ChildOutcome::Kind::failed;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.exit_code = WEXITSTATUS(status);
    if (outcome.exit_code != kReturned && outcome.exit_code != kThrew)
      outcome.kind = ChildOutcome::Kind::failed;
  }
  return outcome;
}

void skip_results_preflight() noexcept { g_skip = true; }

void preflight_results_file(const std::string& path) {
  if (g_skip) return;
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec))
    return;  // missing, a directory or a device: the reader's refusal says so
  double limit = 60.0 + static_cast<double>(bytes) / 5e6;
  if (const char* text = std::getenv("RENKEI_READ_CHECK_SECONDS")) {
    char* end = nullptr;
    const double given = std::strtod(text, &end);
    if (end == text || *end != '\0' || !(given > 0.0) || !std::isfinite(given))
      throw UsageError(std::string("environment variable RENKEI_READ_CHECK_SECONDS: '") + text +
                       "' is not a positive number of seconds; unset it (the default is 60 s "
                       "and 1 s per 5 MB of the file) or set e.g. RENKEI_READ_CHECK_SECONDS=300");
    limit = given;
  }
  const ChildOutcome o = run_in_child([&] { read_everything(path); }, limit);
  const std::string advice =
      ": the file is damaged (rerun the command that wrote it, or restore it from a copy)";
  switch (o.kind) {
    case ChildOutcome::Kind::finished: return;
    case ChildOutcome::Kind::timed_out:
      throw FileError("'" + path + "': the HDF5 library did not finish reading it within " +
                      seconds_text(limit) + " s" + advice);
    case ChildOutcome::Kind::failed:
      throw FileError("'" + path + "': the HDF5 library failed reading it (" +
                      (o.signal != 0 ? std::string(::strsignal(o.signal))
                                     : "exit status " + std::to_string(o.exit_code)) +
                      ")" + advice);
  }
}

}  // namespace renkei
