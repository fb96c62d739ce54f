// Who may log in and with what (docs/commands.md §2, docs/cli.md §16-§17): `enable secret` and
// `enable password`, `username`, `aaa authentication login` / `aaa authorization exec`,
// `service password-encryption`, `ip domain name` and `ip ssh`. Secrets are stored hashed and
// passwords type 7 once encryption is on, as IOS keeps them (runtime/config/secrets.hpp).
#include <algorithm>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"
#include "runtime/config/secrets.hpp"

namespace cmemu::runtime {
namespace {

constexpr std::size_t kMaxSecret = 80;
constexpr std::size_t kMaxUserName = 64;
constexpr std::size_t kMaxUsers = 1024;

// A hashed secret as typed after `secret 5|8|9`: its prefix (`$1$` MD5-crypt, `$8$`, `$9$`),
// printable, one word.
bool valid_hashed(int type, std::string_view value) {
  std::string prefix = "$" + std::to_string(type == 5 ? 1 : type) + "$";
  return value.starts_with(prefix) && valid_printable_word(value, 200);
}

// `secret [0|5|8|9] VALUE` (`algorithm-type scrypt` asks for type 9): the stored type and text,
// or false with the caret set.
bool store_secret(CommandContext& c, int& type, std::string& value) {
  std::string_view typed = c.args.get("secret_text");
  int given = static_cast<int>(c.args.number("stype", 0));
  if (given != 0) {
    if (!valid_hashed(given, typed)) {
      c.reject_at = c.args.offset("secret_text");
      return false;
    }
    type = given;
    value = std::string(typed);
    return true;
  }
  if (!valid_printable_word(typed, kMaxSecret)) {
    c.reject_at = c.args.offset("secret_text");
    return false;
  }
  type = c.args.has("scrypt") ? 9 : 5;
  value = type == 9 ? secrets::scrypt(typed) : secrets::md5_crypt(typed);
  return true;
}

// `password [0|7] VALUE`: kept clear, or type 7 when typed so or when encryption is on.
bool store_password(CommandContext& c, std::string_view typed, std::size_t offset, int& type,
                    std::string& value) {
  int given = static_cast<int>(c.args.number("ptype", 0));
  if (given == 7) {
    if (!secrets::type7_decode(typed)) {
      c.reject_at = offset;
      return false;
    }
    type = 7;
    value = std::string(typed);
    return true;
  }
  if (typed.empty() || typed.size() > kMaxSecret) {
    c.reject_at = offset;
    return false;
  }
  type = c.config->service_password_encryption ? 7 : 0;
  value = type == 7 ? secrets::type7_encode(typed) : std::string(typed);
  return true;
}

void register_enable(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "enable secret [0$stype | 5$stype | 8$stype | 9$stype] WORD$secret_text",
      .help = {"Modify enable password parameters", "Assign the privileged level secret",
               "Specifies an UNENCRYPTED password will follow",
               "Specifies a MD5 HASHED secret will follow",
               "Specifies a PBKDF2 HASHED secret will follow",
               "Specifies a SCRYPT HASHED secret will follow", "The secret"},
      .handler =
          [](CommandContext& c) {
            auto& target = c.config->enable_secret;
            if (negated(c)) {
              target.reset();
            } else {
              EnablePassword secret{.type = 5, .type_given = true};
              if (!store_secret(c, secret.type, secret.value)) return;
              target = secret;
            }
            c.config_changed = true;
          },
      .no_syntax = "enable secret [LINE]",
      .no_help = {"Modify enable password parameters", "Assign the privileged level secret",
                  "The secret"},
      .row = ConfigRow::kLoggingEnable,
  });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "enable algorithm-type {md5$md5 | scrypt$scrypt} secret WORD$secret_text",
      .help = {"Modify enable password parameters", "Algorithm to use for hashing the secret",
               "Encode the password using the MD5 algorithm",
               "Encode the password using the SCRYPT hashing algorithm",
               "Assign the privileged level secret", "The UNENCRYPTED (cleartext) secret"},
      .handler =
          [](CommandContext& c) {
            EnablePassword secret{.type = 5, .type_given = true};
            if (!store_secret(c, secret.type, secret.value)) return;
            c.config->enable_secret = secret;
            c.config_changed = true;
          },
      .no_form = false,
      .row = ConfigRow::kLoggingEnable,
  });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "enable password [0$ptype | 7$ptype] WORD$value",
      .help = {"Modify enable password parameters", "Assign the privileged level password",
               "Specifies an UNENCRYPTED password will follow",
               "Specifies a HIDDEN password will follow", "The password"},
      .handler =
          [](CommandContext& c) {
            auto& target = c.config->enable_password;
            if (negated(c)) {
              target.reset();
            } else {
              auto typed = printable_word_arg(c, "value", kMaxSecret);
              if (!typed) return;
              EnablePassword password;
              if (!store_password(c, *typed, c.args.offset("value"), password.type, password.value))
                return;
              password.type_given = c.args.has("ptype") || password.type == 7;
              target = password;
            }
            c.config_changed = true;
          },
      .no_syntax = "enable password [LINE]",
      .no_help = {"Modify enable password parameters", "Assign the privileged level password",
                  "The password"},
      .row = ConfigRow::kLoggingEnable,
  });
}

