#pragma once
// What the telnet and SSH vty servers (cli/vty_server.hpp, cli/ssh_server.hpp) share: the limits
// a session runs under, and the part of their interface that only counts and closes sessions.
// The sessions themselves are in VtySessions (cli/vty_listener.hpp), owned by each server.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace cmemu::cli {

class VtySessions;

struct VtyLimits {
  // Bytes a slow client may leave unread; more closes it. One command's output must fit:
  // `show running-config` of a 100,000-line configuration is about 3 MiB, `show ephone` of
  // 5,000 phones about 2 MiB.
  std::size_t max_output_queue = 16 << 20;
  // While more output than this waits, typed input waits too (HeldInput), so that a client that
  // sends commands without reading holds at most one command's output.
  std::size_t pause_input_above = 64 << 10;
  std::size_t max_held_input = 64 << 10;  // input a session holds back; more closes it
  int close_linger_ms = 2000;             // how long a closing session may take to flush
};

/// Typed bytes a session does not act on yet because the client has not read the output of
/// what it typed before (VtyLimits::pause_input_above).
class HeldInput {
 public:
  explicit HeldInput(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// Gives `feed` the held bytes, then `bytes`, one at a time while `ready()` holds; keeps the
  /// rest for the next call. False, keeping nothing new, when the rest would pass the bound.
  template <class Ready, class Feed>
  [[nodiscard]] bool pass(std::string_view bytes, Ready ready, Feed feed) {
    if (held_.size() + bytes.size() > max_bytes_) return false;
    held_.append(bytes);
    std::size_t used = 0;
    while (used < held_.size() && ready()) feed(held_[used++]);
    held_.erase(0, used);
    return true;
  }
  bool empty() const { return held_.empty(); }
  /// Drops what is held: the session ends and will not act on it.
  void clear() { held_.clear(); }

 private:
  std::string held_;
  std::size_t max_bytes_;
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
