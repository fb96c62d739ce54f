// EXEC commands about the telephony services: `show cti`, `show ephone`, `show ephone-dn`,
// `show voice register session-server`, `clear cti session`, `emadmin` (docs/commands.md §1.1-1.3).
// Until the services land they report what the configuration alone determines: no CTI
// sessions, every phone unregistered.
#include <cstdio>
#include <map>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/call_model.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/cti_call_control.hpp"
#include "runtime/cti_engine.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kPrivilegedExec;
using runtime::kUserExec;

std::string show_cti_session(const runtime::Router& router, const CommandContext& c) {
  runtime::CtiEngine none;  // no SIP service running: no sessions
  const runtime::CtiEngine& engine = router.cti ? *router.cti : none;
  auto now = runtime::Clock::instance().steady_now();
  if (c.args.has("id")) return engine.show_session(static_cast<int>(c.args.number("id")), now);
  return engine.show_sessions(now);
}

// docs/commands.md §1.1: every `cti watch` DN, then one row per leg on it (cmemu's leg number is
// the connection's; the GCID only with `gcid`). ACT/ALERT/HOLD: ALERT and HOLD are UNVERIFIED.
std::string show_cti_call(const runtime::Router& router) {
  const runtime::Config& config = router.running();
  std::string text =
      "DN         CallID GCID                                Calling    Called     State\n"
      "=========  ====== =================================== ========== ========== =====\n";
  bool gcid = config.voice_service && config.voice_service->gcid;
  auto watched = runtime::CtiEngine::watched_numbers(config);
  const runtime::CallModel* calls = router.call_model;
  char row[200];
  for (const auto& [tag, dn] : config.ephone_dns) {
    if (!watched.count(dn.number)) continue;
    text += dn.number + "\n";
    const runtime::Line* line = calls ? calls->line(tag) : nullptr;
    if (!line) continue;
    for (runtime::ConnectionId id : line->connections) {
      const runtime::Connection* leg = calls->connection(id);
      const runtime::Call* call = leg ? calls->call(leg->call) : nullptr;
      if (!call) continue;
      const char* state = leg->state == runtime::ConnectionState::kAlerting ? "ALERT"
                          : leg->state == runtime::ConnectionState::kHold   ? "HOLD"
                                                                            : "ACT";
      std::snprintf(row, sizeof row, "%11s%-8u%-36s%-11s%-11s%s\n", "", id,
                    gcid ? runtime::global_call_id(call->id).c_str() : "",
                    call->calling_number.c_str(), call->called_number.c_str(), state);
      text += row;
    }
  }
  return text;
}

// docs/commands.md §1.1: with `gcid`, one row per call: its GCID and the legs it ties.
std::string show_cti_gcid(const runtime::Router& router) {
  std::string text =
      "GCID                                 callIDs\n"
      "===================================  =================\n";
  const runtime::Config& config = router.running();
  bool gcid = config.voice_service && config.voice_service->gcid;
  std::string rows;
  if (gcid && router.call_model)
    for (const auto& [id, call] : router.call_model->calls()) {
      rows += runtime::global_call_id(id) + "  ";
      for (runtime::ConnectionId leg : call.parties) rows += std::to_string(leg) + ", ";
      rows.back() = '\n';
    }
  return text + (rows.empty() ? "no active GCID\n" : rows);
}

// A channel's state in `show ephone` and `show ephone-dn` (docs/commands.md §1.2, emulated set).
std::string channel_state(const runtime::Connection& connection) {
  switch (connection.state) {
    case runtime::ConnectionState::kAlerting:
      return "ALERTING";
    case runtime::ConnectionState::kConnected:
      return "CONNECTED";
    case runtime::ConnectionState::kHold:
      return "HOLD";
    case runtime::ConnectionState::kInitiated:
    case runtime::ConnectionState::kFail:
      return "OFFHOOK";
    case runtime::ConnectionState::kNull:
      break;
  }
  return "IDLE";
}

