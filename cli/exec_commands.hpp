#pragma once
// EXEC commands (show, write, copy, clear, debug, terminal, enable...) and `do`.

namespace cmemu::cli {

class App;

/// Adds the EXEC commands to the app's command set; handlers act on `app`.
void register_exec_commands(App& app);

}  // namespace cmemu::cli
