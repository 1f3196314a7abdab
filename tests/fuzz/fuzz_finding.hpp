// What every libFuzzer harness does with a finding: says what broke and aborts, so that
// libFuzzer saves the input (build/fuzz/findings/) and the run fails.
#pragma once

#include <cstdio>
#include <cstdlib>

[[noreturn]] inline void fuzz_finding(const char* harness, const char* what) {
  std::fprintf(stderr, "%s: %s\n", harness, what);
  std::abort();
}
