// Global configuration commands of the platform (docs/commands.md §2): the lines every IOS config
// carries (version, service, hostname, boot, logging, aaa, ip ..., ipv6, multilink, mgcp); enable,
// username, aaa lists and ip ssh are in config_commands_security.cpp.
// Sub-mode platform blocks are in config_commands_platform.cpp, voice and telephony elsewhere.
#include <algorithm>

#include "grammar/token_parsers.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

// A default-on/off switch: `CMD` sets it, `no CMD` clears it, `default CMD` restores `dflt`.
void add_switch(CommandSet& commands, const std::string& syntax,
                const std::vector<std::string>& help, bool Config::*member, bool dflt,
                ConfigRow row) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = syntax,
      .help = help,
      .handler =
          [member, dflt](CommandContext& c) {
            c.config->*member = c.args.has("default") ? dflt : !c.args.has("no");
            c.config_changed = true;
          },
      .row = row,
  });
}

// `boot system flash FILE` (prefix "flash ", kept as "flash FILE") and `boot system URL` (no
// prefix; the URL needs its `flash:` scheme), argument `arg`: a new entry goes to the end of the
// list; `no` removes it, or every entry when none is named.
Handler boot_entry(std::string prefix, std::string arg) {
  return [prefix, arg](CommandContext& c) {
    auto& boot = c.config->boot_system;
    std::string_view typed = c.args.get(arg);
    std::string entry = prefix + std::string(typed);
    if (negated(c)) {
      if (c.args.has(arg))
        std::erase(boot, entry);
      else
        boot.clear();
    } else if (std::find(boot.begin(), boot.end(), entry) == boot.end()) {
      bool scheme_ok = !prefix.empty() || typed.find(':') != std::string_view::npos;
      if (boot.size() >= limits::kMaxBootSystem || !scheme_ok ||
          !valid_printable_word(typed, 200)) {
        c.reject_at = c.args.offset(arg);
        return;
      }
      boot.push_back(entry);
    }
    c.config_changed = true;
  };
}

bool contiguous_mask(const Ipv4& mask) {
  std::uint32_t value = (std::uint32_t{mask[0]} << 24) | (std::uint32_t{mask[1]} << 16) |
                        (std::uint32_t{mask[2]} << 8) | mask[3];
  return (~value & (~value + 1)) == 0;  // the zero bits are one run at the bottom
}

void register_service(CommandSet& commands) {
  const std::string opt = "{msec | localtime | show-timezone | year}";
  const std::string syntax = "service timestamps {debug | log} [datetime [" + opt + " [" + opt +
                             " [" + opt + " [" + opt + "]]]] | uptime]";
  std::vector<std::string> help{"Modify use of network based services",
                                "Timestamp debug/log messages", "Timestamp debug messages",
                                "Timestamp log messages", "Timestamp with date and time"};
  const std::vector<std::string> opt_help{
      "Include milliseconds in timestamp", "Use local time zone for timestamps",
      "Add time zone information to timestamp", "Include year in timestamp"};
  for (int i = 0; i < 4; ++i) help.insert(help.end(), opt_help.begin(), opt_help.end());
  help.push_back("Timestamp with system uptime");
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = syntax,
      .help = help,
      .handler =
          [](CommandContext& c) {
            bool debug = c.args.has("debug"), log = c.args.has("log");
            std::optional<std::string> value;
            if (c.args.has("default")) {
              value = "datetime msec";
            } else if (!c.args.has("no")) {
              if (c.args.has("datetime")) {
                // Options in any order, each once; printed in IOS order.
                static constexpr const char* kOrder[] = {"msec", "localtime", "show-timezone",
                                                         "year"};
                bool seen[4] = {};
                bool after = false;
                for (const auto& token : c.args.tokens()) {
                  const std::string& word = token.node->token.text;
                  if (word == "datetime") {
                    after = true;
                    continue;
                  }
                  if (!after) continue;
                  for (int i = 0; i < 4; ++i)
                    if (word == kOrder[i]) {
                      if (seen[i]) {
                        c.reject_at = token.offset;
                        return;
                      }
                      seen[i] = true;
                    }
                }
                value = "datetime";
                for (int i = 0; i < 4; ++i)
                  if (seen[i]) *value += std::string(" ") + kOrder[i];
              } else {
                value = "uptime";  // IOS's default kind when none is given
              }
            }
            if (debug || !log) c.config->service_timestamps_debug = value;
            if (log || !debug) c.config->service_timestamps_log = value;
            c.config_changed = true;
          },
      .no_syntax = "service timestamps [{debug | log} [LINE]]",
      .no_help = {"Modify use of network based services", "Timestamp debug/log messages",
                  "Timestamp debug messages", "Timestamp log messages", "Timestamp options"},
      .row = ConfigRow::kVersionService,
  });
}

