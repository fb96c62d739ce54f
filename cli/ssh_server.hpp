#pragma once
// The SSH vty server (docs/cli.md §17): one TCP listener on --bind-address:--ssh-port while IOS's
// rules let SSH run (an RSA key of 768 bits or more, no `ip ssh version 1`), libssh's server API
// in non-blocking mode with each socket watched by the router's Asio loop (no thread of its own),
// and per connection the same vty Shell and TerminalSession as telnet. Logins follow the line's
// rule (cli/login.hpp) with the SSH user and password, or keyboard-interactive; `exec` requests
// run one command. A connection that finds no free `line vty` taking SSH is closed at once.
#include <string>

#include "cli/vty_server_base.hpp"
#include "runtime/router.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::cli {

class App;
class SshConnection;

class SshServer : public VtyServerBase, public runtime::Service {
 public:
  SshServer(boost::asio::io_context& io, App& app, VtyLimits limits = {});

  /// Listens or stops listening as the running-config and the key pair say; "" or why it
  /// cannot listen.
  std::string refresh();

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;

 private:
  friend class SshConnection;
  struct Impl;
};

}  // namespace cmemu::cli
