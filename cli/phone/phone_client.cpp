#include "cli/phone/phone_client.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "sccp/codec.hpp"
#include "sccp/message_text.hpp"

namespace cmemu::sccp {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

/// One TCP connection carrying SCCP frames: connect, framed reads, queued writes, one timer.
class Connection {
 public:
  std::function<void()> on_connected;
  std::function<void(const Message&)> on_message;
  std::function<void()> on_timer;
  /// The connection ended: by the peer (EOF, reset), a bad frame, or a failed connect. Not called
  /// after close().
  std::function<void(const std::string& why)> on_closed;

  explicit Connection(asio::io_context& io) : socket_(io), timer_(io) {}

  void connect(const tcp::resolver::results_type& endpoints) {
    asio::async_connect(socket_, endpoints, [this](error_code ec, const tcp::endpoint&) {
      if (ec) return fail("connect failed: " + ec.message());
      error_code ignored;
      socket_.set_option(tcp::no_delay(true), ignored);
      if (on_connected) on_connected();
      read();
    });
  }

  void send(const Message& message) {
    if (closed_) return;
    encode(message, pending_);
    flush();
  }

  /// Wakes on_timer at `when` (replacing an earlier wake-up); nullopt cancels.
  void wake_at(std::optional<PhoneTime> when) {
    if (closed_) return;
    if (when == armed_) return;
    armed_ = when;
    ++timer_generation_;
    timer_.cancel();
    if (!when) return;
    timer_.expires_at(*when);
    timer_.async_wait([this, generation = timer_generation_](error_code ec) {
      if (ec || closed_ || generation != timer_generation_) return;
      armed_.reset();
      if (on_timer) on_timer();
    });
  }

  /// Closes once what was queued is written, then calls `done`.
  void close(std::function<void()> done = {}) {
    if (closed_) {
      if (done) done();
      return;
    }
    closing_ = true;
    after_close_ = std::move(done);
    if (!writing_) finish_close();
  }

  /// Drops the connection at once with a TCP reset (SO_LINGER 0): nothing queued is sent, no
  /// FIN. on_closed is not called.
  void reset() {
    if (closed_) return;
    closed_ = true;
    ++timer_generation_;
    timer_.cancel();
    error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
  }

  tcp::endpoint local_endpoint() const {
    error_code ec;
    return socket_.local_endpoint(ec);
  }
  bool closed() const { return closed_; }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buffer_), [this](error_code ec, std::size_t n) {
      if (closed_) return;
      if (ec) {
        return fail(ec == asio::error::eof ? std::string("closed by router")
                                           : "connection error: " + ec.message());
      }
      reader_.append(std::span<const std::uint8_t>(buffer_.data(), n));
      while (!closed_) {
        DecodeResult result = reader_.next();
        if (result.status == DecodeStatus::kNeedMore) break;
        if (result.status == DecodeStatus::kError)
          return fail("bad frame from router: " + result.error.message());
        if (on_message) on_message(result.message);
      }
      if (!closed_) read();
    });
  }

  void flush() {
    if (writing_ || pending_.empty()) return;
    writing_ = true;
    writing_buffer_.swap(pending_);
    asio::async_write(socket_, asio::buffer(writing_buffer_), [this](error_code ec, std::size_t) {
      writing_ = false;
      writing_buffer_.clear();
      if (closed_) return;
      if (ec) return fail("connection error: " + ec.message());
      if (!pending_.empty()) return flush();
      if (closing_) finish_close();
    });
  }

  void finish_close() {
    closed_ = true;
    ++timer_generation_;
    timer_.cancel();
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    if (after_close_) std::exchange(after_close_, {})();
  }

  void fail(const std::string& why) {
    if (closed_) return;
    bool was_closing = closing_;
    finish_close();
    if (!was_closing && on_closed) on_closed(why);
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::optional<PhoneTime> armed_;
  std::uint64_t timer_generation_ = 0;
  FrameReader reader_;
  std::array<std::uint8_t, 8192> buffer_{};
  std::vector<std::uint8_t> pending_;
  std::vector<std::uint8_t> writing_buffer_;
  bool writing_ = false;
  bool closing_ = false;
  bool closed_ = false;
  std::function<void()> after_close_;
};

