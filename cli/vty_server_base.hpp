#pragma once
// What the telnet and SSH vty servers (cli/vty_server.hpp, cli/ssh_server.hpp) share: the limits
// a session runs under, and the part of their interface that only counts and closes sessions.
// The sessions themselves are in VtySessions (cli/vty_listener.hpp), owned by each server.
#include <cstddef>
#include <memory>

namespace cmemu::cli {

class VtySessions;

struct VtyLimits {
  std::size_t max_output_queue = 1 << 20;  // bytes a slow client may leave unread; more closes it
  int close_linger_ms = 2000;              // how long a closing session may take to flush
};

class VtyServerBase {
 public:
  VtyServerBase(const VtyServerBase&) = delete;
  VtyServerBase& operator=(const VtyServerBase&) = delete;

  /// Stops accepting and closes every session at once.
  void stop();
  /// Sessions open now.
  std::size_t session_count() const;
  /// The port listened on, 0 while not listening.
  int port() const;

 protected:
  explicit VtyServerBase(std::shared_ptr<VtySessions> sessions);
  ~VtyServerBase();
  /// The server's sessions, as the server's own type (its Impl, a VtySessions).
  template <class Impl>
  Impl& impl() const {
    return static_cast<Impl&>(*sessions_);
  }

 private:
  std::shared_ptr<VtySessions> sessions_;
};

}  // namespace cmemu::cli
