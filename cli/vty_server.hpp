#pragma once
// The telnet vty server: one TCP listener on --bind-address:--vty-port, libtelnet for the
// protocol (WILL ECHO, WILL SGA, DO NAWS), one vty Shell behind a TerminalSession per
// connection, on the lowest free `line vty` whose `transport input` takes telnet (docs/cli.md
// §16). A connection that finds no such line is closed at once.
#include <string>

#include "cli/vty_server_base.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::cli {

class App;
class VtyConnection;

class VtyServer : public VtyServerBase {
 public:
  VtyServer(boost::asio::io_context& io, App& app, VtyLimits limits = {});

  /// Listens on App::options bind_address:vty_port. Returns "" or why it cannot.
  std::string listen();

 private:
  friend class VtyConnection;
  struct Impl;
};

}  // namespace cmemu::cli
