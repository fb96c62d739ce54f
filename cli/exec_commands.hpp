#pragma once
// EXEC commands (show, write, copy, clear, debug, terminal, enable...) and `do`.
#include <functional>
#include <string>
#include <vector>

#include "runtime/config/command_set.hpp"

namespace cmemu::cli {

class App;

/// Adds the EXEC commands to the app's command set; handlers act on `app`.
void register_exec_commands(App& app);

using ShowProducer = std::function<std::string(runtime::CommandContext&)>;

/// A `show` command in `modes`, with the output modifiers (`| include ...`) appended.
void add_show_command(App& app, const std::vector<grammar::ModeId>& modes,
                      const std::string& syntax, std::vector<std::string> help,
                      ShowProducer producer);

/// `show version`, `show clock`, `show inventory`, `dir`, `show interfaces`...
/// (cli/platform_commands.cpp).
void register_platform_commands(App& app);

/// `show telephony-service`, `show ephone-hunt`, `show voice hunt-group`, `show voice register`
/// (cli/cme_show_commands.cpp).
void register_cme_show_commands(App& app);

/// `show cti`, `show ephone`, `show ephone-dn`, `show voice register`, `clear cti`, `emadmin`.
void register_telephony_commands(App& app);

/// `show privilege`, `show users`, `clear line` (cli/line_commands.cpp).
void register_line_commands(App& app);

/// `crypto key generate|zeroize rsa`, `show ip ssh`, `show ssh`, `show crypto key mypubkey rsa`
/// (cli/ssh_commands.cpp).
void register_ssh_commands(App& app);

}  // namespace cmemu::cli
