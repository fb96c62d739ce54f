#pragma once
// The typed running-config. Values are checked when typed; rendering to IOS text lives in
// render_config.cpp. Services read this, never the CLI text.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/render_order.hpp"

namespace cmemu::runtime {

using Ipv4 = std::array<std::uint8_t, 4>;

/// Emulated platform limits (docs/commands.md §6) and the bounds on every list user input can grow.
/// Past a bound the line is refused with a caret, like any bad value.
namespace limits {
inline constexpr int kMaxEphones = 5000;         // ephone tag, max-ephones
inline constexpr int kMaxDn = 10000;             // ephone-dn / template tag, max-dn
inline constexpr int kMaxUserProfiles = 15000;   // voice user-profile tag
inline constexpr int kMaxLogoutProfiles = 5000;  // voice logout-profile tag
inline constexpr int kMaxSessionServers = 8;     // docs/decisions.md #5
inline constexpr int kMaxButtons = 42;           // buttons per ephone
inline constexpr std::size_t kMaxProfileNumbers = 42;
inline constexpr std::size_t kMaxDhcpPools = 256;
inline constexpr std::size_t kMaxInterfaces = 1024;
inline constexpr std::size_t kMaxIpRoutes = 4096;
inline constexpr std::size_t kMaxVoicePorts = 256;
inline constexpr std::size_t kMaxBootSystem = 16;
inline constexpr std::size_t kMaxOpaqueBlocks = 20000;   // top-level kept blocks
inline constexpr std::size_t kMaxOpaqueChildren = 5000;  // children of one kept block
inline constexpr std::size_t kMaxBannerLines = 200;      // lines of one banner
inline constexpr std::size_t kMaxOpaqueLines = 256;      // kept lines inside one modelled object
inline constexpr std::size_t kMaxText = 512;             // one stored free-text value or kept line
inline constexpr std::size_t kMaxDnNumber = 16;          // characters of a DN number (CR)
inline constexpr std::size_t kMaxLabel = 30;             // ephone-dn label (CR)
inline constexpr std::size_t kMaxRegisterId = 30;        // session-server register-id
}  // namespace limits

/// Where a kept line whose command has no place in its mode's IOS order goes: after every other
/// line, in the order typed (the loose children of docs/decisions.md #6b).
inline constexpr std::uint16_t kLooseOrder = 0xFFFF;

/// A line a mode keeps as text (docs/decisions.md #6b): the canonical text of a checked child (a
/// command whose syntax the grammar checks, docs/commands.md §3) or a loose child read verbatim.
/// `order` is its command's place in the mode's IOS rendering order; `children` are the lines of
/// the sub-mode it opens (`voice service voip` / `h323`, `application` / `service`).
struct KeptLine {
  std::uint16_t order = kLooseOrder;
  std::string text;
  std::vector<KeptLine> children;
  bool operator==(const KeptLine&) const = default;
};
using KeptLines = std::vector<KeptLine>;

/// A command family cmemu keeps but does not model (docs/decisions.md #6b): its line and indented
/// children, verbatim.
struct OpaqueBlock {
  std::string line;  // the header in canonical form: keywords in full, arguments as typed
  std::vector<std::string> children;  // as read, with their indentation (typed ones get one space)
  bool operator==(const OpaqueBlock&) const = default;
};

struct DhcpPool {
  std::string name;
  std::optional<std::pair<Ipv4, Ipv4>> network;
  std::vector<Ipv4> option150;       // `option 150 ip A [B ...]`, up to 8
  std::vector<Ipv4> default_router;  // up to 8
  KeptLines kept;
  bool operator==(const DhcpPool&) const = default;
};

struct RegistrarServer {
  // Both set when `expires` was given (then both are printed), neither otherwise.
  std::optional<int> expires_max;  // 120-86400 (docs/decisions.md #6c), default 3600
  std::optional<int> expires_min;  // 60-3600, default 60
  bool operator==(const RegistrarServer&) const = default;
};

struct VoiceServiceSip {
  std::optional<RegistrarServer> registrar;
  KeptLines kept;
  bool operator==(const VoiceServiceSip&) const = default;
};

struct VoiceService {
  bool allow_connections_sip_to_sip = false;
  bool supplementary_moved_temporarily = true;
  bool supplementary_refer = true;
  bool callmonitor = false;
  bool gcid = false;
  bool cti_shutdown = true;  // docs/decisions.md #12
  bool cti_csta_mode_basic = false;
  bool cti_device_id_suppress_conversion = false;
  KeptLines kept;
  std::optional<VoiceServiceSip> sip;
  bool operator==(const VoiceService&) const = default;
};

struct VoiceRegisterGlobal {
  bool mode_cme = false;
  std::optional<Ipv4> source_address;
  std::optional<int> source_port;  // printed only when typed
  KeptLines kept;
  bool operator==(const VoiceRegisterGlobal&) const = default;
};

struct SessionServer {
  std::optional<int> keepalive;  // 60-3600, default 300
  std::string register_id;
  bool cti_aware = false;
  KeptLines kept;
  bool operator==(const SessionServer&) const = default;
  int keepalive_seconds() const { return keepalive.value_or(300); }
};

struct ProfileNumber {
  std::string number;
  std::string type;  // normal, silent-ring, ...
  bool operator==(const ProfileNumber&) const = default;
};

/// `voice logout-profile N` and `voice user-profile N`.
struct Profile {
  std::optional<std::pair<std::string, std::string>> user;  // name, password
  std::vector<ProfileNumber> numbers;
  KeptLines kept;
  bool operator==(const Profile&) const = default;
};

struct ArchiveLogConfig {
  bool hidekeys = false;
  KeptLines kept;
  bool operator==(const ArchiveLogConfig&) const = default;
};

struct Archive {
  std::optional<ArchiveLogConfig> log_config;
  KeptLines kept;
  bool operator==(const Archive&) const = default;
};

struct Interface {
  std::string name;  // full type name: FastEthernet0/0
  std::string description;
  std::optional<std::pair<Ipv4, Ipv4>> ip_address;  // none renders ` no ip address`
  bool shutdown = false;
  std::string duplex;  // "" = not printed
  std::string speed;
  KeptLines kept;
  bool operator==(const Interface&) const = default;
};

struct IpRoute {
  Ipv4 prefix{}, mask{};
  std::string next_hop;         // address, or full interface name
  std::optional<int> distance;  // 1-255
  bool operator==(const IpRoute&) const = default;
};

/// `ip http timeout-policy idle S life S requests N` (IOS defaults 180, 180, 1).
struct HttpTimeoutPolicy {
  int idle = 180;
  int life = 180;
  int requests = 1;
  bool operator==(const HttpTimeoutPolicy&) const = default;
};

/// The `ip http ...` settings other than `server` (docs/xml-api.md §1).
struct IpHttp {
  std::optional<int> port;             // 1-65535, default 80
  std::string authentication;          // "", "enable", "local"
  std::optional<int> max_connections;  // 1-16, default 5
  std::optional<HttpTimeoutPolicy> timeout_policy;
  bool operator==(const IpHttp&) const = default;
  int port_or_default() const { return port.value_or(80); }
  int max_connections_or_default() const { return max_connections.value_or(5); }
  HttpTimeoutPolicy timeouts() const { return timeout_policy.value_or(HttpTimeoutPolicy{}); }
};

struct IxiTransportHttp {
  std::optional<int> response_size;
  bool shutdown = true;
  std::optional<int> request_outstanding;
  std::optional<int> request_timeout;
  bool operator==(const IxiTransportHttp&) const = default;
};

struct IxiApplicationCme {
  std::optional<int> response_timeout;  // 0-60; unset = the default -1
  bool shutdown = true;
  bool operator==(const IxiApplicationCme&) const = default;
};

struct NamedBlock {  // voice-card, voice-port, control-plane, sip-ua: children kept verbatim
  std::string name;
  KeptLines kept;
  bool operator==(const NamedBlock&) const = default;
};

struct SccpSourceAddress {
  Ipv4 address{};
  std::optional<int> port;        // 2000-9999, default 2000
  std::string match;              // "", "any-match", "strict-match"
  std::optional<Ipv4> secondary;  // the backup router the phones also learn (stored, not used)
  bool operator==(const SccpSourceAddress&) const = default;
  int port_or_default() const { return port.value_or(2000); }
};

struct MaxDn {
  int count = 0;                  // 1-10000
  std::optional<int> preference;  // 0-9
  std::string no_reg;             // "", "primary", "both"
  bool operator==(const MaxDn&) const = default;
};

struct MaxConferences {
  int count = 8;            // 1-8
  std::optional<int> gain;  // -6, 0 or 6
  bool operator==(const MaxConferences&) const = default;
};

/// telephony-service `xml user NAME password PASS LEVEL`: the XML API's account.
struct XmlUser {
  std::string name;
  std::string password;
  int level = 0;  // 0-15
  bool operator==(const XmlUser&) const = default;
};

struct TelephonyService {
  std::vector<std::string> em_logout;  // one to three times, as typed (`1:0`); empty = not set
  bool em_external = false;
  int max_ephones = 0;  // 0 = not set
  std::optional<MaxDn> max_dn;
  std::optional<SccpSourceAddress> ip_source_address;
  std::optional<int> keepalive;   // 10-65535, default 30
  std::string url_services;       // "URL" or "URL root"
  std::string cnf_file_location;  // "flash:", "slot0:", "tftp URL"; "" = system: (default)
  std::string cnf_file;           // "perphone", "perphonetype"; "" = not set
  std::optional<MaxConferences> max_conferences;
  std::string transfer_system;  // "blind", "full-blind", "full-consult", "full-consult dss", ...
  std::optional<XmlUser> xml_user;
  std::string log_password;                   // `log password` ("" = not set)
  std::optional<int> log_table_max_size;      // 0-1000, default 150: the XML event tables
  std::optional<int> log_table_retain_timer;  // 2-500 minutes, default 15
  KeptLines kept;
  std::string cnf_files_version_stamp = "Jan 01 2002 00:00:00";
  bool operator==(const TelephonyService&) const = default;
  int keepalive_seconds() const { return keepalive.value_or(30); }
};

struct EphoneDnTemplate {
  bool cti_watch = false;
  bool cti_notify = false;
  KeptLines kept;
  bool operator==(const EphoneDnTemplate&) const = default;
};

struct EphoneDn {
  bool dual_line = false;
  bool octo_line = false;
  std::string number;     // "" = none
  std::string secondary;  // `secondary X`; "" = none
  std::string no_reg;     // `no-reg` alone: "no-reg"; else "no-reg both" / "no-reg primary"
  std::string label;
  std::string description;
  std::string name;
  std::string call_forward_all;
  std::optional<int> dn_template;
  bool cti_notify = false;
  bool cti_watch = false;
  KeptLines kept;
  bool operator==(const EphoneDn&) const = default;
};

/// One `button` entry: `1:5` is button 1, separator ':', DNs {5}.
struct ButtonEntry {
  int button = 0;
  char separator = ':';
  std::vector<int> dns;
  bool operator==(const ButtonEntry&) const = default;
};

struct Ephone {
  std::optional<std::uint64_t> mac;
  std::string type;
  std::string addons;  // `addon 1 7914 [2 7914]` after the type; "" = none
  std::vector<ButtonEntry> buttons;
  std::optional<int> logout_profile;
  KeptLines kept;
  bool operator==(const Ephone&) const = default;
};

struct LineConfig {  // line con 0 / aux 0 / vty A B
  std::string name;  // "con 0", "aux 0", "vty 0 4", "vty 5"
  std::optional<std::string> password;
  int password_type = -1;  // 0 or 7 when typed before the password, else -1
  bool login = false;
  std::string login_method;  // "" (line password), "local", "authentication NAME"
  std::string exec_timeout;  // as typed ("0 0"); "" = default
  KeptLines kept;
  std::optional<int> privilege_level;  // `privilege level N` (0-15); unset = 1
  std::string transport_input;         // "" = IOS's default (all), else "none", "ssh", "telnet ssh"
  bool operator==(const LineConfig&) const = default;
  /// `transport input` lets this protocol ("telnet" or "ssh") in.
  bool accepts(std::string_view protocol) const {
    if (transport_input.empty() || transport_input == "all") return true;
    std::string_view words = transport_input;
    while (!words.empty()) {
      auto space = words.find(' ');
      if (words.substr(0, space) == protocol) return true;
      if (space == std::string_view::npos) break;
      words.remove_prefix(space + 1);
    }
    return false;
  }
};

/// Where an opaque top-level block is rendered: after the lines of the row `row`
/// (docs/commands.md §4). Config::opaque_blocks is kept sorted by row, which is the order they
/// render in. The row is only a position hint: reloading a rendered config may name an earlier,
/// equivalent row (when row `row` renders nothing), so it takes no part in equality.
struct PlacedOpaqueBlock {
  ConfigRow row = ConfigRow::kBodyStart;
  OpaqueBlock block;
  bool operator==(const PlacedOpaqueBlock& other) const { return block == other.block; }
};

struct EnablePassword {
  int type = 0;             // password: 0 or 7; secret: 5 or 9 (hashed), 8 (kept)
  bool type_given = false;  // the type was typed, so it is printed
  std::string value;
  bool operator==(const EnablePassword&) const = default;
};

/// `username NAME [privilege N] {password|secret} ...` (docs/commands.md §2, docs/cli.md §16).
struct LocalUser {
  std::string name;
  std::optional<int> privilege;   // 0-15, printed when typed; unset = 1
  std::string credential;         // "password", "secret", "nopassword" or "" (none yet)
  int type = 0;                   // password 0 or 7; secret 5, 8 or 9
  std::string value;              // clear (0), encoded (7) or hashed (5, 8, 9)
  std::vector<std::string> kept;  // other attributes, each rendered as `username NAME <kept>`
  bool operator==(const LocalUser&) const = default;
};

/// `ip ssh ...` (docs/cli.md §17); unset values print nothing and mean IOS's defaults.
struct IpSsh {
  std::optional<int> version;                 // 1 or 2; unset = 1.99 (both)
  std::optional<int> time_out;                // 1-120 seconds, default 120
  std::optional<int> authentication_retries;  // 0-5, default 3
  bool operator==(const IpSsh&) const = default;
  int time_out_seconds() const { return time_out.value_or(120); }
  int retries() const { return authentication_retries.value_or(3); }
};

struct Config {
  std::string hostname = "Router";
  std::optional<std::string> service_timestamps_debug = "datetime msec";
  std::optional<std::string> service_timestamps_log = "datetime msec";
  bool service_password_encryption = false;
  std::vector<std::string> boot_system;  // after `boot system`: "flash FILE" or "flash:FILE"
  bool logging_message_counter_syslog = true;
  std::optional<EnablePassword> enable_secret;
  std::optional<EnablePassword> enable_password;
  bool aaa_new_model = false;
  // `aaa authentication login LIST METHOD...` and `aaa authorization exec LIST METHOD...`:
  // list name ("default" or a name) -> the methods as typed ("local", "group radius local").
  std::map<std::string, std::string> aaa_authentication_login;
  std::map<std::string, std::string> aaa_authorization_exec;
  std::string ip_domain_name;  // `ip domain name X` ("" = none)
  std::vector<LocalUser> users;
  IpSsh ip_ssh;
  bool ip_source_route = true;
  bool ip_cef = true;
  bool ip_domain_lookup = true;
  std::vector<DhcpPool> dhcp_pools;
  bool ipv6_cef = false;
  bool multilink_bundle_name_authenticated = true;
  std::optional<VoiceService> voice_service;
  std::optional<VoiceRegisterGlobal> voice_register_global;
  std::map<int, SessionServer> session_servers;
  std::map<int, Profile> logout_profiles;
  std::map<int, Profile> user_profiles;
  std::vector<NamedBlock> voice_cards;
  std::optional<Archive> archive;
  std::vector<Interface> interfaces;
  bool ip_forward_protocol_nd = true;
  std::vector<IpRoute> ip_routes;
  bool ip_http_server = false;
  IpHttp ip_http;
  std::optional<IxiTransportHttp> ixi_transport_http;
  std::optional<IxiApplicationCme> ixi_application_cme;
  NamedBlock control_plane{"control-plane", {}};
  std::vector<NamedBlock> voice_ports;
  bool mgcp_fax_t38_ecm = false;
  std::optional<NamedBlock> sip_ua;
  std::optional<TelephonyService> telephony;
  std::map<int, EphoneDnTemplate> ephone_dn_templates;
  std::map<int, EphoneDn> ephone_dns;
  std::map<int, Ephone> ephones;
  std::vector<LineConfig> lines{{"con 0", {}, -1, false, {}, {}, {}},
                                {"aux 0", {}, -1, false, {}, {}, {}},
                                {"vty 0 4", {}, -1, true, {}, {}, {}}};
  std::vector<PlacedOpaqueBlock> opaque_blocks;
  // The checked top-level families without a typed model (dial-peer voice, voice class codec ...,
  // docs/commands.md §3.10): each a line with its sub-mode's lines, sorted by the family's place in
  // docs/commands.md §4.
  KeptLines families;

  bool operator==(const Config&) const = default;

  /// The settings of vty line `n` (0-15): the `line vty A B` group holding it, or null when
  /// the line does not exist (only 0-4 do until `line vty 5 15` creates more).
  const LineConfig* vty_line(int n) const {
    for (const auto& line : lines) {
      if (!line.name.starts_with("vty ")) continue;
      int first = 0, last = -1;
      std::size_t at = 4;
      while (at < line.name.size() && line.name[at] != ' ')
        first = first * 10 + (line.name[at++] - '0');
      last = first;
      if (at < line.name.size()) {
        last = 0;
        for (++at; at < line.name.size(); ++at) last = last * 10 + (line.name[at] - '0');
      }
      if (n >= first && n <= last) return &line;
    }
    return nullptr;
  }
};

}  // namespace cmemu::runtime
