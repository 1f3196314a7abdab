// libFuzzer harness for the scenario loader. Any input must either load or fail with
// InputErrors; any other exception, crash or sanitizer report is a finding. An input that
// loads must also round-trip: its resolved text loads to the same parameters, run and
// policies (the property the results' provenance relies on).
#include "input/input_error.hpp"
#include "scenario/loader.hpp"

#include "fuzz_finding.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_scenario", what); }

bool same(const renkei::Scenario& a, const renkei::Scenario& b) {
  for (const auto& d : renkei::param_schema()) {
    if (d.get(a.params) != d.get(b.params)) return false;
  }
  if (a.policies.size() != b.policies.size()) return false;
  for (std::size_t i = 0; i < a.policies.size(); ++i) {
    const auto& p = a.policies[i];
    const auto& q = b.policies[i];
    if (p.name != q.name || p.description != q.description || !(p.start == q.start) ||
        p.ramp_weeks != q.ramp_weeks || p.cost_fixed_yen != q.cost_fixed_yen ||
        p.cost_per_year_yen != q.cost_per_year_yen || p.levers != q.levers ||
        p.cost_source != q.cost_source) {
      return false;
    }
  }
  const auto& r = a.run;
  const auto& s = b.run;
  return a.name == b.name && a.description == b.description && r.start == s.start &&
         r.end == s.end && r.burn_in_weeks == s.burn_in_weeks && r.step_days == s.step_days &&
         r.replicates == s.replicates && r.seed == s.seed &&
         r.keep_replicate_series == s.keep_replicate_series && r.world == s.world;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  renkei::Scenario loaded;
  try {
    loaded = renkei::load_scenario_from_string(text, RENKEI_FUZZ_VIRTUAL_PATH);
  } catch (const renkei::InputErrors&) {
    return 0;  // expected: bad input reported as errors
  }
  try {
    const auto again =
        renkei::load_scenario_from_string(loaded.resolved_toml, RENKEI_FUZZ_VIRTUAL_PATH);
    if (!same(loaded, again)) finding("resolved text does not load back to the same scenario");
  } catch (const renkei::InputErrors& e) {
    std::fprintf(stderr, "%s\n", e.what());
    finding("resolved text of a valid scenario does not load");
  }
  return 0;
}
