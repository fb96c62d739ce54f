// Platform blocks with sub-modes (docs/commands.md §2, §3.9): ip dhcp pool, voice-card, archive,
// interface, ixi transport/application, control-plane, voice-port, sip-ua, line. Stored,
// validated and rendered back so that real configs load; no other effect.
#include <algorithm>
#include <charconv>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"
#include "runtime/config/secrets.hpp"

namespace cmemu::runtime {
namespace {

template <typename T, typename Key>
T* find_named(std::vector<T>& items, const Key& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
  return it == items.end() ? nullptr : &*it;
}

// The object a sub-mode edits, found by the frame key; created again if another session
// deleted it meanwhile.
template <typename T>
T& named_in(std::vector<T>& items, const std::string& name) {
  if (T* found = find_named(items, name)) return *found;
  items.push_back(T{});
  items.back().name = name;
  return items.back();
}

// An edit for on_object: `member` takes the address typed for `address` and the mask typed for
// `mask` (`network`, `ip address`); the `no` form clears it.
template <typename Block>
auto sets_address_and_mask(std::optional<std::pair<Ipv4, Ipv4>> Block::*member,
                           std::string address) {
  return [member, address](Block& block, CommandContext& c) {
    auto& value = block.*member;
    value.reset();
    if (!negated(c))
      value = std::pair{*grammar::parse_ipv4(c.args.get(address)),
                        *grammar::parse_ipv4(c.args.get("mask"))};
  };
}

// The header line of a block kept by name in `items` (`ip dhcp pool P`, `interface I`,
// `voice-port P`): enters the block, made at the end of the list when it is new; the `no` form
// removes it. A new block is refused at argument `arg` when the list holds `max` already or
// `valid_name` is false.
template <typename T>
void open_named(CommandContext& c, std::vector<T>& items, const std::string& name,
                grammar::ModeId mode, std::size_t max, std::string_view arg,
                bool valid_name = true) {
  if (negated(c)) {
    std::erase_if(items, [&](const T& t) { return t.name == name; });
  } else {
    if (!find_named(items, name)) {
      if (items.size() >= max || !valid_name) {
        c.reject_at = c.args.offset(arg);
        return;
      }
      items.push_back(T{});
      items.back().name = name;
    }
    enter_mode(c, mode, name);
  }
  c.config_changed = true;
}

void register_dhcp(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ip dhcp pool WORD$name",
      .help = {"Global IP configuration subcommands", "Configure DHCP server and relay parameters",
               "Configure DHCP address pools", "Pool name"},
      .handler =
          [](CommandContext& c) {
            std::string name(c.args.get("name"));
            open_named(c, c.config->dhcp_pools, name, kDhcpPool, limits::kMaxDhcpPools, "name",
                       valid_printable_word(name, 64));
          },
      .row = ConfigRow::kDhcp,
  });
  auto pool = [](Config& k, CommandContext& c) -> DhcpPool& {
    return named_in(k.dhcp_pools, frame_key(c));
  };
  commands.add_config({
      .mode = kDhcpPool,
      .syntax = "network A.B.C.D$net A.B.C.D$mask",
      .help = {"Network number and mask", "Network number", "Network mask"},
      .handler = on_object(pool, sets_address_and_mask(&DhcpPool::network, "net")),
      .no_syntax = "network [LINE]",
      .no_help = {"Network number and mask", "Network"},
  });
  // Up to eight addresses; read from every A.B.C.D token of the line.
  auto addresses = [](const Args& args) {
    std::vector<Ipv4> list;
    for (const auto& token : args.tokens())
      if (token.node->token.kind == grammar::TokenKind::kIpv4)
        list.push_back(*grammar::parse_ipv4(token.text));
    return list;
  };
  std::string eight = "A.B.C.D";
  for (int i = 1; i < 8; ++i) eight += " [A.B.C.D";
  for (int i = 1; i < 8; ++i) eight += "]";
  // The address lists of a pool: the keywords before the addresses, the keywords of the `no`
  // form, and the help of each.
  struct AddressList {
    std::string keywords;
    std::string no_keywords;
    std::vector<std::string> help;
    std::vector<std::string> no_help;
    std::vector<Ipv4> DhcpPool::*member;
  };
  const AddressList lists[] = {
      {"default-router",
       "default-router",
       {"Default routers"},
       {"Default routers"},
       &DhcpPool::default_router},
      {"option 150 ip",
       "option 150",
       {"Raw DHCP options", "TFTP server for Cisco IP phones", "IP addresses"},
       {"Raw DHCP options", "TFTP server for Cisco IP phones"},
       &DhcpPool::option150},
  };
  for (const AddressList& list : lists) {
    std::vector<std::string> help = list.help;
    help.insert(help.end(), 8, "IP address");
    std::vector<std::string> no_help = list.no_help;
    no_help.push_back("Addresses");
    auto member = list.member;
    commands.add_config({
        .mode = kDhcpPool,
        .syntax = list.keywords + " " + eight,
        .help = help,
        .handler = on_object(pool,
                             [addresses, member](DhcpPool& p, CommandContext& c) {
                               p.*member = negated(c) ? std::vector<Ipv4>{} : addresses(c.args);
                             }),
        .no_syntax = list.no_keywords + " [LINE]",
        .no_help = no_help,
    });
  }
  OpaqueLines lines = [pool](CommandContext& c) -> KeptLines* { return &pool(*c.config, c).kept; };
  // Other options (`option 66 ascii ...`) are kept verbatim.
  add_opaque_child(commands, kDhcpPool, "option", lines, false, true);
  for (const char* single : {"domain-name", "lease", "next-server", "bootfile", "host",
                             "hardware-address", "client-identifier", "client-name"})
    add_opaque_child(commands, kDhcpPool, single, lines, true);
  add_opaque_children(commands, kDhcpPool,
                      {"dns-server", "import", "netbios-name-server", "netbios-node-type", "class",
                       "update", "utilization", "origin", "relay"},
                      lines);
}

