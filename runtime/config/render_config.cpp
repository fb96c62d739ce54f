#include "runtime/config/render_config.hpp"

#include <array>

#include "grammar/token_parsers.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"
#include "runtime/config/kept_children.hpp"
#include "runtime/config/modes.hpp"

namespace cmemu::runtime {
namespace {

using grammar::format_ipv4;
using grammar::format_mac;

// One row of docs/commands.md §4: its lines, then the run of `!` that closes it. Kept blocks placed
// at the row go between the two.
struct Row {
  std::string lines;
  int bangs = 0;
};

// The rows of docs/commands.md §4 in their order (`end` is printed after the last).
struct Rows {
  std::array<Row, kConfigRowCount> rows;
  Row& operator[](ConfigRow row) { return rows[static_cast<std::size_t>(row)]; }
};

void bang(std::string& out, int count) {
  for (int i = 0; i < count; ++i) out += "!\n";
}

// Appends the text of a repeated item: each entry closed by `each` bangs, the last one's
// bangs left to the row (plus `extra`), so kept blocks can follow the last entry's lines.
template <typename Range, typename RenderOne>
void repeated(Row& row, const Range& items, int each, int extra, RenderOne render_one) {
  bool first = true;
  for (const auto& item : items) {
    if (!first) bang(row.lines, each);
    first = false;
    render_one(row.lines, item);
  }
  if (!first) row.bangs = each + extra;
}

void kept_lines(std::string& out, const KeptLines& lines, int depth) {
  render_kept(out, lines, depth);
}

// The place of a modelled command in the IOS order of `mode` (docs/commands.md §3).
std::uint16_t at(grammar::ModeId mode, std::string_view head) {
  return child_order(mode, head);
}

// ` COMMAND VALUE` in its place (`order`) among the kept lines, when the value is set.
void render_setting(std::string& o, KeptCursor& kept, std::uint16_t order, std::string_view command,
                    const std::string& value) {
  kept.until(order);
  if (!value.empty()) o += " " + std::string(command) + " " + value + "\n";
}
void render_setting(std::string& o, KeptCursor& kept, std::uint16_t order, std::string_view command,
                    const std::optional<int>& value) {
  kept.until(order);
  if (value) o += " " + std::string(command) + " " + std::to_string(*value) + "\n";
}

std::string addresses(const std::vector<Ipv4>& list) {
  std::string text;
  for (const auto& address : list) text += format_ipv4(address) + " ";  // IOS's trailing space
  return text;
}

// The voice service lines that are one switch each: `command` is printed when the switch is on
// and its default is off, `no command` when it is off and its default is on.
struct VoiceServiceSwitch {
  const char* command;
  bool VoiceService::*member;
  bool default_on;
};
constexpr VoiceServiceSwitch kVoiceServiceSwitches[] = {
    {"allow-connections sip to sip", &VoiceService::allow_connections_sip_to_sip, false},
    {"supplementary-service sip moved-temporarily", &VoiceService::supplementary_moved_temporarily,
     true},
    {"supplementary-service sip refer", &VoiceService::supplementary_refer, true},
    {"callmonitor", &VoiceService::callmonitor, false},
    {"gcid", &VoiceService::gcid, false},
    {"cti shutdown", &VoiceService::cti_shutdown, true},
    {"cti csta mode basic", &VoiceService::cti_csta_mode_basic, false},
    {"cti message device-id suppress-conversion", &VoiceService::cti_device_id_suppress_conversion,
     false},
};

void render_voice_service(Row& row, const VoiceService& v) {
  static const auto kSwitchOrder = [] {
    std::array<std::uint16_t, std::size(kVoiceServiceSwitches)> order{};
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = at(kVoiceService, kVoiceServiceSwitches[i].command);
    return order;
  }();
  static const std::uint16_t kSip = at(kVoiceService, "sip");
  std::string& o = row.lines;
  o += "voice service voip \n";
  KeptCursor kept(o, v.kept, 1);
  for (std::size_t i = 0; i < kSwitchOrder.size(); ++i) {
    const VoiceServiceSwitch& s = kVoiceServiceSwitches[i];
    kept.until(kSwitchOrder[i]);
    if (v.*s.member != s.default_on)
      o += std::string(s.default_on ? " no " : " ") + s.command + "\n";
  }
  kept.until(kSip);
  kept.rest();
  if (v.sip) {
    static const std::uint16_t kRegistrar = at(kVoiceServiceSip, "registrar server");
    o += " sip\n";
    KeptCursor sip(o, v.sip->kept, 2);
    sip.until(kRegistrar);
    if (const auto& r = v.sip->registrar) {
      o += "  registrar server";
      if (r->expires_max || r->expires_min)
        o += " expires max " + std::to_string(r->expires_max.value_or(3600)) + " min " +
             std::to_string(r->expires_min.value_or(60));
      o += "\n";
    }
    sip.rest();
  }
  row.bangs = 1;
}

void render_profile(std::string& o, const char* kind, int tag, const Profile& p) {
  static const std::uint16_t kUser = at(kLogoutProfile, "user"),
                             kNumber = at(kLogoutProfile, "number");
  o += std::string("voice ") + kind + " " + std::to_string(tag) + "\n";
  KeptCursor kept(o, p.kept, 1);
  kept.until(kUser);
  if (p.user) o += " user " + p.user->first + " password " + p.user->second + "\n";
  kept.until(kNumber);
  for (const auto& n : p.numbers) o += " number " + n.number + " type " + n.type + "\n";
  kept.rest();
}

void render_interface(std::string& o, const Interface& i) {
  o += "interface " + i.name + "\n";
  if (!i.description.empty()) o += " description " + i.description + "\n";
  if (i.ip_address)
    o += " ip address " + format_ipv4(i.ip_address->first) + " " +
         format_ipv4(i.ip_address->second) + "\n";
  else
    o += " no ip address\n";
  if (i.shutdown) o += " shutdown\n";
  if (!i.duplex.empty()) o += " duplex " + i.duplex + "\n";
  if (!i.speed.empty()) o += " speed " + i.speed + "\n";
  kept_lines(o, i.kept, 1);
}

void render_telephony(Row& row, const TelephonyService& t) {
  auto order = [](std::string_view head) { return at(kTelephonyService, head); };
  static const std::uint16_t kEmLogout = order("em logout"), kEmExternal = order("em external"),
                             kMaxEphones = order("max-ephones"), kMaxDn = order("max-dn"),
                             kSource = order("ip source-address"), kKeepalive = order("keepalive"),
                             kUrl = order("url services"), kLocation = order("cnf-file location"),
                             kCnfFile = order("cnf-file"), kConferences = order("max-conferences"),
                             kTransfer = order("transfer-system"),
                             kCreate = order("create cnf-files");
  std::string& o = row.lines;
  o += "telephony-service\n";
  KeptCursor kept(o, t.kept, 1);
  kept.until(kEmLogout);
  if (!t.em_logout.empty()) {
    o += " em logout";
    for (const auto& time : t.em_logout) o += " " + time;
    o += " \n";  // IOS's trailing space
  }
  kept.until(kEmExternal);
  if (t.em_external) o += " em external\n";
  kept.until(kMaxEphones);
  if (t.max_ephones > 0) o += " max-ephones " + std::to_string(t.max_ephones) + "\n";
  kept.until(kMaxDn);
  if (t.max_dn) {
    o += " max-dn " + std::to_string(t.max_dn->count);
    if (t.max_dn->preference) o += " preference " + std::to_string(*t.max_dn->preference);
    if (!t.max_dn->no_reg.empty()) o += " no-reg " + t.max_dn->no_reg;
    o += "\n";
  }
  kept.until(kSource);
  if (const auto& s = t.ip_source_address) {
    o += " ip source-address " + format_ipv4(s->address) + " port " +
         std::to_string(s->port_or_default());
    if (!s->match.empty()) o += " " + s->match;
    if (s->secondary) o += " secondary " + format_ipv4(*s->secondary);
    o += "\n";
  }
  render_setting(o, kept, kKeepalive, "keepalive", t.keepalive);
  render_setting(o, kept, kUrl, "url services", t.url_services);
  render_setting(o, kept, kLocation, "cnf-file location", t.cnf_file_location);
  render_setting(o, kept, kCnfFile, "cnf-file", t.cnf_file);
  kept.until(kConferences);
  if (const auto& m = t.max_conferences) {
    o += " max-conferences " + std::to_string(m->count);
    if (m->gain) o += " gain " + std::to_string(*m->gain);
    o += "\n";
  }
  render_setting(o, kept, kTransfer, "transfer-system", t.transfer_system);
  render_xml_api_settings(o, t);
  kept.until(kCreate);
  kept.rest();  // loose children too: `create cnf-files` is always the last line
  o += " create cnf-files version-stamp " + t.cnf_files_version_stamp + "\n";
  row.bangs = 1;
}

// The `cti notify` and `cti watch` lines that an ephone-dn and its template both end with, each
// in its place among the kept lines (`notify_at`, `watch_at`), then the rest of the kept lines.
void render_cti_tail(std::string& o, KeptCursor& kept, bool notify, bool watch,
                     std::uint16_t notify_at, std::uint16_t watch_at) {
  kept.until(notify_at);
  if (notify) o += " cti notify\n";
  kept.until(watch_at);
  if (watch) o += " cti watch\n";
  kept.rest();
}

void render_dn(std::string& o, int tag, const EphoneDn& dn) {
  auto order = [](std::string_view head) { return at(kEphoneDn, head); };
  static const std::uint16_t kNumber = order("number"), kLabel = order("label"),
                             kDescription = order("description"), kName = order("name"),
                             kForward = order("call-forward all"),
                             kTemplate = order("ephone-dn-template"), kNotify = order("cti notify"),
                             kWatch = order("cti watch");
  o += "ephone-dn  " + std::to_string(tag);
  if (dn.dual_line) o += "  dual-line";
  if (dn.octo_line) o += "  octo-line";
  o += "\n";
  KeptCursor kept(o, dn.kept, 1);
  kept.until(kNumber);
  if (!dn.number.empty()) {
    o += " number " + dn.number;
    if (!dn.secondary.empty()) o += " secondary " + dn.secondary;
    if (!dn.no_reg.empty()) o += " " + dn.no_reg;
    o += "\n";
  }
  render_setting(o, kept, kLabel, "label", dn.label);
  render_setting(o, kept, kDescription, "description", dn.description);
  render_setting(o, kept, kName, "name", dn.name);
  render_setting(o, kept, kForward, "call-forward all", dn.call_forward_all);
  render_setting(o, kept, kTemplate, "ephone-dn-template", dn.dn_template);
  render_cti_tail(o, kept, dn.cti_notify, dn.cti_watch, kNotify, kWatch);
}

void render_dn_template(std::string& o, int tag, const EphoneDnTemplate& t) {
  static const std::uint16_t kNotify = at(kEphoneDnTemplate, "cti notify"),
                             kWatch = at(kEphoneDnTemplate, "cti watch");
  o += "ephone-dn-template  " + std::to_string(tag) + "\n";
  KeptCursor kept(o, t.kept, 1);
  render_cti_tail(o, kept, t.cti_notify, t.cti_watch, kNotify, kWatch);
}

void render_ephone(std::string& o, int tag, const Ephone& e) {
  auto order = [](std::string_view head) { return at(kEphone, head); };
  static const std::uint16_t kMac = order("mac-address"), kType = order("type"),
                             kButton = order("button"), kProfile = order("logout-profile");
  o += "ephone  " + std::to_string(tag) + "\n";
  KeptCursor kept(o, e.kept, 1);
  kept.until(kMac);
  if (e.mac) o += " mac-address " + format_mac(*e.mac) + "\n";
  kept.until(kType);
  if (!e.type.empty()) o += " type " + e.type + (e.addons.empty() ? "" : " " + e.addons) + "\n";
  kept.until(kButton);
  if (!e.buttons.empty()) {
    o += " button ";
    for (const auto& b : e.buttons) {
      o += " " + std::to_string(b.button) + b.separator;
      for (std::size_t i = 0; i < b.dns.size(); ++i) o += (i ? "," : "") + std::to_string(b.dns[i]);
    }
    o += "\n";
  }
  render_setting(o, kept, kProfile, "logout-profile", e.logout_profile);
  kept.rest();
}

void render_line(std::string& o, const LineConfig& l) {
  o += "line " + l.name + "\n";
  if (!l.exec_timeout.empty()) o += " exec-timeout " + l.exec_timeout + "\n";
  if (l.privilege_level) o += " privilege level " + std::to_string(*l.privilege_level) + "\n";
  if (l.password) {
    o += " password ";
    if (l.password_type >= 0) o += std::to_string(l.password_type) + " ";
    o += *l.password + "\n";
  }
  bool vty = l.name.starts_with("vty");
  if (l.login)
    o += " login" + (l.login_method.empty() ? "" : " " + l.login_method) + "\n";
  else if (vty)
    o += " no login\n";
  if (!l.transport_input.empty()) o += " transport input " + l.transport_input + "\n";
  kept_lines(o, l.kept, 1);
}

// `username NAME [privilege N] {password T X | secret T X | nopassword}`, then its kept lines.
void render_user(std::string& o, const LocalUser& u) {
  std::string line = "username " + u.name;
  if (u.privilege) line += " privilege " + std::to_string(*u.privilege);
  if (u.credential == "nopassword")
    line += " nopassword";
  else if (!u.credential.empty())
    line += " " + u.credential + " " + std::to_string(u.type) + " " + u.value;
  if (u.privilege || !u.credential.empty()) o += line + "\n";
  for (const auto& kept : u.kept) o += "username " + u.name + " " + kept + "\n";
}

std::string enable_line(const char* kind, const EnablePassword& p) {
  std::string text = std::string("enable ") + kind + " ";
  if (p.type_given) text += std::to_string(p.type) + " ";
  return text + p.value + "\n";
}

Rows render_rows(const Config& c) {
  using enum ConfigRow;
  Rows rows;
  {  // version, service
    std::string& o = rows[kVersionService].lines;
    o += "version 15.1\n";
    auto timestamps = [&](const char* kind, const std::optional<std::string>& value) {
      if (value)
        o += std::string("service timestamps ") + kind + " " + *value + "\n";
      else
        o += std::string("no service timestamps ") + kind + "\n";
    };
    timestamps("debug", c.service_timestamps_debug);
    timestamps("log", c.service_timestamps_log);
    o += c.service_password_encryption ? "service password-encryption\n"
                                       : "no service password-encryption\n";
    rows[kVersionService].bangs = 1;
  }
  rows[kHostname] = {"hostname " + c.hostname + "\n", 1};
  {  // boot
    std::string& o = rows[kBoot].lines;
    o += "boot-start-marker\n";
    for (const auto& boot : c.boot_system) o += "boot system " + boot + "\n";
    o += "boot-end-marker\n";
    rows[kBoot].bangs = 1;
  }
  {  // logging, enable
    std::string& o = rows[kLoggingEnable].lines;
    o += c.logging_message_counter_syslog ? "logging message-counter syslog\n"
                                          : "no logging message-counter syslog\n";
    if (c.enable_secret) o += enable_line("secret", *c.enable_secret);
    if (c.enable_password) o += enable_line("password", *c.enable_password);
    rows[kLoggingEnable].bangs = 1;
  }
  {  // aaa new-model, then the method lists
    std::string& o = rows[kAaa].lines;
    o += c.aaa_new_model ? "aaa new-model\n" : "no aaa new-model\n";
    for (const auto& [list, methods] : c.aaa_authentication_login)
      o += "aaa authentication login " + list + " " + methods + "\n";
    for (const auto& [list, methods] : c.aaa_authorization_exec)
      o += "aaa authorization exec " + list + " " + methods + "\n";
    rows[kAaa].bangs = 1;
  }
  rows[kIpSourceRoute] = {c.ip_source_route ? "ip source-route\n" : "no ip source-route\n", 2};
  rows[kIpCefDomain] = {
      std::string(c.ip_cef ? "ip cef\n" : "no ip cef\n") +
          (c.ip_domain_lookup ? "" : "no ip domain-lookup\n") +
          (c.ip_domain_name.empty() ? "" : "ip domain name " + c.ip_domain_name + "\n"),
      1};
  repeated(rows[kDhcp], c.dhcp_pools, 1, 1, [](std::string& o, const DhcpPool& p) {
    o += "ip dhcp pool " + p.name + "\n";
    if (p.network)
      o += "   network " + format_ipv4(p.network->first) + " " + format_ipv4(p.network->second) +
           "\n";
    if (!p.option150.empty()) o += "   option 150 ip " + addresses(p.option150) + "\n";
    if (!p.default_router.empty()) o += "   default-router " + addresses(p.default_router) + "\n";
    kept_lines(o, p.kept, 3);
  });
  rows[kIpv6Multilink] = {std::string(c.ipv6_cef ? "ipv6 cef\n" : "no ipv6 cef\n") +
                              "multilink bundle-name authenticated\n",
                          2};
  if (c.voice_service) render_voice_service(rows[kVoiceService], *c.voice_service);
  if (const auto& g = c.voice_register_global) {
    static const std::uint16_t kMode = at(Mode::kVoiceRegisterGlobal, "mode"),
                               kSource = at(Mode::kVoiceRegisterGlobal, "source-address");
    std::string& o = rows[kVoiceRegisterGlobal].lines;
    o += "voice register global\n";
    KeptCursor kept(o, g->kept, 1);
    kept.until(kMode);
    if (g->mode_cme) o += " mode cme\n";
    kept.until(kSource);
    if (g->source_address) {
      o += " source-address " + format_ipv4(*g->source_address);
      if (g->source_port) o += " port " + std::to_string(*g->source_port);
      o += "\n";
    }
    kept.rest();
  }
  rows[kVoiceRegisterGlobal].bangs = 1;  // even when empty
  repeated(rows[kSessionServers], c.session_servers, 1, 0, [](std::string& o, const auto& entry) {
    const auto& [tag, s] = entry;
    o += "voice register session-server  " + std::to_string(tag) + "\n";
    if (s.keepalive) o += " keepalive " + std::to_string(*s.keepalive) + "\n";
    if (!s.register_id.empty()) o += " register-id " + s.register_id + "\n";
    if (s.cti_aware) o += " cti-aware\n";
  });
  rows[kSessionServers].bangs = 1;  // one `!` when there is none
  rows[kEmpty].bangs = 1;           // the empty row
  {                                 // logout profiles, then user profiles
    std::vector<std::pair<const char*, std::pair<int, const Profile*>>> profiles;
    for (const auto& [tag, p] : c.logout_profiles)
      profiles.push_back({"logout-profile", {tag, &p}});
    for (const auto& [tag, p] : c.user_profiles) profiles.push_back({"user-profile", {tag, &p}});
    repeated(rows[kVoiceProfiles], profiles, 1, 0, [](std::string& o, const auto& entry) {
      render_profile(o, entry.first, entry.second.first, *entry.second.second);
    });
  }
  repeated(rows[kVoiceCards], c.voice_cards, 1, 2, [](std::string& o, const NamedBlock& card) {
    o += "voice-card " + card.name + "\n";
    kept_lines(o, card.kept, 1);
  });
  for (const auto& user : c.users) render_user(rows[kUsernames].lines, user);
  if (!rows[kUsernames].lines.empty()) rows[kUsernames].bangs = 1;
  if (const auto& a = c.archive) {
    std::string& o = rows[kArchive].lines;
    o += "archive\n";
    if (a->log_config) {
      o += " log config\n";
      if (a->log_config->hidekeys) o += "  hidekeys\n";
      kept_lines(o, a->log_config->kept, 2);
    }
    kept_lines(o, a->kept, 1);
    rows[kArchive].bangs = 3;
  }
  {  // ip ssh, in IOS's order
    std::string& o = rows[kIpSsh].lines;
    if (c.ip_ssh.time_out) o += "ip ssh time-out " + std::to_string(*c.ip_ssh.time_out) + "\n";
    if (c.ip_ssh.authentication_retries)
      o += "ip ssh authentication-retries " + std::to_string(*c.ip_ssh.authentication_retries) +
           "\n";
    if (c.ip_ssh.version) o += "ip ssh version " + std::to_string(*c.ip_ssh.version) + "\n";
    if (!o.empty()) rows[kIpSsh].bangs = 1;
  }
  repeated(rows[kInterfaces], c.interfaces, 1, 0, render_interface);
  {  // forwarding and static routes
    std::string& o = rows[kForwardingRoutes].lines;
    o += c.ip_forward_protocol_nd ? "ip forward-protocol nd\n" : "no ip forward-protocol nd\n";
    for (const auto& r : c.ip_routes) {
      o += "ip route " + format_ipv4(r.prefix) + " " + format_ipv4(r.mask) + " " + r.next_hop;
      if (r.distance) o += " " + std::to_string(*r.distance);
      o += "\n";
    }
    rows[kForwardingRoutes].bangs = 2;
  }
  rows[kIpHttpServer].lines = render_ip_http(c);
  if (!rows[kIpHttpServer].lines.empty()) rows[kIpHttpServer].bangs = 2;
  if (const auto& x = c.ixi_transport_http) {
    std::string& o = rows[kIxiTransport].lines;
    o += "ixi transport http\n";
    if (x->response_size) o += " response size " + std::to_string(*x->response_size) + "\n";
    if (!x->shutdown) o += " no shutdown\n";
    if (x->request_outstanding)
      o += " request outstanding " + std::to_string(*x->request_outstanding) + "\n";
    if (x->request_timeout) o += " request timeout " + std::to_string(*x->request_timeout) + "\n";
    rows[kIxiTransport].bangs = 1;
  }
  if (const auto& x = c.ixi_application_cme) {
    std::string& o = rows[kIxiApplication].lines;
    o += "ixi application cme\n";
    if (x->response_timeout)
      o += " response timeout " + std::to_string(*x->response_timeout) + "\n";
    if (!x->shutdown) o += " no shutdown\n";
    rows[kIxiApplication].bangs = 3;
  }
  rows[kControlPlane].lines = "control-plane\n";
  kept_lines(rows[kControlPlane].lines, c.control_plane.kept, 1);
  rows[kControlPlane].bangs = 3;
  repeated(rows[kVoicePorts], c.voice_ports, 1, 1, [](std::string& o, const NamedBlock& port) {
    o += "voice-port " + port.name + "\n";
    kept_lines(o, port.kept, 1);
  });
  if (c.mgcp_fax_t38_ecm) rows[kMgcpFax] = {"mgcp fax t38 ecm\n", 3};
  if (c.sip_ua) {
    rows[kSipUa].lines = "sip-ua \n";
    kept_lines(rows[kSipUa].lines, c.sip_ua->kept, 1);
    rows[kSipUa].bangs = 2;
  }
  if (c.telephony) render_telephony(rows[kTelephonyService], *c.telephony);
  {  // templates, then DNs, each closed by two bangs
    std::vector<std::string> blocks;
    for (const auto& [tag, t] : c.ephone_dn_templates) {
      std::string o;
      render_dn_template(o, tag, t);
      blocks.push_back(std::move(o));
    }
    for (const auto& [tag, dn] : c.ephone_dns) {
      std::string o;
      render_dn(o, tag, dn);
      blocks.push_back(std::move(o));
    }
    repeated(rows[kEphoneDns], blocks, 2, 0, [](std::string& o, const std::string& b) { o += b; });
  }
  repeated(rows[kEphones], c.ephones, 3, 0,
           [](std::string& o, const auto& entry) { render_ephone(o, entry.first, entry.second); });
  for (const auto& block : c.families) {
    const FamilySpec& spec = family_specs()[block.order];
    Row& row = rows[spec.row];
    bang(row.lines, row.bangs);  // the previous block's, when the row has one
    row.lines += block.text + "\n";
    render_kept(row.lines, block.children, 1);
    row.bangs = spec.bangs;
  }
  for (const auto& l : c.lines) render_line(rows[kLines].lines, l);
  rows[kLines].bangs = 1;
  return rows;
}

// A block with children stands between `!` lines, like IOS's sub-mode blocks; a single line
// (`username ...`) sits with the lines of its row.
void render_block(std::string& out, const OpaqueBlock& block) {
  if (!block.children.empty() && !out.ends_with("!\n")) out += "!\n";
  out += block.line + "\n";
  for (const auto& child : block.children) out += child + "\n";
  if (!block.children.empty()) out += "!\n";
}

}  // namespace

std::string render_config_body(const Config& config, const RenderComments& comments) {
  auto rows = render_rows(config).rows;
  std::string out = "!\n";
  if (!comments.last_change.empty()) out += "! " + comments.last_change + "\n";
  if (!comments.nvram_updated.empty()) out += "! " + comments.nvram_updated + "\n";
  // A kept block goes after the lines of its row or, when that row printed no line, of the
  // nearest row above that did: the row a reload would place it after again. The body's start
  // counts as printed.
  std::array<std::size_t, kConfigRowCount> effective{};
  for (std::size_t r = 1; r < kConfigRowCount; ++r)
    effective[r] = rows[r].lines.empty() ? effective[r - 1] : r;
  auto blocks = config.opaque_blocks.begin();
  auto end = config.opaque_blocks.end();
  auto emit_blocks = [&](std::size_t row) {
    while (blocks != end && effective[static_cast<std::size_t>(blocks->row)] <= row) {
      render_block(out, blocks->block);
      ++blocks;
    }
  };
  emit_blocks(0);
  for (std::size_t r = 1; r < kConfigRowCount; ++r) {
    out += rows[r].lines;
    emit_blocks(r);
    bang(out, rows[r].bangs);
  }
  out += "end\n";
  return out;
}

std::string render_running_config(const Config& config, const RenderComments& comments) {
  std::string body = render_config_body(config, comments);
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
         " bytes\n" + body;
}

}  // namespace cmemu::runtime
