// Fuzzes sip::parse (sip/parser.hpp) as a datagram and as a stream, with the default limits and
// with small ones. What parses must be written back by the writer (sip/writer.hpp) into text that
// parses to the same message; a request must be answerable with a response that parses.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sip/parser.hpp"
#include "sip/writer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu::sip;

using cmemu::fuzz::check;

bool within(std::string_view inner, std::string_view outer) {
  return inner.empty() || (inner.data() >= outer.data() &&
                           inner.data() + inner.size() <= outer.data() + outer.size());
}

/// The writer's output may be a little longer than its input (`a:b` becomes `a: b`, a
/// Content-Length is added): it is parsed back with room for that.
Limits relaxed(const Limits& limits) {
  return {limits.max_message_size * 2 + 64, limits.max_headers + 1, limits.max_header_line * 2 + 4,
          limits.max_body_size};
}

/// Writes a parsed request back with write_request and parses it again: same start line, same
/// header fields in order (Content-Length aside: the writer writes the body's), same body.
void check_request_round_trip(const Message& message, const Limits& limits) {
  RequestSpec spec;
  spec.method = message.method;
  spec.request_uri = message.request_uri;
  for (const Header& field : message.headers)
    spec.headers.push_back({std::string(field.raw_name), std::string(field.value)});
  spec.body = message.body;
  std::string text = write_request(spec);
  ParseResult again = parse(text, Framing::kStream, relaxed(limits));
  check(again.status == ParseStatus::kMessage, "a written request parses");
  check(again.consumed == text.size(), "a written request is one message");
  const Message& copy = again.message;
  check(copy.is_request() && copy.method == message.method, "same method");
  check(copy.request_uri == message.request_uri, "same Request-URI");
  check(copy.body == message.body, "same body");
  std::size_t j = 0;
  for (const Header& field : message.headers) {
    if (field.name == "Content-Length") continue;
    while (j < copy.headers.size() && copy.headers[j].name == "Content-Length") ++j;
    check(j < copy.headers.size(), "same header count");
    check(copy.headers[j].name == field.name && copy.headers[j].raw_name == field.raw_name,
          "same header name");
    check(copy.headers[j].value == field.value, "same header value");
    ++j;
  }
}

/// Answers a parsed request: the response must parse, with the request's Call-ID, CSeq and Vias.
void check_response(const Message& request, const Limits& limits) {
  ResponseSpec spec;
  spec.status_code = 200;
  spec.to_tag = "fuzz";
  std::string text = write_response(request, spec);
  ParseResult again = parse(text, Framing::kDatagram, relaxed(limits));
  check(again.status == ParseStatus::kMessage, "a response to a parsed request parses");
  const Message& response = again.message;
  check(response.is_response() && response.status_code == 200, "a 200 response");
  check(response.call_id() == request.call_id(), "same Call-ID");
  auto cseq = response.cseq();
  auto request_cseq = request.cseq();
  check(cseq && request_cseq && cseq->number == request_cseq->number &&
            cseq->method == request_cseq->method,
        "same CSeq");
  auto vias = response.vias();
  auto request_vias = request.vias();
  check(vias && request_vias && vias->size() == request_vias->size(), "same Vias");
  auto to = response.to();
  check(to && to->param("tag"), "To has a tag");
}

/// The typed accessors the transaction layer, the registrar and the CTI listener call, on every
/// header: each parses its value on demand and must stay inside the message.
void read_typed_values(const Message& message) {
  auto inside = [&](std::string_view view) {
    bool stored = false;  // unfolded values live in the message's own storage
    for (const Header& field : message.headers) stored = stored || within(view, field.value);
    check(within(view, message.bytes) || stored, "a typed value points into the message");
  };
  if (auto vias = message.vias()) {
    for (const Via& via : *vias) {
      inside(via.text);
      inside(via.host);
      check(stamp_via(via.text, "192.0.2.1", 5060).find('\r') == std::string::npos, "stamp_via");
    }
  }
  for (const auto& address : {message.from(), message.to()})
    if (address) inside(address->uri.text);
  if (auto contacts = message.contacts())
    for (const NameAddr& contact : *contacts) inside(contact.uri.host);
  (void)message.expires();
  (void)message.min_se();
  (void)message.max_forwards();
  (void)message.content_length();
  if (auto expires = message.session_expires()) (void)expires->refresher;
  for (std::string_view name : {"Route", "Record-Route", "Supported", "Require", "Allow"})
    for (std::string_view value : message.values(name)) {
      inside(value);
      if (auto address = parse_name_addr(value)) inside(address->uri.text);
    }
  if (message.is_request())
    if (auto uri = parse_uri(message.request_uri)) inside(uri->text);
}

void check_result(const ParseResult& result, std::string_view bytes, const Limits& limits) {
  check(result.consumed <= bytes.size(), "consumed within the input");
  switch (result.status) {
    case ParseStatus::kMessage:
      check(result.consumed > 0, "a message consumes bytes");
      check(within(result.message.bytes, bytes), "message within the input");
      check(within(result.message.body, result.message.bytes), "body within the message");
      check(result.message.bytes.size() <= limits.max_message_size, "message size bound");
      check(result.message.body.size() <= limits.max_body_size, "body size bound");
      check(result.message.headers.size() <= limits.max_headers, "header count bound");
      read_typed_values(result.message);
      if (result.message.is_request()) {
        check_request_round_trip(result.message, limits);
        check_response(result.message, limits);
      }
      break;
    case ParseStatus::kKeepAlive:
      check(result.consumed > 0, "a keep-alive consumes bytes");
      break;
    case ParseStatus::kError:
      check(result.status_code >= 400 && result.status_code <= 599, "an error status");
      check(!result.reason.empty(), "an error reason");
      if (result.answerable) {
        ResponseSpec spec;
        spec.status_code = result.status_code;
        spec.reason = result.reason;
        check(write_response(result.message, spec).starts_with("SIP/2.0 "), "an error answer");
      }
      break;
    case ParseStatus::kNeedMore:
      break;
  }
}

void parse_all(std::string_view bytes, const Limits& limits) {
  check_result(parse(bytes, Framing::kDatagram, limits), bytes, limits);
  // A stream: messages one after another until more is needed or it cannot be followed.
  std::string_view rest = bytes;
  while (!rest.empty()) {
    ParseResult result = parse(rest, Framing::kStream, limits);
    check_result(result, rest, limits);
    if (result.status == ParseStatus::kNeedMore) break;
    if (result.status == ParseStatus::kError && result.consumed == 0) break;
    check(result.consumed > 0, "a stream goes on");
    rest.remove_prefix(result.consumed);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 128 * 1024) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  parse_all(bytes, Limits{});
  parse_all(bytes, Limits{1024, 8, 256, 512});
  return 0;
}
