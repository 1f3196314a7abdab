// libFuzzer harness for the survey targets reader. Any input must either load or fail with
// InputErrors; any other exception, crash or sanitizer report is a finding. Every item that
// loads must give a sampling interval that is not NaN (the fit table divides by n and sd).
#include "calibrate/targets.hpp"
#include "input/input_error.hpp"

#include <cmath>
#include "fuzz_finding.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_targets", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  renkei::Targets targets;
  try {
    targets = renkei::load_targets_from_string(text, "fuzz_targets.toml");
  } catch (const renkei::InputErrors&) {
    return 0;  // expected: bad input reported as errors
  }
  for (const auto& item : targets.items) {
    if (!item.modelled) continue;
    const auto [lo, hi] = item.interval95();
    if (std::isnan(lo) || std::isnan(hi)) finding("a modelled item's interval is NaN");
  }
  return 0;
}
