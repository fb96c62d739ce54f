// CME status shows that report configuration (docs/commands.md §1.7): `show telephony-service`,
// `show ephone-hunt`, `show voice hunt-group`, `show voice register global|pool|dn|all`.
// Families cmemu keeps as text are read back from the rendered running-config, so these shows
// need no typed model of them (docs/decisions.md #6b).
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "runtime/call_model.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/render_config.hpp"
#include "sccp/cnf_files.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kPrivilegedExec;
using runtime::kUserExec;

// One top-level block of the rendered configuration: its header and its children, unindented.
struct Block {
  std::string header;
  std::vector<std::string> children;

  // The rest of the first child line that starts with `keyword ` (or is `keyword`), or nullopt.
  std::optional<std::string> value(std::string_view keyword) const {
    for (const auto& line : children) {
      if (line == keyword) return std::string();
      if (line.size() > keyword.size() && line.starts_with(keyword) && line[keyword.size()] == ' ')
        return line.substr(keyword.size() + 1);
    }
    return std::nullopt;
  }
  std::string value_or(std::string_view keyword, std::string fallback) const {
    return value(keyword).value_or(std::move(fallback));
  }
};

// Every top-level block whose header starts with `prefix ` (in rendering order).
std::vector<Block> blocks(const runtime::Config& config, std::string_view prefix) {
  std::string body = runtime::render_config_body(config);
  std::vector<Block> found;
  bool inside = false;
  std::string_view rest = body;
  while (!rest.empty()) {
    auto eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    if (!line.empty() && line.front() != ' ') {
      inside =
          line.starts_with(prefix) && line.size() > prefix.size() && line[prefix.size()] == ' ';
      if (inside) found.push_back(Block{std::string(line), {}});
      continue;
    }
    auto first = line.find_first_not_of(' ');
    if (inside && first != std::string_view::npos)
      found.back().children.emplace_back(line.substr(first));
  }
  return found;
}

// The words of `text`, split at blanks and commas (`list 101, 102` or `list 101,102`).
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == ',') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

// The ephone-dn tag that carries `number`, or 0.
int dn_tag_of(const runtime::Config& config, std::string_view number) {
  for (const auto& [tag, dn] : config.ephone_dns)
    if (dn.number == number) return tag;
  return 0;
}

std::string ip_text(const runtime::Ipv4& address) {
  return std::to_string(address[0]) + "." + std::to_string(address[1]) + "." +
         std::to_string(address[2]) + "." + std::to_string(address[3]);
}

// docs/commands.md §1.7: the layout of the CR's `show call-manager-fallback` example, which
// `show telephony-service` shares, with cmemu's values and IOS's defaults.
std::string show_telephony_service(const runtime::Config& config) {
  if (!config.telephony) return "telephony-service is not configured\n";
  const auto& t = *config.telephony;
  std::string text =
      "CONFIG (Version=8.6)\n"
      "=====================\n"
      "Version 8.6\n"
      "Max phoneload sccp version 17\n"
      "Max dspfarm sccp version 18\n"
      "Cisco Unified Communications Manager Express\n"
      "For on-line documentation please see:\n"
      "www.cisco.com/en/US/products/sw/voicesw/ps4625/tsd_products_support_series_home.html\n";
  std::string address = t.ip_source_address ? ip_text(t.ip_source_address->address) : "0.0.0.0";
  int port = t.ip_source_address ? t.ip_source_address->port_or_default() : 2000;
  text += "ip source-address " + address + " port " + std::to_string(port) + "\n";
  text += "max-ephones " + std::to_string(t.max_ephones) + "\n";
  text += "max-dn " + std::to_string(t.max_dn ? t.max_dn->count : 0) + "\n";
  int conferences = t.max_conferences ? t.max_conferences->count : 8;
  int gain = t.max_conferences ? t.max_conferences->gain.value_or(-6) : -6;
  text += "max-conferences " + std::to_string(conferences) + " gain " + std::to_string(gain) + "\n";
  text +=
      "dspfarm units 0\n"
      "dspfarm transcode sessions 0\n"
      "huntstop\n";
  text += "cnf-file location: " + (t.cnf_file_location.empty() ? "system:" : t.cnf_file_location) +
          "\n";
  text += std::string("cnf-file option: ") +
          (t.cnf_file == "perphone" ? "PER-PHONE" : "PER-PHONE-TYPE") + "\n";
  text += "network-locale[0] US (This is the default network locale for this box)\n";
  for (int i = 1; i < 5; ++i) text += "network-locale[" + std::to_string(i) + "] US\n";
  text += "user-locale[0] US (This is the default user locale for this box)\n";
  for (int i = 1; i < 5; ++i) text += "user-locale[" + std::to_string(i) + "] US \n";
  text +=
      "time-format 12\n"
      "date-format mm-dd-yy\n"
      "timezone 0 Greenwich Standard Time\n";
  if (!t.url_services.empty()) text += "url services " + t.url_services + "\n";
  text += "keepalive " + std::to_string(t.keepalive_seconds()) + " auxiliary 30\n";
  text +=
      "timeout interdigit 10\n"
      "timeout busy 10\n"
      "timeout ringing 180\n"
      "timeout ringin-callerid 8\n"
      "caller-id name-only: enable\n"
      "Log (table parameters):\n"
      "max-size: 150\n"
      "retain-timer: 15\n";
  text +=
      "transfer-system " + (t.transfer_system.empty() ? "full-consult" : t.transfer_system) + " \n";
  text +=
      "local directory service: enabled.\n"
      "Extension-assigner tag-type ephone-tag.\n";
  return text;
}

