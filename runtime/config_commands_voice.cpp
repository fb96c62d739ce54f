// `voice service voip` and its `sip` sub-mode (commands.md §3.1, §3.2).
#include "runtime/config.hpp"
#include "runtime/config_commands.hpp"

namespace cmemu::runtime {
namespace {

// Runs `edit` on the voice service block the session is in (created by `voice service voip`).
template <typename Edit>
Handler on_voice_service(Edit edit) {
  return [edit](CommandContext& c) {
    if (!c.config->voice_service) c.config->voice_service.emplace();
    edit(*c.config->voice_service, c);
    c.config_changed = true;
  };
}

}  // namespace

void register_voice_commands(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "voice service voip",
      .help = {"Global voice configuration", "Global voice services", "Voice over IP"},
      .handler =
          [](CommandContext& c) {
            if (negated(c)) {
              c.config->voice_service.reset();
            } else {
              if (!c.config->voice_service) c.config->voice_service.emplace();
              enter_mode(c, kVoiceService);
            }
            c.config_changed = true;
          },
      .slot = 11,
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "cti shutdown",
      .help = {"Computer Telephony Integration", "Shut down CTI service"},
      .handler = on_voice_service([](VoiceService& v, CommandContext& c) {
        v.cti_shutdown = !c.args.has("no");
      }),
  });
  commands.add_config({
      .mode = kVoiceService,
      .syntax = "gcid",
      .help = {"Enable Global Call Identifcation for voip"},
      .handler = on_voice_service([](VoiceService& v, CommandContext& c) { v.gcid = !negated(c); }),
  });
}

}  // namespace cmemu::runtime
