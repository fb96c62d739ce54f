#pragma once
// The interactive router: one io_context running the console (a terminal in raw mode, when
// stdin is one), the telnet vty server and the services, until SIGINT or SIGTERM (Ctrl-C on the
// console). `exit` on the console starts a new console session, as on a router.
namespace cmemu::cli {

class App;

/// Serves until stopped; returns the process exit status.
int run_event_loop(App& app);

}  // namespace cmemu::cli