// `service password-encryption` turns every clear password into type 7 at once; `no` leaves
// them encoded, as IOS does.
void register_password_encryption(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "service password-encryption",
      .help = {"Modify use of network based services", "Encrypt system passwords"},
      .handler =
          [](CommandContext& c) {
            Config& config = *c.config;
            config.service_password_encryption = !negated(c);
            c.config_changed = true;
            if (!config.service_password_encryption) return;
            if (auto& p = config.enable_password; p && p->type == 0) {
              *p = EnablePassword{7, true, secrets::type7_encode(p->value)};
            }
            for (auto& line : config.lines)
              if (line.password && line.password_type != 7) {
                line.password = secrets::type7_encode(*line.password);
                line.password_type = 7;
              }
            for (auto& user : config.users)
              if (user.credential == "password" && user.type == 0) {
                user.value = secrets::type7_encode(user.value);
                user.type = 7;
              }
          },
      .row = ConfigRow::kVersionService,
  });
}

LocalUser* find_user(Config& config, std::string_view name) {
  auto it = std::find_if(config.users.begin(), config.users.end(),
                         [&](const LocalUser& u) { return u.name == name; });
  return it == config.users.end() ? nullptr : &*it;
}

// Finds or adds the user the line names; null (caret set) when the name is bad or the list full.
LocalUser* user_to_edit(CommandContext& c) {
  auto name = printable_word_arg(c, "name", kMaxUserName);
  if (!name) return nullptr;
  if (LocalUser* user = find_user(*c.config, *name)) return user;
  if (c.config->users.size() >= kMaxUsers) {
    c.reject_at = c.args.offset("name");
    return nullptr;
  }
  c.config->users.push_back(LocalUser{.name = std::string(*name)});
  return &c.config->users.back();
}

void handle_username(CommandContext& c) {
  if (negated(c)) {
    std::erase_if(c.config->users,
                  [&](const LocalUser& u) { return u.name == c.args.get("name"); });
    c.config_changed = true;
    return;
  }
  Config before = *c.config;
  LocalUser* user = user_to_edit(c);
  if (!user) return;
  if (c.args.has("level")) user->privilege = static_cast<int>(c.args.number("level"));
  bool ok = true;
  if (c.args.has("secret")) {
    user->credential = "secret";
    ok = store_secret(c, user->type, user->value);
  } else if (c.args.has("password")) {
    user->credential = "password";
    ok = store_password(c, c.args.rest("password_text"), c.args.offset("password_text"), user->type,
                        user->value);
  } else if (c.args.has("nopassword")) {
    *user = LocalUser{.name = user->name,
                      .privilege = user->privilege,
                      .credential = "nopassword",
                      .kept = user->kept};
  } else if (c.args.has("rest")) {
    std::string text(text::trim_right(c.args.rest("rest"), text::kBlanks));
    ok = text.size() <= limits::kMaxText && user->kept.size() < limits::kMaxOpaqueLines;
    if (!ok) c.reject_at = c.args.offset("rest");
    if (ok && std::find(user->kept.begin(), user->kept.end(), text) == user->kept.end())
      user->kept.push_back(text);
  }
  if (!ok) {
    *c.config = std::move(before);
    return;
  }
  c.config_changed = true;
}

