// Configuration commands shared by every mode (exit, end, kept blocks) and the registration
// entry point. Each family of commands lives in its own config_commands_*.cpp.
#include "runtime/config_commands.hpp"

#include "runtime/config.hpp"

namespace cmemu::runtime {

void enter_mode(CommandContext& c, grammar::ModeId mode, std::string key, std::string prompt) {
  c.session.modes.push_back(ModeFrame{mode, std::move(key), std::move(prompt)});
}

bool negated(const CommandContext& c) { return c.args.has("no") || c.args.has("default"); }

void register_mode_exits(CommandSet& commands) {
  for (grammar::ModeId mode = kGlobalConfig; mode < kModeCount; ++mode) {
    const char* exit_help = mode == kGlobalConfig ? "Exit from configure mode"
                                                  : "Exit from the current configuration mode";
    commands.add(mode, "exit", {exit_help}, [](CommandContext& c) {
      c.session.modes.pop_back();
      if (c.session.loading && c.session.modes.size() < 2)
        c.session.modes.push_back(ModeFrame{kGlobalConfig, {}, {}});
    });
    commands.add(mode, "end", {"Exit from configure mode"}, [](CommandContext& c) {
      while (c.session.modes.size() > 1) c.session.modes.pop_back();
      c.stop_loading = c.session.loading;
    });
  }
  // Children of a kept block (decision 6b): stored verbatim under the block being edited.
  commands.add(kOpaqueBlock, "LINE$text", {"Kept, not modelled"}, [](CommandContext& c) {
    auto index = static_cast<std::size_t>(std::stoul(c.session.modes.back().key));
    auto& blocks = c.config->opaque_blocks;
    if (index >= blocks.size()) return;
    blocks[index].block.children.emplace_back(c.args.rest("text"));
    c.config_changed = true;
  });
}

void register_config_commands(CommandSet& commands) {
  register_mode_exits(commands);
  register_global_commands(commands);
  register_voice_commands(commands);
}

}  // namespace cmemu::runtime
