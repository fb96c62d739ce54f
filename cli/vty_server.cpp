#include "cli/vty_server.hpp"

#include <libtelnet.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <chrono>
#include <sstream>
#include <string_view>

#include "cli/app.hpp"
#include "cli/login.hpp"
#include "cli/shell.hpp"
#include "cli/terminal_session.hpp"
#include "cli/vty_listener.hpp"
#include "runtime/config/config.hpp"
#include "runtime/io/bounded_write_queue.hpp"

namespace cmemu::cli {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// What the router offers and accepts: it echoes and suppresses go-ahead (character mode), and
// asks for the client's window size.
const telnet_telopt_t kTelopts[] = {
    {TELNET_TELOPT_ECHO, TELNET_WILL, TELNET_DONT},
    {TELNET_TELOPT_SGA, TELNET_WILL, TELNET_DO},
    {TELNET_TELOPT_NAWS, TELNET_WONT, TELNET_DO},
    {-1, 0, 0},
};

constexpr int kMaxTerminalWidth = 512;  // `terminal width` range
constexpr std::size_t kReadSize = 4096;

}  // namespace

class VtyConnection;

struct VtyServer::Impl : VtySessions, std::enable_shared_from_this<VtyServer::Impl> {
  Impl(asio::io_context& io, App& app, VtyLimits limits)
      : VtySessions(io, app, limits, [this](tcp::socket socket) { on_accept(std::move(socket)); }) {
  }

  void on_accept(tcp::socket socket);
};

// One telnet client: its socket, its telnet state, its Shell and line editor.
class VtyConnection : public VtySession, public std::enable_shared_from_this<VtyConnection> {
 public:
  VtyConnection(const std::shared_ptr<VtyServer::Impl>& server, tcp::socket socket, int line)
      : VtySession(server, line),
        socket_(std::move(socket)),
        outbox_(limits_.max_output_queue),
        held_input_(limits_.max_held_input) {}

  ~VtyConnection() override { release_session(); }

  void start();

 private:
  static void on_telnet_event(telnet_t*, telnet_event_t* event, void* user);
  void on_data(std::string_view bytes);
  void feed(std::string_view bytes);
  void on_window_size(std::string_view sub);
  void queue(std::string_view bytes);
  void flush();
  void read();
  void check_closed();
  void begin_close() override;
  void close_transport() override { close_now(socket_); }
  void release_session() override;
  std::shared_ptr<VtySession> self() override { return shared_from_this(); }

  tcp::socket socket_;
  // Telnet's many small sends go out together (append). Past the bound the client is not
  // reading what it asked for, and is dropped.
  runtime::io::BoundedWriteQueue<std::string> outbox_;
  telnet_t* telnet_ = nullptr;
  std::unique_ptr<Shell> shell_;
  std::unique_ptr<ShellLineHandler> handler_;
  std::unique_ptr<TerminalSession> session_;
  // Not read further while it holds bytes: TCP holds the client back (VtyLimits).
  HeldInput held_input_;
  std::array<char, kReadSize> input_{};
  bool half_closed_ = false;  // everything was sent and the FIN too
};

void VtyConnection::start() {
  boost::system::error_code error;
  auto remote = socket_.remote_endpoint(error);
  std::string peer = error ? std::string("unknown") : remote.address().to_string();
  socket_.set_option(tcp::no_delay(true), error);
  telnet_ = telnet_init(kTelopts, &VtyConnection::on_telnet_event, 0, this);
  if (!telnet_) {
    abort();
    return;
  }
  shell_ = std::make_unique<Shell>(app_, ShellKind::kVty, peer, number_, "telnet");
  handler_ = std::make_unique<ShellLineHandler>(*shell_);
  session_ = std::make_unique<TerminalSession>(*handler_, [this](std::string_view bytes) {
    if (!dead_ && telnet_) telnet_send(telnet_, bytes.data(), bytes.size());
  });
  shell_->notify = [this](const std::string& text) {
    if (session_ && !dead_ && !closing_) session_->notify(text);
  };
  shell_->hang_up = [weak = weak_from_this(), &io = io_] {
    // `clear line` may run on this very session: close from the loop.
    asio::post(io, [weak] {
      if (auto self = weak.lock()) self->abort();
    });
  };
  telnet_negotiate(telnet_, TELNET_WILL, TELNET_TELOPT_ECHO);
  telnet_negotiate(telnet_, TELNET_WILL, TELNET_TELOPT_SGA);
  telnet_negotiate(telnet_, TELNET_DO, TELNET_TELOPT_NAWS);
  session_->start();
  check_closed();
  if (dead_) return;
  arm_idle_timer();
  read();
}

