// CME telephony: `telephony-service` (docs/commands.md §3.8), `ephone-dn` and `ephone-dn-template`
// (§3.6), `ephone` (§3.7).
#include <algorithm>
#include <charconv>
#include <ctime>

#include "grammar/matcher.hpp"
#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

// The blocks telephony commands edit: the one telephony-service, and the ephone-dn, its template
// or the ephone the session is in.
TelephonyService& telephony_block(Config& k, CommandContext&) {
  return made(k.telephony);
}
EphoneDn& dn_block(Config& k, CommandContext& c) {
  return k.ephone_dns[frame_tag(c)];
}
EphoneDnTemplate& dn_template_block(Config& k, CommandContext& c) {
  return k.ephone_dn_templates[frame_tag(c)];
}
Ephone& ephone_block(Config& k, CommandContext& c) {
  return k.ephones[frame_tag(c)];
}

const std::string kDnRange = "<1-" + std::to_string(limits::kMaxDn) + ">";
const std::string kEphoneRange = "<1-" + std::to_string(limits::kMaxEphones) + ">";

// `ephone ... type` models (CR `type`), in IOS spelling; the keyword match is case-insensitive.
constexpr const char* kPhoneTypes[] = {
    "3911", "3951", "6901", "6911",   "6921",   "6941", "6945",   "6961",     "7902", "7905",
    "7906", "7910", "7911", "7912",   "7920",   "7921", "7925",   "7926",     "7931", "7935",
    "7936", "7937", "7940", "7941",   "7941GE", "7942", "7945",   "7960",     "7961", "7961GE",
    "7962", "7965", "7970", "7971",   "7975",   "7985", "8941",   "8945",     "8961", "9951",
    "9971", "anl",  "ata",  "ata187", "bri",    "CIPC", "IP-STE", "vgc-phone"};
// The add-on modules a `type` may carry (CR `type ... addon`), and the models that take them.
constexpr const char* kAddons = "{7914 | 7915-12 | 7915-24 | 7916-12 | 7916-24}";
constexpr std::string_view kAddonModels[] = {"7960", "7961", "7961GE", "7962",
                                             "7965", "7970", "7971",   "7975"};

// `button 1:1 2o3,4`: one entry per word. Returns the offset of the bad word on error.
struct ButtonParse {
  std::vector<ButtonEntry> entries;
  std::optional<std::size_t> error_at;
};

ButtonParse parse_buttons(std::string_view spec, std::size_t base) {
  ButtonParse result;
  for (const grammar::LineToken& token : grammar::tokenize(spec)) {
    std::string_view word = token.text;
    auto fail = [&] {
      result.error_at = base + token.offset;
      return result;
    };
    std::size_t pos = 0;
    while (pos < word.size() && std::isdigit(static_cast<unsigned char>(word[pos]))) ++pos;
    auto button = grammar::parse_number_in_range(word.substr(0, pos), 1, limits::kMaxButtons);
    if (!button || pos == word.size()) return fail();
    char separator = text::ascii_lower(word[pos]);
    if (std::string_view(":sbfmocwx").find(separator) == std::string_view::npos) return fail();
    ButtonEntry entry{static_cast<int>(*button), separator, {}};
    std::string_view list = word.substr(pos + 1);
    while (true) {
      auto comma = list.find(',');
      auto dn = grammar::parse_number_in_range(list.substr(0, comma), 1, limits::kMaxDn);
      if (!dn) return fail();
      entry.dns.push_back(static_cast<int>(*dn));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    std::size_t max_dns = (separator == 'o' || separator == 'c') ? 25 : 1;
    if (entry.dns.size() > max_dns) return fail();
    for (const auto& other : result.entries)
      if (other.button == entry.button) return fail();
    result.entries.push_back(std::move(entry));
  }
  if (result.entries.empty()) result.error_at = base;
  return result;
}

std::string now_version_stamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "7960 %b %d %Y %H:%M:%S", &utc);
  return text;
}

