// Replays fuzz inputs without libFuzzer: every normal build links each fuzz target with this main
// and CTest runs it over the target's seed corpus and past findings (tests/fuzz/CMakeLists.txt).
//
//   fuzz_NAME_replay [PATH]...
//
// A PATH that is a folder runs every regular file in it (sorted by name); a folder that is missing
// or holds no file is an error, so a test never passes on nothing. A PATH that is a file runs that
// file. Without PATH: tests/fuzz/corpus/NAME and tests/fuzz/regressions/NAME of the source tree.
// A property violation aborts inside LLVMFuzzerTestOneInput, which fails the test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool run_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A fresh heap buffer of the exact size, as libFuzzer gives, so ASan sees reads past the end.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
  return true;
}

/// The number of inputs run from `path`, or -1 on an error (reported).
long run_path(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return run_file(path) ? 1 : -1;
  if (!fs::is_directory(path, error)) {
    std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", path.c_str());
    return -1;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(path, error))
    if (entry.is_regular_file()) files.push_back(entry.path());
  if (error) {
    std::fprintf(stderr, "replay: cannot list %s: %s\n", path.c_str(), error.message().c_str());
    return -1;
  }
  if (files.empty()) {
    std::fprintf(stderr, "replay: %s holds no input\n", path.c_str());
    return -1;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    if (!run_file(file)) return -1;
  return static_cast<long>(files.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> paths(argv + 1, argv + argc);
  if (paths.empty()) {
    fs::path fuzz = fs::path(CMEMU_FUZZ_SOURCE_DIR);
    paths = {fuzz / "corpus" / CMEMU_FUZZ_NAME, fuzz / "regressions" / CMEMU_FUZZ_NAME};
  }
  for (const auto& path : paths) {
    long count = run_path(path);
    if (count < 0) return 1;
    std::printf("replay: %s: %ld input(s) ok\n", path.c_str(), count);
  }
  return 0;
}