void register_archive(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "archive",
      .help = {"Archive the configuration"},
      .handler = opens_block(&Config::archive, kArchive),
      .row = ConfigRow::kArchive,
  });
  auto archive = [](CommandContext& c) -> Archive& { return made(c.config->archive); };
  commands.add_config({
      .mode = kArchive,
      .syntax = "log config",
      .help = {"Logging commands", "Logging configuration changes"},
      .handler = opens_block(
          [](Config & k) -> auto& { return made(k.archive).log_config; }, kArchiveLog),
  });
  auto log_config = [archive](CommandContext& c) -> ArchiveLogConfig& {
    return made(archive(c).log_config);
  };
  commands.add_config({
      .mode = kArchiveLog,
      .syntax = "hidekeys",
      .help = {"Suppress output of passwords and keys"},
      .handler =
          [log_config](CommandContext& c) {
            log_config(c).hidekeys = !negated(c);
            c.config_changed = true;
          },
  });
  add_opaque_children(commands, kArchive,
                      {"path", "maximum", "time-period", "write-memory", "rollback"},
                      [archive](CommandContext& c) { return &archive(c).kept; });
  add_opaque_child(commands, kArchiveLog, "logging {enable | size | persistent}",
                   [log_config](CommandContext& c) { return &log_config(c).kept; });
  add_opaque_children(commands, kArchiveLog, {"notify"},
                      [log_config](CommandContext& c) { return &log_config(c).kept; });
}

