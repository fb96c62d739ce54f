#pragma once
// The one way a fuzz target fails: a broken property is printed and aborts, which libFuzzer keeps
// as a crashing input and the replay test (replay_main.cpp) reports as a failure.
// CMEMU_FUZZ_NAME is the target's name, set for both of its builds (tests/fuzz/CMakeLists.txt).
#include <cstdio>
#include <cstdlib>

namespace cmemu::fuzz {

inline void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "%s_fuzz: property violated: %s\n", CMEMU_FUZZ_NAME, what);
  std::abort();
}

}  // namespace cmemu::fuzz
