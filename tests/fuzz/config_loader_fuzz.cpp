// Fuzzes the startup-config loader (runtime/config/config_loader.hpp) with the renderer
// (runtime/config/render_config.hpp): whatever the text loads into, its rendering must load back
// into a fresh router with no error, to the same Config, and render the same.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_loader.hpp"
#include "runtime/config/render_config.hpp"
#include "runtime/router.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu;

using cmemu::fuzz::check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // Built once (about 60 ms under ASan): executing lines reads the tree and handlers, never
  // changes them. Each load gets a fresh Router and Config.
  static runtime::CommandSet commands;

  runtime::Config config;
  {
    runtime::Router router;
    runtime::load_config_text(commands, router, text, "startup-config", config);
  }
  std::string first = runtime::render_config_body(config);

  runtime::Router router;
  runtime::Config again;
  runtime::LoadReport report = runtime::load_config_text(commands, router, first, "render", again);
  if (report.errors != 0) std::fprintf(stderr, "%s", report.messages.c_str());
  check(report.errors == 0, "a rendering loads with no error");
  std::string second = runtime::render_config_body(again);
  if (second != first)
    std::fprintf(stderr, "first:\n%s\nsecond:\n%s\n", first.c_str(), second.c_str());
  check(second == first, "a rendering loads back to the same rendering");
  check(again == config, "a rendering loads back to the same Config");
  return 0;
}