void register_interfaces(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "interface WORD$type [WORD$unit]",
      .help = {"Select an interface to configure", "Interface type and number (fa0/0, lo0)",
               "Interface number"},
      .handler =
          [](CommandContext& c) {
            auto name = canonical_interface_name(c.args.get("type"), c.args.get("unit"));
            if (!name) {
              c.reject_at = c.args.offset("type");
              return;
            }
            if (negated(c) && !virtual_interface(*name)) {  // physical interfaces stay
              c.reject_at = c.args.offset("type");
              return;
            }
            open_named(c, c.config->interfaces, *name, kInterface, limits::kMaxInterfaces, "type");
          },
      .row = ConfigRow::kInterfaces,
  });
  auto interface = [](Config& k, CommandContext& c) -> Interface& {
    return named_in(k.interfaces, frame_key(c));
  };
  // duplex and speed: the keyword typed last; the `no` form clears it.
  auto last_keyword = [](std::string Interface::*member) {
    return [member](Interface& i, CommandContext& c) {
      i.*member = negated(c) ? std::string{} : c.args.tokens().back().node->token.text;
    };
  };
  commands.add_config({
      .mode = kInterface,
      .syntax = "description LINE$text",
      .help = {"Interface specific description", "Up to 240 characters describing this interface"},
      .handler = on_object(interface,
                           [](Interface& i, CommandContext& c) {
                             std::string_view text =
                                 negated(c) ? std::string_view{} : c.args.rest("text");
                             if (text.size() > 240) {
                               c.reject_at = c.args.offset("text");
                               return;
                             }
                             i.description = std::string(text);
                           }),
      .no_syntax = "description [LINE$text]",
  });
  commands.add_config({
      .mode = kInterface,
      .syntax = "ip address A.B.C.D$addr A.B.C.D$mask",
      .help = {"Interface Internet Protocol config commands", "Set the IP address of an interface",
               "IP address", "IP subnet mask"},
      .handler = on_object(interface, sets_address_and_mask(&Interface::ip_address, "addr")),
      .no_syntax = "ip address [LINE]",
      .no_help = {"Interface Internet Protocol config commands",
                  "Set the IP address of an interface", "Address and mask"},
  });
  commands.add_config({
      .mode = kInterface,
      .syntax = "shutdown",
      .help = {"Shutdown the selected interface"},
      .handler =
          on_object(interface, [](Interface& i, CommandContext& c) { i.shutdown = !negated(c); }),
  });
  commands.add_config({
      .mode = kInterface,
      .syntax = "duplex {auto | full | half}",
      .help = {"Configure duplex operation", "Enable AUTO duplex configuration",
               "Force full duplex operation", "Force half-duplex operation"},
      .handler = on_object(interface, last_keyword(&Interface::duplex)),
      .no_syntax = "duplex [auto | full | half]",
  });
  commands.add_config({
      .mode = kInterface,
      .syntax = "speed {10 | 100 | 1000 | auto}",
      .help = {"Configure speed operation", "Force 10 Mbps operation", "Force 100 Mbps operation",
               "Force 1000 Mbps operation", "Enable AUTO speed configuration"},
      .handler = on_object(interface, last_keyword(&Interface::speed)),
      .no_syntax = "speed [10 | 100 | 1000 | auto]",
  });
  OpaqueLines lines = [interface](CommandContext& c) -> KeptLines* {
    return &interface(*c.config, c).kept;
  };
  add_opaque_child(commands, kInterface,
                   "ip {helper-address | virtual-reassembly | redirects | unreachables | "
                   "proxy-arp | route-cache | mtu | tcp | access-group | ospf | pim | igmp | "
                   "flow | dhcp | unnumbered | policy | mroute-cache | verify | inspect | "
                   "accounting | nhrp}",
                   lines);
  for (const char* single : {"encapsulation", "bandwidth", "mtu", "keepalive", "load-interval",
                             "media-type", "negotiation", "mac-address", "vrf", "delay"})
    add_opaque_child(commands, kInterface, single, lines, true);
  add_opaque_children(
      commands, kInterface,
      {"isdn",           "h323-gateway", "clns",    "qos",         "nhrp",          "xconnect",
       "service-module", "switchport",   "standby", "pvc",         "pppoe",         "tunnel",
       "service-policy", "ppp",          "dialer",  "zone-member", "channel-group", "vlan-id",
       "carrier-delay",  "arp",          "snmp",    "hold-queue"},
      lines);
  // First words that are also global families take only their interface forms, so that a
  // global line after an interface block is not taken as its child.
  for (const char* specific :
       {"ip nat {inside | outside | enable}", "cdp enable", "clock rate", "logging event",
        "crypto map", "spanning-tree portfast",
        "ipv6 {address | enable | nd | mtu | ospf | traffic-filter | unnumbered}"})
    add_opaque_child(commands, kInterface, specific, lines);
}