// A DN's state: DOWN without a registered phone unless `cti notify` keeps it up (docs/decisions.md
// #29), else its first call's state, else IDLE.
std::string dn_state(const runtime::Router& router, int tag, const runtime::EphoneDn& dn) {
  if (dn.number.empty()) return "INVALID";
  const runtime::Line* line = router.call_model ? router.call_model->line(tag) : nullptr;
  if (!line) return dn.cti_notify ? "IDLE" : "DOWN";
  if (!line->in_service()) return "DOWN";
  if (!line->connections.empty())
    if (const auto* call = router.call_model->connection(line->connections.front()))
      return channel_state(*call);
  return "IDLE";
}

std::vector<runtime::PhoneStatus> registered_phones(const runtime::Router& router) {
  return router.phones ? router.phones->registered() : std::vector<runtime::PhoneStatus>{};
}

std::string phone_model(const runtime::PhoneStatus& phone) {
  if (phone.model_name == "7940" || phone.model_name == "7960")
    return "Telecaster " + phone.model_name;
  return phone.model_name.empty() ? std::to_string(phone.device_type) : phone.model_name;
}

std::string show_registered_ephone(const runtime::Router& router,
                                   const runtime::PhoneStatus& phone) {
  const runtime::Config& config = router.running();
  const runtime::CallModel* calls = router.call_model;
  auto ephone = config.ephones.find(phone.ephone_tag);
  std::string mac = ephone != config.ephones.end() && ephone->second.mac
                        ? grammar::format_mac(*ephone->second.mac)
                        : "";
  int active_line = 0, offhook = 0, ringing = 0, media = 0;
  std::string buttons;
  for (const auto& button : phone.buttons) {
    buttons += "button " + std::to_string(button.button) + ": cw:1 ccw:(0 0)\n";
    for (int dn_tag : button.dn_tags) {
      auto dn = config.ephone_dns.find(dn_tag);
      if (dn == config.ephone_dns.end()) continue;
      const runtime::Line* line = calls ? calls->line(dn_tag) : nullptr;
      std::string channels[2] = {"IDLE", "IDLE"};
      if (line)
        for (std::size_t i = 0; i < line->connections.size() && i < 2; ++i) {
          const runtime::Connection* call = calls->connection(line->connections[i]);
          if (!call) continue;
          channels[i] = channel_state(*call);
          if (call->state == runtime::ConnectionState::kAlerting) ringing = 1;
          if (call->state == runtime::ConnectionState::kConnected ||
              call->state == runtime::ConnectionState::kInitiated ||
              call->state == runtime::ConnectionState::kFail) {
            offhook = 1;
            active_line = button.button;
          }
          if (call->state == runtime::ConnectionState::kConnected) media = 1;
        }
      char row[160];
      std::snprintf(row, sizeof row, "  dn %d  number %s CH1   %-13s", dn_tag,
                    dn->second.number.c_str(), channels[0].c_str());
      buttons += row;
      if (dn->second.dual_line) {
        std::snprintf(row, sizeof row, "CH2   %-13s", channels[1].c_str());
        buttons += row;
      }
      if (button.separator == 'o' || button.separator == 'c') buttons += "overlay shared";
      while (!buttons.empty() && buttons.back() == ' ') buttons.pop_back();
      buttons += "\n";
    }
  }
  int max_line = phone.max_lines;
  return "ephone-" + std::to_string(phone.ephone_tag) + "[" + std::to_string(phone.ephone_tag - 1) +
         "] Mac:" + mac + " TCP socket:[" + std::to_string(phone.socket) +
         "] activeLine:" + std::to_string(active_line) + " whisperLine:0 REGISTERED in SCCP ver " +
         std::to_string(phone.protocol_version) + "/" + std::to_string(phone.negotiated_version) +
         " max_streams=" + std::to_string(phone.max_streams) +
         "\nmediaActive:" + std::to_string(media) +
         " whisper_mediaActive:0 startMedia:" + std::to_string(media) +
         " offhook:" + std::to_string(offhook) + " ringing:" + std::to_string(ringing) +
         " reset:0 reset_sent:0 paging 0 debug:0 caps:8 privacy:0\nIP:" + phone.ip + " * " +
         std::to_string(phone.port) + " " + phone_model(phone) + "  keepalive " +
         std::to_string(phone.keepalives) + " max_line " + std::to_string(max_line) +
         " available_line " + std::to_string(max_line) + "\n" + buttons +
         "Preferred Codec: g711ulaw\n";
}

