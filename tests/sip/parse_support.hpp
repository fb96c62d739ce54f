#pragma once
// Parsing for the SIP tests: a text that must be one whole message, and a store of parsed
// messages kept alive with the text their views point into.
#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <string_view>

#include "sip/parser.hpp"

namespace cmemu::sip::test {

/// Parses `text`, which must be one whole message; the message's views point into `text`.
inline Message parsed(std::string_view text, Framing framing = Framing::kDatagram) {
  ParseResult result = parse(text, framing);
  REQUIRE(result.status == ParseStatus::kMessage);
  REQUIRE(result.consumed == text.size());
  return result.message;
}

class KeptMessages {
 public:
  /// Parses `bytes` as one datagram (which must hold a whole message) and keeps both.
  const Message& keep(std::string bytes) {
    texts_.push_back(std::move(bytes));
    ParseResult parsed = parse(texts_.back(), Framing::kDatagram);
    REQUIRE(parsed.status == ParseStatus::kMessage);
    messages_.push_back(parsed.message);
    return messages_.back();
  }

 private:
  std::deque<std::string> texts_;
  std::deque<Message> messages_;
};

}  // namespace cmemu::sip::test
