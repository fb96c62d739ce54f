// `voice service voip` and its `sip` sub-mode (docs/commands.md §3.1, §3.2), `voice register
// global` (§3.3), `voice register session-server` (§3.4), `voice logout-profile` / `voice
// user-profile` (§3.5).
#include <algorithm>

#include "grammar/token_parsers.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

// The blocks voice commands edit: voice service voip, its sip sub-mode, voice register global,
// and the session-server the session is in.
VoiceService& voice_service_block(Config& k, CommandContext&) {
  return made(k.voice_service);
}
VoiceServiceSip& voice_sip_block(Config& k, CommandContext&) {
  return made(made(k.voice_service).sip);
}
VoiceRegisterGlobal& register_global_block(Config& k, CommandContext&) {
  return made(k.voice_register_global);
}
SessionServer& session_server_block(Config& k, CommandContext& c) {
  return k.session_servers[frame_tag(c)];
}

// The profile the session edits: logout-profiles in kLogoutProfile, user-profiles otherwise.
Profile& current_profile(CommandContext& c, grammar::ModeId mode) {
  auto& profiles = mode == kLogoutProfile ? c.config->logout_profiles : c.config->user_profiles;
  return profiles[frame_tag(c)];
}

void register_voice_service(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice service voip",
      .help = {"Global voice configuration", "Global voice services", "Voice over IP"},
      .handler = opens_block(&Config::voice_service, kVoiceService),
      .row = ConfigRow::kVoiceService,
  });
  const std::vector<std::string> allow_help{"Allow call connection types",
                                            "from Session Initiation Protocol (SIP)",
                                            "to another type", "to SIP"};
  auto allow = on_object(voice_service_block, [](VoiceService& v, CommandContext& c) {
    v.allow_connections_sip_to_sip = !negated(c);
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "allow-connections sip to sip",
      .help = allow_help,
      .handler = allow,
  });
  // The guide's step 4 spelling (docs/decisions.md #6): accepted, never offered, printed
  // canonically.
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "allow-connections sip-to-sip",
      .help = {"Allow call connection types", "from SIP to SIP"},
      .handler = allow,
      .hidden = true,
  });
  // supplementary-service sip {moved-temporarily | refer}: default on, `no` is printed.
  auto moved = on_object(voice_service_block, [](VoiceService& v, CommandContext& c) {
    v.supplementary_moved_temporarily = !c.args.has("no");
  });
  auto refer = on_object(voice_service_block, [](VoiceService& v, CommandContext& c) {
    v.supplementary_refer = !c.args.has("no");
  });
  const std::string supp_help = "Config supplementary service features";
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "supplementary-service sip moved-temporarily",
      .help = {supp_help, "SIP supplementary service configuration",
               "Enable SIP 302 Moved Temporarily for call forwarding"},
      .handler = moved,
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "supplementary-service sip refer",
      .help = {supp_help, "SIP supplementary service configuration",
               "Enable SIP REFER for call transfer"},
      .handler = refer,
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "supplementary-service sip moved-temporary",
      .help = {supp_help, "SIP supplementary service configuration", "Call forwarding"},
      .handler = moved,
      .hidden = true,
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "supplementary-service sip-refer",
      .help = {supp_help, "Call transfer"},
      .handler = refer,
      .hidden = true,
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "callmonitor",
      .help = {"Call Monitoring"},
      .handler = on_object(voice_service_block,
                           [](VoiceService& v, CommandContext& c) { v.callmonitor = !negated(c); }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "gcid",
      .help = {"Enable Global Call Identifcation for voip"},
      .handler = on_object(voice_service_block,
                           [](VoiceService& v, CommandContext& c) { v.gcid = !negated(c); }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "cti shutdown",
      .help = {"Computer Telephony Integration", "Shut down CTI service"},
      .handler = on_object(voice_service_block,
                           [](VoiceService& v, CommandContext& c) {
                             v.cti_shutdown =
                                 !c.args.has("no");  // docs/decisions.md #12: shut down by default
                           }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "cti csta mode basic",
      .help = {"Computer Telephony Integration", "CSTA protocol options", "CSTA message mode",
               "Suppress enhanced features and extensions in CTI messages"},
      .handler = on_object(
          voice_service_block,
          [](VoiceService& v, CommandContext& c) { v.cti_csta_mode_basic = !negated(c); }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "cti message device-id suppress-conversion",
      .help = {"Computer Telephony Integration", "CTI message options", "Device identifiers",
               "Suppress conversion of extension numbers in CTI messages"},
      .handler = on_object(voice_service_block,
                           [](VoiceService& v, CommandContext& c) {
                             v.cti_device_id_suppress_conversion = !negated(c);
                           }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "sip",
      .help = {"SIP configuration commands"},
      .handler = opens_block(
          [](Config & k) -> auto& { return made(k.voice_service).sip; }, kVoiceServiceSip),
  });
  // sip (conf-serv-sip): registrar server [expires [max <120-86400>] [min <60-3600>]].
  commands.add_config({
      .mode = kVoiceServiceSip,
      .syntax = "registrar server [expires [max <120-86400>$maxsec] [min <60-3600>$minsec]]",
      .help = {"Enable SIP registrar function", "Enable SIP registrar server",
               "Registration expiry range", "Maximum expiry in seconds (default 3600)",
               "Maximum expiry in seconds", "Minimum expiry in seconds (default 60)",
               "Minimum expiry in seconds"},
      .handler = on_object(
          voice_sip_block,
          [](VoiceServiceSip& sip, CommandContext& c) {
            if (negated(c)) {
              sip.registrar.reset();
              return;
            }
            // With `expires`, IOS prints both bounds (the guide: `expires max 120 min 60`).
            RegistrarServer registrar;
            if (c.args.has("maxsec") || c.args.has("minsec")) {
              registrar.expires_max = static_cast<int>(c.args.number("maxsec", 3600));
              registrar.expires_min = static_cast<int>(c.args.number("minsec", 60));
            }
            if (registrar.expires_max.value_or(3600) < registrar.expires_min.value_or(60)) {
              c.reject_at = c.args.offset("minsec");
              return;
            }
            sip.registrar = registrar;
          }),
      .no_syntax = "registrar server [LINE]",
      .no_help = {"Enable SIP registrar function", "Enable SIP registrar server",
                  "Registrar options"},
  });
}

void register_register_global(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice register global",
      .help = {"Global voice configuration", "Voice register configuration (SIP)",
               "Global parameters for SIP phones and session servers"},
      .handler = opens_block(&Config::voice_register_global, kVoiceRegisterGlobal),
      .row = ConfigRow::kVoiceRegisterGlobal,
  });
  commands.add_config({
      .mode = kVoiceRegisterGlobal,
      .syntax = "mode cme",
      .help = {"Mode of provisioning SIP devices", "Provision SIP devices in Cisco Unified CME"},
      .handler =
          on_object(register_global_block,
                    [](VoiceRegisterGlobal& g, CommandContext& c) { g.mode_cme = !negated(c); }),
      .no_syntax = "mode [cme]",
  });
  commands.add_config({
      .mode = kVoiceRegisterGlobal,
      .syntax = "source-address A.B.C.D$address [port <1-65535>$portnum]",
      .help = {"Address the router listens on for SIP", "IP address", "SIP port",
               "Port number (default 5060)"},
      .handler = on_object(register_global_block,
                           [](VoiceRegisterGlobal& g, CommandContext& c) {
                             if (negated(c)) {
                               g.source_address.reset();
                               g.source_port.reset();
                               return;
                             }
                             g.source_address = *grammar::parse_ipv4(c.args.get("address"));
                             g.source_port.reset();
                             if (c.args.has("portnum"))
                               g.source_port = static_cast<int>(c.args.number("portnum"));
                           }),
      .no_syntax = "source-address [LINE]",
      .no_help = {"Address the router listens on for SIP", "Address and port"},
  });
}

