// libFuzzer harness for the sweep file reader. Any input must either load (its design
// generated) or fail with InputErrors; any other exception, crash or sanitizer report is a
// finding. A sweep that loads must have a design the runner can index: every point holds one
// value per factor, inside the factor's range, and the grouped designs (Saltelli, Morris) a
// group per point.
#include "input/input_error.hpp"
#include "sweep/design_text.hpp"

#include "fuzz_finding.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_sweep", what); }

bool grouped(renkei::DesignKind k) {
  return k == renkei::DesignKind::saltelli || k == renkei::DesignKind::morris;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  renkei::Sweep sweep;
  try {
    // Loaded as if it were a file in tests/data/sweeps: its scenario and csv references can
    // reach the real files there, so the fuzzer gets past the path checks.
    sweep = renkei::parse_sweep_text(text, RENKEI_FUZZ_SWEEP_PATH, true);
  } catch (const renkei::InputErrors&) {
    return 0;  // expected: bad input reported as errors
  }
  const auto& d = sweep.design;
  if (sweep.scenario_paths.empty()) finding("a sweep without scenarios was accepted");
  if (sweep.replicates < 1) finding("a sweep with fewer than one replicate was accepted");
  if (grouped(d.kind) && d.point_group.size() != d.points.size())
    finding("a point without its group");
  for (const auto& p : d.points) {
    if (p.size() != d.factors.size()) finding("a design point without one value per factor");
    for (std::size_t f = 0; f < p.size(); ++f) {
      const auto& factor = d.factors[f];
      if (!std::isfinite(p[f])) finding("a design value that is not finite");
      // Only ranged factors are bounded; explicit levels (grid, list) and csv cells are not.
      if (factor.values.empty() && d.kind != renkei::DesignKind::csv && factor.min <= factor.max &&
          (p[f] < factor.min - 1e-9 * std::abs(factor.min) ||
           p[f] > factor.max + 1e-9 * std::abs(factor.max)))
        finding("a design value outside its factor's range");
    }
  }
  return 0;
}
