#pragma once
// Internal to runtime: helpers shared by the config_commands_*.cpp files.
#include <string>

#include "runtime/command_set.hpp"

namespace cmemu::runtime {

/// Pushes a sub-mode frame editing `key` (`ephone-dn 5` -> "5").
void enter_mode(CommandContext& c, grammar::ModeId mode, std::string key = {},
                std::string prompt = {});
/// The line is the `no` or `default` form of its command.
bool negated(const CommandContext& c);

void register_mode_exits(CommandSet& commands);
void register_global_commands(CommandSet& commands);  // config_commands_global.cpp
void register_voice_commands(CommandSet& commands);   // config_commands_voice.cpp

}  // namespace cmemu::runtime
