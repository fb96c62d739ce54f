#pragma once
// The CSTA XML codec (ECMA-323 over SIP, docs/csta.md §4, docs/decisions.md #15 and #17): a pure
// function of a body. Reading selects the message by the root element's local name whatever its
// namespace or prefix, and remembers the namespace so the answer can echo it. Writing emits no
// prefixes,
// `<?xml version="1.0" encoding="UTF-8"?>` first, the namespace as a default xmlns on the root,
// children in docs/csta.md's order. Errors are values, never exceptions.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/csta/messages.hpp"

namespace cmemu::runtime::csta {

/// Every bound of the reader. Past one, the body is refused with that bound's error before
/// pugixml sees it (the nesting and element bounds are checked by a pre-scan of the raw bytes,
/// so a deeply nested body costs neither stack nor a DOM).
struct CodecLimits {
  /// Body bytes. ReadError::kBodyTooLarge.
  std::size_t max_body_size = 16 * 1024;
  /// Element nesting, the root being depth 1. ReadError::kTooDeep.
  std::size_t max_depth = 16;
  /// Elements in the body. ReadError::kTooManyElements.
  std::size_t max_elements = 512;
};

/// Why a body was refused. answer() says how: a SIP status without a CSTA body, or a 200 OK
/// carrying a CSTAErrorCode (docs/decisions.md #15).
enum class ReadError : std::uint8_t {
  kNone = 0,
  // SIP 400 (docs/decisions.md #15: "400 unparsable body"):
  kBodyTooLarge,     // CodecLimits::max_body_size
  kTooDeep,          // CodecLimits::max_depth
  kTooManyElements,  // CodecLimits::max_elements
  kMalformed,        // not well-formed XML (empty, truncated, stray text, two roots, a DOCTYPE)
  kUnboundPrefix,    // an element prefix without an xmlns:prefix in scope (not namespace-
                     // well-formed), or a prefix bound to ""
  // 200 OK + CSTAErrorCode (docs/csta.md §12):
  kUnknownMessage,  // root element not among the expected messages: operation/serviceNotSupported
  kMissingElement,  // a mandatory child is absent: the field's error (ReadResult::csta_error)
  kBadValue,        // a child's value is not allowed: the field's error (invalidParameterValue
                    // unless the field names another)
};

/// The last ReadError value: per-error counters (for a `show` command) need kLastReadError + 1.
inline constexpr int kLastReadError = static_cast<int>(ReadError::kBadValue);

enum class Answer : std::uint8_t {
  kSipStatus,      // answer with sip_status(error), no body
  kCstaErrorCode,  // answer 200 OK with ReadResult::csta_error
};

Answer answer(ReadError error) noexcept;
/// 400 for a SIP-level refusal, 200 for one answered with a CSTAErrorCode.
int sip_status(ReadError error) noexcept;
std::string_view to_string(ReadError error) noexcept;

/// The outcome of reading one body.
template <class Message>
struct ReadResult {
  ReadError error = ReadError::kNone;
  /// Valid when ok().
  Message message{};
  /// The root element's namespace URI ("" when it had none): the namespace for the answer, or,
  /// for a MonitorStart, for that monitor's events (docs/decisions.md #17). Known for every error
  /// after the XML parsed.
  std::string namespace_uri;
  /// The root's local name, when the XML parsed (for `debug cti` and counters).
  std::string root;
  /// For Answer::kCstaErrorCode: the body of the 200 OK.
  CstaErrorCode csta_error;
  /// For kMissingElement / kBadValue: the path of the child at fault.
  std::string element;

  bool ok() const noexcept { return error == ReadError::kNone; }
};

/// A request from a client (router side).
ReadResult<Request> read_request(std::string_view body, const CodecLimits& limits = {});
/// A response or CSTAErrorCode (client side: cmemu-csta, tests).
ReadResult<Response> read_response(std::string_view body, const CodecLimits& limits = {});
/// An event (client side).
ReadResult<Event> read_event(std::string_view body, const CodecLimits& limits = {});

/// One body: prolog, the message as the root element with `namespace_uri` as default xmlns
/// (none when empty), children in docs/csta.md's order.
std::string write(const Request& message, std::string_view namespace_uri);
std::string write(const Response& message, std::string_view namespace_uri);
std::string write(const Event& message, std::string_view namespace_uri);

}  // namespace cmemu::runtime::csta