void register_telephony_service(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "telephony-service",
      .help = {"Cisco Unified CME (SCCP phones) configuration"},
      .handler = opens_block(&Config::telephony, kTelephonyService),
      .row = ConfigRow::kTelephonyService,
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "em logout H:MM$t1 [H:MM$t2 [H:MM$t3]]",
      .help = {"Extension Mobility", "Automatic logout times", "Time of day (H:MM or HH:MM)",
               "Time of day (H:MM or HH:MM)", "Time of day (H:MM or HH:MM)"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             t.em_logout.clear();
                             if (negated(c)) return;
                             for (const char* name : {"t1", "t2", "t3"})
                               if (c.args.has(name)) t.em_logout.emplace_back(c.args.get(name));
                           }),
      .no_syntax = "em logout [LINE]",
      .no_help = {"Extension Mobility", "Automatic logout times", "Times"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "em external",
      .help = {"Extension Mobility", "No Extension Mobility login page on the phones"},
      .handler = on_object(telephony_block, [](TelephonyService& t,
                                               CommandContext& c) { t.em_external = !negated(c); }),
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "max-ephones " + kEphoneRange + "$count",
      .help = {"Maximum number of ephones supported", "Maximum number of ephones"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             t.max_ephones =
                                 negated(c) ? 0 : static_cast<int>(c.args.number("count"));
                           }),
      .no_syntax = "max-ephones [" + kEphoneRange + "$count]",
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "max-dn " + kDnRange + "$count [preference <0-9>$pref] [no-reg {primary | both}]",
      .help = {"Maximum number of directory numbers supported", "Maximum number of DNs",
               "Preference of the DNs' dial-peers", "Preference",
               "Do not register DNs with the gatekeeper", "Primary numbers only",
               "Primary and secondary numbers"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             if (negated(c)) {
                               t.max_dn.reset();
                               return;
                             }
                             MaxDn max_dn;
                             max_dn.count = static_cast<int>(c.args.number("count"));
                             if (c.args.has("pref"))
                               max_dn.preference = static_cast<int>(c.args.number("pref"));
                             if (c.args.has("primary")) max_dn.no_reg = "primary";
                             if (c.args.has("both")) max_dn.no_reg = "both";
                             t.max_dn = max_dn;
                           }),
      .no_syntax = "max-dn [LINE]",
      .no_help = {"Maximum number of directory numbers supported", "Maximum and options"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "ip source-address A.B.C.D$address [port <2000-9999>$portnum] [any-match | "
                "strict-match] [secondary A.B.C.D$backup]",
      .help = {"IP configuration for the SCCP service", "Address the phones register to",
               "IP address", "TCP port for SCCP", "Port (default 2000)",
               "Accept registrations on any router address",
               "Accept registrations only on this address", "Backup router of the phones",
               "IP address"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             if (negated(c)) {
                               t.ip_source_address.reset();
                               return;
                             }
                             SccpSourceAddress source;
                             source.address = *grammar::parse_ipv4(c.args.get("address"));
                             source.port = static_cast<int>(
                                 c.args.number("portnum", 2000));  // always printed
                             if (c.args.has("any-match")) source.match = "any-match";
                             if (c.args.has("strict-match")) source.match = "strict-match";
                             if (c.args.has("backup"))
                               source.secondary = grammar::parse_ipv4(c.args.get("backup"));
                             t.ip_source_address = source;
                           }),
      .no_syntax = "ip source-address [LINE]",
      .no_help = {"IP configuration for the SCCP service", "Address the phones register to",
                  "Address and options"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "keepalive <10-65535>$seconds",
      .help = {"Keepalive interval for the phones", "Seconds (default 30)"},
      .handler =
          on_object(telephony_block, sets_number(&TelephonyService::keepalive, "seconds", 30)),
      .no_syntax = "keepalive [<10-65535>$seconds]",
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "url services WORD$link [root]",
      .help = {"Phone service URLs", "Services button menu", "URL of the services menu",
               "Root menu of phone services"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             if (negated(c)) {
                               t.url_services.clear();
                               return;
                             }
                             if (!valid_printable_word(c.args.get("link"), 255)) {
                               c.reject_at = c.args.offset("link");
                               return;
                             }
                             t.url_services = std::string(c.args.get("link"));
                             if (c.args.has("root")) t.url_services += " root";
                           }),
      .no_syntax = "url services [LINE]",
      .no_help = {"Phone service URLs", "Services button menu", "URL"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "cnf-file location {flash: | slot0: | system: | tftp WORD$url}",
      .help = {"Phone configuration files", "Where the configuration files are stored",
               "Flash memory", "Slot 0 flash card", "System memory (default)", "A TFTP server",
               "TFTP URL"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             t.cnf_file_location.clear();
                             if (negated(c) || c.args.has("system:")) return;
                             if (c.args.has("tftp")) {
                               if (!valid_printable_word(c.args.get("url"), 255)) {
                                 c.reject_at = c.args.offset("url");
                                 return;
                               }
                               t.cnf_file_location = "tftp " + std::string(c.args.get("url"));
                             } else {
                               t.cnf_file_location = c.args.has("flash:") ? "flash:" : "slot0:";
                             }
                           }),
      .no_syntax = "cnf-file location [LINE]",
      .no_help = {"Phone configuration files", "Where the configuration files are stored",
                  "Location"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "cnf-file {perphone | perphonetype}",
      .help = {"Phone configuration files", "One configuration file per phone",
               "One configuration file per phone type"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             t.cnf_file.clear();
                             if (negated(c)) return;
                             t.cnf_file = c.args.has("perphone") ? "perphone" : "perphonetype";
                           }),
      .no_syntax = "cnf-file [perphone | perphonetype]",
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "max-conferences <1-64>$count [gain {-6 | 0 | 6}]",
      .help = {"Maximum number of three-party conferences", "Conferences",
               "Gain for the conference parties", "-6 dB", "0 dB", "6 dB"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             if (negated(c)) {
                               t.max_conferences.reset();
                               return;
                             }
                             MaxConferences max{static_cast<int>(c.args.number("count")), {}};
                             if (c.args.has("gain")) {
                               const std::string& gain = c.args.tokens().back().node->token.text;
                               max.gain = gain == "-6" ? -6 : gain == "6" ? 6 : 0;
                             }
                             t.max_conferences = max;
                           }),
      .no_syntax = "max-conferences [LINE]",
      .no_help = {"Maximum number of three-party conferences", "Conferences"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "transfer-system {blind | full-blind | full-consult [dss] | local-consult}",
      .help = {"Call transfer method", "Blind transfer (Cisco proprietary)",
               "Blind transfer (H.450.2 / SIP REFER)", "Consult first, then transfer",
               "Consult on DSS lines too", "Local consultative transfer"},
      .handler = on_object(
          telephony_block,
          [](TelephonyService& t, CommandContext& c) {
            t.transfer_system.clear();
            if (negated(c)) return;
            for (const char* method : {"blind", "full-blind", "full-consult", "local-consult"})
              if (c.args.has(method)) t.transfer_system = method;
            if (c.args.has("dss")) t.transfer_system += " dss";
          }),
      .no_syntax = "transfer-system [LINE]",
      .no_help = {"Call transfer method", "Method"},
  });
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "create cnf-files",
      .help = {"Create configuration files", "Build the phone configuration files"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext&) {
                             t.cnf_files_version_stamp = now_version_stamp();
                           }),
      .no_form = false,
  });
  // The line `show running-config` prints, read back when a saved config loads.
  commands.add_config({
      .mode = kTelephonyService,
      .syntax = "create cnf-files version-stamp LINE$stamp",
      .help = {"Create configuration files", "Build the phone configuration files",
               "Version stamp of the files", "Stamp"},
      .handler = on_object(telephony_block,
                           [](TelephonyService& t, CommandContext& c) {
                             std::string_view stamp = c.args.rest("stamp");
                             if (stamp.size() > 64) {
                               c.reject_at = c.args.offset("stamp");
                               return;
                             }
                             t.cnf_files_version_stamp = std::string(stamp);
                           }),
      .no_form = false,
      .hidden = true,
  });
  // Actions on the phones, not stored (CR `reset`, `restart` under telephony-service).
  for (const char* action : {"reset", "restart"})
    commands.add_config({
        .mode = kTelephonyService,
        .syntax =
            std::string(action) + " {all [<0-60>] | cancel | mac-address H.H.H | sequence-all}",
        .help = {action == std::string("reset")
                     ? "Reset the phones (full reboot)"
                     : "Restart the phones (re-read their configuration)",
                 "All phones", "Seconds between phones", "Cancel a sequence-all reset", "One phone",
                 "MAC address", "One phone after another"},
        .handler = [](CommandContext&) {},
        .no_form = false,
    });
}

