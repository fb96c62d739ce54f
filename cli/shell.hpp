#pragma once
// One terminal's command line (console, vty or script): modes, login and enable passwords,
// IOS errors, `?`, TAB, `do`, output filters. It turns a typed line into the text to print;
// the line editor (terminal_session.hpp) owns echo, editing keys, history and the pager.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/config/command_set.hpp"

namespace cmemu::cli {

class App;

/// `Password: ` asked up to three times (docs/cli.md §12): `retry_text` after a wrong answer,
/// `failure_text` after the third, then `on_failure`; `on_success` after a right one.
runtime::Question password_question(std::string retry_text, std::string failure_text,
                                    std::function<bool(std::string_view)> check,
                                    std::function<void()> on_failure,
                                    std::function<void(std::string&)> on_success = {});

enum class ShellKind { kConsole, kVty, kScript };

/// What `show ssh` prints of an SSH session.
struct SshDetails {
  std::string cipher_in, cipher_out, hmac_in, hmac_out;
};

class Shell {
 public:
  /// `peer` names a vty's client (`127.0.0.1`) for log lines; `vty_number` its line (vty0...);
  /// `transport` how it came ("telnet" or "ssh").
  Shell(App& app, ShellKind kind, std::string peer = {}, int vty_number = 0,
        std::string transport = "telnet");
  ~Shell();

  /// The SSH server has authenticated `user` (empty when the line asks no login): start() asks
  /// nothing and the session begins at `privilege`.
  void logged_in(std::string user, int privilege);

  /// Text to print when the session starts (vty: `User Access Verification` and the password
  /// or username questions of docs/cli.md §16, or `Password required, but none set` and the
  /// session closes).
  std::string start();

  /// The line typed at the prompt (without `?`); returns what the router prints in answer.
  std::string run_line(std::string_view line);
  /// `?` typed after `partial`: the listing or error to print before the prompt comes back.
  std::string help(std::string_view partial);
  /// TAB typed after `partial`: the new line (unchanged when nothing or several keywords fit).
  std::string complete(std::string_view partial) const;
  /// Ctrl-Z: like `end` in a configuration mode; returns what to print after `^Z`.
  std::string ctrl_z();

  /// The prompt to show now: `Router(config)#`, or a pending question such as `Password: `.
  std::string prompt() const;
  /// A question is pending whose answer must not be echoed (passwords).
  bool secret_input() const;
  bool in_question() const { return question_.has_value(); }
  /// The session ended (`exit`, `logout`, failed login).
  bool closed() const { return closed_; }
  /// Some line gave an error (for scripts' exit status).
  bool had_error() const { return had_error_; }

  int terminal_length() const { return session_.terminal_length; }
  int terminal_width() const { return session_.terminal_width; }
  runtime::CommandSession& session() { return session_; }
  const runtime::CommandSession& session() const { return session_; }
  ShellKind kind() const { return kind_; }

  /// Text that arrives between lines (log messages, `debug cti` traces); set by the terminal.
  std::function<void(const std::string&)> notify;
  /// Ends the session from outside (`clear line`); set by the vty's transport.
  std::function<void()> hang_up;
  /// Set by the SSH server for `show ssh`.
  std::optional<SshDetails> ssh;

  const std::string& user() const { return user_; }
  const std::string& peer() const { return peer_; }
  int vty_number() const { return vty_number_; }
  const std::string& transport() const { return transport_; }
  /// The last key typed (for `show users`).
  std::chrono::steady_clock::time_point last_input() const { return last_input_; }
  void touch();

 private:
  friend class ExecCommands;
  std::string run_command(std::string_view line);
  void remember(std::string_view line);
  void leave_config_mode_log(std::string& output, bool was_config);
  std::string start_login();
  runtime::Question ask_username(std::shared_ptr<int> failures);

  App& app_;
  ShellKind kind_;
  std::string peer_;
  int vty_number_;
  std::string transport_;
  std::string user_;
  std::optional<int> logged_in_privilege_;
  std::chrono::steady_clock::time_point last_input_;
  runtime::CommandSession session_;
  std::optional<runtime::Question> question_;
  bool closed_ = false;
  bool had_error_ = false;
};

}  // namespace cmemu::cli
