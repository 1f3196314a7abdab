// libFuzzer harness for the calibration file reader. Each input is written as
// DIR/calibration/fuzz.toml, where DIR also holds links to the shipped baseline scenario and
// targets (as scenarios/ does), so that the relative paths of a real calibration file resolve
// and the fuzzer gets past them. Any input must either load or fail with InputErrors; any
// other exception, crash or sanitizer report is a finding. A calibration that loads must have
// a parameter to estimate, prior ranges that are ranges, and positive run counts.
#include "calibrate/calibration_file.hpp"
#include "input/input_error.hpp"

#include "fuzz_finding.hpp"

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

fs::path g_dir;   // the private directory of this fuzzing process
fs::path g_file;  // g_dir/calibration/fuzz.toml

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_calibration", what); }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tmp = std::getenv("TMPDIR");
  g_dir = fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
          ("renkei_fuzz_calibration_" + std::to_string(getpid()));
  fs::create_directories(g_dir / "calibration");
  const fs::path src = fs::path(RENKEI_SOURCE_DIR) / "scenarios";
  for (const char* name : {"baseline.toml", "targets", "worlds", "calibrated"}) {
    std::error_code ec;
    fs::create_symlink(src / name, g_dir / name, ec);
  }
  g_file = g_dir / "calibration" / "fuzz.toml";
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(g_file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) finding("cannot write the input file");
  }
  renkei::CalibrationSpec spec;
  try {
    spec = renkei::load_calibration(g_file.string());
  } catch (const renkei::InputErrors&) {
    return 0;  // expected: bad input reported as errors
  }
  if (spec.parameters.empty())
    finding("a calibration without a parameter to estimate was accepted");
  for (const auto& p : spec.parameters)
    if (!(std::isfinite(p.min) && std::isfinite(p.max) && p.min < p.max) ||
        (p.log_scale && p.min <= 0))
      finding("a prior range that is not a range was accepted");
  if (spec.replicates < 1 || spec.draws < 1 || spec.validation_replicates < 1)
    finding("a run count below one was accepted");
  return 0;
}