void register_ixi(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ixi transport http",
      .help = {"Configure XML interface", "XML transport", "HTTP transport"},
      .handler = opens_block(&Config::ixi_transport_http, kIxiTransport),
      .row = ConfigRow::kIxiTransport,
  });
  auto transport = [](Config& k, CommandContext&) -> IxiTransportHttp& {
    return made(k.ixi_transport_http);
  };
  struct Setting {
    const char* syntax;
    const char* no_syntax;
    std::vector<std::string> help;
    std::optional<int> IxiTransportHttp::*member;
    const char* value;
  };
  const Setting settings[] = {
      {"response size <1-64>$n",
       "response size [<1-64>$n]",
       {"Response parameters", "Size of a response fragment", "Kilobytes"},
       &IxiTransportHttp::response_size,
       "n"},
      {"request outstanding <1-10>$n",
       "request outstanding [<1-10>$n]",
       {"Request parameters", "Outstanding requests allowed", "Requests"},
       &IxiTransportHttp::request_outstanding,
       "n"},
      {"request timeout <0-60>$n",
       "request timeout [<0-60>$n]",
       {"Request parameters", "Request timeout", "Seconds"},
       &IxiTransportHttp::request_timeout,
       "n"},
  };
  for (const auto& setting : settings) {
    auto member = setting.member;
    commands.add_config({
        .mode = kIxiTransport,
        .syntax = setting.syntax,
        .help = setting.help,
        .handler = on_object(transport, sets_number(member, setting.value)),
        .no_syntax = setting.no_syntax,
    });
  }
  commands.add_config({
      .mode = kIxiTransport,
      .syntax = "shutdown",
      .help = {"Shut down the XML transport"},
      .handler = on_object(transport,
                           [](IxiTransportHttp& t, CommandContext& c) {
                             t.shutdown = !c.args.has("no");  // shut down by default
                           }),
  });

  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ixi application cme",
      .help = {"Configure XML interface", "XML application", "Cisco Unified CME"},
      .handler = opens_block(&Config::ixi_application_cme, kIxiApplication),
      .no_form = false,  // VCR: no `no` form
      .row = ConfigRow::kIxiApplication,
  });
  auto application = [](Config& k, CommandContext&) -> IxiApplicationCme& {
    return made(k.ixi_application_cme);
  };
  commands.add_config({
      .mode = kIxiApplication,
      .syntax = "response timeout <-1-60>$n",
      .help = {"Response parameters", "Response timeout", "Seconds, -1 for no timeout (default)"},
      .handler = on_object(application, sets_number(&IxiApplicationCme::response_timeout, "n", -1)),
      .no_syntax = "response timeout [<-1-60>$n]",
  });
  commands.add_config({
      .mode = kIxiApplication,
      .syntax = "shutdown",
      .help = {"Shut down the XML application"},
      .handler = on_object(application,
                           [](IxiApplicationCme& a, CommandContext& c) {
                             a.shutdown = !c.args.has("no");  // shut down by default
                           }),
  });
}

// control-plane, voice-card N, voice-port S/P/T, sip-ua: blocks whose children are all kept.
void register_kept_child_blocks(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "control-plane",
      .help = {"Configure control plane services"},
      .handler = [](CommandContext& c) { enter_mode(c, kControlPlane); },
      .no_form = false,
      .row = ConfigRow::kControlPlane,
  });
  add_opaque_children(commands, kControlPlane, {"service-policy", "management-interface"},
                      [](CommandContext& c) { return &c.config->control_plane.kept; });

  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice-card WORD$slot",
      .help = {"Configure a specific voice-card", "Voice interface slot (0-15) or slot/bay"},
      .handler =
          [](CommandContext& c) {
            // SLOT or SLOT/BAY (IOS XE), each 0-15.
            auto parts = text::words(c.args.get("slot"), "/");
            std::vector<int> numbers;
            for (auto part : parts)
              if (auto n = grammar::parse_number_in_range(part, 0, 15); n && part.size() <= 2)
                numbers.push_back(static_cast<int>(*n));
            std::string_view typed = c.args.get("slot");
            if (numbers.empty() || numbers.size() != parts.size() || numbers.size() > 2 ||
                typed.front() == '/' || typed.back() == '/' ||
                typed.find("//") != std::string_view::npos) {
              c.reject_at = c.args.offset("slot");
              return;
            }
            std::string name = std::to_string(numbers[0]);
            if (numbers.size() == 2) name += "/" + std::to_string(numbers[1]);
            auto& cards = c.config->voice_cards;
            auto key = [](const std::string& card) {
              auto slash = card.find('/');
              return std::pair{std::stoi(card.substr(0, slash)),
                               slash == std::string::npos ? -1 : std::stoi(card.substr(slash + 1))};
            };
            if (negated(c)) {
              std::erase_if(cards, [&](const NamedBlock& b) { return b.name == name; });
            } else {
              if (!find_named(cards, name)) {
                auto at = std::find_if(cards.begin(), cards.end(), [&](const NamedBlock& b) {
                  return key(b.name) > key(name);
                });
                cards.insert(at, NamedBlock{name, {}});
              }
              enter_mode(c, kVoiceCard, name);
            }
            c.config_changed = true;
          },
      .row = ConfigRow::kVoiceCards,
  });
  add_opaque_children(
      commands, kVoiceCard,
      {"dspfarm", "dsp", "codec", "watchdog", "network-clock-participate", "voice-service",
       "no-watchdog", "clock"},
      [](CommandContext& c) { return &named_in(c.config->voice_cards, frame_key(c)).kept; });

  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice-port WORD$port",
      .help = {"Configure a specific voice-port", "Voice port (slot/subunit/port)"},
      .handler =
          [](CommandContext& c) {
            auto canonical = canonical_voice_port(c.args.get("port"));
            if (!canonical) {
              c.reject_at = c.args.offset("port");
              return;
            }
            open_named(c, c.config->voice_ports, *canonical, kVoicePort, limits::kMaxVoicePorts,
                       "port");
          },
      .row = ConfigRow::kVoicePorts,
  });
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "sip-ua",
      .help = {"SIP User Agent (SIP-UA)"},
      .handler =
          [](CommandContext& c) {
            if (negated(c)) {
              c.config->sip_ua.reset();
            } else {
              if (!c.config->sip_ua) c.config->sip_ua.emplace(NamedBlock{"sip-ua", {}});
              enter_mode(c, kSipUa);
            }
            c.config_changed = true;
          },
      .row = ConfigRow::kSipUa,
  });
}