void register_username(CommandSet& commands) {
  const std::vector<std::string> name_help = {"Establish User Name Authentication", "User name"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> help = name_help;
    help.insert(help.end(), more.begin(), more.end());
    return help;
  };
  const std::vector<std::string> privilege_help = {"Set user privilege level",
                                                   "User privilege level"};
  const std::vector<std::string> credential_help = {
      "Specify the password for the user",
      "Specifies an UNENCRYPTED password will follow",
      "Specifies a HIDDEN password will follow",
      "The password",
      "Specify the secret for the user",
      "Specifies an UNENCRYPTED secret will follow",
      "Specifies a MD5 HASHED secret will follow",
      "Specifies a PBKDF2 HASHED secret will follow",
      "Specifies a SCRYPT HASHED secret will follow",
      "The secret",
      "No password is required for the user to log in"};
  const std::string credential =
      "{password [0$ptype | 7$ptype] LINE$password_text | secret [0$stype | 5$stype | 8$stype | "
      "9$stype] WORD$secret_text | nopassword$nopassword}";
  std::vector<std::string> help = with(privilege_help);
  help.insert(help.end(), credential_help.begin(), credential_help.end());
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "username WORD$name [privilege <0-15>$level] " + credential,
      .help = help,
      .handler = handle_username,
      .no_syntax = "username WORD$name [LINE]",
      .no_help = with({"Attributes"}),
      .row = ConfigRow::kUsernames,
  });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "username WORD$name privilege <0-15>$level",
      .help = with(privilege_help),
      .handler = handle_username,
      .no_form = false,
      .row = ConfigRow::kUsernames,
  });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax =
          "username WORD$name algorithm-type {md5$md5 | scrypt$scrypt} secret WORD$secret_text",
      .help = with({"Algorithm to use for hashing the plaintext secret for the user",
                    "Encode the password using the MD5 algorithm",
                    "Encode the password using the SCRYPT hashing algorithm",
                    "Specify the secret for the user", "The UNENCRYPTED (cleartext) user secret"}),
      .handler = handle_username,
      .no_form = false,
      .row = ConfigRow::kUsernames,
  });
  // The attributes cmemu does not model (`autocommand`, `view` ...) are kept, one line each.
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "username WORD$name LINE$rest",
      .help = with({"(kept, not modelled)"}),
      .handler = handle_username,
      .no_form = false,
      .row = ConfigRow::kUsernames,
  });
}

// The methods of an `aaa ... LIST METHOD...` line, one blank apart; "" when one is not known.
std::string method_list(std::string_view typed, bool authorization) {
  std::string methods;
  auto words = text::words(typed);
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i];
    bool known =
        word == "local" || word == "local-case" || word == "none" ||
        (authorization ? word == "if-authenticated" : (word == "enable" || word == "line"));
    if (word == "group" && i + 1 < words.size()) {
      methods += (methods.empty() ? "" : " ") + std::string("group ") + std::string(words[++i]);
      continue;
    }
    if (!known) return {};
    methods += (methods.empty() ? "" : " ") + std::string(word);
  }
  return methods;
}

