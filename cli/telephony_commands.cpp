// EXEC commands about the telephony services: `show cti`, `show ephone`, `show ephone-dn`,
// `show voice register session-server`, `clear cti session`, `emadmin` (commands.md §1.1-1.3).
// Until the services land they report what the configuration alone determines: no CTI
// sessions, every phone unregistered.
#include <cstdio>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/clock.hpp"
#include "runtime/config.hpp"

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

std::string show_cti_call(const runtime::Config& config) {
  std::string text =
      "DN         CallID GCID                                Calling    Called     State\n"
      "=========  ====== =================================== ========== ========== =====\n";
  for (const auto& [tag, dn] : config.ephone_dns)
    if (dn.cti_watch && !dn.number.empty()) text += dn.number + "\n";
  return text;
}

std::string show_ephone(const runtime::Config& config, bool registered_only) {
  if (registered_only) return "No ephone in specified type/condition.\n";
  std::string text;
  for (const auto& [tag, ephone] : config.ephones) {
    std::string mac = ephone.mac ? grammar::format_mac(*ephone.mac) : "";
    text += "ephone-" + std::to_string(tag) + " Mac:" + mac +
            " TCP socket:[-1] activeLine:0 UNREGISTERED\n"
            "mediaActive:0 offhook:0 ringing:0 reset:0 reset_sent:0 paging 0 debug:0\n"
            "IP:0.0.0.0 0 Unknown 0  keepalive 0 max_line 0\n\n";
  }
  return text;
}

std::string show_ephone_summary(const runtime::Config& config) {
  std::string text;
  for (const auto& [tag, ephone] : config.ephones) {
    std::string mac = ephone.mac ? grammar::format_mac(*ephone.mac) : "";
    text += "ephone-" + std::to_string(tag) + "[" + std::to_string(tag - 1) + "] Mac:" + mac +
            " UNREGISTERED\n";
  }
  int max = config.telephony ? config.telephony->max_ephones : 0;
  text += "Max " + std::to_string(max) + ", Registered 0, Unregistered " +
          std::to_string(config.ephones.size()) + ", Deceased 0, Sockets 0\n";
  return text;
}

// A DN's state before phones register: DOWN, or IDLE when `cti notify` keeps it up (decision 29).
std::string dn_state(const runtime::EphoneDn& dn) {
  if (dn.number.empty()) return "INVALID";
  return dn.cti_notify ? "IDLE" : "DOWN";
}

std::string show_ephone_dn_summary(const runtime::Config& config) {
  std::string text =
      "PORT     DN STATE    CODEC    VAD VTSP STATE            VPM STATE\n"
      "======== ==========  ======== === ===================== =========\n";
  char row[160];
  for (const auto& [tag, dn] : config.ephone_dns) {
    std::string port = "50/0/" + std::to_string(tag);
    std::string state = dn_state(dn);
    std::snprintf(row, sizeof row, "%-9s%-12s%-10s%-3s%-22s%s\n", port.c_str(), state.c_str(), "-",
                  "-", "-", state == "INVALID" ? "EFXS_INIT" : "EFXS_ONHOOK");
    text += row;
  }
  return text;
}

std::string show_ephone_dn(const runtime::Config& config, int tag) {
  auto it = config.ephone_dns.find(tag);
  if (it == config.ephone_dns.end()) return {};
  std::string port = "50/0/" + std::to_string(tag);
  return port + " CH1 " + dn_state(it->second) + "\nEFXS " + port +
         " Slot is 50, Sub-unit is 0, Port is " + std::to_string(tag) +
         "\n Type of VoicePort is EFXS\n Operation State is UP\n Station name None, Station "
         "number " +
         it->second.number + "\n";
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
       [](CommandContext&) {
         return std::string(
             "GCID                                 callIDs\n"
             "===================================  =================\n"
             "no active GCID\n");
       });
  show(both, "show cti call", {"Show running system information", "CTI information", "CTI calls"},
       [&running](CommandContext&) { return show_cti_call(running.running()); });
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
         return show_ephone(running.running(), c.args.has("registered"));
       });
  show(both, "show ephone summary",
       {"Show running system information", "ephone status", "Summary of all ephones"},
       [&running](CommandContext&) { return show_ephone_summary(running.running()); });
  show(both, "show ephone-dn [summary]",
       {"Show running system information", "ephone-dn status", "Summary of all ephone-dns"},
       [&running](CommandContext&) { return show_ephone_dn_summary(running.running()); });
  show(both, "show ephone-dn <1-10000>$tag",
       {"Show running system information", "ephone-dn status", "ephone-dn tag"},
       [&running](CommandContext& c) {
         return show_ephone_dn(running.running(), static_cast<int>(c.args.number("tag")));
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

  app.commands.add(
      kPrivilegedExec, "emadmin login WORD$user <1-5000>$ephone",
      {"Extension mobility administration", "Log a user in to a phone", "User name", "ephone tag"},
      [&running](CommandContext& c) {
        const auto& config = running.running();
        std::string user(c.args.get("user"));
        bool found = false;
        for (const auto& [tag, profile] : config.user_profiles)
          if (profile.user && profile.user->first == user) found = true;
        int tag = static_cast<int>(c.args.number("ephone"));
        auto ephone = config.ephones.find(tag);
        if (!found)
          c.output += "% User " + user + " not found\n";
        else if (ephone == config.ephones.end())
          c.output += "% ephone " + std::to_string(tag) + " does not exist\n";
        else if (!ephone->second.logout_profile)
          c.output +=
              "% ephone " + std::to_string(tag) + " is not enabled for extension mobility\n";
        c.error_printed = !c.output.empty();
      });
  app.commands.add(kPrivilegedExec, "emadmin logout WORD$user",
                   {"Extension mobility administration", "Log a user out", "User name"},
                   [&running](CommandContext& c) {
                     const auto& config = running.running();
                     std::string user(c.args.get("user"));
                     for (const auto& [tag, profile] : config.user_profiles)
                       if (profile.user && profile.user->first == user) return;
                     c.output += "% User " + user + " not found\n";
                     c.error_printed = true;
                   });
}

}  // namespace cmemu::cli