std::optional<PhoneTime> earliest(std::optional<PhoneTime> a, std::optional<PhoneTime> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

Ipv4Address ipv4_of(const tcp::endpoint& endpoint) {
  if (endpoint.address().is_v4())
    return Ipv4Address::from_host(endpoint.address().to_v4().to_uint());
  return Ipv4Address::from_host(0x7F000001);
}

tcp::resolver::results_type resolve(asio::io_context& io, const std::string& host,
                                    std::uint16_t port, std::string& error) {
  tcp::resolver resolver(io);
  error_code ec;
  auto results = resolver.resolve(tcp::v4(), host, std::to_string(port), ec);
  if (ec) error = "cannot resolve " + host + ": " + ec.message();
  return results;
}

// ---------------------------------------------------------------------------------------------
// One scripted phone

class PhoneRun {
 public:
  PhoneRun(const PhoneClientOptions& options, std::ostream& out)
      : options_(options),
        out_(out),
        started_(PhoneClock::now()),
        connection_(io_),
        phone_(options.settings),
        runner_(options.actions),
        signals_(io_, SIGINT, SIGTERM),
        input_(io_),
        duration_timer_(io_) {
    if (options.repeat) runner_.set_repeat(*options.repeat);
  }

  int run() {
    std::string error;
    auto endpoints = resolve(io_, options_.host, options_.port, error);
    if (!error.empty()) {
      print("FAIL " + error);
      return kExitDisconnected;
    }
    connection_.on_connected = [this] { connected(); };
    connection_.on_message = [this](const Message& m) { received(m); };
    connection_.on_timer = [this] {
      send(phone_.poll(PhoneClock::now()));
      drive();
    };
    connection_.on_closed = [this](const std::string& why) {
      print_event(why);
      if (why.starts_with("connect failed")) print("FAIL " + why);
      finish(runner_.finished() && script_ended_ ? kExitOk : kExitDisconnected);
    };
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      print_event(signal == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)");
      if (options_.repeat) {
        // A repeating run ends by a signal; the unfinished iteration counts neither way.
        return finish(runner_.failures() > 0 ? kExitFailed : kExitOk);
      }
      if (!runner_.finished()) print("FAIL script interrupted");
      finish(runner_.finished() ? kExitOk : kExitFailed);
    });
    if (options_.repeat && options_.duration) {
      duration_timer_.expires_after(*options_.duration);
      duration_timer_.async_wait([this](error_code ec) {
        if (ec || exit_code_) return;
        runner_.stop_repeating();
        if (!connection_.closed()) drive();
      });
    }
    if (options_.stay) start_input();
    connection_.connect(endpoints);
    io_.run();
    // The last line, after anything the router sent while the connection closed.
    if (options_.repeat) {
      print_event("repeat iterations=" + std::to_string(runner_.iterations()) +
                  " failures=" + std::to_string(runner_.failures()));
    }
    return exit_code_.value_or(kExitOk);
  }

 private:
  double elapsed() const {
    return std::chrono::duration<double>(PhoneClock::now() - started_).count();
  }
  void print(const std::string& line) {
    out_ << line << '\n';
    out_.flush();
  }
  void print_event(const std::string& text) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%.3f ", elapsed());
    print(stamp + text);
  }

  void send(const SimulatedPhone::Messages& messages) {
    for (const auto& m : messages) {
      if (!options_.quiet) print_event("tx " + describe(m));
      connection_.send(m);
    }
  }

  void connected() {
    tcp::endpoint local = connection_.local_endpoint();
    phone_.set_ip(ipv4_of(local));
    print_event("connected " + options_.host + ":" + std::to_string(options_.port) + " from " +
                local.address().to_string() + ":" + std::to_string(local.port()));
    send(phone_.start(PhoneClock::now()));
    drive();
  }

  void received(const Message& m) {
    print_event("rx " + describe(m));
    send(phone_.handle(m, PhoneClock::now()));
    if (phone_.rejected()) {
      print("FAIL registration rejected: " + quoted_text(*phone_.rejected()));
      return finish(kExitRejected);
    }
    drive();
  }

  void drive() {
    if (exit_code_) return;
    if (!registered_printed_ && phone_.registered()) {
      registered_printed_ = true;
      print_event("registered " + phone_.settings().device_name);
    }
    PhoneTime now = PhoneClock::now();
    ScriptRunner::Step step = runner_.step(phone_, now);
    std::size_t sent = 0;
    for (const auto& [before, action] : step.started) {
      for (; sent < before; ++sent) send({step.send[sent]});
      print_event("do " + action);
    }
    for (; sent < step.send.size(); ++sent) send({step.send[sent]});
    if (!step.failure.empty()) print(step.failure);
    if (step.status == ScriptRunner::Status::kFailed) return finish(kExitFailed);
    if (step.status == ScriptRunner::Status::kReset) {
      connection_.reset();
      print_event("reset by phone");
      return finish(kExitOk);
    }
    if (step.status == ScriptRunner::Status::kDone) {
      script_ended_ = true;
      if (!options_.stay || input_done_) return finish(kExitOk);
    }
    connection_.wake_at(earliest(phone_.next_deadline(), step.wake_at));
  }

  // With --stay: stdin lines are more actions; EOF ends the run once they are done.
  void start_input() {
    error_code ec;
    int fd = ::dup(STDIN_FILENO);
    if (fd >= 0) input_.assign(fd, ec);
    if (fd < 0 || ec) {
      if (fd >= 0) ::close(fd);
      // Not pollable (a regular file): read it whole now.
      std::ostringstream text;
      text << std::cin.rdbuf();
      add_input(text.str());
      input_done_ = true;
      return;
    }
    read_input();
  }

  void read_input() {
    input_.async_read_some(asio::buffer(input_buffer_), [this](error_code ec, std::size_t n) {
      if (exit_code_) return;
      if (ec) {
        if (!input_line_.empty()) add_input(std::exchange(input_line_, {}));
        input_done_ = true;
        if (runner_.finished() && script_ended_) finish(kExitOk);
        return;
      }
      input_line_.append(input_buffer_.data(), n);
      std::size_t end = input_line_.rfind('\n');
      if (end != std::string::npos) {
        add_input(input_line_.substr(0, end + 1));
        input_line_.erase(0, end + 1);
      }
      read_input();
    });
  }

  void add_input(const std::string& text) {
    auto parsed = parse_script(text);
    if (auto* error = std::get_if<ScriptError>(&parsed)) {
      print_event("error stdin " + error->message);
      return;
    }
    auto& actions = std::get<std::vector<ScriptAction>>(parsed);
    if (actions.empty()) return;
    runner_.append(std::move(actions));
    if (!exit_code_ && !connection_.closed()) asio::post(io_, [this] { drive(); });
  }

  void finish(int code) {
    if (exit_code_) return;
    exit_code_ = code;
    duration_timer_.cancel();
    signals_.cancel();
    error_code ignored;
    input_.close(ignored);
    connection_.close([this] { io_.stop(); });
  }

  const PhoneClientOptions& options_;
  std::ostream& out_;
  PhoneTime started_;
  asio::io_context io_;
  Connection connection_;
  SimulatedPhone phone_;
  ScriptRunner runner_;
  asio::signal_set signals_;
  asio::posix::stream_descriptor input_;
  asio::steady_timer duration_timer_;
  std::array<char, 4096> input_buffer_{};
  std::string input_line_;
  bool input_done_ = false;
  bool script_ended_ = false;
  bool registered_printed_ = false;
  std::optional<int> exit_code_;
};

