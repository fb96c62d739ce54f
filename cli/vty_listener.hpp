#pragma once
// The TCP side the telnet and SSH vty servers share: a listener on the bind address that hands
// each accepted socket on, and after an accept error (out of descriptors) tries again shortly
// rather than spin.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

namespace cmemu::cli {

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

}  // namespace cmemu::cli