// Whether the ephone-dn carrying `number` has a phone in service (the up/down of hunt members).
bool number_up(const runtime::Router& router, std::string_view number) {
  int dn = dn_tag_of(router.running(), number);
  const runtime::Line* line = dn && router.call_model ? router.call_model->line(dn) : nullptr;
  return line && line->in_service();
}

// docs/commands.md §1.7, the layout of a real `show ephone-hunt 1` (a Cisco troubleshooting
// note, docs/sources.md): one group per `ephone-hunt`; a member is up when its DN has a phone in
// service (emulated: peer tags are numbered from 20001, aux-numbers from A001A0000).
std::string show_ephone_hunt(const runtime::Router& router, std::optional<int> only) {
  const runtime::Config& config = router.running();
  std::string text;
  int peer = 20000;
  int group_index = 0;
  for (const auto& block : blocks(config, "ephone-hunt")) {
    auto header = words(block.header);
    std::string tag = header.size() > 1 ? header[1] : "";
    std::string type = header.size() > 2 ? header[2] : "";
    int group = ++group_index;
    if (only && tag != std::to_string(*only)) continue;
    text += "\nGroup " + tag + "\ntype: " + type + "\n";
    text += "pilot number: " + block.value_or("pilot", "") + ", peer-tag " +
            std::to_string(++peer) + "\nlist of numbers:\n";
    int member = 0;
    for (const auto& number : words(block.value_or("list", ""))) {
      int dn = number == "*" ? 0 : dn_tag_of(config, number);
      bool up = number != "*" && number_up(router, number);
      char aux[32];
      std::snprintf(aux, sizeof aux, "A%03dA%04d", group, member++);
      text += number + ", aux-number " + aux + ", # peers 1, logout 0, down " + (up ? "0" : "1") +
              "\non-hook time stamp 0, off-hook agents=0\n"
              "peer-tag dn-tag rna login/logout up/down\n";
      text += "[" + std::to_string(++peer) + " " + std::to_string(dn) + " 0 " +
              (number == "*" ? "-" : "login") + " " + (up ? "up  " : "down") + "]\n";
    }
    text += "preference: " + block.value_or("preference", "0") + "\n";
    text += "preference (sec): 7\n";
    text += "members initial state: login\n";
    text += "timeout: " + block.value_or("timeout", "180") + "\n";
    text += "max timeout : " + block.value_or("max-timeout", "0") + "\n";
    if (auto description = block.value("description"))
      text += "description: (" + *description + ")\n";
    if (auto logout = block.value("display-logout")) text += "display-logout: " + *logout + "\n";
    if (auto present = block.value("present-call")) text += "present-call: " + *present + "\n";
    text += "hops: " + block.value_or("hops", "0") + "\n";
    text +=
        "E.164 register: yes\n"
        "auto logout: no\n"
        "stat collect: no\n"
        "number of calls in queue: 0\n"
        "callqueue display: continuously\n"
        "debug: no\n";
  }
  return text;
}

