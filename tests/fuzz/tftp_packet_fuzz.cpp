// Fuzzes the TFTP packets and transfers (tftp/packet.hpp, tftp/transfer.hpp): the input is one
// datagram. What parses builds back to the same bytes (requests, ACK, DATA, OACK; an ERROR up to
// its message's first NUL), a request longer than 516 bytes never parses, and the datagram handed
// to a server transfer and a client transfer in each of their states never breaks their bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "tests/fuzz/fuzz_check.hpp"
#include "tftp/packet.hpp"
#include "tftp/transfer.hpp"

namespace {

using namespace cmemu::tftp;
using cmemu::fuzz::check;

void check_round_trip(std::string_view datagram) {
  Packet packet = parse(datagram);
  if (const auto* request = std::get_if<Request>(&packet)) {
    check(datagram.size() <= kMaxRequestBytes, "a request fits 516 bytes");
    check(request->options.size() <= kMaxOptions, "options are bounded");
    check(build_request(*request) == datagram, "a request builds back");
  } else if (const auto* data = std::get_if<Data>(&packet)) {
    check(build_data(data->block, data->payload) == datagram, "DATA builds back");
  } else if (const auto* ack = std::get_if<Ack>(&packet)) {
    check(build_ack(ack->block) == datagram, "ACK builds back");
  } else if (const auto* oack = std::get_if<OptionAck>(&packet)) {
    check(build_option_ack(oack->options) == datagram, "OACK builds back");
  } else if (const auto* error = std::get_if<Error>(&packet)) {
    check(std::holds_alternative<Error>(parse(build_error(error->code, error->message))),
          "ERROR builds back");
  }
}

void drive(std::string_view datagram) {
  const Clock::time_point start{};
  auto file = std::make_shared<const std::string>(1500, 'x');
  // The datagram as the client's options, then as its answer to the OACK and to DATA 1.
  Packet packet = parse(datagram);
  if (const auto* request = std::get_if<Request>(&packet)) {
    Negotiation negotiation = negotiate(request->options, file->size(), kMaxBlockSize);
    check(negotiation.block_size >= kMinBlockSize && negotiation.block_size <= kMaxBlockSize,
          "the block size is in RFC 2348's range");
    check(negotiation.acknowledged.size() <= 3, "one acknowledgement per option");
  }
  for (bool with_options : {false, true}) {
    Negotiation negotiation =
        with_options ? negotiate({{"blksize", "100"}, {"tsize", "0"}}, 1500, 512) : Negotiation{};
    ServerTransfer server(file, negotiation, Timing{});
    server.start(start);
    auto reply = server.on_datagram(datagram, start);
    if (reply) check(reply->size() <= 4 + server.block_size(), "a reply fits one block");
    server.on_timer(start + std::chrono::seconds(1));
  }
  ClientTransfer client(ClientRequest{"f", 1024, true, 4096});
  client.start(start);
  client.on_datagram(datagram, start);
  check(client.content().size() <= 4096, "the client keeps its bound");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 70000) return 0;
  std::string_view datagram(reinterpret_cast<const char*>(data), size);
  check_round_trip(datagram);
  drive(datagram);
  return 0;
}