void register_dn_children(CommandSet& commands, grammar::ModeId mode) {
  bool is_template = mode == kEphoneDnTemplate;
  auto edit_flag = [is_template](bool EphoneDn::*dn_member, bool EphoneDnTemplate::*t_member) {
    if (is_template)
      return on_object(dn_template_block, [t_member](EphoneDnTemplate& t, CommandContext& c) {
        t.*t_member = !negated(c);
      });
    return on_object(dn_block,
                     [dn_member](EphoneDn& dn, CommandContext& c) { dn.*dn_member = !negated(c); });
  };
  commands.add_config({
      .mode = mode,
      .syntax = "cti watch",
      .help = {"Computer Telephony Integration",
               "Allow this directory number to be monitored and controlled by CTI"},
      .handler = edit_flag(&EphoneDn::cti_watch, &EphoneDnTemplate::cti_watch),
  });
  commands.add_config({
      .mode = mode,
      .syntax = "cti notify",
      .help = {"Computer Telephony Integration",
               "Keep this directory number up for CTI without a phone"},
      .handler = edit_flag(&EphoneDn::cti_notify, &EphoneDnTemplate::cti_notify),
  });
}

void register_ephone_dns(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ephone-dn-template " + kDnRange + "$tag",
      .help = {"Ephone-dn template configuration", "Template tag"},
      .handler = opens_tagged(&Config::ephone_dn_templates, kEphoneDnTemplate),
      .row = ConfigRow::kEphoneDns,
  });
  register_dn_children(commands, kEphoneDnTemplate);

  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ephone-dn " + kDnRange + "$tag [dual-line | octo-line]",
      .help = {"Ephone-dn (directory number) configuration", "Directory number tag",
               "Two calls on this line", "Eight calls on this line"},
      // `no ephone-dn`: the router clears its calls.
      .handler = opens_tagged(&Config::ephone_dns, kEphoneDn,
                              [](EphoneDn& dn, CommandContext& c) {
                                if (c.args.has("dual-line")) dn.dual_line = true;
                                if (c.args.has("octo-line")) dn.octo_line = true;
                              }),
      .row = ConfigRow::kEphoneDns,
  });
  commands.add_config({
      .mode = kEphoneDn,
      .syntax = "number WORD$digits [secondary WORD$second] [no-reg [both | primary]]",
      .help = {"Extension number of this directory number", "Extension number",
               "A second number for this directory number", "Secondary number",
               "Do not register the number with the gatekeeper", "Both numbers",
               "Primary number only"},
      .handler = on_object(dn_block,
                           [](EphoneDn& dn, CommandContext& c) {
                             if (negated(c)) {
                               dn.number.clear();
                               dn.secondary.clear();
                               dn.no_reg.clear();
                               return;
                             }
                             for (const char* field : {"digits", "second"})
                               if (c.args.has(field) && !valid_dn_number(c.args.get(field))) {
                                 c.reject_at = c.args.offset(field);
                                 return;
                               }
                             dn.number = std::string(c.args.get("digits"));
                             dn.secondary = std::string(c.args.get("second"));
                             dn.no_reg.clear();
                             if (c.args.has("no-reg")) {
                               dn.no_reg = "no-reg";
                               if (c.args.has("both")) dn.no_reg += " both";
                               if (c.args.has("primary")) dn.no_reg += " primary";
                             }
                           }),
      .no_syntax = "number [LINE]",
      .no_help = {"Extension number of this directory number", "Number and options"},
  });
  struct TextField {
    const char* keyword;
    const char* help;
    std::size_t max;
    std::string EphoneDn::*member;
  };
  const TextField fields[] = {
      {"label", "Text shown on the phone for this line", limits::kMaxLabel, &EphoneDn::label},
      {"description", "Description of this line", limits::kMaxText, &EphoneDn::description},
      {"name", "Caller-ID name", limits::kMaxText, &EphoneDn::name},
  };
  for (const auto& field : fields) {
    auto member = field.member;
    auto max = field.max;
    commands.add_config({
        .mode = kEphoneDn,
        .syntax = std::string(field.keyword) + " LINE$text",
        .help = {field.help, "Text"},
        .handler = on_object(dn_block,
                             [member, max](EphoneDn& dn, CommandContext& c) {
                               if (negated(c)) {
                                 (dn.*member).clear();
                                 return;
                               }
                               std::string_view text = c.args.rest("text");
                               if (text.size() > max) {
                                 c.reject_at = c.args.offset("text");
                                 return;
                               }
                               dn.*member = std::string(text);
                             }),
        .no_syntax = std::string(field.keyword) + " [LINE$text]",
    });
  }
  commands.add_config({
      .mode = kEphoneDn,
      .syntax = "call-forward all WORD$target",
      .help = {"Call forwarding", "Forward all calls", "Target number"},
      .handler = on_object(dn_block,
                           [](EphoneDn& dn, CommandContext& c) {
                             if (negated(c)) {
                               dn.call_forward_all.clear();
                               return;
                             }
                             if (!valid_dn_number(c.args.get("target"))) {
                               c.reject_at = c.args.offset("target");
                               return;
                             }
                             dn.call_forward_all = std::string(c.args.get("target"));
                           }),
      .no_syntax = "call-forward all [WORD$target]",
  });
  commands.add_config({
      .mode = kEphoneDn,
      .syntax = "ephone-dn-template " + kDnRange + "$template",
      .help = {"Apply an ephone-dn template", "Template tag"},
      .handler = on_object(dn_block, sets_number(&EphoneDn::dn_template, "template")),
      .no_syntax = "ephone-dn-template [" + kDnRange + "$template]",
  });
  register_dn_children(commands, kEphoneDn);
}

