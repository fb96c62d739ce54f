#pragma once
// Who may use a vty line and where they land (docs/cli.md §16): the line's `login` (or AAA's
// `aaa authentication login` list), `username` entries, `privilege level`, `aaa authorization
// exec`, `transport input` and `exec-timeout`. Telnet and SSH sessions both ask these.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::runtime {
struct Config;
struct LocalUser;
}  // namespace cmemu::runtime

namespace cmemu::cli {

/// How a vty line checks who logs in.
struct LoginRule {
  enum class Kind {
    kNone,          // `no login` (or AAA method `none`): straight in
    kLinePassword,  // `login`: the line's password
    kLocal,         // `login local` (or AAA method `local`): a username and its password
    kRefused,       // `login` without a password: `Password required, but none set`
  };
  Kind kind = Kind::kNone;
  bool aaa = false;             // `aaa new-model`: AAA's wording (`% Authentication failed`)
  bool user_privilege = false;  // the user's own `privilege` applies (else the line's)
  int line_privilege = 1;       // the line's `privilege level`
};

/// The rule of vty line `vty` (0-15) under `config`.
LoginRule login_rule(const runtime::Config& config, int vty);

/// The line password of vty `vty` is `answer`.
bool line_password_matches(const runtime::Config& config, int vty, std::string_view answer);

/// The privilege level a login by `rule` starts at; `user` is the one who logged in, if any.
int landing_privilege(const LoginRule& rule, const runtime::LocalUser* user);

/// The lowest free vty line that exists and whose `transport input` lets `protocol` ("telnet",
/// "ssh") in; `busy(n)` tells the lines in use. nullopt: every such line is busy or none exists.
std::optional<int> free_vty_line(const runtime::Config& config, std::string_view protocol,
                                 const std::function<bool(int)>& busy);

/// `exec-timeout M [S]` of vty line `vty`; IOS's default is 10 minutes, `0 0` never (0 s).
std::chrono::seconds exec_timeout(const runtime::Config& config, int vty);

}  // namespace cmemu::cli