// ---------------------------------------------------------------------------------------------
// A fleet

void raise_file_limit(std::uint32_t phones) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  rlim_t wanted = static_cast<rlim_t>(phones) + 256;
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
}

class FleetRun {
 public:
  FleetRun(const FleetOptions& options, std::ostream& out)
      : options_(options), out_(out), signals_(io_, SIGINT, SIGTERM), duration_timer_(io_) {}

  int run() {
    raise_file_limit(options_.count);
    std::string error;
    auto endpoints = resolve(io_, options_.host, options_.port, error);
    if (!error.empty()) {
      out_ << "FAIL " << error << '\n';
      return kExitDisconnected;
    }
    signals_.async_wait([this](error_code ec, int) {
      if (!ec) finish();
    });
    if (options_.duration) {
      duration_timer_.expires_after(*options_.duration);
      duration_timer_.async_wait([this](error_code ec) {
        if (!ec) finish();
      });
    }
    started_ = PhoneClock::now();
    members_.reserve(options_.count);
    for (std::uint32_t i = 0; i < options_.count; ++i) {
      PhoneSettings settings{.device_name = device_name_for_mac(options_.mac_base + i),
                             .device_type = options_.device_type,
                             .protocol_version = options_.protocol_version,
                             .answer_after = options_.answer_after};
      members_.push_back(std::make_unique<Member>(io_, std::move(settings)));
      start(*members_.back(), endpoints);
    }
    if (options_.count == 0) summary();
    io_.run();
    return registered_ == options_.count ? kExitOk : kExitFailed;
  }