// docs/commands.md §1.7: the layout of a CME troubleshooting note's `show voice hunt-group 42`;
// peer tags count down from 2147483647 as there (emulated numbering).
std::string show_voice_hunt_group(const runtime::Router& router, std::optional<int> only) {
  std::string text;
  long long peer = 2147483647;
  for (const auto& block : blocks(router.running(), "voice hunt-group")) {
    auto header = words(block.header);
    std::string tag = header.size() > 2 ? header[2] : "";
    std::string type = header.size() > 3 ? header[3] : "";
    auto pilot = words(block.value_or("pilot", ""));
    if (only && tag != std::to_string(*only)) continue;
    text += "Group " + tag + "\ntype: " + type + "\n";
    if (!pilot.empty())
      text += "pilot number: " + pilot[0] + ", peer-tag " + std::to_string(peer--) + "\n";
    if (pilot.size() > 2 && pilot[1] == "secondary")
      text += "secondary number: " + pilot[2] + ", peer-tag " + std::to_string(peer--) + "\n";
    text +=
        "list of numbers:\n"
        "Member Used-by State Login/Logout\n"
        "====== ======= ===== ============\n";
    char row[120];
    for (const auto& number : words(block.value_or("list", ""))) {
      std::snprintf(row, sizeof row, "%-6s %-7s %-5s %s\n", number.c_str(), number.c_str(),
                    number_up(router, number) ? "up" : "down", "login");
      text += row;
    }
    text += "preference: " + block.value_or("preference", "0") + "\n";
    text += "preference (sec): " + block.value_or("preference", "0") + "\n";
    text += "timeout: " + block.value_or("timeout", "180") + "\n";
    text += "final_number: " + block.value_or("final", "") + "\n";
    text += "stat collect: no\nphone-display: " +
            std::string(block.value("phone-display") ? "yes" : "no") + "\n";
  }
  return text;
}

// docs/commands.md §1.7: the CR's `show voice register global` example, with cmemu's values.
std::string show_voice_register_global(const runtime::Config& config) {
  std::string text = "CONFIG [Version=8.6]\n========================\nVersion 8.6\n";
  const auto* global = config.voice_register_global ? &*config.voice_register_global : nullptr;
  Block settings;
  for (auto& block : blocks(config, "voice register"))
    if (block.header == "voice register global") settings = std::move(block);
  text += std::string("Mode is ") + (global && global->mode_cme ? "cme" : "srst") + "\n";
  text += "Max-pool is " + settings.value_or("max-pool", "0") + "\n";
  text += "Max-dn is " + settings.value_or("max-dn", "0") + "\n";
  if (global && global->source_address)
    text += "Source-address is " + ip_text(*global->source_address) + " port " +
            std::to_string(global->source_port.value_or(5060)) + "\n";
  text += "Time-format is " + settings.value_or("time-format", "12") + "\n";
  text += "Date-format is " + settings.value_or("date-format", "M/D/Y") + "\n";
  text += "Time-zone is " + settings.value_or("timezone", "5") + "\n";
  text +=
      "Hold-alert is disabled\n"
      "Mwi stutter is disabled\n"
      "Mwi registration for full E.164 is disabled\n"
      "Forwarding local is enabled\n"
      "Privacy is enabled\n"
      "Privacy-on-hold is disabled\n"
      "Dst auto adjust is enabled\n"
      " start at Apr week 1 day Sun time 02:00\n"
      " stop  at Oct week 8 day Sun time 02:00\n"
      "Max redirect number is 5\n";
  return text;
}

std::string show_register_pool(const Block& block, const std::string& tag) {
  std::string text = "Pool Tag " + tag + "\nConfig:\n";
  if (auto mac = block.value("id mac")) text += "  Mac address is " + *mac + "\n";
  if (auto type = block.value("type")) text += "  Type is " + *type + "\n";
  for (const auto& line : block.children) {
    auto parts = words(line);  // number N dn D
    if (parts.size() >= 4 && parts[0] == "number" && parts[2] == "dn")
      text += "  Number list " + parts[1] + " : DN " + parts[3] + "\n";
  }
  text += "  Proxy Ip address is 0.0.0.0\n";
  text += "  DTMF Relay is " +
          std::string(block.value("dtmf-relay") ? "enabled, " + *block.value("dtmf-relay")
                                                : "disabled") +
          "\n";
  text +=
      "  Call Waiting is enabled\n"
      "  DnD is disabled\n"
      "  Busy trigger per button value is 0\n"
      "  keep-conference is enabled\n";
  if (auto templ = block.value("template")) text += "  template is " + *templ + "\n";
  if (auto user = block.value("username")) text += "  username " + *user + "\n";
  text +=
      "  Lpcor Type is none\n"
      "  Transport type is udp\n"
      "  service-control mechanism is supported\n"
      "  Privacy feature is not configured.\n"
      "  Privacy button is disabled\n"
      "  Reason for unregistered state:\n"
      "    No registration request since last reboot/unregister\n"
      "Dialpeers created:\n"
      "Statistics:\n"
      "  Active registrations  : 0\n"
      "  Total SIP phones registered: 0\n"
      "  Total Registration Statistics\n"
      "    Registration requests  : 0\n"
      "    Registration success   : 0\n"
      "    Registration failed    : 0\n"
      "    unRegister requests    : 0\n"
      "    unRegister success     : 0\n"
      "    unRegister failed      : 0\n"
      "    Attempts to register\n"
      "           after last unregister : 0\n"
      "    Last register request time    : \n"
      "    Last unregister request time  : \n"
      "    Register success time         : \n"
      "    Unregister success time       : \n";
  return text;
}

