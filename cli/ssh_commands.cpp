// The RSA key pair and the SSH server's state (docs/cli.md §17): `crypto key generate rsa`,
// `crypto key zeroize rsa` (configuration mode, acting on the router's keys, not on the
// running-config, as on IOS), `show ip ssh`, `show ssh`.
#include <chrono>
#include <cstdio>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "cli/shell.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kGlobalConfig;
using runtime::kPrivilegedExec;
using runtime::kUserExec;
using runtime::Question;

constexpr int kMinModulus = 512;
constexpr int kMaxModulus = 4096;
constexpr int kDefaultModulus = 512;

// A log line of the key's changes: the console sees it at once, a vty's change is logged on the
// console (as `%SYS-5-CONFIG_I`).
void log_line(App& app, const runtime::CommandSession& session, std::string& output,
              const std::string& text) {
  std::string line = app.log_timestamp() + text;
  if (session.vty)
    app.log(line);
  else
    output += line + "\n";
}

void key_changed(App& app, const runtime::CommandSession& session, std::string& output,
                 bool was_enabled) {
  bool enabled = app.ssh_enabled();
  if (enabled != was_enabled)
    log_line(app, session, output,
             std::string("%SSH-5-") + (enabled ? "ENABLED" : "DISABLED") + ": SSH " +
                 app.ssh_version_text() + " has been " + (enabled ? "enabled" : "disabled"));
  if (app.on_host_key_change) app.on_host_key_change();
}

void generate(App& app, runtime::CommandSession& session, int bits, const std::string& name,
              std::string& output) {
  output +=
      "% Generating " + std::to_string(bits) + " bit RSA keys, keys will be non-exportable...\n";
  bool was_enabled = app.ssh_enabled();
  auto start = std::chrono::steady_clock::now();
  // Generation blocks the router as it blocks an IOS terminal (a 4096-bit key takes seconds).
  std::string error = app.host_key.generate(bits, name);
  if (!error.empty()) {
    output += "% " + error + "\n";
    return;
  }
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::steady_clock::now() - start + std::chrono::milliseconds(500))
                     .count();
  output += "[OK] (elapsed time was " + std::to_string(seconds) + " seconds)\n\n";
  key_changed(app, session, output, was_enabled);
}

// `How many bits in the modulus [512]: `, asked again until the answer is in range.
Question ask_modulus(App& app, runtime::CommandSession& session, std::string name) {
  Question question{
      "How many bits in the modulus [" + std::to_string(kDefaultModulus) + "]: ", false, {}};
  question.answer = [&app, &session, name](std::string_view answer,
                                           std::string& output) -> std::optional<Question> {
    int bits = kDefaultModulus;
    if (!answer.empty()) {
      bits = 0;
      for (char ch : answer)
        bits = ch >= '0' && ch <= '9' && bits < 100000 ? bits * 10 + (ch - '0') : -1;
    }
    if (bits < kMinModulus || bits > kMaxModulus) {
      output += "% You must specify a number between " + std::to_string(kMinModulus) + " and " +
                std::to_string(kMaxModulus) + ".\n";
      return ask_modulus(app, session, name);
    }
    generate(app, session, bits, name, output);
    return std::nullopt;
  };
  return question;
}

// After the replace question (if any): the name, then the modulus asked or given.
std::optional<Question> begin_generation(App& app, runtime::CommandSession& session,
                                         std::optional<int> modulus, const std::string& name,
                                         std::string& output) {
  output += "The name for the keys will be: " + name + "\n";
  if (modulus) {
    output += "\n% The key modulus size is " + std::to_string(*modulus) + " bits\n";
    generate(app, session, *modulus, name, output);
    return std::nullopt;
  }
  output += "Choose the size of the key modulus in the range of " + std::to_string(kMinModulus) +
            " to " + std::to_string(kMaxModulus) +
            " for your\n  General Purpose Keys. Choosing a key modulus greater than 512 may take\n"
            "  a few minutes.\n\n";
  return ask_modulus(app, session, name);
}

bool yes(std::string_view answer) {
  return answer == "yes" || answer == "y" || answer == "Yes" || answer == "YES";
}

