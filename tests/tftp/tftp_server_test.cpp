// Tests tftp/tftp_server.hpp on loopback with a real io_context (docs/sccp.md §12,
// docs/decisions.md #31): a read request answered from a port of its own, the refusals, a repeated
// request taking no second transfer, the bound on transfers, and a silent client's transfer dropped
// after its tries.
#include "tftp/tftp_server.hpp"

#include <doctest/doctest.h>

#include <boost/asio.hpp>
#include <string>
#include <variant>

namespace {

using namespace cmemu::tftp;
using namespace std::chrono_literals;
using namespace std::string_literals;
namespace asio = boost::asio;
using asio::ip::udp;

struct Bench {
  asio::io_context io;
  TftpServer server;
  udp::endpoint address;

  explicit Bench(ServerLimits limits = {})
      : server(
            io,
            [](std::string_view name) -> std::shared_ptr<const std::string> {
              if (name != "hello.txt") return nullptr;
              return std::make_shared<const std::string>("hello\n");
            },
            limits) {
    REQUIRE(server.listen("127.0.0.1", 0) == "");
    address = udp::endpoint(asio::ip::make_address("127.0.0.1"), server.local_port());
  }

  /// Sends `bytes` from `client` and runs the loop until it gets an answer (or 2 s pass).
  std::optional<std::pair<std::string, udp::endpoint>> ask(udp::socket& client,
                                                           const std::string& bytes,
                                                           const udp::endpoint& to) {
    client.send_to(asio::buffer(bytes), to);
    return answer(client);
  }

  std::optional<std::pair<std::string, udp::endpoint>> answer(udp::socket& client,
                                                              std::chrono::milliseconds wait = 2s) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      io.run_for(5ms);
      if (client.available() > 0) {
        std::string buffer(2048, '\0');
        udp::endpoint from;
        auto n = client.receive_from(asio::buffer(buffer), from);
        buffer.resize(n);
        return std::pair{buffer, from};
      }
    }
    return std::nullopt;
  }

  udp::socket client() {
    udp::socket socket(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return socket;
  }
};

ErrorCode error_of(const std::string& packet) {
  auto parsed = parse(packet);
  REQUIRE(std::holds_alternative<Error>(parsed));
  return std::get<Error>(parsed).code;
}

}  // namespace

TEST_CASE("a read request is served from a port of its own") {
  Bench bench;
  auto client = bench.client();
  auto first = bench.ask(client, build_request({false, "/hello.txt", "octet", {}}), bench.address);
  REQUIRE(first);
  CHECK(first->first == build_data(1, "hello\n"));
  CHECK(first->second.port() != bench.server.local_port());
  CHECK(bench.server.transfers() == 1);
  // A stranger on the transfer's port gets ERROR 5; the transfer goes on.
  auto stranger = bench.client();
  auto refused = bench.ask(stranger, build_ack(1), first->second);
  REQUIRE(refused);
  CHECK(error_of(refused->first) == ErrorCode::kUnknownTransferId);
  CHECK(bench.server.transfers() == 1);
  client.send_to(asio::buffer(build_ack(1)), first->second);
  bench.io.run_for(50ms);
  CHECK(bench.server.transfers() == 0);
  CHECK(bench.server.counters().transfers_done == 1);
}

TEST_CASE("refusals: unknown file, write request, malformed, bad mode; an ERROR gets nothing") {
  Bench bench;
  auto client = bench.client();
  auto ask = [&](const std::string& bytes) {
    auto got = bench.ask(client, bytes, bench.address);
    REQUIRE(got);
    return error_of(got->first);
  };
  CHECK(ask(build_request({false, "nope", "octet", {}})) == ErrorCode::kFileNotFound);
  CHECK(ask(build_request({true, "hello.txt", "octet", {}})) == ErrorCode::kAccessViolation);
  CHECK(ask("\x00\x07zz"s) == ErrorCode::kIllegalOperation);
  CHECK(ask(build_ack(3)) == ErrorCode::kIllegalOperation);
  CHECK(ask(build_request({false, "hello.txt", "mail", {}})) == ErrorCode::kIllegalOperation);
  CHECK(ask("\x00\x01"s + std::string(600, 'a') + "\x00octet\x00"s) ==
        ErrorCode::kIllegalOperation);
  client.send_to(asio::buffer(build_error(ErrorCode::kNotDefined, "x")), bench.address);
  CHECK_FALSE(bench.answer(client, 100ms));
  CHECK(bench.server.transfers() == 0);
}

TEST_CASE("transfers are bounded and a silent client's transfer is dropped after its tries") {
  ServerLimits limits;
  limits.max_transfers = 2;
  limits.timing = Timing{std::chrono::milliseconds(100), 1};
  Bench bench(limits);
  auto a = bench.client();
  auto b = bench.client();
  auto c = bench.client();
  std::string rrq = build_request({false, "hello.txt", "octet", {}});
  REQUIRE(bench.ask(a, rrq, bench.address));
  // The same request again from the same client: a copy, no second transfer.
  a.send_to(asio::buffer(rrq), bench.address);
  REQUIRE(bench.ask(b, rrq, bench.address));
  CHECK(bench.server.transfers() == 2);
  c.send_to(asio::buffer(rrq), bench.address);
  CHECK_FALSE(bench.answer(c, 20ms));
  CHECK(bench.server.counters().requests_dropped == 1);
  // Nobody acknowledges: each DATA 1 goes once more after 100 ms, then both transfers end.
  bench.io.run_for(500ms);
  CHECK(bench.server.transfers() == 0);
  CHECK(bench.server.counters().transfers_failed == 2);
  REQUIRE(bench.ask(c, rrq, bench.address));
}