std::string show_register_dn(const Block& block, const std::string& tag,
                             const std::vector<Block>& pools) {
  std::string text = "Dn Tag " + tag + "\nConfig:\n";
  text += "  Number is " + block.value_or("number", "") + "\n";
  text += "  Preference is " + block.value_or("preference", "0") + "\n";
  text += std::string("  Huntstop is ") + (block.value("huntstop") ? "enabled" : "disabled") + "\n";
  if (auto name = block.value("name")) text += "  Name is " + *name + "\n";
  if (auto label = block.value("label")) text += "  Label is " + *label + "\n";
  if (block.value("allow watch")) text += "  Allow watch is enabled\n";
  for (const auto& pool : pools) {
    auto header = words(pool.header);
    for (const auto& line : pool.children) {
      auto parts = words(line);
      if (parts.size() >= 4 && parts[0] == "number" && parts[2] == "dn" && parts[3] == tag &&
          header.size() > 3) {
        char row[120];
        std::snprintf(row, sizeof row, "Pool %-4s has this DN configured for line %s\n",
                      header[3].c_str(), parts[1].c_str());
        text += row;
      }
    }
  }
  return text;
}

// docs/commands.md §1.7: `show voice register pool N` / `dn N` / `all`, the CR's examples with
// the settings of the configuration; cmemu's registrar serves no SIP phones (no registrations).
std::string show_voice_register_objects(const runtime::Config& config, std::string_view kind,
                                        std::optional<int> only) {
  std::string text;
  auto pools = blocks(config, "voice register pool");
  auto objects = kind == "pool" ? pools : blocks(config, "voice register dn");
  for (const auto& block : objects) {
    auto header = words(block.header);
    std::string tag = header.size() > 3 ? header[3] : "";
    if (only && tag != std::to_string(*only)) continue;
    text += kind == "pool" ? show_register_pool(block, tag) : show_register_dn(block, tag, pools);
    text += "\n";
  }
  return text;
}

}  // namespace

void register_cme_show_commands(App& app) {
  const std::vector<grammar::ModeId> both = {kUserExec, kPrivilegedExec};
  const std::string show_help = "Show running system information";
  const runtime::Router& router = app.router;
  add_show_command(app, both, "show telephony-service [all]",
                   {show_help, "Telephony service information", "All telephony service"},
                   [&router](CommandContext&) { return show_telephony_service(router.running()); });
  add_show_command(
      app, both, "show telephony-service tftp-bindings",
      {show_help, "Telephony service information", "Display current tftp bindings"},
      [&router](CommandContext&) { return sccp::show_tftp_bindings(router.running()); });
  add_show_command(app, both, "show ephone-hunt [<1-100>$tag]",
                   {show_help, "ephone hunt group", "hunt group tag"},
                   [&router](CommandContext& c) {
                     std::optional<int> tag;
                     if (c.args.has("tag")) tag = static_cast<int>(c.args.number("tag"));
                     return show_ephone_hunt(router, tag);
                   });
  add_show_command(app, both, "show voice hunt-group [<1-100>$tag]",
                   {show_help, "Voice configuration and status", "Voice hunt group", "Tag"},
                   [&router](CommandContext& c) {
                     std::optional<int> tag;
                     if (c.args.has("tag")) tag = static_cast<int>(c.args.number("tag"));
                     return show_voice_hunt_group(router, tag);
                   });
  const std::vector<std::string> register_help = {show_help, "Voice configuration and status",
                                                  "Voice register information"};
  auto with = [&register_help](std::vector<std::string> more) {
    auto help = register_help;
    help.insert(help.end(), more.begin(), more.end());
    return help;
  };
  add_show_command(
      app, both, "show voice register global", with({"Global configuration"}),
      [&router](CommandContext&) { return show_voice_register_global(router.running()); });
  for (const char* kind : {"pool", "dn"}) {
    std::string syntax = std::string("show voice register ") + kind + " [<1-10000>$tag]";
    add_show_command(app, both, syntax, with({std::string("Voice register ") + kind, "Tag"}),
                     [&router, kind](CommandContext& c) {
                       std::optional<int> tag;
                       if (c.args.has("tag")) tag = static_cast<int>(c.args.number("tag"));
                       return show_voice_register_objects(router.running(), kind, tag);
                     });
  }
  add_show_command(app, both, "show voice register all", with({"All configuration and status"}),
                   [&router](CommandContext&) {
                     const auto& config = router.running();
                     return show_voice_register_global(config) +
                            show_voice_register_objects(config, "dn", std::nullopt) +
                            show_voice_register_objects(config, "pool", std::nullopt);
                   });
}

}  // namespace cmemu::cli
