// libFuzzer harness for the chunk files of a sweep's resume ledger (read by `renkei sweep
// --resume` and `--merge` from OUT.parts/). The input is a chunk file without its SHA-256
// trailer: the harness appends the digest, so that the fuzzer reaches the decoder behind the
// checksum instead of spending every input on a checksum mismatch (the refusal of a wrong
// digest is covered by the unit tests and test_sweep_errors). Any input must decode or throw
// std::runtime_error; a decoded chunk must encode to bytes that decode to the same records
// (one meaning per byte string, up to the `ok` byte, where any non-zero value means ok).
#include "input/sha256.hpp"
#include "sweep/ledger.hpp"

#include "fuzz_finding.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

[[noreturn]] void finding(const char* what) { fuzz_finding("renkei_fuzz_ledger", what); }

bool same_records(const renkei::Chunk& a, const renkei::Chunk& b) {
  if (a.first != b.first || a.records.size() != b.records.size()) return false;
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    const auto& x = a.records[i];
    const auto& y = b.records[i];
    if (x.ok != y.ok || x.error != y.error) return false;
    for (std::size_t k = 0; k < x.finals.size(); ++k) {
      // Bits, not values: a NaN payload must survive as written.
      if (std::bit_cast<std::uint64_t>(x.finals[k]) != std::bit_cast<std::uint64_t>(y.finals[k]))
        return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  bytes += renkei::sha256_hex(bytes);
  renkei::Chunk chunk;
  try {
    chunk = renkei::decode_chunk(bytes);
  } catch (const std::runtime_error&) {
    return 0;  // expected: a damaged or foreign chunk is refused
  }
  // The decoder bounds the record count by the bytes present: a chunk cannot hold more
  // records than its body could encode (each takes at least 1 + 8 k + 4 bytes).
  if (chunk.records.size() > size) finding("more records than bytes");
  const std::string again = renkei::encode_chunk(chunk);
  renkei::Chunk back;
  try {
    back = renkei::decode_chunk(again);
  } catch (const std::runtime_error&) {
    finding("a decoded chunk, encoded again, is refused by the decoder");
  }
  if (!same_records(chunk, back)) finding("a decoded chunk does not survive encoding and decoding");
  return 0;
}
