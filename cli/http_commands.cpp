#include "cli/http_commands.hpp"

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "cli/shell.hpp"
#include "grammar/text.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;

// IOS's layout of `show ip http server status`, with the lines of what cmemu models
// (docs/xml-api.md §1).
std::string show_http_status(const runtime::Config& config) {
  const auto& h = config.ip_http;
  auto policy = h.timeouts();
  std::string method = h.authentication.empty() ? "enable" : h.authentication;
  std::string out;
  out +=
      "HTTP server status: " + std::string(config.ip_http_server ? "Enabled" : "Disabled") + "\n";
  out += "HTTP server port: " + std::to_string(h.port_or_default()) + "\n";
  out += "HTTP server active supplementary listener ports: \n";
  out += "HTTP server authentication method: " + method + "\n";
  out += "HTTP server auth-retry 0 time-window 0\n";
  out += "HTTP server digest algorithm: md5\n";
  out += "HTTP server access class: 0\n";
  out += "HTTP server IPv4 access class: None\n";
  out += "HTTP server IPv6 access class: None\n";
  out += "HTTP server base path: \n";
  out += "HTTP File Upload status: Disabled\n";
  out += "HTTP server upload path: \n";
  out += "HTTP server help root: \n";
  out += "Maximum number of concurrent server connections allowed: " +
         std::to_string(h.max_connections_or_default()) + "\n";
  out += "Maximum number of secondary server connections allowed: 50\n";
  out += "Server idle time-out: " + std::to_string(policy.idle) + " seconds\n";
  out += "Server life time-out: " + std::to_string(policy.life) + " seconds\n";
  out += "Server session idle time-out: 600 seconds\n";
  out += "Maximum number of requests allowed on a connection: " + std::to_string(policy.requests) +
         "\n";
  out += "Server linger time : 60 seconds\n";
  out += "HTTP server active session modules: ALL\n";
  out += "HTTP secure server capability: Not present\n";
  return out;
}

}  // namespace

void register_http_commands(App& app) {
  const auto& router = app.router;
  add_show_command(app, {runtime::kUserExec, runtime::kPrivilegedExec},
                   "show ip http server status",
                   {"Show running system information", "IP information", "HTTP information",
                    "HTTP server information", "HTTP server status"},
                   [&router](CommandContext&) { return show_http_status(router.running()); });
}

http::CliResult run_xml_cli(App& app, const std::vector<std::string>& lines,
                            const std::string& who) {
  Shell shell(app, ShellKind::kScript, who);
  shell.session().modes.front().mode = runtime::kPrivilegedExec;
  shell.session().origin = who;
  shell.run_line("configure terminal");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string output = shell.run_line(lines[i]);
    if (!shell.had_error()) continue;
    shell.run_line("end");
    // The router's message: its `%` line (after the caret line of a bad input).
    std::string error;
    for (auto line : text::words(output, "\n"))
      if (line.starts_with("%")) {
        error = std::string(text::trim(line));
        break;
      }
    return {static_cast<int>(i + 1), error.empty() ? std::string(text::trim(output)) : error};
  }
  shell.run_line("end");
  return {};
}

}  // namespace cmemu::cli