std::string show_unregistered_ephone(int tag, const runtime::Ephone& ephone) {
  std::string mac = ephone.mac ? grammar::format_mac(*ephone.mac) : "";
  return "ephone-" + std::to_string(tag) + " Mac:" + mac +
         " TCP socket:[-1] activeLine:0 UNREGISTERED\n"
         "mediaActive:0 offhook:0 ringing:0 reset:0 reset_sent:0 paging 0 debug:0\n"
         "IP:0.0.0.0 0 Unknown 0  keepalive 0 max_line 0\n";
}

std::string show_ephone(const runtime::Router& router, bool registered, bool unregistered) {
  const runtime::Config& config = router.running();
  std::map<int, runtime::PhoneStatus> phones;
  for (auto& phone : registered_phones(router)) phones[phone.ephone_tag] = std::move(phone);
  std::string text;
  for (const auto& [tag, ephone] : config.ephones) {
    auto phone = phones.find(tag);
    bool is_registered = phone != phones.end();
    if ((registered && !is_registered) || (unregistered && is_registered)) continue;
    text += is_registered ? show_registered_ephone(router, phone->second)
                          : show_unregistered_ephone(tag, ephone);
    text += "\n";
  }
  if (text.empty()) return "No ephone in specified type/condition.\n";
  return text;
}

// `1:1 2:5`: each button of the ephone's configuration and its DNs.
std::string button_list(const runtime::Ephone& ephone) {
  std::string text;
  for (const auto& button : ephone.buttons) {
    for (int dn : button.dns)
      text += std::to_string(button.button) + ":" + std::to_string(dn) + " ";
  }
  if (!text.empty()) text.pop_back();
  return text;
}

// docs/commands.md §1.2: three lines per ephone (CR's `show ephone summary` example), then the
// totals, conferences and music on hold.
std::string show_ephone_summary(const runtime::Router& router) {
  const runtime::Config& config = router.running();
  std::map<int, runtime::PhoneStatus> phones;
  for (auto& phone : registered_phones(router)) phones[phone.ephone_tag] = std::move(phone);
  std::string text = "hairpin_block:\n";
  for (const auto& [tag, ephone] : config.ephones) {
    auto phone = phones.find(tag);
    bool registered = phone != phones.end();
    std::string mac = ephone.mac ? grammar::format_mac(*ephone.mac) : "";
    std::string socket = registered ? std::to_string(phone->second.socket) : "-1";
    std::string primary;
    if (!ephone.buttons.empty() && !ephone.buttons.front().dns.empty())
      primary = "  primary_dn: " + std::to_string(ephone.buttons.front().dns.front()) + "*";
    text += "ephone-" + std::to_string(tag) + "[" + std::to_string(tag - 1) + "] Mac:" + mac +
            " TCP socket:[" + socket + "] activeLine:0 whisperLine:0 " +
            (registered ? "REGISTERED\n" : "UNREGISTERED\n");
    text +=
        "mediaActive:0 whisper_mediaActive:0 startMedia:0 offhook:0 ringing:0 reset:0 "
        "reset_sent:0 debug:0" +
        primary + "\n";
    text += registered ? "IP:" + phone->second.ip + " * " + phone_model(phone->second) +
                             "  keepalive " + std::to_string(phone->second.keepalives)
                       : std::string("IP:0.0.0.0 Unknown 0  keepalive 0");
    text += "   music 0  " + button_list(ephone) + "\n";
  }
  int max = config.telephony ? config.telephony->max_ephones : 0;
  int conferences = config.telephony && config.telephony->max_conferences
                        ? config.telephony->max_conferences->count
                        : 8;
  std::size_t sockets = router.phones ? router.phones->sockets() : 0;
  text += "Max " + std::to_string(max) + ", Registered " + std::to_string(phones.size()) +
          ", Unregistered " + std::to_string(config.ephones.size() - phones.size()) +
          ", Deceased 0, Sockets " + std::to_string(sockets) + "\n";
  text += "Max Conferences " + std::to_string(conferences) + " with 0 active (" +
          std::to_string(conferences) +
          " allowed)\n"
          "Skinny Music On Hold Status\n"
          "Active MOH clients 0 (max 72), Media Clients 0\n"
          "No MOH file loaded\n";
  return text;
}

