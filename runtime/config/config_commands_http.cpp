// The HTTP server and the CME XML API settings (docs/xml-api.md §1): `ip http port`,
// `ip http authentication`, `ip http max-connections`, `ip http timeout-policy` (global), and
// telephony-service `xml user`, `log password`, `log table`. `ip http server` is a switch in
// config_commands_global.cpp; the `ixi` sub-modes are in config_commands_platform.cpp.
#include <string>

#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

IpHttp& ip_http_block(Config& k, CommandContext&) {
  return k.ip_http;
}

/// The telephony-service the line edits (made by its first line, as `telephony-service` would).
TelephonyService& telephony(CommandContext& c) {
  c.config_changed = true;
  return made(c.config->telephony);
}

void register_ip_http(CommandSet& commands) {
  const std::vector<std::string> prefix = {"Global IP configuration subcommands",
                                           "HTTP server configuration"};
  auto help = [&prefix](std::vector<std::string> rest) {
    std::vector<std::string> all = prefix;
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
  };
  commands.add_config({
      .syntax = "ip http port <1-65535>$number",
      .help = help({"HTTP server port", "Port number"}),
      .handler = on_object(ip_http_block, sets_number(&IpHttp::port, "number")),
      .no_syntax = "ip http port [<1-65535>$number]",
      .row = ConfigRow::kIpHttpServer,
  });
  commands.add_config({
      .syntax = "ip http authentication {enable | local}",
      .help = help({"HTTP server authentication method", "Use enable passwords for authentication",
                    "Use local username and passwords for authentication"}),
      .handler = on_object(ip_http_block,
                           [](IpHttp& h, CommandContext& c) {
                             h.authentication.clear();
                             if (!negated(c))
                               h.authentication = c.args.has("local") ? "local" : "enable";
                           }),
      .no_syntax = "ip http authentication [enable | local]",
      .row = ConfigRow::kIpHttpServer,
  });
  commands.add_config({
      .syntax = "ip http max-connections <1-16>$n",
      .help = help({"Set maximum number of concurrent http server connections",
                    "Maximum number of connections (default 5)"}),
      .handler = on_object(ip_http_block, sets_number(&IpHttp::max_connections, "n")),
      .no_syntax = "ip http max-connections [<1-16>$n]",
      .row = ConfigRow::kIpHttpServer,
  });
  commands.add_config({
      .syntax = "ip http timeout-policy idle <1-600>$idle_s life <1-86400>$life_s requests "
                "<1-86400>$count",
      .help = help({"Set http server time-out policy parameters",
                    "Idle time-out: how long a connection may wait for a request",
                    "Idle time-out in seconds (default 180)",
                    "Life time-out: how long a connection may last",
                    "Life time-out in seconds (default 180)", "Requests served on one connection",
                    "Requests (default 1)"}),
      .handler = on_object(ip_http_block,
                           [](IpHttp& h, CommandContext& c) {
                             h.timeout_policy.reset();
                             if (negated(c)) return;
                             h.timeout_policy =
                                 HttpTimeoutPolicy{static_cast<int>(c.args.number("idle_s")),
                                                   static_cast<int>(c.args.number("life_s")),
                                                   static_cast<int>(c.args.number("count"))};
                           }),
      .no_syntax = "ip http timeout-policy [LINE]",
      .no_help = help({"Set http server time-out policy parameters", "Parameters"}),
      .row = ConfigRow::kIpHttpServer,
  });
}

void register_xml_api_settings(CommandSet& commands) {
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "xml user WORD$name password WORD$secret <0-15>$level",
      .help = {"Configure XML API", "User allowed to use the XML API", "User name", "Password",
               "Password", "Privilege level"},
      .handler =
          [](CommandContext& c) {
            auto& t = telephony(c);
            t.xml_user.reset();
            if (negated(c)) return;
            // docs/xml-api.md §1: the guide's 19-character limit on both strings.
            for (const char* word : {"name", "secret"})
              if (c.args.get(word).size() > 19) {
                c.reject_at = c.args.offset(word);
                return;
              }
            t.xml_user = XmlUser{std::string(c.args.get("name")), std::string(c.args.get("secret")),
                                 static_cast<int>(c.args.number("level"))};
          },
      .no_syntax = "xml user [LINE]",
      .no_help = {"Configure XML API", "User allowed to use the XML API", "User"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "log password WORD$secret",
      .help = {"Configure XML event log", "Password of the XML event log (deprecated)", "Password"},
      .handler =
          [](CommandContext& c) {
            telephony(c).log_password = negated(c) ? "" : std::string(c.args.get("secret"));
          },
      .no_syntax = "log password [WORD$secret]",
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "log table {max-size <0-1000>$size | retain-timer <2-500>$minutes}",
      .help = {"Configure XML event log", "The XML event table", "Entries kept",
               "Entries (default 150)", "How long entries are kept", "Minutes (default 15)"},
      .handler =
          [](CommandContext& c) {
            auto& t = telephony(c);
            auto& target = c.args.has("max-size") ? t.log_table_max_size : t.log_table_retain_timer;
            target.reset();
            if (negated(c)) return;
            target = static_cast<int>(c.args.number(c.args.has("max-size") ? "size" : "minutes"));
          },
      .no_syntax = "log table {max-size [<0-1000>$size] | retain-timer [<2-500>$minutes]}",
  });
}

}  // namespace

void register_http_commands(CommandSet& commands) {
  register_ip_http(commands);
  register_xml_api_settings(commands);
  // ephone `keyphone`, the flag ISsetKeyPhones / ISunsetKeyPhones set (docs/xml-api.md §2): kept
  // with the ephone's other unmodelled lines.
  add_opaque_child(
      commands, kEphone, "keyphone",
      [](CommandContext& c) { return &c.config->ephones[frame_tag(c)].kept; }, true);
}

std::string render_ip_http(const Config& config) {
  std::string o;
  const IpHttp& h = config.ip_http;
  if (config.ip_http_server) o += "ip http server\n";
  if (h.port) o += "ip http port " + std::to_string(*h.port) + "\n";
  if (!h.authentication.empty()) o += "ip http authentication " + h.authentication + "\n";
  if (h.max_connections)
    o += "ip http max-connections " + std::to_string(*h.max_connections) + "\n";
  if (const auto& p = h.timeout_policy)
    o += "ip http timeout-policy idle " + std::to_string(p->idle) + " life " +
         std::to_string(p->life) + " requests " + std::to_string(p->requests) + "\n";
  return o;
}

void render_xml_api_settings(std::string& o, const TelephonyService& t) {
  if (const auto& u = t.xml_user)
    o +=
        " xml user " + u->name + " password " + u->password + " " + std::to_string(u->level) + "\n";
  if (!t.log_password.empty()) o += " log password " + t.log_password + "\n";
  if (t.log_table_max_size)
    o += " log table max-size " + std::to_string(*t.log_table_max_size) + "\n";
  if (t.log_table_retain_timer)
    o += " log table retain-timer " + std::to_string(*t.log_table_retain_timer) + "\n";
}

}  // namespace cmemu::runtime
