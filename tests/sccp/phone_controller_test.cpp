#include "sccp/phone_controller.hpp"

#include <doctest/doctest.h>

#include <boost/asio.hpp>
#include <random>

#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "sccp/codec.hpp"

using namespace cmemu;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

/// The controller on a real loopback socket, the clock frozen for the test to drive
/// (docs/decisions.md #28).
struct Bench {
  asio::io_context io;
  runtime::Router router;
  runtime::CallModel calls;
  sccp::PhoneController controller{io, router, calls, "127.0.0.1", [](const std::string&) {}};
  int port = 0;

  Bench() {
    runtime::Clock::instance().freeze(runtime::Clock::WallTime{} + 1000s);
    router.add_service(calls);
    router.add_service(controller);
    std::mt19937 random(std::random_device{}());
    runtime::Config config;
    config.telephony.emplace();
    config.telephony->keepalive = 10;
    config.ephone_dns[1].number = "201";
    config.ephones[1].mac = 0x000000000201u;
    config.ephones[1].buttons = {{1, ':', {1}}};
    for (int attempt = 0; attempt < 20 && controller.local_port() == 0; ++attempt) {
      port = std::uniform_int_distribution<int>(2100, 9999)(random);
      config.telephony->ip_source_address = runtime::SccpSourceAddress{{127, 0, 0, 1}, port, ""};
      router.commit(config);
    }
    REQUIRE(controller.local_port() == port);
  }
  ~Bench() { controller.stop(); }

  /// Runs the loop until `done` or 2 s of real time.
  template <class F>
  void run_until(F done) {
    auto deadline = std::chrono::steady_clock::now() + 2s;
    while (!done() && std::chrono::steady_clock::now() < deadline) io.run_for(10ms);
  }
};

struct Phone {
  asio::ip::tcp::socket socket;
  sccp::FrameReader reader;
  std::vector<sccp::Message> received;
  bool closed = false;
  std::array<std::uint8_t, 4096> chunk{};

  Phone(asio::io_context& io, int port) : socket(io) {
    socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port)});
    read();
  }
  void read() {
    socket.async_read_some(
        asio::buffer(chunk), [this](boost::system::error_code ec, std::size_t n) {
          if (ec) {
            closed = true;
            return;
          }
          reader.append(std::span(chunk.data(), n));
          for (auto result = reader.next(); result.status == sccp::DecodeStatus::kMessage;
               result = reader.next())
            received.push_back(result.message);
          read();
        });
  }
  void send(const sccp::Message& message) {
    asio::write(socket, asio::buffer(sccp::encode(message)));
  }
  template <class T>
  bool got() const {
    for (const auto& m : received)
      if (std::holds_alternative<T>(m)) return true;
    return false;
  }
};

sccp::msg::RegisterReq register_request() {
  sccp::msg::RegisterReq request;
  request.device_name = "SEP000000000201";
  request.device_type = sccp::DeviceType::k7961;
  request.protocol_version = 11;
  return request;
}

/// Sends `phone`'s RegisterReq and runs the loop until its RegisterAck (or 2 s).
void register_phone(Bench& bench, Phone& phone) {
  phone.send(register_request());
  bench.run_until([&] { return phone.got<sccp::msg::RegisterAck>(); });
}

}  // namespace

TEST_CASE("three missed keepalives unregister the phone and close its connection") {
  Bench bench;
  Phone phone(bench.io, bench.port);
  register_phone(bench, phone);
  REQUIRE(phone.got<sccp::msg::RegisterAck>());
  CHECK(bench.controller.registered().size() == 1);
  CHECK(bench.calls.line(1)->endpoints == 1);

  // A keepalive within the interval keeps it; 3 x 10 s of silence ends it.
  runtime::Clock::instance().advance(29s);
  phone.send(sccp::msg::KeepAlive{});
  bench.run_until([&] { return phone.got<sccp::msg::KeepAliveAck>(); });
  CHECK(phone.got<sccp::msg::KeepAliveAck>());
  runtime::Clock::instance().advance(29s);
  bench.run_until([&] { return phone.closed; });
  CHECK_FALSE(phone.closed);
  CHECK(bench.controller.registered().size() == 1);
  runtime::Clock::instance().advance(2s);
  bench.run_until([&] { return phone.closed; });
  CHECK(phone.closed);
  CHECK(bench.controller.registered().empty());
  CHECK(bench.calls.line(1)->endpoints == 0);
}

TEST_CASE("an oversized length closes that connection only") {
  Bench bench;
  Phone good(bench.io, bench.port);
  register_phone(bench, good);
  Phone bad(bench.io, bench.port);
  std::vector<std::uint8_t> frame = {0xD1, 0x07, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};  // length 2001
  asio::write(bad.socket, asio::buffer(frame));
  bench.run_until([&] { return bad.closed; });
  CHECK(bad.closed);
  CHECK_FALSE(good.closed);
  CHECK(bench.controller.registered().size() == 1);
}

TEST_CASE("removing the ephone resets and drops its phone; an unknown MAC is rejected") {
  Bench bench;
  Phone phone(bench.io, bench.port);
  register_phone(bench, phone);
  runtime::Config next = bench.router.running();
  next.ephones.erase(1);
  bench.router.commit(next);
  bench.run_until([&] { return phone.closed; });
  CHECK(phone.got<sccp::msg::Reset>());
  CHECK(phone.closed);

  Phone stranger(bench.io, bench.port);
  stranger.send(register_request());  // ephone 1 is gone: its MAC is unknown now
  bench.run_until([&] { return stranger.closed; });
  CHECK(stranger.got<sccp::msg::RegisterReject>());
  CHECK(stranger.closed);
}
