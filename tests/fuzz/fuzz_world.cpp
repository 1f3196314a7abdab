// libFuzzer harness for the world file reader. Any input must either load or fail with
// InputErrors; any other exception, crash or sanitizer report is a finding. A world that
// loads must hold firms (the model is never handed an empty world) and one count per
// prefecture and industry.
#include "input/input_error.hpp"
#include "world/world_loader.hpp"

#include "fuzz_finding.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_world", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  renkei::World world;
  try {
    world = renkei::load_world_from_string(text, "fuzz_world.toml");
  } catch (const renkei::InputErrors&) {
    return 0;  // expected: bad input reported as errors
  }
  if (world.firm_counts.size() != world.prefectures.size())
    finding("no firm counts for some prefecture");
  std::int64_t total = 0;
  for (const auto& row : world.firm_counts) {
    if (row.size() != world.industries.size()) finding("firm counts do not cover every industry");
    for (const auto n : row) {
      if (n < 0) finding("a negative firm count");
      total += n;
    }
  }
  if (total <= 0) finding("a world without firms was accepted");
  return 0;
}