void register_session_server(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice register session-server <1-8>$tag",
      .help = {"Global voice configuration", "Voice register configuration (SIP)",
               "Session manager for CSTA client applications", "Session server tag"},
      // `no`: its registration ends (docs/decisions.md #25).
      .handler = opens_tagged(&Config::session_servers, kSessionServer),
      .row = ConfigRow::kSessionServers,
  });
  commands.add_config({
      .mode = kSessionServer,
      .syntax = "keepalive <60-3600>$seconds",
      .help = {"Registration keepalive (expiry) in seconds", "Seconds (default 300)"},
      .handler =
          on_object(session_server_block, sets_number(&SessionServer::keepalive, "seconds", 300)),
      .no_syntax = "keepalive [<60-3600>$seconds]",
  });
  commands.add_config({
      .mode = kSessionServer,
      .syntax = "register-id WORD$id",
      .help = {"ID identifying the CSTA client application in its REGISTER",
               "Up to 30 printable characters"},
      .handler = on_object(session_server_block,
                           [](SessionServer& s, CommandContext& c) {
                             if (negated(c)) {
                               s.register_id.clear();
                               return;
                             }
                             auto id = printable_word_arg(c, "id", limits::kMaxRegisterId);
                             if (id) s.register_id = std::string(*id);
                           }),
      .no_syntax = "register-id [WORD$id]",
  });
  commands.add_config({
      .mode = kSessionServer,
      .syntax = "cti-aware",
      .help = {"Bind this session manager to the CTI subsystem"},
      .handler = on_object(session_server_block,
                           [](SessionServer& s, CommandContext& c) { s.cti_aware = !negated(c); }),
  });
}

