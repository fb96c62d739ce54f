#pragma once
// Shared by the runtime config tests: reading the samples, loading text, typing lines.
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_loader.hpp"
#include "runtime/config/modes.hpp"
#include "runtime/config/render_config.hpp"
#include "runtime/router.hpp"

namespace cmemu::test {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CMEMU_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A router with its command set: load text into a Config, or type lines as on a console.
struct Bench {
  runtime::CommandSet commands;
  runtime::Router router;
  runtime::CommandSession session;

  Bench() { session.modes = {runtime::ModeFrame{runtime::kPrivilegedExec, {}, {}}}; }

  runtime::LoadReport load(std::string_view text, runtime::Config& config,
                           std::string_view file = "startup-config") {
    return runtime::load_config_text(commands, router, text, file, config);
  }

  runtime::Config load_clean(std::string_view text, std::string* messages = nullptr) {
    runtime::Config config;
    auto report = load(text, config);
    if (messages) *messages = report.messages;
    return config;
  }

  /// Enters global configuration (as `configure terminal` would).
  void configure() {
    session.modes = {runtime::ModeFrame{runtime::kPrivilegedExec, {}, {}},
                     runtime::ModeFrame{runtime::kGlobalConfig, {}, {}}};
  }

  /// Types one line; returns what the router printed (errors with the caret under the prompt).
  std::string type(std::string_view line) {
    std::string output;
    std::string prompt = commands.prompt(session, router.running().hostname);
    commands.execute(session, router, line, output, prompt.size());
    return output;
  }

  std::string prompt() const { return commands.prompt(session, router.running().hostname); }
  const runtime::Config& running() const { return router.running(); }
  std::string show_run() const { return runtime::render_config_body(router.running()); }

  /// What show_run() prints, loaded back into a new configuration, and the load's messages.
  struct Reloaded {
    runtime::Config again;
    std::string messages;
  };
  Reloaded reload_shown() {
    Reloaded reloaded;
    reloaded.again = load_clean(show_run(), &reloaded.messages);
    return reloaded;
  }
};

/// A Bench in global configuration mode, as after `configure terminal`.
struct ConfigBench : Bench {
  ConfigBench() { configure(); }
};

/// The texts of kept lines, in their order.
inline std::vector<std::string> texts(const runtime::KeptLines& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) out.push_back(line.text);
  return out;
}

/// The IOS caret block for a caret at `column`.
inline std::string caret_at(std::size_t column) {
  return runtime::caret_error(column);
}

}  // namespace cmemu::test
