#pragma once
// The telnet vty server: one TCP listener on --bind-address:--vty-port, libtelnet for the
// protocol (WILL ECHO, WILL SGA, DO NAWS), one vty Shell behind a TerminalSession per
// connection, on the lowest free `line vty` whose `transport input` takes telnet (docs/cli.md
// §16). A connection that finds no such line is closed at once.
#include <cstddef>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace cmemu::cli {

class App;
class VtyConnection;

struct VtyLimits {
  std::size_t max_output_queue = 1 << 20;  // bytes a slow client may leave unread; more closes it
  int close_linger_ms = 2000;              // how long a closing session may take to flush
};

class VtyServer {
 public:
  VtyServer(boost::asio::io_context& io, App& app, VtyLimits limits = {});
  ~VtyServer();
  VtyServer(const VtyServer&) = delete;
  VtyServer& operator=(const VtyServer&) = delete;

  /// Listens on App::options bind_address:vty_port. Returns "" or why it cannot.
  std::string listen();
  /// Stops accepting and closes every session at once.
  void stop();
  /// Sessions open now.
  std::size_t session_count() const;
  /// The port listened on (after listen()).
  int port() const;

 private:
  friend class VtyConnection;
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace cmemu::cli
