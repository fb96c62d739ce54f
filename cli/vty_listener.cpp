#include "cli/vty_listener.hpp"

#include <chrono>

namespace cmemu::cli {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

VtyListener::VtyListener(asio::io_context& io, OnAccept on_accept)
    : acceptor_(io), retry_timer_(io), on_accept_(std::move(on_accept)) {}

VtyListener::~VtyListener() {
  close();
}

std::string VtyListener::listen(const std::string& address, int port) {
  boost::system::error_code error;
  auto ip = asio::ip::make_address(address, error);
  if (error) return "bad bind address " + address;
  tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  std::string where = address + ":" + std::to_string(port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return "cannot listen on " + where + ": " + error.message();
  }
  accept();
  return {};
}

void VtyListener::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
}

int VtyListener::port() const {
  boost::system::error_code error;
  auto endpoint = acceptor_.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

void VtyListener::accept() {
  std::weak_ptr<VtyListener*> weak = self_;
  acceptor_.async_accept([weak](const boost::system::error_code& error, tcp::socket socket) {
    auto alive = weak.lock();
    if (!alive || error == asio::error::operation_aborted) return;
    VtyListener& self = **alive;
    if (!self.acceptor_.is_open()) return;
    if (error) {
      self.retry_timer_.expires_after(std::chrono::milliseconds(100));
      self.retry_timer_.async_wait([weak](const boost::system::error_code& timer_error) {
        auto again = weak.lock();
        if (!timer_error && again && (*again)->acceptor_.is_open()) (*again)->accept();
      });
      return;
    }
    self.on_accept_(std::move(socket));
    if (self.acceptor_.is_open()) self.accept();
  });
}

}  // namespace cmemu::cli
