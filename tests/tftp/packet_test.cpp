// Tests tftp/packet.hpp against datagrams written byte by byte from RFC 1350 §5 and RFC 2347
// (docs/sccp.md §12): each kind both ways, and the malformed inputs the server refuses.
#include "tftp/packet.hpp"

#include <doctest/doctest.h>

#include <string>
#include <variant>

namespace {

using namespace cmemu::tftp;
using namespace std::string_literals;

}  // namespace

TEST_CASE("an RRQ with options is read and written as RFC 2347 lays it out") {
  std::string wire =
      "\x00\x01SEP001122334455.cnf.xml\x00octet\x00"
      "blksize\x00"
      "1024\x00tsize\x00"
      "0\x00"s;
  auto packet = parse(wire);
  auto* request = std::get_if<Request>(&packet);
  REQUIRE(request);
  CHECK_FALSE(request->write);
  CHECK(request->filename == "SEP001122334455.cnf.xml");
  CHECK(request->mode == "octet");
  REQUIRE(request->options.size() == 2);
  CHECK(request->options[0] == Option{"blksize", "1024"});
  CHECK(request->options[1] == Option{"tsize", "0"});
  CHECK(build_request(*request) == wire);
  CHECK(find_option(request->options, "BLKSIZE")->value == "1024");
}

TEST_CASE("a WRQ is told apart from an RRQ") {
  auto packet = parse("\x00\x02up.bin\x00netascii\x00"s);
  REQUIRE(std::holds_alternative<Request>(packet));
  CHECK(std::get<Request>(packet).write);
}

TEST_CASE("DATA, ACK, ERROR and OACK both ways") {
  std::string data = "\x00\x03\x01\x02hello"s;
  auto parsed = parse(data);
  REQUIRE(std::holds_alternative<Data>(parsed));
  CHECK(std::get<Data>(parsed).block == 0x0102);
  CHECK(std::get<Data>(parsed).payload == "hello");
  CHECK(build_data(0x0102, "hello") == data);
  CHECK(build_data(7, "") == "\x00\x03\x00\x07"s);  // the empty last block

  CHECK(build_ack(65535) == "\x00\x04\xFF\xFF"s);
  REQUIRE(std::holds_alternative<Ack>(parse("\x00\x04\x00\x09"s)));
  CHECK(std::get<Ack>(parse("\x00\x04\x00\x09"s)).block == 9);

  CHECK(build_error(ErrorCode::kFileNotFound) ==
        "\x00\x05\x00\x01"
        "File not found\x00"s);
  CHECK(build_error(ErrorCode::kIllegalOperation) == "\x00\x05\x00\x04Illegal TFTP operation\x00"s);
  auto error = parse(
      "\x00\x05\x00\x02"
      "Access violation\x00"s);
  REQUIRE(std::holds_alternative<Error>(error));
  CHECK(std::get<Error>(error).code == ErrorCode::kAccessViolation);
  CHECK(std::get<Error>(error).message == "Access violation");

  std::string oack =
      "\x00\x06"
      "blksize\x00"
      "1024\x00tsize\x00"
      "777\x00"s;
  CHECK(build_option_ack({{"blksize", "1024"}, {"tsize", "777"}}) == oack);
  auto option_ack = parse(oack);
  REQUIRE(std::holds_alternative<OptionAck>(option_ack));
  CHECK(std::get<OptionAck>(option_ack).options.size() == 2);
}

TEST_CASE("malformed datagrams are Malformed") {
  auto malformed = [](const std::string& bytes) {
    return std::holds_alternative<Malformed>(parse(bytes));
  };
  CHECK(malformed(""));
  CHECK(malformed("\x00"s));
  CHECK(malformed("\x00\x01"s));          // no file name
  CHECK(malformed("\x00\x09\x00\x00"s));  // unknown opcode
  CHECK(
      malformed("\x00\x01"
                "file\x00octet"s));  // mode without its NUL
  CHECK(
      malformed("\x00\x01"
                "file"s +
                "\x00"s));                     // no mode
  CHECK(malformed("\x00\x01\x00octet\x00"s));  // empty file name
  CHECK(
      malformed("\x00\x01"
                "f\x00octet\x00"
                "blksize\x00"s));               // option without a value
  CHECK(malformed("\x00\x04\x00\x01\x00"s));    // ACK of 5 bytes
  CHECK(malformed("\x00\x05\x00\x01no nul"s));  // ERROR without its NUL
  CHECK(malformed("\x00\x06"s + "x\x00"s));     // OACK option without a value
  // RFC 2347: a request fits 512 bytes of strings.
  std::string long_name(520, 'a');
  CHECK(malformed("\x00\x01"s + long_name + "\x00octet\x00"s));
  std::string fits(500, 'a');
  CHECK_FALSE(malformed("\x00\x01"s + fits + "\x00octet\x00"s));
  // More options than kMaxOptions.
  std::string many =
      "\x00\x01"
      "f\x00octet\x00"s;
  for (int i = 0; i < 17; ++i)
    many += "o" + std::to_string(i) +
            "\x00"
            "1\x00"s;
  CHECK(malformed(many));
}

TEST_CASE("netascii turns LF into CR LF and a bare CR into CR NUL") {
  CHECK(to_netascii("a\nb\rc") == "a\r\nb\r\0c"s);
}
