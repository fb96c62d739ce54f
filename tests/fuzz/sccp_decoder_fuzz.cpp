// Fuzzes the SCCP decoder (sccp/codec.hpp): the input is a TCP stream of frames. Each decoded
// message must encode to a frame that decodes to the same message, and a FrameReader fed the
// stream in uneven pieces must yield the same messages as decode() over the whole stream. Each
// message is also described (sccp/message_text.hpp) as cmemu-phone prints it: on one line, and a
// line that reads back (message_from_text) to a message that describes the same. Codec and text
// both walk each message's one description (sccp/messages.hpp), so this checks them together.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sccp/codec.hpp"
#include "sccp/message_text.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu::sccp;

using cmemu::fuzz::check;

std::uint32_t le32(std::span<const std::uint8_t> bytes) {
  return std::uint32_t{bytes[0]} | std::uint32_t{bytes[1]} << 8 | std::uint32_t{bytes[2]} << 16 |
         std::uint32_t{bytes[3]} << 24;
}

void check_round_trip(const DecodeResult& first) {
  std::vector<std::uint8_t> frame = encode(first.message);
  check(frame.size() == kHeaderSize + encoded_body_size(first.message), "encoded size");
  // The encoder may write more than the default bound (a long UnknownMessage body stays whole).
  DecodeResult again = decode(frame, static_cast<std::uint32_t>(frame.size()));
  check(again.status == DecodeStatus::kMessage, "an encoded frame decodes");
  check(again.consumed == frame.size(), "an encoded frame is one frame");
  check(again.header_version == kBasicHeaderVersion, "the Basic header version");
  check(message_id(again.message) == message_id(first.message), "the same message ID");
  check(again.message == first.message, "the same message decodes back");
  check(encode(again.message) == frame, "encoding is stable");
}

void check_text(const Message& message) {
  const std::string line = describe(message);
  check(line.find_first_of("\r\n") == std::string::npos, "a message describes on one line");
  const std::optional<Message> read = message_from_text(line);
  check(read.has_value(), "the text reads back");
  check(message_id(*read) == message_id(message), "the text reads back to the same message ID");
  check(describe(*read) == line, "the text read back describes the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  std::span<const std::uint8_t> bytes(data, size);

  std::vector<Message> messages;
  std::span<const std::uint8_t> rest = bytes;
  DecodeStatus last = DecodeStatus::kNeedMore;
  for (;;) {
    DecodeResult result = decode(rest);
    last = result.status;
    if (result.status != DecodeStatus::kMessage) break;
    check(result.consumed >= kHeaderSize && result.consumed <= rest.size(), "consumed in bounds");
    check(result.consumed == std::size_t{result.length} + 8, "consumed is length + 8");
    check(message_id(result.message) == static_cast<MessageId>(le32(rest.subspan(8))),
          "the frame's message ID");
    check_round_trip(result);
    check_text(result.message);
    messages.push_back(std::move(result.message));
    rest = rest.subspan(result.consumed);
  }

  // The same stream in pieces of 1, 2, 3... bytes (cycling), as a socket may deliver it.
  FrameReader reader;
  std::size_t got = 0;
  DecodeStatus reader_last = DecodeStatus::kNeedMore;
  std::size_t offset = 0;
  std::size_t piece = 1;
  while (reader_last != DecodeStatus::kError) {
    std::size_t n = std::min(piece, size - offset);
    reader.append(bytes.subspan(offset, n));
    offset += n;
    piece = piece % 13 + 1;
    for (;;) {
      DecodeResult result = reader.next();
      reader_last = result.status;
      if (result.status != DecodeStatus::kMessage) break;
      check(got < messages.size(), "no more messages in pieces than whole");
      check(result.message == messages[got], "the same message in pieces");
      ++got;
    }
    if (offset == size) break;
  }
  check(got == messages.size(), "as many messages in pieces as whole");
  check(reader_last == last, "the same end in pieces");
  if (last == DecodeStatus::kError) check(reader.buffered() == 0, "an error drops the buffer");

  // The same bytes as a text line: whatever message_from_text() reads describes stably.
  if (auto read = message_from_text(std::string_view(reinterpret_cast<const char*>(data), size)))
    check_text(*read);
  return 0;
}
