// Tests tftp/transfer.hpp on driven time (docs/sccp.md §12): option negotiation (RFC 2347-2349),
// the server's lock-step sending with its retransmission and retry limit, the final short (or
// empty) block, and the client's receiving, each side against the other and against hand-made
// packets.
#include "tftp/transfer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <variant>

namespace {

using namespace cmemu::tftp;
using namespace std::chrono_literals;
using namespace std::string_literals;

const Clock::time_point kStart{};

std::shared_ptr<const std::string> file_of(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + i % 26);
  return std::make_shared<const std::string>(std::move(bytes));
}

Data data_of(const std::string& packet) {
  auto parsed = parse(packet);
  REQUIRE(std::holds_alternative<Data>(parsed));
  return std::get<Data>(parsed);
}

}  // namespace

TEST_CASE("negotiation acknowledges blksize, tsize and timeout and ignores bad values") {
  auto n = negotiate({{"blksize", "1024"}, {"tsize", "0"}, {"timeout", "3"}}, 5000, kMaxBlockSize);
  CHECK(n.block_size == 1024);
  CHECK(n.timeout == std::chrono::seconds(3));
  REQUIRE(n.acknowledged.size() == 3);
  CHECK(n.acknowledged[0] == Option{"blksize", "1024"});
  CHECK(n.acknowledged[1] == Option{"tsize", "5000"});

  // RFC 2347: values out of range, not numbers, unknown options: left out.
  auto bad = negotiate({{"blksize", "7"},
                        {"blksize", "65465"},
                        {"tsize", "x"},
                        {"timeout", "0"},
                        {"windowsize", "4"},
                        {"blksize", "-1"}},
                       10, kMaxBlockSize);
  CHECK(bad.acknowledged.empty());
  CHECK(bad.block_size == kDefaultBlockSize);

  // The server's cap, and the first of a repeated option.
  auto capped = negotiate({{"BLKSIZE", "9000"}, {"blksize", "100"}}, 10, 1428);
  CHECK(capped.block_size == 1428);
  REQUIRE(capped.acknowledged.size() == 1);
  CHECK(capped.acknowledged[0].value == "1428");
}

TEST_CASE("without options the server sends DATA 1 at once and ends on the short block") {
  auto file = file_of(700);
  ServerTransfer transfer(file, negotiate({}, 700, kMaxBlockSize), Timing{});
  auto first = data_of(transfer.start(kStart));
  CHECK(first.block == 1);
  CHECK(first.payload.size() == 512);
  auto second = transfer.on_datagram(build_ack(1), kStart + 10ms);
  REQUIRE(second);
  CHECK(data_of(*second).block == 2);
  CHECK(data_of(*second).payload == file->substr(512));
  CHECK(transfer.state() == TransferState::kRunning);
  CHECK_FALSE(transfer.on_datagram(build_ack(2), kStart + 20ms));
  CHECK(transfer.state() == TransferState::kDone);
}

TEST_CASE("a file of exactly N blocks ends with an empty DATA") {
  auto file = file_of(1024);
  ServerTransfer transfer(file, negotiate({}, 1024, kMaxBlockSize), Timing{});
  transfer.start(kStart);
  transfer.on_datagram(build_ack(1), kStart);
  auto last = transfer.on_datagram(build_ack(2), kStart);
  REQUIRE(last);
  CHECK(data_of(*last).block == 3);
  CHECK(data_of(*last).payload.empty());
  transfer.on_datagram(build_ack(3), kStart);
  CHECK(transfer.state() == TransferState::kDone);

  ServerTransfer empty(file_of(0), negotiate({}, 0, kMaxBlockSize), Timing{});
  CHECK(data_of(empty.start(kStart)).payload.empty());
  empty.on_datagram(build_ack(1), kStart);
  CHECK(empty.state() == TransferState::kDone);
}

TEST_CASE("with options the server sends the OACK and DATA 1 follows ACK 0") {
  auto file = file_of(100);
  ServerTransfer transfer(file, negotiate({{"blksize", "64"}, {"tsize", "0"}}, 100, kMaxBlockSize),
                          Timing{});
  auto oack = parse(transfer.start(kStart));
  REQUIRE(std::holds_alternative<OptionAck>(oack));
  CHECK(std::get<OptionAck>(oack).options[1] == Option{"tsize", "100"});
  auto first = transfer.on_datagram(build_ack(0), kStart);
  REQUIRE(first);
  CHECK(data_of(*first).payload.size() == 64);
  auto second = transfer.on_datagram(build_ack(1), kStart);
  CHECK(data_of(*second).payload.size() == 36);
}

TEST_CASE("the server sends again on its timer, ignores copies of ACKs, and gives up") {
  auto file = file_of(2000);
  Timing timing{std::chrono::milliseconds(500), 2};
  ServerTransfer transfer(file, negotiate({}, 2000, kMaxBlockSize), timing);
  std::string first = transfer.start(kStart);
  CHECK_FALSE(transfer.on_timer(kStart + 499ms));  // not yet
  auto again = transfer.on_timer(kStart + 500ms);
  REQUIRE(again);
  CHECK(*again == first);
  CHECK(transfer.deadline() == kStart + 1000ms);
  // An ACK moves on and resets the tries; a copy of it changes nothing (no Sorcerer's Apprentice).
  auto second = transfer.on_datagram(build_ack(1), kStart + 600ms);
  REQUIRE(second);
  CHECK_FALSE(transfer.on_datagram(build_ack(1), kStart + 610ms));
  CHECK_FALSE(transfer.on_datagram(build_ack(7), kStart + 620ms));
  CHECK(transfer.on_timer(kStart + 1100ms) == *second);
  CHECK(transfer.on_timer(kStart + 1600ms) == *second);
  CHECK_FALSE(transfer.on_timer(kStart + 2100ms));  // two retries spent
  CHECK(transfer.state() == TransferState::kFailed);
  CHECK_FALSE(transfer.on_datagram(build_ack(2), kStart + 2200ms));
}

