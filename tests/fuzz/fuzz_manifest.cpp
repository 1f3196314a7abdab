// libFuzzer harness for the manifest of a sweep's resume ledger (OUT.parts/manifest.txt, read
// by `renkei sweep --resume` and `--merge`), which pins the content of every input file the
// runs read. The input is written as the manifest of a parts directory and checked against
// the identity of a real sweep (tests/data/sweeps/good_grid.toml: the baseline scenario, its
// world and the files they name), so that both the reader's checks and the comparison
// (changed_input, first_difference) see real paths and digests. In the input, "@SRC@" stands
// for the source directory: the seeds are real manifests with that prefix replaced, so they
// name the same files wherever the fuzzer is built.
//
// Any input must be accepted or refused with std::runtime_error; only the sweep's own
// manifest may be accepted; a refusal names the parts directory and stays short (a damaged
// manifest may hold a megabyte on one line); the comparisons agree with string equality.
#include "sweep/ledger.hpp"
#include "sweep/sweep_steps.hpp"

#include "fuzz_finding.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_manifest", what); }

// A refusal quotes at most two manifest lines of 200 bytes and a path or two; anything longer
// echoes the input.
constexpr std::size_t kMessageBytes = 4096;

struct Fixture {
  std::string identity;
  fs::path root;
  std::string parts;
  std::string manifest;

  Fixture() {
    try {
      identity = renkei::sweep_identity(renkei::load_plan(std::string(RENKEI_FUZZ_SOURCE_DIR) +
                                                          "/tests/data/sweeps/good_grid.toml"));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "renkei_fuzz_manifest: cannot load the sweep it compares with: %s\n",
                   e.what());
      std::abort();
    }
    std::string dir = (fs::temp_directory_path() / "renkei-fuzz-manifest-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) {
      std::perror("renkei_fuzz_manifest: mkdtemp");
      std::abort();
    }
    root = dir;
    parts = (root / "out.h5.parts").string();
    fs::create_directory(parts);
    manifest = (fs::path(parts) / "manifest.txt").string();
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

std::string expand_source(std::string text) {
  static const std::string token = "@SRC@", source = RENKEI_FUZZ_SOURCE_DIR;
  for (std::size_t at = text.find(token); at != std::string::npos;
       at = text.find(token, at + source.size()))
    text.replace(at, token.size(), source);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string text = expand_source(std::string(reinterpret_cast<const char*>(data), size));
  {
    std::ofstream out(f.manifest, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) finding("cannot write the manifest (disk full?)");
  }

  bool accepted = false;
  std::string refusal;
  try {
    renkei::Ledger(f.parts, f.identity, 1).open_existing();
    accepted = true;
  } catch (const std::runtime_error& e) {
    refusal = e.what();
  }
  if (accepted != (text == f.identity))
    finding(accepted ? "a manifest other than the sweep's own was accepted"
                     : "the sweep's own manifest was refused");
  if (!accepted) {
    if (refusal.find(f.parts) == std::string::npos)
      finding("a refusal that does not name the parts directory");
    if (refusal.size() > kMessageBytes + 2 * f.manifest.size())
      finding("a refusal longer than 4 kB: it echoes the manifest");
  }

  bool well_formed = true;
  try {
    renkei::check_manifest(text, f.manifest);
  } catch (const std::runtime_error& e) {
    well_formed = false;
    if (std::string(e.what()).find(f.manifest) == std::string::npos)
      finding("a damaged manifest is refused without naming the file");
  }
  if (!accepted && !well_formed && refusal.find("is damaged") == std::string::npos)
    finding("a damaged manifest is refused as something else");

  const std::string changed = renkei::changed_input(text, f.identity);
  if (well_formed && !changed.empty() &&
      refusal.find("changed since the parts") == std::string::npos)
    finding("a changed input file is not named");
  if (changed.size() > kMessageBytes ||
      renkei::changed_input(f.identity, text).size() > kMessageBytes)
    finding("changed_input echoes the manifest");
  if (!renkei::changed_input(text, text).empty()) finding("a manifest differs from itself");

  for (const std::string& d :
       {renkei::first_difference(text, f.identity), renkei::first_difference(f.identity, text)}) {
    if ((d == "no difference") != (text == f.identity))
      finding("first_difference disagrees with string equality");
    if (d.size() > kMessageBytes) finding("first_difference echoes the manifest");
  }
  return 0;
}
