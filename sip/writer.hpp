#pragma once
// Writes SIP messages as text: responses built from the request they answer (RFC 3261 §8.2.6),
// requests from given headers. Content-Length is always written and always right. Values are
// written as given: they must not contain CR or LF.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sip/message.hpp"

namespace cmemu::sip {

/// One header field to write.
struct HeaderField {
  std::string name;
  std::string value;
};

struct ResponseSpec {
  int status_code = 200;
  /// "" writes reason_phrase(status_code).
  std::string reason;
  /// Added to To as `;tag=` when the request's To has no tag (§8.2.6.2); ignored when it has one.
  std::string to_tag;
  /// Copies the request's Record-Route fields in order (§12.1.1: a 2xx or 1xx that makes a dialog).
  bool copy_record_route = false;
  /// Written after the copied ones, in order. A Content-Length here is ignored.
  std::vector<HeaderField> headers;
  /// Written as Content-Type when not empty.
  std::string content_type;
  std::string body;
};

/// A response to `request`: the status line, then every Via field in order, From, To (with
/// `to_tag`), Call-ID and CSeq copied from the request (whichever of them it has), Record-Route
/// when asked, Timestamp on a 100 (§8.2.6.1), `spec.headers`, Content-Type, Content-Length, body.
std::string write_response(const Message& request, const ResponseSpec& spec);

struct RequestSpec {
  std::string method;
  std::string request_uri;
  /// Written in order (Via, Max-Forwards, From, To, Call-ID, CSeq, Contact, ...). A Content-Length
  /// here is ignored.
  std::vector<HeaderField> headers;
  /// Written as Content-Type when not empty.
  std::string content_type;
  std::string body;
};

/// A request line, `spec.headers`, Content-Type, Content-Length and the body.
std::string write_request(const RequestSpec& spec);

/// The RFC 3261 / RFC 4028 / RFC 3581 reason phrase of a status code ("Unknown" for others).
std::string_view reason_phrase(int status_code);

/// The branch prefix of RFC 3261 §8.1.1.7.
inline constexpr std::string_view kBranchMagicCookie = "z9hG4bK";

/// A Via value: `SIP/2.0/<transport> host:port;branch=<branch>` (`;rport` added when asked).
std::string format_via(std::string_view transport, std::string_view host, std::uint16_t port,
                       std::string_view branch, bool rport = false);

/// The top Via value of a received request stamped with where it really came from: `;received=`
/// when the sent-by host is not `source_address` or rport is asked for (RFC 3261 §18.2.1), and a
/// bare `;rport` filled with `source_port` (RFC 3581 §4). An unparsable value is returned as is.
std::string stamp_via(std::string_view via_value, std::string_view source_address,
                      std::uint16_t source_port);

}  // namespace cmemu::sip