void register_aaa(CommandSet& commands) {
  struct Kind {
    const char* syntax;
    std::vector<std::string> help;
    std::map<std::string, std::string> Config::*lists;
    bool authorization;
  };
  const Kind kinds[] = {
      {"aaa authentication login",
       {"Authentication, Authorization and Accounting.",
        "Authentication configurations parameters.", "Set authentication lists for logins."},
       &Config::aaa_authentication_login,
       false},
      {"aaa authorization exec",
       {"Authentication, Authorization and Accounting.", "Authorization configurations parameters.",
        "For starting an exec (shell)."},
       &Config::aaa_authorization_exec,
       true},
  };
  for (const Kind& kind : kinds) {
    std::vector<std::string> help = kind.help;
    help.insert(help.end(), {"The default authorization list.", "Named authorization list.",
                             "Methods, in order: local, none, group NAME ..."});
    auto lists = kind.lists;
    bool authorization = kind.authorization;
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax = std::string(kind.syntax) + " {default$default_list | WORD$list} LINE$methods",
        .help = help,
        .handler =
            [lists, authorization](CommandContext& c) {
              std::string list =
                  c.args.has("default_list") ? "default" : std::string(c.args.get("list"));
              if (negated(c)) {
                (c.config->*lists).erase(list);
                c.config_changed = true;
                return;
              }
              std::string methods = method_list(c.args.rest("methods"), authorization);
              if (methods.empty() || !valid_printable_word(list, 64)) {
                c.reject_at = c.args.offset(methods.empty() ? "methods" : "list");
                return;
              }
              (c.config->*lists)[list] = methods;
              c.config_changed = true;
            },
        .no_syntax = std::string(kind.syntax) + " {default$default_list | WORD$list} [LINE]",
        .no_help = help,
        .row = ConfigRow::kAaa,
    });
  }
}

void register_ip_domain_name(CommandSet& commands) {
  Handler handler = sets_word(&Config::ip_domain_name, "domain_name", 64, "");
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ip domain name WORD$domain_name",
      .help = {"Global IP configuration subcommands", "IP DNS Resolver",
               "Define the default domain name", "Default domain name"},
      .handler = handler,
      .no_syntax = "ip domain name [WORD$domain_name]",
      .row = ConfigRow::kIpCefDomain,
  });
  // The 12.x spelling, printed in the 15.x form.
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ip domain-name WORD$domain_name",
      .help = {"Global IP configuration subcommands", "Define the default domain name",
               "Default domain name"},
      .handler = handler,
      .no_syntax = "ip domain-name [WORD$domain_name]",
      .row = ConfigRow::kIpCefDomain,
  });
}

void register_ip_ssh(CommandSet& commands) {
  struct Setting {
    const char* syntax;
    std::vector<std::string> help;
    std::optional<int> IpSsh::*member;
  };
  const Setting settings[] = {
      {"version <1-2>$value",
       {"Specify protocol version to be supported", "Protocol version"},
       &IpSsh::version},
      {"time-out <1-120>$value",
       {"Specify SSH time-out interval", "SSH time-out interval (secs)"},
       &IpSsh::time_out},
      {"authentication-retries <0-5>$value",
       {"Specify number of authentication retries", "Number of authentication retries"},
       &IpSsh::authentication_retries},
  };
  for (const Setting& setting : settings) {
    std::vector<std::string> help = {"Global IP configuration subcommands",
                                     "Configure ssh options"};
    help.insert(help.end(), setting.help.begin(), setting.help.end());
    std::string keyword(setting.syntax, std::string_view(setting.syntax).find(' '));
    auto member = setting.member;
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax = std::string("ip ssh ") + setting.syntax,
        .help = help,
        .handler =
            [member](CommandContext& c) {
              if (negated(c))
                (c.config->ip_ssh.*member).reset();
              else
                c.config->ip_ssh.*member = static_cast<int>(c.args.number("value"));
              c.config_changed = true;
            },
        .no_syntax = "ip ssh " + keyword + " [LINE]",
        .no_help = {help[0], help[1], help[2], "Value"},
        .row = ConfigRow::kIpSsh,
    });
  }
}

}  // namespace

void register_security_commands(CommandSet& commands) {
  register_enable(commands);
  register_password_encryption(commands);
  register_username(commands);
  register_aaa(commands);
  register_ip_domain_name(commands);
  register_ip_ssh(commands);
}

}  // namespace cmemu::runtime