void VtyConnection::on_telnet_event(telnet_t*, telnet_event_t* event, void* user) {
  auto* self = static_cast<VtyConnection*>(user);
  switch (event->type) {
    case TELNET_EV_DATA:
      self->on_data(std::string_view(event->data.buffer, event->data.size));
      break;
    case TELNET_EV_SEND:
      self->queue(std::string_view(event->data.buffer, event->data.size));
      break;
    case TELNET_EV_SUBNEGOTIATION:
      if (event->sub.telopt == TELNET_TELOPT_NAWS)
        self->on_window_size(std::string_view(event->sub.buffer, event->sub.size));
      break;
    case TELNET_EV_IAC:
      // The client's Interrupt Process is Ctrl-C; Erase Character and Erase Line edit.
      if (event->iac.cmd == TELNET_IP) self->on_data("\x03");
      if (event->iac.cmd == TELNET_EC) self->on_data("\x7f");
      if (event->iac.cmd == TELNET_EL) self->on_data("\x15");
      break;
    case TELNET_EV_ERROR:
      self->abort();
      break;
    default:
      break;
  }
}

void VtyConnection::on_data(std::string_view bytes) {
  arm_idle_timer();
  if (shell_) shell_->touch();
  feed(bytes);
}

void VtyConnection::feed(std::string_view bytes) {
  bool kept = held_input_.pass(
      bytes,
      [this] {
        return !dead_ && !closing_ && session_ && outbox_.bytes() <= limits_.pause_input_above;
      },
      [this](char c) {
        session_->feed(std::string_view(&c, 1));
        check_closed();
      });
  if (!kept) abort();  // cannot happen while reading waits for held input; bounded all the same
  if (dead_ || closing_) held_input_.clear();  // as before a session ends: the rest is not read
}

void VtyConnection::on_window_size(std::string_view sub) {
  if (sub.size() != 4 || !shell_) return;
  int width = (static_cast<unsigned char>(sub[0]) << 8) | static_cast<unsigned char>(sub[1]);
  if (width > 0) shell_->session().terminal_width = std::min(width, kMaxTerminalWidth);
}

void VtyConnection::queue(std::string_view bytes) {
  if (dead_) return;
  if (!outbox_.append(bytes)) {
    abort();  // the client does not read what it asked for
    return;
  }
  flush();
}

void VtyConnection::flush() {
  if (dead_ || outbox_.writing()) return;
  if (outbox_.empty()) {
    if (closing_ && !half_closed_) {
      // FIN after the last byte; the socket closes when the client closes its side (or the
      // linger timer runs out), so that unread input cannot turn the close into a reset.
      boost::system::error_code ignored;
      socket_.shutdown(tcp::socket::shutdown_send, ignored);
      half_closed_ = true;
    }
    return;
  }
  asio::async_write(
      socket_, asio::buffer(*outbox_.next_write()),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->outbox_.write_done();
        if (error) {
          self->abort();
          return;
        }
        if (!self->held_input_.empty() && !self->dead_) {
          self->feed({});
          if (self->held_input_.empty() && !self->dead_ && !self->closing_) self->read();
        }
        self->flush();
      });
}

void VtyConnection::read() {
  socket_.async_read_some(
      asio::buffer(input_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t size) {
        if (error) {
          self->abort();  // the client went away, mid-line or not
          return;
        }
        if (self->dead_ || !self->telnet_) return;
        telnet_recv(self->telnet_, self->input_.data(), size);
        if (self->dead_) return;
        self->check_closed();
        // With input held, reading resumes once the output drains (flush).
        if (!self->dead_ && self->held_input_.empty()) self->read();
      });
}

void VtyConnection::check_closed() {
  if (!dead_ && !closing_ && session_ && session_->closed()) begin_close();
}

// The session ended (`exit`, failed login): send what is queued, then close.
void VtyConnection::begin_close() {
  closing_ = true;
  idle_timer_.cancel();
  linger_timer_.expires_after(std::chrono::milliseconds(limits_.close_linger_ms));
  linger_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->abort();
  });
  flush();
}

void VtyConnection::release_session() {
  session_.reset();
  handler_.reset();
  shell_.reset();
  if (telnet_) telnet_free(telnet_);
  telnet_ = nullptr;
}

void VtyServer::Impl::on_accept(tcp::socket socket) {
  auto line = app.claim_vty_line("telnet");
  if (!line) {
    close_now(socket);  // every vty line is busy, or none takes telnet
    return;
  }
  auto connection = std::make_shared<VtyConnection>(shared_from_this(), std::move(socket), *line);
  add(connection);
  connection->start();
}

VtyServer::VtyServer(asio::io_context& io, App& app, VtyLimits limits)
    : VtyServerBase(std::make_shared<Impl>(io, app, limits)) {}

std::string VtyServer::listen() {
  Impl& server = impl<Impl>();
  return server.listener.listen(server.app.options.bind_address, server.app.options.vty_port);
}

}  // namespace cmemu::cli