 private:
  enum class State { kRegistering, kRegistered, kRejected, kDisconnected };
  struct Member {
    Member(asio::io_context& io, PhoneSettings settings)
        : connection(io), phone(std::move(settings)) {}
    Connection connection;
    SimulatedPhone phone;
    State state = State::kRegistering;
  };

  void start(Member& m, const tcp::resolver::results_type& endpoints) {
    auto send = [&m](const SimulatedPhone::Messages& messages) {
      for (const auto& message : messages) m.connection.send(message);
      m.connection.wake_at(m.phone.next_deadline());
    };
    m.connection.on_connected = [&m, send] {
      m.phone.set_ip(ipv4_of(m.connection.local_endpoint()));
      send(m.phone.start(PhoneClock::now()));
    };
    m.connection.on_message = [this, &m, send](const Message& message) {
      send(m.phone.handle(message, PhoneClock::now()));
      if (m.state != State::kRegistering) return;
      if (m.phone.rejected()) {
        settle(m, State::kRejected);
        m.connection.close();
      } else if (m.phone.registered()) {
        settle(m, State::kRegistered);
      }
    };
    m.connection.on_timer = [&m, send] { send(m.phone.poll(PhoneClock::now())); };
    m.connection.on_closed = [this, &m](const std::string&) {
      if (m.state == State::kRegistered) --registered_;
      if (m.state != State::kRejected) {
        bool first = m.state == State::kRegistering;
        m.state = State::kDisconnected;
        ++disconnected_;
        if (first) ++settled_;
        if (first) maybe_summary();
      }
    };
    m.connection.connect(endpoints);
  }

  void settle(Member& m, State state) {
    m.state = state;
    ++settled_;
    if (state == State::kRegistered) {
      ++registered_;
      last_registered_ = PhoneClock::now();
    } else {
      ++rejected_;
    }
    maybe_summary();
  }

  void maybe_summary() {
    if (!summary_printed_ && settled_ == options_.count) summary();
  }

  void summary() {
    summary_printed_ = true;
    double ms = std::chrono::duration<double, std::milli>(
                    last_registered_.value_or(PhoneClock::now()) - started_)
                    .count();
    char line[96];
    std::snprintf(line, sizeof line, "registered %u/%u in %.1f ms", registered_, options_.count,
                  ms);
    out_ << line << '\n';
    if (rejected_ || disconnected_)
      out_ << "rejected " << rejected_ << ", disconnected " << disconnected_ << '\n';
    out_.flush();
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    if (!summary_printed_) summary();
    std::uint64_t answered = 0;
    for (const auto& m : members_) answered += m->phone.answered();
    out_ << "final registered=" << registered_ << " rejected=" << rejected_
         << " disconnected=" << disconnected_ << " answered=" << answered << '\n';
    out_.flush();
    signals_.cancel();
    duration_timer_.cancel();
    for (auto& m : members_) m->connection.close();
    io_.stop();
  }

  const FleetOptions& options_;
  std::ostream& out_;
  asio::io_context io_;
  asio::signal_set signals_;
  asio::steady_timer duration_timer_;
  std::vector<std::unique_ptr<Member>> members_;
  PhoneTime started_;
  std::optional<PhoneTime> last_registered_;
  std::uint32_t settled_ = 0;
  std::uint32_t registered_ = 0;
  std::uint32_t rejected_ = 0;
  std::uint32_t disconnected_ = 0;
  bool summary_printed_ = false;
  bool finished_ = false;
};

}  // namespace

int run_phone(const PhoneClientOptions& options, std::ostream& out) {
  return PhoneRun(options, out).run();
}

int run_fleet(const FleetOptions& options, std::ostream& out) {
  return FleetRun(options, out).run();
}

}  // namespace cmemu::sccp
