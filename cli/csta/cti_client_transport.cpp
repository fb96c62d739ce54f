#include "cli/csta/cti_client_transport.hpp"

#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <string>

namespace cmemu::sip {
namespace {

namespace asio = boost::asio;
using udp = asio::ip::udp;
using boost::system::error_code;

class CtiRun {
 public:
  CtiRun(CtiClientOptions options, std::vector<CtiAction> actions, std::ostream& out,
         CtiRepeat repeat)
      : options_(std::move(options)),
        runner_(std::move(actions)),
        repeat_(repeat),
        out_(out),
        socket_(io_),
        timer_(io_),
        duration_timer_(io_),
        signals_(io_, SIGINT, SIGTERM) {
    if (repeat_.times) runner_.set_repeat(*repeat_.times);
  }

  int run() {
    error_code ec;
    udp::resolver resolver(io_);
    auto endpoints =
        resolver.resolve(udp::v4(), options_.router_host, std::to_string(options_.router_port), ec);
    if (ec || endpoints.empty()) {
      out_ << "FAIL cannot resolve " << options_.router_host << ": " << ec.message() << "\n";
      return kCtiExitUsage;
    }
    router_ = *endpoints.begin();
    socket_.open(udp::v4(), ec);
    if (!ec) socket_.connect(router_, ec);
    if (ec) {
      out_ << "FAIL cannot open a UDP socket to the router: " << ec.message() << "\n";
      return kCtiExitEnded;
    }
    auto local = socket_.local_endpoint(ec);
    options_.local_host = local.address().to_string();
    options_.local_port = local.port();
    options_.tag_seed = std::to_string(::getpid()) + "x" + std::to_string(local.port());
    client_.emplace(options_, ClientClock::now());
    signals_.async_wait([this](error_code e, int signal) {
      if (e) return;
      auto now = ClientClock::now();
      client_->print(now, signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
      interrupted_ = true;
      closing_ = true;
      client_->close(now);
      drive();
    });
    if (repeat_.times && repeat_.duration) {
      duration_timer_.expires_after(*repeat_.duration);
      duration_timer_.async_wait([this](error_code e) {
        if (e) return;
        runner_.stop_repeating();
        if (client_->phase() != CtiClient::Phase::kDone) drive();
      });
    }
    read();
    client_->start(ClientClock::now());
    drive();
    io_.run();
    if (repeat_.times) {
      client_->print(ClientClock::now(),
                     "repeat iterations=" + std::to_string(runner_.iterations()) +
                         " failures=" + std::to_string(runner_.failures()));
      for (auto& line : client_->take_output().lines) out_ << line << "\n";
      out_.flush();
    }
    return exit_code();
  }

 private:
  int exit_code() const {
    using Outcome = CtiClient::Outcome;
    if (runner_.failed()) return kCtiExitFailed;
    switch (client_->outcome()) {
      case Outcome::kRefused:
        return kCtiExitRefused;
      case Outcome::kEndedByRouter:
      case Outcome::kTimedOut:
        return runner_.finished() ? kCtiExitOk : kCtiExitEnded;
      default:
        return runner_.finished() || interrupted_ ? kCtiExitOk : kCtiExitEnded;
    }
  }

  void read() {
    socket_.async_receive(asio::buffer(buffer_), [this](error_code ec, std::size_t n) {
      if (client_->phase() == CtiClient::Phase::kDone) return;
      if (!ec) {
        datagram_.assign(buffer_.data(), n);
        client_->receive(datagram_, ClientClock::now());
        drive();
      }
      // ICMP port unreachable shows as an error on a connected socket: keep reading, the
      // transaction's retransmissions and timeout decide.
      if (client_->phase() != CtiClient::Phase::kDone) read();
    });
  }

  void drive() {
    auto now = ClientClock::now();
    client_->tick(now);
    std::optional<ClientTime> wake;
    if (client_->phase() == CtiClient::Phase::kReady && !closing_) {
      auto step = runner_.step(*client_, now);
      wake = step.wake_at;
      if (step.status != CtiScriptRunner::Status::kRunning) {
        closing_ = true;
        client_->close(now);
      }
    }
    flush();
    if (client_->phase() == CtiClient::Phase::kDone) {
      timer_.cancel();
      duration_timer_.cancel();
      signals_.cancel();
      error_code ignored;
      socket_.close(ignored);
      return;
    }
    auto client_wake = client_->wake_at();
    if (!wake || (client_wake && *client_wake < *wake)) wake = client_wake;
    if (!wake) return;
    timer_.expires_at(*wake);
    timer_.async_wait([this](error_code ec) {
      if (ec) return;
      drive();
    });
  }

  void flush() {
    auto output = client_->take_output();
    for (auto& line : output.lines) out_ << line << "\n";
    out_.flush();
    for (auto& datagram : output.datagrams) {
      error_code ignored;
      socket_.send(asio::buffer(datagram), 0, ignored);
    }
  }

  CtiClientOptions options_;
  CtiScriptRunner runner_;
  CtiRepeat repeat_;
  std::ostream& out_;
  asio::io_context io_;
  udp::socket socket_;
  asio::steady_timer timer_;
  asio::steady_timer duration_timer_;
  asio::signal_set signals_;
  udp::endpoint router_;
  std::optional<CtiClient> client_;
  std::array<char, 65536> buffer_{};
  std::string datagram_;
  bool closing_ = false;
  bool interrupted_ = false;
};

}  // namespace

int run_cti_client(CtiClientOptions options, std::vector<CtiAction> actions, std::ostream& out,
                   CtiRepeat repeat) {
  CtiRun run(std::move(options), std::move(actions), out, repeat);
  return run.run();
}

}  // namespace cmemu::sip