TEST_CASE("a negotiated timeout replaces the server's") {
  ServerTransfer transfer(file_of(10), negotiate({{"timeout", "4"}}, 10, kMaxBlockSize), Timing{});
  transfer.start(kStart);
  CHECK(transfer.deadline() == kStart + 4s);
}

TEST_CASE("the client's ERROR ends the transfer; a bad packet gets ERROR 4") {
  ServerTransfer ended(file_of(10), negotiate({}, 10, kMaxBlockSize), Timing{});
  ended.start(kStart);
  CHECK_FALSE(ended.on_datagram(build_error(ErrorCode::kNotDefined, "stop"), kStart));
  CHECK(ended.state() == TransferState::kFailed);

  ServerTransfer bad(file_of(10), negotiate({}, 10, kMaxBlockSize), Timing{});
  bad.start(kStart);
  auto reply = bad.on_datagram("\x00\x09zz"s, kStart);
  REQUIRE(reply);
  auto error = parse(*reply);
  REQUIRE(std::holds_alternative<Error>(error));
  CHECK(std::get<Error>(error).code == ErrorCode::kIllegalOperation);
  CHECK(bad.state() == TransferState::kFailed);
}

TEST_CASE("block numbers wrap past 65535") {
  auto file = file_of(65536 * 8 + 3);
  ServerTransfer transfer(file, negotiate({{"blksize", "8"}}, file->size(), kMaxBlockSize),
                          Timing{});
  transfer.start(kStart);
  std::optional<std::string> sent = transfer.on_datagram(build_ack(0), kStart);
  for (std::uint32_t block = 1; block <= 65535; ++block)
    sent = transfer.on_datagram(build_ack(static_cast<std::uint16_t>(block)), kStart);
  REQUIRE(sent);
  CHECK(data_of(*sent).block == 0);
  CHECK(data_of(*sent).payload == file->substr(65535 * 8, 8));
}

TEST_CASE("client and server carry a file between them, with blksize and tsize") {
  for (std::size_t size : {0u, 1u, 511u, 512u, 1024u, 3000u}) {
    CAPTURE(size);
    auto file = file_of(size);
    ClientRequest request{"SEP001122334455.cnf.xml", 1024, true};
    ClientTransfer client(request);
    auto rrq = parse(client.start(kStart));
    REQUIRE(std::holds_alternative<Request>(rrq));
    const auto& asked = std::get<Request>(rrq);
    CHECK(asked.mode == "octet");
    ServerTransfer server(file, negotiate(asked.options, size, 512), Timing{});
    std::optional<std::string> to_client = server.start(kStart);
    int packets = 0;
    while (to_client && ++packets < 100) {
      auto to_server = client.on_datagram(*to_client, kStart);
      if (!to_server) break;
      to_client = server.on_datagram(*to_server, kStart);
    }
    CHECK(client.state() == TransferState::kDone);
    CHECK(server.state() == TransferState::kDone);
    CHECK(client.content() == *file);
    CHECK(client.announced_size() == size);
  }
}

TEST_CASE("the client acknowledges a copied block again and sends its RRQ again on its timer") {
  ClientTransfer client(ClientRequest{"f", 512, false, 1 << 20, Timing{1s, 1}});
  std::string rrq = client.start(kStart);
  CHECK(client.on_timer(kStart + 1s) == rrq);
  std::string block(512, 'x');
  CHECK(client.on_datagram(build_data(1, block), kStart + 1100ms) == build_ack(1));
  CHECK(client.on_datagram(build_data(1, block), kStart + 1200ms) == build_ack(1));
  CHECK(client.on_datagram(build_data(2, "end"), kStart + 1300ms) == build_ack(2));
  CHECK(client.state() == TransferState::kDone);
  CHECK(client.content() == block + "end");

  ClientTransfer silent(ClientRequest{"f", 512, false, 1 << 20, Timing{1s, 1}});
  silent.start(kStart);
  silent.on_timer(kStart + 1s);
  CHECK_FALSE(silent.on_timer(kStart + 2s));
  CHECK(silent.state() == TransferState::kFailed);
}

TEST_CASE("the client reports the server's ERROR and refuses what it did not ask for") {
  ClientTransfer missing(ClientRequest{"f"});
  missing.start(kStart);
  missing.on_datagram(build_error(ErrorCode::kFileNotFound), kStart);
  CHECK(missing.state() == TransferState::kFailed);
  CHECK(missing.error().code == ErrorCode::kFileNotFound);

  ClientTransfer plain(ClientRequest{"f", 512, false});
  plain.start(kStart);
  auto reply = plain.on_datagram(build_option_ack({{"blksize", "1024"}}), kStart);
  REQUIRE(reply);
  CHECK(std::get<Error>(parse(*reply)).code == ErrorCode::kOptionRefused);
  CHECK(plain.state() == TransferState::kFailed);

  ClientTransfer small(ClientRequest{"f", 512, true, 100});
  small.start(kStart);
  small.on_datagram(build_option_ack({{"tsize", "101"}}), kStart);
  CHECK(small.state() == TransferState::kFailed);
}
