#pragma once
// The router process: the command set, the router and its running-config, and the terminals
// attached to it. Shells reach the rest of the router through this.
#include <bitset>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/host_key.hpp"

#include "runtime/config/command_set.hpp"
#include "runtime/config/render_config.hpp"
#include "runtime/router.hpp"

namespace cmemu::cli {

class Shell;

struct AppOptions {
  std::string startup_config;  // where the startup-config is read and saved
  std::string bind_address = "127.0.0.1";
  int vty_port = 2323;
  int ssh_port = 2222;                // 0: no SSH
  int tftp_port = 69;                 // 0: no TFTP (docs/sccp.md §12)
  bool tftp_port_given = false;       // typed: a port that cannot be bound is an error
  std::string flash_dir;              // the folder that stands for flash: (`tftp-server flash:X`)
  bool console = true;                // serve stdin
  std::vector<std::string> commands;  // -c lines
  // What `show version` and `show inventory` report (docs/commands.md §1.6, emulated).
  std::string model = "CISCO2911/K9";
  std::string image = "c2900-universalk9-mz.SPA.151-4.M12a.bin";
};

class App {
 public:
  explicit App(AppOptions options);

  AppOptions options;
  runtime::CommandSet commands;
  runtime::Router router;

  /// The RSA key pair (docs/cli.md §17); `on_host_key_change` runs after it changes.
  HostKey host_key;
  std::function<void()> on_host_key_change;
  /// Where the key pair is kept: the startup-config's name with `.keys` appended.
  std::string keys_path() const;
  /// SSH is up: a key of at least 768 bits (SSH 2 needs it) and no `ip ssh version 1`.
  bool ssh_enabled() const;
  /// `1.99` or `2.0`: the SSH version IOS reports for the configuration.
  std::string ssh_version_text() const;

  /// Reads the startup-config (if any) and its keys, and applies them; returns the load report.
  std::string boot();

  /// Saves the running-config to the startup-config file (docs/decisions.md #9) and the key pair
  /// beside it. Returns "" on success, else the reason.
  std::string save_startup_config();

  /// The `! Last configuration change` / `! NVRAM config last updated` comments of this boot.
  runtime::RenderComments render_comments() const;

  /// docs/decisions.md #9: a temporary file beside `path`, fsync, rename. Returns "" or the reason.
  static std::string write_file_atomically(const std::string& path, const std::string& body,
                                           int mode = 0644);

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
  /// Some terminal has `debug cti` on.
  bool debug_cti_wanted() const;

  /// Takes the lowest free vty line whose `transport input` lets `protocol` in (docs/cli.md §16);
  /// nullopt when none is free.
  std::optional<int> claim_vty_line(std::string_view protocol);
  void release_vty_line(int number);

  /// Every terminal attached now (`show users`, `clear line`).
  const std::vector<Shell*>& shells() const { return shells_; }

 private:
  std::string timestamp(const std::optional<std::string>& spec) const;
  std::vector<Shell*> shells_;
  std::bitset<16> vty_in_use_;
};

}  // namespace cmemu::cli
