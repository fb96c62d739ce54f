#include "cli/login.hpp"

#include <sstream>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/secrets.hpp"

namespace cmemu::cli {

namespace {

// The first method of an AAA login list that cmemu can use: `group` servers are never reachable
// here, so the next method is tried (docs/cli.md §16).
LoginRule::Kind aaa_method(const runtime::Config& config, const runtime::LineConfig& line) {
  std::string list = "default";
  if (line.login_method.starts_with("authentication "))
    list = line.login_method.substr(std::string_view("authentication ").size());
  auto it = config.aaa_authentication_login.find(list);
  // No list: IOS checks the local usernames.
  if (it == config.aaa_authentication_login.end()) return LoginRule::Kind::kLocal;
  auto words = text::words(it->second);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "group") {
      ++i;
      continue;
    }
    if (words[i] == "local" || words[i] == "local-case") return LoginRule::Kind::kLocal;
    if (words[i] == "none") return LoginRule::Kind::kNone;
    if (words[i] == "line" || words[i] == "enable")
      return line.password ? LoginRule::Kind::kLinePassword : LoginRule::Kind::kRefused;
  }
  return LoginRule::Kind::kRefused;  // only servers: nobody gets in
}

bool authorizes_exec(const runtime::Config& config) {
  auto it = config.aaa_authorization_exec.find("default");
  if (it == config.aaa_authorization_exec.end()) return false;
  for (auto word : text::words(it->second))
    if (word == "local" || word == "if-authenticated") return true;
  return false;
}

}  // namespace

LoginRule login_rule(const runtime::Config& config, int vty) {
  LoginRule rule;
  const runtime::LineConfig* line = config.vty_line(vty);
  if (!line) return rule;
  rule.line_privilege = line->privilege_level.value_or(1);
  if (config.aaa_new_model) {
    // With AAA the line's `login` words give way to the method list; the user's own privilege
    // applies only under `aaa authorization exec default local`.
    rule.aaa = true;
    rule.kind = aaa_method(config, *line);
    rule.user_privilege = authorizes_exec(config);
    return rule;
  }
  if (!line->login) return rule;
  if (line->login_method == "local") {
    rule.kind = LoginRule::Kind::kLocal;
    rule.user_privilege = true;
    return rule;
  }
  rule.kind = line->password ? LoginRule::Kind::kLinePassword : LoginRule::Kind::kRefused;
  return rule;
}

bool line_password_matches(const runtime::Config& config, int vty, std::string_view answer) {
  const runtime::LineConfig* line = config.vty_line(vty);
  return line && line->password &&
         runtime::secrets::password_matches(line->password_type, *line->password, answer);
}

int landing_privilege(const LoginRule& rule, const runtime::LocalUser* user) {
  if (rule.user_privilege && user) return user->privilege.value_or(1);
  return rule.line_privilege;
}

std::optional<int> free_vty_line(const runtime::Config& config, std::string_view protocol,
                                 const std::function<bool(int)>& busy) {
  for (int n = 0; n <= 15; ++n) {
    const runtime::LineConfig* line = config.vty_line(n);
    if (line && line->accepts(protocol) && !busy(n)) return n;
  }
  return std::nullopt;
}

std::chrono::seconds exec_timeout(const runtime::Config& config, int vty) {
  const runtime::LineConfig* line = config.vty_line(vty);
  if (!line || line->exec_timeout.empty()) return std::chrono::minutes(10);
  std::istringstream words(line->exec_timeout);
  long minutes = 0, seconds = 0;
  words >> minutes;
  if (!(words >> seconds)) seconds = 0;
  return std::chrono::seconds(minutes * 60 + seconds);
}

}  // namespace cmemu::cli
