#pragma once
// The SSH vty server (docs/cli.md §17): one TCP listener on --bind-address:--ssh-port while IOS's
// rules let SSH run (an RSA key of 768 bits or more, no `ip ssh version 1`), libssh's server API
// in non-blocking mode with each socket watched by the router's Asio loop (no thread of its own),
// and per connection the same vty Shell and TerminalSession as telnet. Logins follow the line's
// rule (cli/login.hpp) with the SSH user and password, or keyboard-interactive; `exec` requests
// run one command. A connection that finds no free `line vty` taking SSH is closed at once.
#include <cstddef>
#include <memory>
#include <string>

#include "runtime/router.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::cli {

class App;
class SshConnection;

struct SshLimits {
  std::size_t max_output_queue = 1 << 20;  // bytes a slow client may leave unread; more closes it
  int close_linger_ms = 2000;              // how long a closing session may take to flush
};

class SshServer : public runtime::Service {
 public:
  SshServer(boost::asio::io_context& io, App& app, SshLimits limits = {});
  ~SshServer() override;
  SshServer(const SshServer&) = delete;
  SshServer& operator=(const SshServer&) = delete;

  /// Listens or stops listening as the running-config and the key pair say; "" or why it
  /// cannot listen.
  std::string refresh();
  /// Stops accepting and closes every session at once.
  void stop();
  /// Sessions open now.
  std::size_t session_count() const;
  /// The port listened on, 0 while not listening.
  int port() const;

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;

 private:
  friend class SshConnection;
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace cmemu::cli