void register_profiles(CommandSet& commands) {
  struct ProfileKind {
    const char* keyword;
    const char* help;
    int max;
    Mode mode;
    std::map<int, Profile> Config::*member;
  };
  const ProfileKind kinds[] = {
      {"logout-profile", "Extension Mobility logout profile", limits::kMaxLogoutProfiles,
       kLogoutProfile, &Config::logout_profiles},
      {"user-profile", "Extension Mobility user profile", limits::kMaxUserProfiles, kUserProfile,
       &Config::user_profiles},
  };
  for (const auto& kind : kinds) {
    auto member = kind.member;
    Mode mode = kind.mode;
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax =
            std::string("voice ") + kind.keyword + " <1-" + std::to_string(kind.max) + ">$tag",
        .help = {"Global voice configuration", kind.help, "Profile tag"},
        .handler = opens_tagged(member, mode),
        .row = ConfigRow::kVoiceProfiles,
    });
    commands.add_config({
        .mode = mode,
        .syntax = "number WORD$digits type {normal | silent-ring | beep-ring | feature-ring | "
                  "monitor-ring | overlay | cw-overly}",
        .help = {"Extension put on the phone, in order", "Extension number", "Ring type",
                 "Normal ring", "Silent ring", "Beep ring", "Feature ring", "Monitor ring",
                 "Overlay line", "Overlay line with call waiting"},
        .handler =
            [mode](CommandContext& c) {
              std::string_view number = c.args.get("digits");
              Profile& profile = current_profile(c, mode);
              if (negated(c)) {
                std::erase_if(profile.numbers, [&](const ProfileNumber& n) {
                  return number.empty() || n.number == number;
                });
                c.config_changed = true;
                return;
              }
              if (!valid_dn_number(number)) {
                c.reject_at = c.args.offset("digits");
                return;
              }
              std::string type = c.args.tokens().back().node->token.text;
              auto it = std::find_if(profile.numbers.begin(), profile.numbers.end(),
                                     [&](const ProfileNumber& n) { return n.number == number; });
              if (it != profile.numbers.end()) {
                it->type = type;
              } else {
                if (profile.numbers.size() >= limits::kMaxProfileNumbers) {
                  c.reject_at = c.args.offset("digits");
                  return;
                }
                profile.numbers.push_back({std::string(number), type});
              }
              c.config_changed = true;
            },
        .no_syntax = "number [WORD$digits [LINE]]",
        .no_help = {"Extension put on the phone", "Extension number", "Ring type"},
    });
    commands.add_config({
        .mode = mode,
        .syntax = "user WORD$name password WORD$secret",
        .help = {"Extension Mobility user name and password", "User name", "Password", "Password"},
        .handler =
            [mode](CommandContext& c) {
              Profile& profile = current_profile(c, mode);
              if (negated(c)) {
                profile.user.reset();
              } else {
                for (const char* field : {"name", "secret"})
                  if (!valid_printable_word(c.args.get(field), 64)) {
                    c.reject_at = c.args.offset(field);
                    return;
                  }
                profile.user =
                    std::pair{std::string(c.args.get("name")), std::string(c.args.get("secret"))};
              }
              c.config_changed = true;
            },
        .no_syntax = "user [LINE]",
        .no_help = {"Extension Mobility user name and password", "User name and password"},
    });
    // `reset` restarts the phones that use the profile: an action, not stored.
    commands.add_config({
        .mode = mode,
        .syntax = "reset",
        .help = {"Reset the phones using this profile"},
        .handler = [](CommandContext&) {},
        .no_form = false,
    });
  }
}

}  // namespace

void register_voice_commands(CommandSet& commands) {
  register_voice_service(commands);
  register_register_global(commands);
  register_session_server(commands);
  register_profiles(commands);
}

}  // namespace cmemu::runtime
