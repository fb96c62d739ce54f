#pragma once
// The TCP side the telnet and SSH vty servers share: a listener on the bind address that hands
// each accepted socket on, and after an accept error (out of descriptors) tries again shortly
// rather than spin; the sessions a server holds open, which stop() closes at once; and what a
// telnet and an SSH connection have in common (the vty line, the idle and linger timers, and how
// a connection ends).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "cli/vty_server_base.hpp"

namespace cmemu::cli {

class App;

class VtyListener {
 public:
  using OnAccept = std::function<void(boost::asio::ip::tcp::socket)>;
  VtyListener(boost::asio::io_context& io, OnAccept on_accept);
  ~VtyListener();
  VtyListener(const VtyListener&) = delete;
  VtyListener& operator=(const VtyListener&) = delete;

  /// Listens on `address`:`port` and accepts; "" or why it cannot.
  std::string listen(const std::string& address, int port);
  /// Stops accepting (sessions already accepted are not touched).
  void close();
  bool is_open() const { return acceptor_.is_open(); }
  /// The port listened on, 0 when not listening.
  int port() const;

 private:
  void accept();
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  OnAccept on_accept_;
  // Handlers still queued when the listener goes hold only this weak token, not `this`.
  std::shared_ptr<VtyListener*> self_ = std::make_shared<VtyListener*>(this);
};

/// Closes a socket at once, both ways (a connection refused or dropped).
void close_now(boost::asio::ip::tcp::socket& socket);

class VtySessions;

/// One vty connection on the `line vty` it holds: the part of a telnet or SSH connection that is
/// the same. It ends with abort(), which closes the transport, stops the timers and frees the
/// line, then reap(), which lets go of the Shell and leaves the server.
class VtySession {
 public:
  virtual ~VtySession();
  /// Closes the connection now; the Shell goes at once when `reap_now`, else from the loop.
  void abort(bool reap_now = false);

 protected:
  VtySession(const std::shared_ptr<VtySessions>& server, int line);

  /// The session ended (`exit`, a failed login, the idle timeout): send what is queued, then
  /// close.
  virtual void begin_close() = 0;
  /// Closes the transport at once (abort()).
  virtual void close_transport() = 0;
  /// Lets go of the Shell, the line editor and the transport's state (reap()).
  virtual void release_session() = 0;
  /// This connection as its owner holds it: what handlers queued on the loop keep.
  virtual std::shared_ptr<VtySession> self() = 0;

  /// (Re)arms the idle timer with the line's exec-timeout; it calls begin_close().
  void arm_idle_timer();
  void release_line();
  void reap();

  std::weak_ptr<VtySessions> server_;
  boost::asio::io_context& io_;
  App& app_;
  VtyLimits limits_;
  boost::asio::steady_timer idle_timer_;
  boost::asio::steady_timer linger_timer_;
  int number_ = -1;       // the vty line
  bool closing_ = false;  // the session ended; flushing before the close
  bool dead_ = false;     // the connection is closed
};

/// A vty server's listener and the sessions open on it; each server's Impl is one.
class VtySessions {
 public:
  VtySessions(boost::asio::io_context& io, App& app, VtyLimits limits,
              VtyListener::OnAccept on_accept)
      : io(io), app(app), limits(limits), listener(io, std::move(on_accept)) {}
  virtual ~VtySessions() = default;

  void add(std::shared_ptr<VtySession> session) {
    open_.emplace(session.get(), std::move(session));
  }
  void remove(VtySession* session) { open_.erase(session); }
  /// Stops accepting and closes every session at once, for good.
  void stop();
  bool stopped() const { return stopped_; }
  std::size_t size() const { return open_.size(); }

  boost::asio::io_context& io;
  App& app;
  VtyLimits limits;
  VtyListener listener;

 private:
  std::map<VtySession*, std::shared_ptr<VtySession>> open_;
  bool stopped_ = false;
};

}  // namespace cmemu::cli
