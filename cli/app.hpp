#pragma once
// The router process: the command set, the router and its running-config, and the terminals
// attached to it. Shells reach the rest of the router through this.
#include <optional>
#include <string>
#include <vector>

#include "runtime/config/command_set.hpp"
#include "runtime/config/render_config.hpp"
#include "runtime/router.hpp"

namespace cmemu::cli {

class Shell;

struct AppOptions {
  std::string startup_config;  // where the startup-config is read and saved
  std::string bind_address = "127.0.0.1";
  int vty_port = 2323;
  bool console = true;                // serve stdin
  std::vector<std::string> commands;  // -c lines
};

class App {
 public:
  explicit App(AppOptions options);

  AppOptions options;
  runtime::CommandSet commands;
  runtime::Router router;

  /// Reads the startup-config (if any) and applies it; returns the load report text.
  std::string boot();

  /// Saves the running-config to the startup-config file (docs/decisions.md #9). Returns "" on
  /// success, else the reason.
  std::string save_startup_config();

  /// The `! Last configuration change` / `! NVRAM config last updated` comments of this boot.
  runtime::RenderComments render_comments() const;

  /// docs/decisions.md #9: a temporary file beside `path`, fsync, rename. Returns "" or the reason.
  static std::string write_file_atomically(const std::string& path, const std::string& body);

  /// Terminals that receive log lines (`%SYS-5-CONFIG_I ...`).
  void attach(Shell& shell);
  void detach(Shell& shell);
  /// Sends a log line to the console terminal(s), as IOS logs to the console by default.
  void log(const std::string& line);
  /// `*Mar  1 00:42:37.815: ` when `service timestamps log datetime msec` is on, else "".
  std::string log_timestamp() const;
  /// The same under `service timestamps debug`.
  std::string debug_timestamp() const;
  /// A `debug cti` trace line (docs/decisions.md #22), to every terminal that turned it on.
  void debug_cti(const std::string& text);

  int next_vty_number();
  void release_vty_number(int number);

 private:
  std::string timestamp(const std::optional<std::string>& spec) const;
  std::vector<Shell*> shells_;
  std::vector<bool> vty_in_use_;
};

}  // namespace cmemu::cli