std::string show_ephone_dn_summary(const runtime::Router& router) {
  std::string text =
      "PORT     DN STATE    CODEC    VAD VTSP STATE            VPM STATE\n"
      "======== ==========  ======== === ===================== =========\n";
  char row[160];
  for (const auto& [tag, dn] : router.running().ephone_dns) {
    std::string port = "50/0/" + std::to_string(tag);
    std::string state = dn_state(router, tag, dn);
    std::snprintf(row, sizeof row, "%-9s%-12s%-10s%-3s%-22s%s\n", port.c_str(), state.c_str(), "-",
                  "-", "-",
                  state == "INVALID"                   ? "EFXS_INIT"
                  : state == "DOWN" || state == "IDLE" ? "EFXS_ONHOOK"
                                                       : "EFXS_OFFHOOK");
    text += row;
  }
  return text;
}

std::string show_ephone_dn(const runtime::Router& router, int tag) {
  const runtime::Config& config = router.running();
  auto it = config.ephone_dns.find(tag);
  if (it == config.ephone_dns.end()) return {};
  std::string port = "50/0/" + std::to_string(tag);
  std::string state = dn_state(router, tag, it->second);
  char head[120];
  std::snprintf(head, sizeof head, "%s CH1 %-10s", port.c_str(), state.c_str());
  std::string text = head;
  if (it->second.dual_line) {
    // The second channel carries the line's second call, if any.
    std::string second = state == "DOWN" || state == "INVALID" ? state : "IDLE";
    const runtime::Line* line = router.call_model ? router.call_model->line(tag) : nullptr;
    if (line && line->connections.size() > 1)
      if (const auto* call = router.call_model->connection(line->connections[1]))
        second = channel_state(*call);
    std::snprintf(head, sizeof head, "CH2 %-12s", second.c_str());
    text += head;
  }
  // docs/commands.md §1.2: the voice port's settings are IOS's defaults for a virtual EFXS port.
  text += "\nEFXS " + port + " Slot is 50, Sub-unit is 0, Port is " + std::to_string(tag) +
          "\n Type of VoicePort is EFXS\n Operation State is " +
          (state == "DOWN" || state == "INVALID" ? "UP" : "DORMANT") +
          "\n Administrative State is UP\n"
          " No Interface Down Failure\n"
          " Description is not set\n"
          " Noise Regeneration is enabled\n"
          " Non Linear Processing is enabled\n"
          " Non Linear Mute is disabled\n"
          " Non Linear Threshold is -21 dB\n"
          " Music On Hold Threshold is Set to -38 dBm\n"
          " In Gain is Set to 0 dB\n"
          " Out Attenuation is Set to 0 dB\n"
          " Echo Cancellation is enabled\n"
          " Echo Cancellation NLP mute is disabled\n"
          " Echo Cancellation NLP threshold is -21 dB\n"
          " Echo Cancel Coverage is set to 8 ms\n"
          " Playout-delay Mode is set to adaptive\n"
          " Playout-delay Nominal is set to 60 ms\n"
          " Playout-delay Maximum is set to 200 ms\n"
          " Playout-delay Minimum mode is set to default, value 40 ms \n"
          " Playout-delay Fax is set to 300 ms\n"
          " Connection Mode is normal\n"
          " Connection Number is not set\n"
          " Initial Time Out is set to 10 s\n"
          " Interdigit Time Out is set to 10 s\n"
          " Call Disconnect Time Out is set to 60 s\n"
          " Ringing Time Out is set to 180 s\n"
          " Wait Release Time Out is set to 30 s\n"
          " Companding Type is u-law\n"
          " Region Tone is set for US\n"
          " Station name " +
          (it->second.name.empty() ? "None" : it->second.name) + ", Station number " +
          it->second.number +
          "\n Caller ID Info Follows:\n"
          " Standard BELLCORE\n"
          " Translation profile (Incoming): \n"
          " Translation profile (Outgoing): \n"
          " Digit Duration Timing is set to 100 ms\n";
  return text;
}