void register_ephones(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "ephone " + kEphoneRange + "$tag",
      .help = {"Ephone (SCCP phone) configuration", "Ephone tag"},
      .handler = opens_tagged(&Config::ephones, kEphone),  // `no`: its phone is dropped
      .row = ConfigRow::kEphones,
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = "mac-address H.H.H$mac",
      .help = {"MAC address of the phone", "MAC address"},
      .handler = on_object(ephone_block,
                           [](Ephone& ephone, CommandContext& c) {
                             ephone.mac.reset();
                             // Two ephones may name one MAC, as nothing in the guide forbids
                             // it; the phone controller gives the registration to the lower tag.
                             if (!negated(c)) ephone.mac = *grammar::parse_mac(c.args.get("mac"));
                           }),
      .no_syntax = "mac-address [H.H.H$mac]",
  });
  // A model of the list, or the name of an `ephone-type` block (CR); the models that take key
  // expansion modules may name up to two add-ons.
  std::string type_syntax = "type {";
  std::string addon_syntax = "type {";
  std::vector<std::string> type_help{"Phone model"}, addon_help{"Phone model"};
  for (const char* type : kPhoneTypes) {
    std::string help =
        std::string("Cisco ") +
        (type == std::string("CIPC") ? "IP Communicator" : std::string("IP Phone ") + type);
    bool addons = std::find(std::begin(kAddonModels), std::end(kAddonModels),
                            std::string_view(type)) != std::end(kAddonModels);
    (addons ? addon_syntax : type_syntax) += std::string(type) + " | ";
    (addons ? addon_help : type_help).push_back(help);
  }
  type_syntax += "WORD$custom}";
  type_help.push_back("A phone model defined by ephone-type");
  addon_syntax.resize(addon_syntax.size() - 3);
  addon_syntax += "} [addon 1 " + std::string(kAddons) + " [2 " + kAddons + "]]";
  for (const char* help :
       {"Add-on modules", "First module", "7914", "7915 12 buttons", "7915 24 buttons",
        "7916 12 buttons", "7916 24 buttons", "Second module", "7914", "7915 12 buttons",
        "7915 24 buttons", "7916 12 buttons", "7916 24 buttons"})
    addon_help.push_back(help);
  Handler type_handler = on_object(ephone_block, [](Ephone& ephone, CommandContext& c) {
    if (negated(c)) {
      ephone.type.clear();
      ephone.addons.clear();
      return;
    }
    const auto& tokens = c.args.tokens();
    std::string type;
    if (c.args.has("custom")) {
      // A name of ours only when an `ephone-type NAME` block defines it.
      std::string header = "ephone-type " + std::string(c.args.get("custom"));
      bool defined = std::any_of(
          c.config->families.begin(), c.config->families.end(), [&](const KeptLine& line) {
            return line.text == header || line.text.starts_with(header + " ");
          });
      if (!defined) {
        c.reject_at = c.args.offset("custom");
        return;
      }
      type = std::string(c.args.get("custom"));
    } else {
      std::string_view typed = tokens[1].node->token.text;
      for (const char* known : kPhoneTypes)
        if (text::iequals(known, typed)) type = known;
    }
    std::string addons;
    for (std::size_t i = 2; i < tokens.size(); ++i)
      addons += (i > 2 ? " " : "") + std::string(tokens[i].node->token.text);
    ephone.type = type;
    ephone.addons = addons;
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = type_syntax,
      .help = type_help,
      .handler = type_handler,
      .no_syntax = "type [LINE]",
      .no_help = {"Phone model", "Model"},
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = addon_syntax,
      .help = addon_help,
      .handler = type_handler,
      .no_form = false,  // the form above has the `no` and `default` forms
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = "button LINE$spec",
      .help = {"Line buttons: NUMBER{: s b f m o c w x}DN[,DN...] ...",
               "Button, ring type and directory numbers, as 1:1 2:2"},
      .handler = on_object(ephone_block,
                           [](Ephone& ephone, CommandContext& c) {
                             if (negated(c)) {
                               ephone.buttons.clear();
                               return;
                             }
                             auto parsed =
                                 parse_buttons(c.args.rest("spec"), c.args.offset("spec"));
                             if (parsed.error_at) {
                               c.reject_at = parsed.error_at;
                               return;
                             }
                             for (auto& entry : parsed.entries) {
                               auto it = std::find_if(
                                   ephone.buttons.begin(), ephone.buttons.end(),
                                   [&](const ButtonEntry& b) { return b.button == entry.button; });
                               if (it != ephone.buttons.end())
                                 *it = std::move(entry);
                               else
                                 ephone.buttons.push_back(std::move(entry));
                             }
                             std::sort(ephone.buttons.begin(), ephone.buttons.end(),
                                       [](const ButtonEntry& a, const ButtonEntry& b) {
                                         return a.button < b.button;
                                       });
                           }),
      .no_syntax = "button [LINE$spec]",
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = "logout-profile <1-" + std::to_string(limits::kMaxLogoutProfiles) + ">$profile",
      .help = {"Enable Extension Mobility with this logout profile", "Logout profile tag"},
      .handler = on_object(ephone_block, sets_number(&Ephone::logout_profile, "profile")),
      .no_syntax = "logout-profile [LINE]",
      .no_help = {"Enable Extension Mobility with this logout profile", "Logout profile tag"},
  });
  // Actions, not stored: the SCCP service re-provisions the phone (docs/commands.md §3.7).
  commands.add_config({
      .mode = kEphone,
      .syntax = "restart",
      .help = {"Restart the phone (re-read its configuration)"},
      .handler = [](CommandContext&) {},
      .no_form = false,
  });
  commands.add_config({
      .mode = kEphone,
      .syntax = "reset",
      .help = {"Reset the phone (full reboot)"},
      .handler = [](CommandContext&) {},
      .no_form = false,
  });
}

}  // namespace

void register_telephony_commands(CommandSet& commands) {
  register_telephony_service(commands);
  register_ephone_dns(commands);
  register_ephones(commands);
}

}  // namespace cmemu::runtime
