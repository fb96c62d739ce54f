#pragma once
// The SIP message parser (RFC 3261 §7, §18.3): bytes in, a message, need-more or an error with the
// SIP status to answer out. A pure function of a buffer: no sockets, no clocks, no exceptions, no
// state between calls; the message it returns is views into that buffer.
//
// Folding (RFC 3261 §7.3.1): a header line followed by lines that start with SP or HT is one
// field. A view cannot skip the CRLFs inside it, so only such a field is copied: unfolded (each
// CRLF and the whitespace around it become one SP) into storage owned by the Message
// (Message::store). Unfolded fields are the only copies; bodies and every other value are views.
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "sip/message.hpp"

namespace cmemu::sip {

/// How messages are delimited on the transport.
enum class Framing {
  kDatagram,  // UDP: one datagram is one message; Content-Length optional, bytes past it dropped
  kStream,    // TCP, TLS: Content-Length mandatory; it says where the next message starts
};

/// Every bound of the parser. Past one, the input is refused with that bound's error, before more
/// of it is waited for.
struct Limits {
  /// Start line + headers + body, in bytes. ParseError::kMessageTooLarge (513).
  std::size_t max_message_size = 65535;
  /// Header fields (a folded field counts once). ParseError::kTooManyHeaders (400).
  std::size_t max_headers = 64;
  /// One header field with its folded continuation lines, or the start line, in bytes without the
  /// final CRLF. ParseError::kHeaderLineTooLong (400).
  std::size_t max_header_line = 8192;
  /// The body (Content-Length, or the rest of a datagram). ParseError::kBodyTooLarge (413).
  std::size_t max_body_size = 32768;
};

/// Why a message was refused. status_code() gives the SIP answer.
enum class ParseError {
  kTruncated = 1,          // 400: a datagram ends before the empty line that closes the headers
  kBadStartLine,           // 400: neither a request line nor a status line
  kVersionNotSupported,    // 505: SIP version other than 2.0
  kBadRequestUri,          // 400: a sip:, sips: or tel: Request-URI that does not parse
  kUnsupportedUriScheme,   // 416: any other Request-URI scheme
  kBadHeaderLine,          // 400: no colon, a bad name, control characters
  kHeaderLineTooLong,      // 400: Limits::max_header_line
  kTooManyHeaders,         // 400: Limits::max_headers
  kMessageTooLarge,        // 513: Limits::max_message_size
  kBodyTooLarge,           // 413: Limits::max_body_size
  kMissingContentLength,   // 400: a stream message without Content-Length
  kContentLengthMismatch,  // 400: a datagram shorter than its Content-Length
  kMissingHeader,          // 400: no Via, From, To, Call-ID or CSeq (ParseResult::header)
  kDuplicateHeader,        // 400: two From, To, Call-ID, CSeq, or differing Content-Length
  kBadHeaderValue,         // 400: a malformed Via, From, To, Call-ID, CSeq, Content-Length or
                           //      Max-Forwards (ParseResult::header)
  kCSeqMethodMismatch,     // 400: the CSeq method is not the request method
};

/// The last ParseError value: per-error counters (for a `show` command) need kLastParseError + 1.
inline constexpr int kLastParseError = static_cast<int>(ParseError::kCSeqMethodMismatch);

const std::error_category& parse_category() noexcept;
std::error_code make_error_code(ParseError error) noexcept;
/// The SIP status code that answers a request refused with `error` (400, 413, 416, 505, 513).
int status_code(ParseError error) noexcept;

enum class ParseStatus {
  kMessage,    // `message` is the first message; drop `consumed` bytes
  kNeedMore,   // stream only: no complete message yet; read more and call again with every byte
  kKeepAlive,  // the buffer starts with CRLFs (RFC 5626 keep-alive, or line ends before a start
               // line, RFC 3261 §7.5): drop `consumed` bytes, answer a ping with CRLF on a stream
  kError,      // `error`, `status_code`, `reason`; see `answerable` and `consumed`
};

struct ParseResult {
  ParseStatus status = ParseStatus::kNeedMore;
  /// kMessage: the message. kError: whatever was parsed before the error (start line and headers
  /// when `answerable`).
  Message message;
  /// kMessage, kKeepAlive: bytes to drop. kError on a stream: bytes to drop to go on with the next
  /// message, or 0 when the stream can no longer be followed (close the connection).
  std::size_t consumed = 0;
  /// kKeepAlive: a double CRLF (a ping, RFC 5626 §4.4.1) rather than a lone CRLF.
  bool ping = false;
  /// kError: why, the status to answer and its reason phrase ("Missing Call-ID Header").
  std::error_code error;
  int status_code = 0;
  std::string reason;
  /// kError with kMissingHeader, kDuplicateHeader, kBadHeaderValue: the canonical header name.
  std::string_view header;
  /// kError: the message is a request whose start line and header section parsed, so the error can
  /// be answered with write_response() from `message` (it copies whichever of Via, From, To,
  /// Call-ID and CSeq are there). A refused response, or garbage, is dropped silently.
  bool answerable = false;
};

/// Parses the first message at the start of `bytes`. On a stream, call again on the bytes after
/// `consumed` until kNeedMore; each call scans from the start of `bytes` again (no state is kept).
ParseResult parse(std::string_view bytes, Framing framing, const Limits& limits = {});
/// The message would point into a temporary: parse a buffer that outlives the result.
template <TemporaryString T>
ParseResult parse(T&& bytes, Framing framing, const Limits& limits = {}) = delete;

}  // namespace cmemu::sip

template <>
struct std::is_error_code_enum<cmemu::sip::ParseError> : std::true_type {};
