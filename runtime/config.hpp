#pragma once
// The typed running-config. Values are checked when typed; rendering to IOS text lives in
// render_config.cpp. Services read this, never the CLI text.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cmemu::runtime {

using Ipv4 = std::array<std::uint8_t, 4>;

/// A command family cmemu keeps but does not model (decision 6b): its line and indented
/// children, verbatim.
struct OpaqueBlock {
  std::string line;
  std::vector<std::string> children;  // without their leading indentation
  bool operator==(const OpaqueBlock&) const = default;
};

struct DhcpPool {
  std::string name;
  std::optional<std::pair<Ipv4, Ipv4>> network;
  std::optional<Ipv4> option150;
  std::optional<Ipv4> default_router;
  std::vector<std::string> opaque;
  bool operator==(const DhcpPool&) const = default;
};

struct RegistrarServer {
  std::optional<int> expires_max;  // 120-86400 (decision 6c), default 3600
  std::optional<int> expires_min;  // 60-3600, default 60
  bool operator==(const RegistrarServer&) const = default;
};

struct VoiceServiceSip {
  std::optional<RegistrarServer> registrar;
  std::vector<std::string> opaque;
  bool operator==(const VoiceServiceSip&) const = default;
};

struct VoiceService {
  bool allow_connections_sip_to_sip = false;
  bool supplementary_moved_temporarily = true;
  bool supplementary_refer = true;
  bool callmonitor = false;
  bool gcid = false;
  bool cti_shutdown = true;  // decision 12
  bool cti_csta_mode_basic = false;
  bool cti_device_id_suppress_conversion = false;
  std::vector<std::string> opaque;
  std::optional<VoiceServiceSip> sip;
  bool operator==(const VoiceService&) const = default;
};

struct VoiceRegisterGlobal {
  bool mode_cme = false;
  std::optional<Ipv4> source_address;
  std::optional<int> source_port;  // printed only when typed
  std::vector<std::string> opaque;
  bool operator==(const VoiceRegisterGlobal&) const = default;
};

struct SessionServer {
  std::optional<int> keepalive;  // 60-3600, default 300
  std::string register_id;
  bool cti_aware = false;
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
  std::vector<std::string> opaque;
  bool operator==(const Profile&) const = default;
};

struct ArchiveLogConfig {
  bool hidekeys = false;
  std::vector<std::string> opaque;
  bool operator==(const ArchiveLogConfig&) const = default;
};

struct Archive {
  std::optional<ArchiveLogConfig> log_config;
  std::vector<std::string> opaque;
  bool operator==(const Archive&) const = default;
};

struct Interface {
  std::string name;  // full type name: FastEthernet0/0
  std::string description;
  std::optional<std::pair<Ipv4, Ipv4>> ip_address;
  bool no_ip_address = false;
  bool shutdown = false;
  std::string duplex;  // "" = not printed
  std::string speed;
  std::vector<std::string> opaque;
  bool operator==(const Interface&) const = default;
};

struct IpRoute {
  Ipv4 prefix{}, mask{};
  std::string next_hop;  // address or interface, as rendered
  std::optional<int> distance;
  bool operator==(const IpRoute&) const = default;
};

struct IxiTransportHttp {
  std::optional<int> response_size;
  bool shutdown = true;
  std::optional<int> request_outstanding;
  std::optional<int> request_timeout;
  bool operator==(const IxiTransportHttp&) const = default;
};

struct IxiApplicationCme {
  std::optional<int> response_timeout;  // -1 or 0-60
  bool shutdown = true;
  bool operator==(const IxiApplicationCme&) const = default;
};

struct NamedBlock {  // voice-card, voice-port, control-plane, sip-ua: children kept verbatim
  std::string name;
  std::vector<std::string> opaque;
  bool operator==(const NamedBlock&) const = default;
};

struct SccpSourceAddress {
  Ipv4 address{};
  std::optional<int> port;  // 2000-9999, default 2000
  std::string match;        // "", "any-match", "strict-match"
  bool operator==(const SccpSourceAddress&) const = default;
  int port_or_default() const { return port.value_or(2000); }
};

struct TelephonyService {
  std::string em_logout;  // the times as typed, e.g. "1:0"; "" = not set
  bool em_external = false;
  int max_ephones = 0;
  std::string max_dn;  // the arguments as typed after max-dn; "" = not set
  std::optional<SccpSourceAddress> ip_source_address;
  std::optional<int> keepalive;  // 10-65535, default 30
  std::string url_services;      // "URL" or "URL root"
  std::string cnf_file_location;
  std::string cnf_file;
  std::string max_conferences;
  std::string transfer_system;
  std::vector<std::string> opaque;
  std::string cnf_files_version_stamp = "Jan 01 2002 00:00:00";
  bool operator==(const TelephonyService&) const = default;
  int keepalive_seconds() const { return keepalive.value_or(30); }
};

struct EphoneDnTemplate {
  bool cti_watch = false;
  bool cti_notify = false;
  std::vector<std::string> opaque;
  bool operator==(const EphoneDnTemplate&) const = default;
};

struct EphoneDn {
  bool dual_line = false;
  std::string number;     // "" = none
  std::string number_options;  // what followed the number (`secondary X`, `no-reg both`)
  std::string label;
  std::string description;
  std::string name;
  std::string call_forward_all;
  std::optional<int> dn_template;
  bool cti_notify = false;
  bool cti_watch = false;
  std::vector<std::string> opaque;
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
  std::vector<ButtonEntry> buttons;
  std::optional<int> logout_profile;
  std::vector<std::string> opaque;
  bool operator==(const Ephone&) const = default;
};

struct LineConfig {  // line con 0 / aux 0 / vty A B
  std::string name;  // "con 0", "aux 0", "vty 0 4"
  std::optional<std::string> password;
  bool login = false;
  std::string exec_timeout;  // as typed; "" = default
  std::vector<std::string> opaque;
  bool operator==(const LineConfig&) const = default;
};

/// Where an opaque top-level block is rendered: after the modelled item `slot` (commands.md §4).
struct PlacedOpaqueBlock {
  int slot = 0;
  OpaqueBlock block;
  bool operator==(const PlacedOpaqueBlock&) const = default;
};

struct EnablePassword {
  int type = 0;  // 0, 5 (secret) or 7 (password)
  std::string value;
  bool operator==(const EnablePassword&) const = default;
};

struct Config {
  std::string hostname = "Router";
  std::optional<std::string> service_timestamps_debug = "datetime msec";
  std::optional<std::string> service_timestamps_log = "datetime msec";
  bool service_password_encryption = false;
  std::vector<std::string> boot_system;  // the words after `boot system`
  bool logging_message_counter_syslog = true;
  std::optional<EnablePassword> enable_secret;
  std::optional<EnablePassword> enable_password;
  bool aaa_new_model = false;
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
  std::vector<LineConfig> lines{{"con 0", {}, false, {}, {}},
                                {"aux 0", {}, false, {}, {}},
                                {"vty 0 4", {}, true, {}, {}}};
  std::vector<PlacedOpaqueBlock> opaque_blocks;

  bool operator==(const Config&) const = default;
};

}  // namespace cmemu::runtime