// --- line con 0 / aux 0 / vty A [B] ------------------------------------------------------------
// vty lines are kept as groups of consecutive lines with the same settings (IOS prints one
// `line vty A B` per group). A child command splits the groups at its range, applies to the
// groups inside, then merges neighbours that became equal (never across the 4|5 boundary, where
// IOS keeps `line vty 0 4` and `line vty 5 15` apart).

struct VtyRange {
  int first = 0, last = 0;
};

std::optional<VtyRange> vty_range(const std::string& name) {
  if (!name.starts_with("vty ")) return std::nullopt;
  VtyRange range;
  const char* p = name.data() + 4;
  const char* end = name.data() + name.size();
  p = std::from_chars(p, end, range.first).ptr;
  range.last = range.first;
  if (p < end && *p == ' ') std::from_chars(p + 1, end, range.last);
  return range;
}

std::string vty_name(int first, int last) {
  return first == last ? "vty " + std::to_string(first)
                       : "vty " + std::to_string(first) + " " + std::to_string(last);
}

bool same_settings(const LineConfig& a, const LineConfig& b) {
  LineConfig x = a, y = b;
  x.name = y.name = "";
  return x == y;
}

void sort_lines(std::vector<LineConfig>& lines) {
  // con, aux, the numbered async lines (in the order made), then the vty groups.
  auto rank = [](const LineConfig& l) {
    if (l.name == "con 0") return -3;
    if (l.name == "aux 0") return -2;
    auto range = vty_range(l.name);
    return range ? range->first : -1;
  };
  std::stable_sort(lines.begin(), lines.end(),
                   [&](const LineConfig& a, const LineConfig& b) { return rank(a) < rank(b); });
}

// Splits vty groups so that `at` starts a group.
void split_vty_at(std::vector<LineConfig>& lines, int at) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto range = vty_range(lines[i].name);
    if (!range || at <= range->first || at > range->last) continue;
    LineConfig tail = lines[i];
    lines[i].name = vty_name(range->first, at - 1);
    tail.name = vty_name(at, range->last);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, tail);
    return;
  }
}

void merge_vty(std::vector<LineConfig>& lines) {
  for (std::size_t i = 0; i + 1 < lines.size();) {
    auto a = vty_range(lines[i].name), b = vty_range(lines[i + 1].name);
    if (a && b && a->last + 1 == b->first && (a->last != 4) &&
        same_settings(lines[i], lines[i + 1])) {
      lines[i].name = vty_name(a->first, b->last);
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      continue;
    }
    ++i;
  }
}