void register_ip_route(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ip route A.B.C.D$prefix A.B.C.D$mask WORD$hop [<1-255>$distance]",
      .help = {"Global IP configuration subcommands", "Establish static routes",
               "Destination prefix", "Destination prefix mask",
               "Forwarding router's address or interface", "Distance metric for this route"},
      .handler =
          [](CommandContext& c) {
            auto prefix = *grammar::parse_ipv4(c.args.get("prefix"));
            auto mask = *grammar::parse_ipv4(c.args.get("mask"));
            if (!contiguous_mask(mask)) {
              c.reject_at = c.args.offset("mask");
              return;
            }
            for (int i = 0; i < 4; ++i)
              if ((prefix[i] & ~mask[i]) != 0) {
                c.reject_at = c.args.offset("prefix");
                return;
              }
            std::string hop;
            if (c.args.has("hop")) {
              std::string_view word = c.args.get("hop");
              if (auto address = grammar::parse_ipv4(word))
                hop = grammar::format_ipv4(*address);
              else if (auto name = canonical_interface_name(word, {}))
                hop = *name;
              else {
                c.reject_at = c.args.offset("hop");
                return;
              }
            }
            auto& routes = c.config->ip_routes;
            auto same = [&](const IpRoute& r) {
              return r.prefix == prefix && r.mask == mask && (hop.empty() || r.next_hop == hop);
            };
            if (negated(c)) {
              std::erase_if(routes, same);
              c.config_changed = true;
              return;
            }
            IpRoute route{prefix, mask, hop, {}};
            if (c.args.has("distance"))
              route.distance = static_cast<int>(c.args.number("distance"));
            auto it = std::find_if(routes.begin(), routes.end(), same);
            if (it != routes.end()) {
              *it = route;
            } else {
              if (routes.size() >= limits::kMaxIpRoutes) {
                c.reject_at = c.args.offset("prefix");
                return;
              }
              routes.push_back(route);
            }
            c.config_changed = true;
          },
      .no_syntax = "ip route A.B.C.D$prefix A.B.C.D$mask [WORD$hop [<1-255>$distance]]",
      .row = ConfigRow::kForwardingRoutes,
  });
}

}  // namespace

void register_global_commands(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "version WORD",
      .help = {"Version", "Version number"},
      .handler = [](CommandContext&) {},  // the emulated version is printed (docs/decisions.md #6e)
      .no_form = false,
      .row = ConfigRow::kVersionService,
  });
  register_service(commands);
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "hostname WORD$name",
      .help = {"Set system's network name", "This system's network name"},
      .handler = sets_word(&Config::hostname, "name", 63, "Router"),
      .no_syntax = "hostname [WORD$name]",
      .row = ConfigRow::kHostname,
  });
  for (const char* marker : {"boot-start-marker", "boot-end-marker"})
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax = marker,
        .help = {"Boot configuration marker"},
        .handler = [](CommandContext&) {},  // always printed around the boot lines
        .no_form = false,
        .row = ConfigRow::kBoot,
    });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "boot system flash WORD$image",
      .help = {"Modify system boot parameters", "System image file", "Boot from flash memory",
               "System image filename"},
      .handler = boot_entry("flash ", "image"),
      .no_syntax = "boot system [flash [WORD$image]]",
      .row = ConfigRow::kBoot,
  });
  // `boot system flash:FILE` (the URL form most real configs carry), kept as typed.
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "boot system WORD$url",
      .help = {"Modify system boot parameters", "System image file",
               "System image URL (flash:FILE)"},
      .handler = boot_entry("", "url"),
      .row = ConfigRow::kBoot,
  });
  add_switch(commands, "logging message-counter syslog",
             {"Modify message logging facilities",
              "Configure log message to include certain counter value",
              "Counter which counts the number of messages sent to the syslog server"},
             &Config::logging_message_counter_syslog, true, ConfigRow::kLoggingEnable);
  add_switch(commands, "aaa new-model",
             {"Authentication, Authorization and Accounting.",
              "Enable NEW access control commands and functions.(Disables OLD commands.)"},
             &Config::aaa_new_model, false, ConfigRow::kAaa);
  add_switch(
      commands, "ip source-route",
      {"Global IP configuration subcommands", "Process packets with source routing header options"},
      &Config::ip_source_route, true, ConfigRow::kIpSourceRoute);
  add_switch(commands, "ip cef",
             {"Global IP configuration subcommands", "Cisco Express Forwarding"}, &Config::ip_cef,
             true, ConfigRow::kIpCefDomain);
  add_switch(
      commands, "ip domain-lookup",
      {"Global IP configuration subcommands", "Enable IP Domain Name System hostname translation"},
      &Config::ip_domain_lookup, true, ConfigRow::kIpCefDomain);
  add_switch(commands, "ip domain lookup",
             {"Global IP configuration subcommands", "IP DNS Resolver",
              "Enable IP Domain Name System hostname translation"},
             &Config::ip_domain_lookup, true, ConfigRow::kIpCefDomain);
  add_switch(commands, "ipv6 cef",
             {"Global IPv6 configuration commands", "Cisco Express Forwarding for IPv6"},
             &Config::ipv6_cef, false, ConfigRow::kIpv6Multilink);
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "multilink bundle-name authenticated",
      .help = {"PPP multilink global configuration", "Select method for naming multilink bundles",
               "Use peer's authenticated name"},
      .handler = [](CommandContext&) {},  // the only naming method cmemu knows; always printed
      .no_form = false,
      .row = ConfigRow::kIpv6Multilink,
  });
  add_switch(
      commands, "ip forward-protocol nd",
      {"Global IP configuration subcommands",
       "Controls forwarding of physical and directed IP broadcasts", "Sun's Network Disk protocol"},
      &Config::ip_forward_protocol_nd, true, ConfigRow::kForwardingRoutes);
  register_ip_route(commands);
  add_switch(
      commands, "ip http server",
      {"Global IP configuration subcommands", "HTTP server configuration", "Enable http server"},
      &Config::ip_http_server, false, ConfigRow::kIpHttpServer);
  add_switch(commands, "mgcp fax t38 ecm",
             {"Enable Media Gateway Control Protocol", "Fax configuration", "T.38 fax relay",
              "Enable error correction mode"},
             &Config::mgcp_fax_t38_ecm, false, ConfigRow::kMgcpFax);
}

}  // namespace cmemu::runtime
