#include "cli/vty_listener.hpp"

#include <boost/asio/post.hpp>
#include <chrono>

#include "cli/app.hpp"
#include "cli/login.hpp"
#include "cli/vty_server_base.hpp"
#include "runtime/io/local_port.hpp"

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
  return runtime::io::local_port(acceptor_);
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

void close_now(tcp::socket& socket) {
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

VtySession::VtySession(const std::shared_ptr<VtySessions>& server, int line)
    : server_(server),
      io_(server->io),
      app_(server->app),
      limits_(server->limits),
      idle_timer_(server->io),
      linger_timer_(server->io),
      number_(line) {}

VtySession::~VtySession() {
  release_line();
}

void VtySession::abort(bool reap_now) {
  if (dead_) {
    if (reap_now) reap();
    return;
  }
  dead_ = true;
  close_transport();
  idle_timer_.cancel();
  linger_timer_.cancel();
  release_line();
  // The Shell (or libssh) may be on the stack, running a command: let it go from the loop.
  if (reap_now)
    reap();
  else
    asio::post(io_, [session = self()] { session->reap(); });
}

void VtySession::arm_idle_timer() {
  if (dead_ || closing_) return;
  auto timeout = exec_timeout(app_.router.running(), number_);
  idle_timer_.cancel();
  if (timeout.count() <= 0) return;
  idle_timer_.expires_after(timeout);
  idle_timer_.async_wait(
      [weak = std::weak_ptr<VtySession>(self())](const boost::system::error_code& error) {
        auto session = weak.lock();
        if (session && !error && !session->dead_ && !session->closing_) session->begin_close();
      });
}

void VtySession::release_line() {
  if (number_ >= 0) app_.release_vty_line(number_);
  number_ = -1;
}

void VtySession::reap() {
  release_session();
  if (auto server = server_.lock()) server->remove(this);
}

void VtySessions::stop() {
  if (stopped_) return;
  stopped_ = true;
  listener.close();
  auto open = std::move(open_);
  open_.clear();
  for (auto& [raw, session] : open) session->abort(true);
}

VtyServerBase::VtyServerBase(std::shared_ptr<VtySessions> sessions)
    : sessions_(std::move(sessions)) {}

VtyServerBase::~VtyServerBase() {
  stop();
}

void VtyServerBase::stop() {
  sessions_->stop();
}

std::size_t VtyServerBase::session_count() const {
  return sessions_->size();
}

int VtyServerBase::port() const {
  return sessions_->listener.port();
}

}  // namespace cmemu::cli