std::string show_session_servers(const runtime::Router& router) {
  std::string text;
  auto now = runtime::Clock::instance().steady_now();
  for (const auto& [tag, server] : router.running().session_servers) {
    text += "Feature server " + std::to_string(tag) + ", keepalive " +
            std::to_string(server.keepalive_seconds()) + ", register-uri " + server.register_id +
            "\n";
    std::optional<runtime::SessionServerRegistration> registration;
    if (router.registrar) registration = router.registrar->session_server(tag);
    if (registration && registration->expires_at > now) {
      char ref[16];
      std::snprintf(ref, sizeof ref, "%08X", registration->ref_id);
      auto left = std::chrono::ceil<std::chrono::seconds>(registration->expires_at - now).count();
      text += "Session reg_number " + std::to_string(registration->reg_number) + ", refID " + ref +
              "\nState REGISTERED, expires " + std::to_string(left) + "\n";
    } else {
      text += "State UNREGISTERED\n";
    }
  }
  return text;
}

}  // namespace

void register_telephony_commands(App& app) {
  const auto& running = app.router;
  const std::vector<grammar::ModeId> both = {kUserExec, kPrivilegedExec};
  auto show = [&app](const std::vector<grammar::ModeId>& modes, const std::string& syntax,
                     std::vector<std::string> help, ShowProducer producer) {
    add_show_command(app, modes, syntax, std::move(help), std::move(producer));
  };
  show(both, "show cti session [<1-2147483647>$id]",
       {"Show running system information", "CTI information", "CTI sessions", "Session ID"},
       [&running](CommandContext& c) { return show_cti_session(running, c); });
  show(both, "show cti gcid",
       {"Show running system information", "CTI information", "Global call IDs"},
       [&running](CommandContext&) { return show_cti_gcid(running); });
  show(both, "show cti call", {"Show running system information", "CTI information", "CTI calls"},
       [&running](CommandContext&) { return show_cti_call(running); });
  show(both, "show cti line-node",
       {"Show running system information", "CTI information", "CTI line nodes"},
       [](CommandContext&) {
         return std::string(
             "line dn             number of call instance\n"
             "================    =======================\n");
       });
  show(both, "show ephone [registered$registered | unregistered$unregistered]",
       {"Show running system information", "ephone status", "registered ephones",
        "unregistered ephones"},
       [&running](CommandContext& c) {
         return show_ephone(running, c.args.has("registered"), c.args.has("unregistered"));
       });
  show(both, "show ephone summary",
       {"Show running system information", "ephone status", "Summary of all ephones"},
       [&running](CommandContext&) { return show_ephone_summary(running); });
  show(both, "show ephone-dn [summary]",
       {"Show running system information", "ephone-dn status", "Summary of all ephone-dns"},
       [&running](CommandContext&) { return show_ephone_dn_summary(running); });
  show(both, "show ephone-dn <1-10000>$tag",
       {"Show running system information", "ephone-dn status", "ephone-dn tag"},
       [&running](CommandContext& c) {
         return show_ephone_dn(running, static_cast<int>(c.args.number("tag")));
       });
  show(both, "show voice register session-server",
       {"Show running system information", "Voice configuration and status",
        "Voice register information", "Session servers"},
       [&running](CommandContext&) { return show_session_servers(running); });

  auto clear_session = [&app](CommandContext& c) {
    if (c.args.has("no")) return;  // `no clear ...` is accepted and does nothing (CR)
    auto* control = app.router.cti_control;
    if (control && control->end_session(static_cast<int>(c.args.number("number")))) return;
    c.output += "% CTI session " + std::string(c.args.get("number")) + " does not exist\n";
    c.error_printed = true;
  };
  for (const char* syntax :
       {"clear cti session id <1-2147483647>$number", "clear cti session <1-2147483647>$number"}) {
    std::vector<std::string> help = {"Reset functions", "CTI", "CTI session"};
    if (std::string_view(syntax).find(" id ") != std::string_view::npos)
      help.push_back("CTI session ID");
    help.push_back("Session ID");
    app.commands.add(kPrivilegedExec, syntax, help, clear_session);
    help.insert(help.begin(), "Negate a command or set its defaults");
    app.commands.add(kPrivilegedExec, std::string("no ") + syntax, help, clear_session);
  }

  // docs/decisions.md #30: the user-profile's numbers replace the logout-profile's on the phone,
  // which is re-provisioned at once; a user is logged in on one phone at a time.
  auto user_profile_tag = [](const runtime::Config& config, std::string_view user) {
    for (const auto& [tag, profile] : config.user_profiles)
      if (profile.user && profile.user->first == user) return tag;
    return 0;
  };
  auto log_out_everywhere = [&app](int profile_tag) {
    std::vector<int> phones;
    for (const auto& [ephone, profile] : app.router.em_logins)
      if (profile == profile_tag) phones.push_back(ephone);
    for (int ephone : phones) {
      app.router.em_logins.erase(ephone);
      if (app.router.phones) app.router.phones->reprovision(ephone);
    }
  };
  app.commands.add(
      kPrivilegedExec, "emadmin login WORD$user <1-5000>$ephone",
      {"Extension mobility administration", "Log a user in to a phone", "User name", "ephone tag"},
      [&app, user_profile_tag, log_out_everywhere](CommandContext& c) {
        const auto& config = app.router.running();
        std::string user(c.args.get("user"));
        int profile = user_profile_tag(config, user);
        int tag = static_cast<int>(c.args.number("ephone"));
        auto ephone = config.ephones.find(tag);
        if (profile == 0)
          c.output += "% User " + user + " not found\n";
        else if (ephone == config.ephones.end())
          c.output += "% ephone " + std::to_string(tag) + " does not exist\n";
        else if (!ephone->second.logout_profile)
          c.output +=
              "% ephone " + std::to_string(tag) + " is not enabled for extension mobility\n";
        c.error_printed = !c.output.empty();
        if (c.error_printed) return;
        log_out_everywhere(profile);
        app.router.em_logins[tag] = profile;
        if (app.router.phones) app.router.phones->reprovision(tag);
      });
  app.commands.add(kPrivilegedExec, "emadmin logout WORD$user",
                   {"Extension mobility administration", "Log a user out", "User name"},
                   [&app, user_profile_tag, log_out_everywhere](CommandContext& c) {
                     std::string user(c.args.get("user"));
                     int profile = user_profile_tag(app.router.running(), user);
                     if (profile == 0) {
                       c.output += "% User " + user + " not found\n";
                       c.error_printed = true;
                       return;
                     }
                     log_out_everywhere(profile);
                   });
}

}  // namespace cmemu::cli