void crypto_key_generate(App& app, CommandContext& c) {
  if (c.session.loading) return;  // keys are never part of a configuration file
  const auto& config = *c.config;
  if (config.hostname == "Router") {
    c.output += "% Please define a hostname other than Router.\n";
    c.error_printed = true;
    return;
  }
  if (config.ip_domain_name.empty()) {
    c.output += "% Please define a domain-name first.\n";
    c.error_printed = true;
    return;
  }
  std::string name = config.hostname + "." + config.ip_domain_name;
  std::optional<int> modulus;
  if (c.args.has("bits")) modulus = static_cast<int>(c.args.number("bits"));
  auto& session = c.session;
  if (!app.host_key.present()) {
    c.question = begin_generation(app, session, modulus, name, c.output);
    return;
  }
  c.output += "% You already have RSA keys defined named " + app.host_key.name() + ".\n";
  c.question =
      Question{"% Do you really want to replace them? [yes/no]: ", false,
               [&app, &session, modulus, name](std::string_view answer,
                                               std::string& output) -> std::optional<Question> {
                 if (!yes(answer)) return std::nullopt;
                 return begin_generation(app, session, modulus, name, output);
               }};
}

void crypto_key_zeroize(App& app, CommandContext& c) {
  if (c.session.loading) return;
  if (!app.host_key.present()) {
    c.output += "% No Signature RSA Keys found in configuration.\n";
    return;
  }
  c.output +=
      "% All keys will be removed.\n% All router certs issued using these keys will also be "
      "removed.\n";
  auto& session = c.session;
  c.question = Question{
      "Do you really want to remove these keys? [yes/no]: ", false,
      [&app, &session](std::string_view answer, std::string& output) -> std::optional<Question> {
        if (!yes(answer)) return std::nullopt;
        bool was_enabled = app.ssh_enabled();
        app.host_key.zeroize();
        key_changed(app, session, output, was_enabled);
        return std::nullopt;
      }};
}

std::string show_ip_ssh(App& app) {
  const auto& ssh = app.router.running().ip_ssh;
  std::string text = std::string("SSH ") + (app.ssh_enabled() ? "Enabled" : "Disabled") +
                     " - version " + app.ssh_version_text() + "\n";
  if (!app.ssh_enabled())
    text += "%Please create RSA keys to enable SSH (and of atleast 768 bits for SSH v2).\n";
  text += "Authentication timeout: " + std::to_string(ssh.time_out_seconds()) +
          " secs; Authentication retries: " + std::to_string(ssh.retries()) + "\n";
  text += "Minimum expected Diffie Hellman key size : 2048 bits\n";
  if (!app.host_key.present())
    return text + "IOS Keys in SECSH format(ssh-rsa, base64 encoded): NONE\n";
  text += "IOS Keys in SECSH format(ssh-rsa, base64 encoded): " + app.host_key.name() + "\n";
  return text + app.host_key.public_line() + "\n";
}

std::string show_ssh(App& app) {
  std::string rows;
  char row[256];
  for (const Shell* s : app.shells()) {
    if (!s->ssh) continue;
    for (const char* mode : {"IN", "OUT"}) {
      bool in = mode[0] == 'I';
      std::snprintf(row, sizeof row, "%-10d %-7s %-4s %-11s %-13s %-21s %s\n", s->vty_number(),
                    "2.0", mode, (in ? s->ssh->cipher_in : s->ssh->cipher_out).c_str(),
                    (in ? s->ssh->hmac_in : s->ssh->hmac_out).c_str(), "Session started",
                    s->user().c_str());
      rows += row;
    }
  }
  if (rows.empty())
    return "%No SSHv2 server connections running.\n%No SSHv1 server connections running.\n";
  return "Connection Version Mode Encryption  Hmac          State                 Username\n" +
         rows + "%No SSHv1 server connections running.\n";
}

}  // namespace

void register_ssh_commands(App& app) {
  app.commands.add(
      kGlobalConfig, "crypto key generate rsa [general-keys] [modulus <512-4096>$bits]",
      {"Encryption module", "Long term key operations", "Generate new keys", "Generate RSA keys",
       "Generate a general purpose RSAKey pair for signing and "
       "encryption",
       "Provide number of modulus bits on the command line", "size of the key modulus [512-4096]"},
      [&app](CommandContext& c) { crypto_key_generate(app, c); });
  app.commands.add(kGlobalConfig, "crypto key zeroize rsa [WORD]",
                   {"Encryption module", "Long term key operations", "Remove keys",
                    "Remove RSA keys", "keypair label"},
                   [&app](CommandContext& c) { crypto_key_zeroize(app, c); });
  add_show_command(app, {kUserExec, kPrivilegedExec}, "show ip ssh",
                   {"Show running system information", "IP information", "Information on SSH"},
                   [&app](CommandContext&) { return show_ip_ssh(app); });
  add_show_command(app, {kPrivilegedExec}, "show ssh",
                   {"Show running system information", "Status of SSH server connections"},
                   [&app](CommandContext&) { return show_ssh(app); });
}

}  // namespace cmemu::cli