// Runs `edit` on every line the session's `line ...` frame names. The lines are edited as a copy
// and kept only when every edit succeeds (`edit` returns false after setting c.reject_at).
template <typename Edit>
Handler on_lines(Edit edit) {
  return [edit](CommandContext& c) {
    std::vector<LineConfig> lines = c.config->lines;
    const std::string& key = frame_key(c);
    auto range = vty_range(key);
    if (range) {
      split_vty_at(lines, range->first);
      split_vty_at(lines, range->last + 1);
    }
    for (auto& line : lines) {
      auto r = vty_range(line.name);
      bool inside =
          range ? (r && r->first >= range->first && r->last <= range->last) : line.name == key;
      if (inside && !edit(line, c)) return;
    }
    merge_vty(lines);
    c.config->lines = std::move(lines);
    c.config_changed = true;
  };
}

void register_lines(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "line {console <0-0>$n | aux <0-0>$n | vty <0-15>$first [<0-15>$last] | "
                "<1-1000>$absolute}",
      .help = {"Configure a terminal line", "Primary terminal line", "First line number",
               "Auxiliary line", "First line number", "Virtual terminal", "First line number",
               "Last line number", "First line number"},
      .handler =
          [](CommandContext& c) {
            if (c.args.has("console") || c.args.has("aux")) {
              enter_mode(c, kLine, c.args.has("console") ? "con 0" : "aux 0");
              return;
            }
            if (c.args.has("absolute")) {  // an async line by its absolute number (`line 66`)
              std::string name = std::to_string(c.args.number("absolute"));
              auto& lines = c.config->lines;
              if (!find_named(lines, name)) {
                LineConfig added;
                added.name = name;
                lines.push_back(added);
                sort_lines(lines);
                c.config_changed = true;
              }
              enter_mode(c, kLine, name);
              return;
            }
            int first = static_cast<int>(c.args.number("first"));
            int last = static_cast<int>(c.args.number("last", first));
            if (last < first) {
              c.reject_at = c.args.offset("last");
              return;
            }
            // Lines that do not exist yet are created with the vty defaults.
            auto& lines = c.config->lines;
            bool covered[16] = {};
            for (const auto& line : lines)
              if (auto r = vty_range(line.name))
                for (int n = r->first; n <= r->last; ++n) covered[n] = true;
            for (int n = first; n <= last;) {
              if (covered[n]) {
                ++n;
                continue;
              }
              int end = n;
              while (end + 1 <= last && !covered[end + 1]) ++end;
              LineConfig added;
              added.name = vty_name(n, end);
              added.login = true;
              lines.push_back(added);
              c.config_changed = true;
              n = end + 1;
            }
            sort_lines(lines);
            enter_mode(c, kLine, vty_name(first, last));
          },
      .no_form = false,
      .row = ConfigRow::kLines,
  });
  commands.add_config({
      .mode = kLine,
      .syntax = "password [0$type | 7$type] WORD$secret",
      .help = {"Set a password", "Specifies an UNENCRYPTED password will follow",
               "Specifies a HIDDEN password will follow", "The password"},
      .handler = on_lines([](LineConfig& line, CommandContext& c) {
        line.password.reset();
        line.password_type = -1;
        if (negated(c)) return true;
        if (!printable_word_arg(c, "secret", 80)) return false;
        std::string_view typed = c.args.get("secret");
        int type = c.args.has("type") ? static_cast<int>(c.args.number("type")) : -1;
        if (type == 7 && !secrets::type7_decode(typed)) {
          c.reject_at = c.args.offset("secret");
          return false;
        }
        line.password = std::string(typed);
        line.password_type = type;
        // docs/cli.md §16: typed while `service password-encryption` is on, it is kept encoded.
        if (type != 7 && c.config->service_password_encryption) {
          line.password = secrets::type7_encode(typed);
          line.password_type = 7;
        }
        return true;
      }),
      .no_syntax = "password [LINE]",
      .no_help = {"Set a password", "The password"},
  });
  commands.add_config({
      .mode = kLine,
      .syntax = "login [local | authentication WORD$list]",
      .help = {"Enable password checking", "Local password checking", "Authentication parameters",
               "Method list name"},
      .handler = on_lines([](LineConfig& line, CommandContext& c) {
        line.login_method.clear();
        if (c.args.has("default")) {
          line.login = vty_range(line.name).has_value();
          return true;
        }
        line.login = !c.args.has("no");
        if (!line.login) return true;
        if (c.args.has("local")) line.login_method = "local";
        if (c.args.has("authentication")) {
          if (!printable_word_arg(c, "list", 64)) return false;
          line.login_method = "authentication " + std::string(c.args.get("list"));
        }
        return true;
      }),
      .no_syntax = "login [LINE]",
      .no_help = {"Enable password checking", "Method"},
  });
  commands.add_config({
      .mode = kLine,
      .syntax = "exec-timeout <0-35791>$minutes [<0-2147483>$seconds]",
      .help = {"Set the EXEC timeout", "Timeout in minutes", "Timeout in seconds"},
      .handler = on_lines([](LineConfig& line, CommandContext& c) {
        line.exec_timeout.clear();
        if (negated(c)) return true;
        line.exec_timeout = std::to_string(c.args.number("minutes"));
        if (c.args.has("seconds"))
          line.exec_timeout += " " + std::to_string(c.args.number("seconds"));
        return true;
      }),
      .no_syntax = "exec-timeout [LINE]",
      .no_help = {"Set the EXEC timeout", "Timeout"},
  });
  // Kept children apply to every line of the range, like the modelled ones.
  add_opaque_child_syntax(commands, kLine, "logging synchronous",
                          on_lines([](LineConfig& line, CommandContext& c) {
                            return edit_opaque_lines(c, line.kept, true);
                          }));
  commands.add_config({
      .mode = kLine,
      .syntax = "privilege level <0-15>$privilege_level",
      .help = {"Change privilege level for line", "Assign default privilege level for line",
               "Default privilege level for line"},
      .handler = on_lines([](LineConfig& line, CommandContext& c) {
        line.privilege_level.reset();
        if (!negated(c)) line.privilege_level = static_cast<int>(c.args.number("privilege_level"));
        return true;
      }),
      .no_syntax = "privilege level [LINE]",
      .no_help = {"Change privilege level for line", "Assign default privilege level for line",
                  "Level"},
  });
  // The protocols a vty accepts (docs/cli.md §16); `transport output` and the rest are kept.
  commands.add_config({
      .mode = kLine,
      .syntax = "transport input {all$all | none$none | telnet$telnet [ssh$ssh] | ssh$ssh "
                "[telnet$telnet]}",
      .help = {"Define transport protocols for line",
               "Define which protocols to use when connecting to the terminal server",
               "All protocols", "No protocols", "TCP/IP Telnet protocol", "TCP/IP SSH protocol",
               "TCP/IP SSH protocol", "TCP/IP Telnet protocol"},
      .handler = on_lines([](LineConfig& line, CommandContext& c) {
        line.transport_input.clear();
        if (negated(c)) return true;
        if (c.args.has("all")) line.transport_input = "all";
        if (c.args.has("none")) line.transport_input = "none";
        if (c.args.has("telnet")) line.transport_input = "telnet";
        if (c.args.has("ssh"))
          line.transport_input += line.transport_input.empty() ? "ssh" : " ssh";
        return true;
      }),
      .no_syntax = "transport input [LINE]",
      .no_help = {"Define transport protocols for line",
                  "Define which protocols to use when connecting to the terminal server",
                  "Protocols"},
  });
  for (const char* keyword : {"transport",
                              "length",
                              "width",
                              "stopbits",
                              "flowcontrol",
                              "access-class",
                              "history",
                              "escape-character",
                              "session-timeout",
                              "absolute-timeout",
                              "exec",
                              "autoselect",
                              "modem",
                              "speed",
                              "rotary",
                              "location",
                              "accounting",
                              "authorization",
                              "terminal-type",
                              "databits",
                              "parity",
                              "activation-character"}) {
    bool single =
        std::string_view(keyword) != "transport" && std::string_view(keyword) != "access-class";
    add_opaque_child_syntax(commands, kLine, keyword,
                            on_lines([single](LineConfig& line, CommandContext& c) {
                              return edit_opaque_lines(c, line.kept, single);
                            }));
  }
}

}  // namespace

void register_platform_commands(CommandSet& commands) {
  register_dhcp(commands);
  register_archive(commands);
  register_interfaces(commands);
  register_ixi(commands);
  register_kept_child_blocks(commands);
  register_lines(commands);
}

}  // namespace cmemu::runtime
