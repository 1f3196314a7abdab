// libFuzzer harness for the HDF5 result readers. Each input is written to a file and handed to
// the commands that read results, exactly as a user would: `renkei compare`, `survey` and
// `validate` (the output of renkei run) and `renkei sensitivity` (a sweep result), then walked
// variable by variable through H5Reader. Every command must either succeed or refuse with
// the errors that mean bad input (exit 2: FileError, InputErrors, UsageError); any other
// exception (exit 1 for a damaged file), crash, sanitizer report or allocation above
// libFuzzer's -malloc_limit_mb is a finding.
#include "cli/commands.hpp"
#include "input/input_error.hpp"
#include "io/h5_preflight.hpp"
#include "io/h5_reader.hpp"

#include "fuzz_finding.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::string g_file;  // where each input is written (one per fuzzing process)

[[noreturn]] void finding(const std::string& what) {
  fuzz_finding("renkei_fuzz_results", what.c_str());
}

// Runs one reader; refusals of bad input are expected, anything else is a finding.
void expect_success_or_refusal(const char* what, const std::function<void()>& read) {
  try {
    read();
  } catch (const renkei::InputErrors&) {
  } catch (const renkei::FileError&) {
  } catch (const renkei::cli::UsageError&) {
  } catch (const std::exception& e) {
    finding(std::string(what) + ": not reported as bad input (exit 1 instead of 2): " + e.what());
  }
}

// Every variable and global attribute through the reader's generic interface (what the
// tests and any future command may read).
void walk(const renkei::H5Reader& in) {
  for (const auto& name : in.global_attribute_names()) (void)in.global_attribute(name);
  for (const auto& v : in.variables()) {
    // Each variable on its own: one refused variable must not hide the others.
    expect_success_or_refusal("H5Reader::dimensions", [&] { (void)in.dimensions(v); });
    expect_success_or_refusal("H5Reader::read_numeric", [&] { (void)in.read_numeric(v); });
    expect_success_or_refusal("H5Reader::read_strings", [&] { (void)in.read_strings(v); });
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // HDF5's file locks are useless on a private file and fail on some file systems.
  setenv("HDF5_USE_FILE_LOCKING", "FALSE", 1);
  const char* dir = std::getenv("TMPDIR");
  g_file = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/renkei_fuzz_results_" +
           std::to_string(getpid()) + ".h5";
  std::atexit([] { std::remove(g_file.c_str()); });
  // The commands' first reading in a child process would turn libhdf5's crashes and hangs
  // into refusals or waits: the fuzzer wants them here, where it sees them.
  renkei::skip_results_preflight();
  // The commands print their tables to stdout; the fuzzer's own report goes to stderr.
  std::cout.setstate(std::ios::badbit);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(g_file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) finding("cannot write the input file " + g_file);
  }
  const std::string src = RENKEI_SOURCE_DIR;
  using renkei::cli::cmd_compare;
  expect_success_or_refusal("compare", [&] { cmd_compare({g_file}); });
  expect_success_or_refusal("compare --json", [&] {
    cmd_compare({g_file, "--json", "--correction", "none"});
  });
  expect_success_or_refusal("survey", [&] {
    renkei::cli::cmd_survey({g_file, "--targets", src + "/scenarios/targets/tohoku2005.toml"});
  });
  expect_success_or_refusal("validate", [&] {
    renkei::cli::cmd_validate({g_file, src + "/scenarios/validation/shin_renkei_published.toml"});
  });
  expect_success_or_refusal("sensitivity", [&] {
    renkei::cli::cmd_sensitivity({g_file, "--bootstrap", "0"});
  });
  expect_success_or_refusal("H5Reader", [&] { walk(renkei::H5Reader(g_file)); });
  return 0;
}
