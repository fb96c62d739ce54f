// Tests sip/parser.hpp and sip/message.hpp: the docs/csta.md §2 INVITE, compact forms, multiple
// values, folding, URIs, name-addr, Via, framing on UDP and TCP, every limit, and bad input of all
// kinds.
#include "sip/parser.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sip/csta_invite_example.hpp"
#include "tests/sip/parse_support.hpp"

namespace {

using namespace cmemu::sip;
using namespace std::string_view_literals;

using test::kInviteBody;

/// The docs/csta.md §2 session-setup INVITE.
std::string csta_invite() {
  return std::string(test::kInvite);
}

/// A request with the mandatory headers, `extra` header lines (each ending in CRLF) and a body.
std::string request(std::string_view extra = {}, std::string_view body = {},
                    std::string_view method = "INFO") {
  std::string text = std::string(method) + " sip:201@10.0.0.1 SIP/2.0\r\n";
  text += "Via: SIP/2.0/TCP 192.0.2.10:5070;branch=z9hG4bK1\r\n";
  text += "From: <sip:alice@192.0.2.10>;tag=a\r\n";
  text += "To: <sip:201@10.0.0.1>;tag=b\r\n";
  text += "Call-ID: c1@192.0.2.10\r\n";
  text += "CSeq: 2 " + std::string(method) + "\r\n";
  text += extra;
  text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  text += body;
  return text;
}

/// Removes the first line that starts with `prefix` (its CRLF included).
std::string without_line(std::string text, std::string_view prefix) {
  std::size_t at = text.find(std::string("\r\n") + std::string(prefix));
  REQUIRE(at != std::string::npos);
  std::size_t end = text.find("\r\n", at + 2);
  text.erase(at, end - at);
  return text;
}

ParseError error_of(const ParseResult& result) {
  REQUIRE(result.status == ParseStatus::kError);
  return static_cast<ParseError>(result.error.value());
}

/// What a refused parse said, copied out so that `text` may be a temporary.
struct Refusal {
  ParseError error{};
  int status_code = 0;
  std::string reason;
  std::string header;
  bool answerable = false;
  std::size_t consumed = 0;
};

Refusal refusal(std::string_view text, Framing framing, const Limits& limits = {}) {
  ParseResult result = parse(text, framing, limits);
  ParseError error = error_of(result);
  return {error,
          result.status_code,
          result.reason,
          std::string(result.header),
          result.answerable,
          result.consumed};
}

}  // namespace

TEST_CASE("the docs/csta.md §2 INVITE parses as views into the buffer") {
  const std::string text = csta_invite();
  for (Framing framing : {Framing::kDatagram, Framing::kStream}) {
    ParseResult result = parse(text, framing);
    REQUIRE(result.status == ParseStatus::kMessage);
    CHECK(result.consumed == text.size());
    const Message& m = result.message;
    CHECK(m.is_request());
    CHECK(m.method == "INVITE");
    CHECK(m.request_uri == "sip:201@10.0.0.1");
    CHECK(m.version == "SIP/2.0");
    CHECK(m.headers.size() == 11);
    CHECK(m.body == kInviteBody);
    CHECK(m.bytes == text);
    // No copies: every view points into `text`.
    for (const Header& h : m.headers) {
      CHECK(h.value.data() >= text.data());
      CHECK(h.value.data() + h.value.size() <= text.data() + text.size());
    }
    CHECK(m.body.data() == text.data() + text.size() - kInviteBody.size());

    auto via = m.top_via();
    REQUIRE(via);
    CHECK(via->protocol_name == "SIP");
    CHECK(via->protocol_version == "2.0");
    CHECK(via->transport == "UDP");
    CHECK(via->host == "192.0.2.10");
    CHECK(via->port == 5070);
    CHECK(via->branch == "z9hG4bK77a1");
    CHECK_FALSE(via->rport);

    auto from = m.from();
    REQUIRE(from);
    CHECK(from->angle_brackets);
    CHECK(from->uri.user == "alice");
    CHECK(from->uri.host == "192.0.2.10");
    CHECK(from->tag() == "41c2");
    auto to = m.to();
    REQUIRE(to);
    CHECK(to->uri.user == "201");
    CHECK(to->tag().empty());

    CHECK(m.call_id() == "9f3e@192.0.2.10");
    auto cseq = m.cseq();
    REQUIRE(cseq);
    CHECK(cseq->number == 1);
    CHECK(cseq->method == "INVITE");
    auto contacts = m.contacts();
    REQUIRE(contacts);
    REQUIRE(contacts->size() == 1);
    CHECK((*contacts)[0].uri.port == 5070);
    CHECK(m.value("Supported") == "timer");
    auto se = m.session_expires();
    REQUIRE(se);
    CHECK(se->delta == 1800);
    CHECK(se->refresher == Refresher::kNone);
    CHECK(m.value("content-disposition") == "signal;handling=required");
    CHECK(m.value("Content-Type") == "application/csta+xml");
    CHECK(m.content_length() == 113);
    CHECK_FALSE(m.max_forwards());  // Max-Forwards may be absent
    CHECK(m.header("Max-Forwards") == nullptr);
  }
}

TEST_CASE("compact header forms resolve to their long names") {
  std::string text =
      "INFO sip:201@10.0.0.1 SIP/2.0\r\n"
      "v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKc\r\n"
      "f: <sip:alice@192.0.2.10>;tag=1\r\n"
      "t: <sip:201@10.0.0.1>\r\n"
      "i: abc\r\n"
      "CSeq: 3 INFO\r\n"
      "m: <sip:alice@192.0.2.10>\r\n"
      "k: timer\r\n"
      "s: hello\r\n"
      "e: gzip\r\n"
      "o: dialog\r\n"
      "r: <sip:bob@h>\r\n"
      "x: 600;refresher=uac\r\n"
      "C: application/csta+xml\r\n"
      "L: 0\r\n"
      "\r\n";
  const Message m = test::parsed(text, Framing::kStream);
  std::vector<std::string_view> names;
  for (const Header& h : m.headers) names.push_back(h.name);
  CHECK(names == std::vector<std::string_view>{"Via", "From", "To", "Call-ID", "CSeq", "Contact",
                                               "Supported", "Subject", "Content-Encoding", "Event",
                                               "Refer-To", "Session-Expires", "Content-Type",
                                               "Content-Length"});
  CHECK(m.headers[0].raw_name == "v");
  CHECK(m.headers[12].raw_name == "C");
  CHECK(m.call_id() == "abc");
  CHECK(m.value("i") == "abc");
  CHECK(m.value("CALL-ID") == "abc");
  CHECK(m.value("call-id") == "abc");
  CHECK(m.value("s") == "hello");
  CHECK(m.session_expires()->refresher == Refresher::kUac);
  CHECK(m.session_expires()->delta == 600);
  CHECK(m.content_length() == 0);
  CHECK(canonical_header_name("cseq") == "CSeq");
  CHECK(canonical_header_name("x-custom") == "x-custom");
  CHECK(canonical_header_name("z") == "z");
  CHECK(canonical_header_name("MIN-se") == "Min-SE");
  // Lookups of a header that is absent, by its canonical spelling and by another one.
  CHECK_FALSE(m.value("Max-Forwards"));
  CHECK_FALSE(m.value("max-forwards"));
  CHECK_FALSE(m.header("l2"));
}

TEST_CASE("unknown headers are found whatever the case of the name asked") {
  const std::string text = request("x-Custom: one\r\nX-CUSTOM: two\r\n");
  const Message m = test::parsed(text, Framing::kStream);
  CHECK(m.value("x-Custom") == "one");
  CHECK(m.value("X-Custom") == "one");
  CHECK(m.value("x-custom") == "one");
  CHECK(m.count("X-custom") == 2);
  CHECK_FALSE(m.value("X-Custo"));
}

TEST_CASE("several Via values in one field and in several fields keep their order") {
  std::string text =
      "BYE sip:201@10.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP proxy1.example.com;branch=z9hG4bKa, SIP/2.0/TCP "
      "10.1.1.1:5080;branch=z9hG4bKb\r\n"
      "Max-Forwards: 70\r\n"
      "v: SIP/2.0/UDP [2001:db8::9]:5062;branch=z9hG4bKc;rport=5062;received=2001:db8::9\r\n"
      "From: <sip:alice@192.0.2.10>;tag=1\r\n"
      "To: <sip:201@10.0.0.1>;tag=2\r\n"
      "Call-ID: x\r\n"
      "CSeq: 4 BYE\r\n"
      "Content-Length: 0\r\n"
      "\r\n";
  const Message m = test::parsed(text, Framing::kDatagram);
  CHECK(m.count("Via") == 2);
  CHECK(m.count("v") == 2);
  auto vias = m.vias();
  REQUIRE(vias);
  REQUIRE(vias->size() == 3);
  CHECK((*vias)[0].host == "proxy1.example.com");
  CHECK_FALSE((*vias)[0].port);
  CHECK((*vias)[0].branch == "z9hG4bKa");
  CHECK((*vias)[1].transport == "TCP");
  CHECK((*vias)[1].port == 5080);
  CHECK((*vias)[2].host == "[2001:db8::9]");
  CHECK((*vias)[2].rport_value == 5062);
  CHECK((*vias)[2].received == "2001:db8::9");
  CHECK(m.top_via()->branch == "z9hG4bKa");
  CHECK(m.max_forwards() == 70);
}

TEST_CASE("folded header values are unfolded into storage the message owns") {
  std::string text =
      "OPTIONS sip:201@10.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.10:5070\r\n"
      "    ;branch=z9hG4bKf\r\n"
      "From: <sip:alice@192.0.2.10>;tag=1\r\n"
      "To: <sip:201@10.0.0.1>\r\n"
      "Call-ID: fold\r\n"
      "CSeq: 9 OPTIONS\r\n"
      "Subject: I know you're there, \r\n"
      "\tpretty girl\r\n"
      "\r\n";
  Message copy;
  {
    std::string buffer = text;
    const Message m = test::parsed(buffer, Framing::kDatagram);
    REQUIRE(m.headers.size() == 6);
    CHECK(m.value("Subject") == "I know you're there, pretty girl");
    CHECK(m.value("Via") == "SIP/2.0/UDP 192.0.2.10:5070 ;branch=z9hG4bKf");
    CHECK(m.top_via()->branch == "z9hG4bKf");
    // The unfolded value is not inside the buffer.
    std::string_view subject = *m.value("Subject");
    CHECK((subject.data() < buffer.data() || subject.data() >= buffer.data() + buffer.size()));
    copy = m;
  }
  // The copy shares the unfolded storage; its unfolded views outlive the first message.
  CHECK(copy.value("Subject") == "I know you're there, pretty girl");
}

TEST_CASE("a folded field counts once, and a fold before any header is refused") {
  std::string extra = "Subject: a\r\n b\r\n c\r\n d\r\n";
  Limits limits;
  limits.max_headers = 6;  // five mandatory + Subject (Content-Length would be the seventh)
  const std::string text = request(extra);
  CHECK(refusal(text, Framing::kDatagram, limits).error == ParseError::kTooManyHeaders);
  limits.max_headers = 7;
  ParseResult result = parse(text, Framing::kDatagram, limits);
  REQUIRE(result.status == ParseStatus::kMessage);
  CHECK(result.message.value("Subject") == "a b c d");

  CHECK(refusal("INFO sip:a@b SIP/2.0\r\n folded: start\r\n\r\n", Framing::kDatagram).error ==
        ParseError::kBadHeaderLine);
}

TEST_CASE("SIP and tel URIs with parameters") {
  auto sip = parse_uri("sip:201@10.0.0.1:5060;transport=tcp");
  REQUIRE(sip);
  CHECK(sip->scheme == UriScheme::kSip);
  CHECK(sip->user == "201");
  CHECK(sip->host == "10.0.0.1");
  CHECK(sip->port == 5060);
  REQUIRE(sip->params.size() == 1);
  CHECK(sip->param("transport") == "tcp");
  CHECK(sip->param("TRANSPORT") == "tcp");
  CHECK(sip->text == "sip:201@10.0.0.1:5060;transport=tcp");

  auto tel = parse_uri("tel:201;phone-context=dialstring");
  REQUIRE(tel);
  CHECK(tel->scheme == UriScheme::kTel);
  CHECK(tel->user == "201");
  CHECK(tel->host.empty());
  CHECK(tel->param("phone-context") == "dialstring");
  auto global = parse_uri("tel:+1-425-555-0100;ext=201");
  REQUIRE(global);
  CHECK(global->user == "+1-425-555-0100");
  CHECK(global->param("ext") == "201");

  auto full = parse_uri(
      "SIPS:alice:secret@[2001:db8::1]:5061;lr;maddr=10.0.0.9?subject=hi&priority=urgent");
  REQUIRE(full);
  CHECK(full->scheme == UriScheme::kSips);
  CHECK(full->user == "alice");
  CHECK(full->password == "secret");
  CHECK(full->host == "[2001:db8::1]");
  CHECK(full->port == 5061);
  CHECK(full->param("lr") == "");
  CHECK(full->param("maddr") == "10.0.0.9");
  CHECK_FALSE(full->param("ttl"));
  REQUIRE(full->headers.size() == 2);
  CHECK(full->headers[0].name == "subject");
  CHECK(full->headers[1].value == "urgent");

  // Schemes ignore case (RFC 3261 §19.1.4, RFC 3966 §3).
  struct AnyCase {
    std::string_view text;
    UriScheme scheme;
  };
  for (const AnyCase& one :
       {AnyCase{"Sip:201@h", UriScheme::kSip}, AnyCase{"sIpS:201@h", UriScheme::kSips},
        AnyCase{"TEL:201", UriScheme::kTel}}) {
    CAPTURE(one.text);
    auto any_case = parse_uri(one.text);
    REQUIRE(any_case);
    CHECK(any_case->scheme == one.scheme);
  }
  CHECK_FALSE(parse_uri("sipx:201@h"));
  CHECK_FALSE(parse_uri("si:201@h"));
  CHECK_FALSE(parse_uri("te:201"));

  auto no_user = parse_uri("sip:10.0.0.1:5060");
  REQUIRE(no_user);
  CHECK(no_user->user.empty());
  CHECK(no_user->host == "10.0.0.1");
  CHECK(no_user->port == 5060);

  auto escaped = parse_uri("sip:%41lice;x=y@example.com");
  REQUIRE(escaped);
  CHECK(escaped->user == "%41lice;x=y");  // escapes and user-unreserved kept as written
  CHECK(escaped->host == "example.com");

  for (std::string_view bad :
       {"sip:", "sip:@host", "sip:alice@", "sip:host:70000", "sip:host:", "http://example.com",
        "sip:a b@host", "tel:", "tel:xyz", "sip:host;", "sip:host?", "sip:[::1", "", "sip:%4@h",
        "sip:host:5060x", "sip:ho st"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_uri(bad));
  }
}

TEST_CASE("name-addr and addr-spec with display names, quotes and tags") {
  auto quoted = parse_name_addr(R"("Alice \"A\" Smith, Jr." <sip:alice@192.0.2.10>;tag=41c2)");
  REQUIRE(quoted);
  CHECK(quoted->display_name == R"(Alice \"A\" Smith, Jr.)");
  CHECK(quoted->angle_brackets);
  CHECK(quoted->uri.user == "alice");
  CHECK(quoted->tag() == "41c2");

  auto tokens = parse_name_addr("Bob  Smith<sip:bob@h>");
  REQUIRE(tokens);
  CHECK(tokens->display_name == "Bob  Smith");
  CHECK(tokens->uri.host == "h");

  auto empty = parse_name_addr(R"("" <sip:a@h>)");
  REQUIRE(empty);
  CHECK(empty->display_name.empty());

  auto bare = parse_name_addr("sip:alice@h;tag=1;expires=60");
  REQUIRE(bare);
  CHECK_FALSE(bare->angle_brackets);
  CHECK(bare->uri.text == "sip:alice@h");
  CHECK(bare->uri.params.empty());  // RFC 3261 §20.10: they belong to the header
  CHECK(bare->tag() == "1");
  CHECK(bare->param("expires") == "60");

  auto inside = parse_name_addr("<sip:a@h;transport=tcp> ; tag = 9 ;q=0.5");
  REQUIRE(inside);
  CHECK(inside->uri.param("transport") == "tcp");
  CHECK_FALSE(inside->uri.param("tag"));
  CHECK(inside->tag() == "9");
  CHECK(inside->param("q") == "0.5");

  auto tel = parse_name_addr("<tel:201;phone-context=dialstring>;tag=t");
  REQUIRE(tel);
  CHECK(tel->uri.scheme == UriScheme::kTel);
  CHECK(tel->uri.param("phone-context") == "dialstring");
  CHECK(tel->tag() == "t");

  auto quoted_param = parse_name_addr(R"(<sip:a@h>;+sip.instance="<urn:uuid:1>")");
  REQUIRE(quoted_param);
  CHECK(quoted_param->param("+sip.instance") == R"("<urn:uuid:1>")");

  for (std::string_view bad : {"<sip:a@h", "sip:a@h>", "\"Alice <sip:a@h>", "<>", "Alice",
                               "<sip:a@h>;", "<sip:a@h> junk", "<sip:a@h>;tag=\"x"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_name_addr(bad));
  }
}

TEST_CASE("Via branch, rport, received and other parameters") {
  auto via = parse_via("SIP / 2.0 / TCP client.example.com : 5070 ;branch=z9hG4bKx;rport;ttl=1");
  REQUIRE(via);
  CHECK(via->transport == "TCP");
  CHECK(via->host == "client.example.com");
  CHECK(via->port == 5070);
  CHECK(via->branch == "z9hG4bKx");
  CHECK(via->rport);
  CHECK_FALSE(via->rport_value);
  CHECK(via->received.empty());
  CHECK(via->param("ttl") == "1");
  REQUIRE(via->params.size() == 3);

  auto stamped =
      parse_via("SIP/2.0/UDP 192.0.2.10;received=198.51.100.7;rport=40000;BRANCH=z9hG4bKy");
  REQUIRE(stamped);
  CHECK(stamped->received == "198.51.100.7");
  CHECK(stamped->rport_value == 40000);
  CHECK(stamped->branch == "z9hG4bKy");
  CHECK_FALSE(stamped->port);

  for (std::string_view bad :
       {"SIP/2.0/UDP", "SIP/2.0/UDP ", "SIP/2.0 192.0.2.10", "SIP/2.0/UDP192.0.2.10",
        "SIP/2.0/UDP h:99999", "SIP/2.0/UDP h;rport=70000", "SIP/2.0/UDP h;branch=", "garbage"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_via(bad));
  }
}

TEST_CASE("CSeq, Expires, Session-Expires and Min-SE") {
  CHECK(parse_cseq("4711   INFO")->number == 4711);
  CHECK(parse_cseq("4711 INFO")->method == "INFO");
  CHECK(parse_cseq("2147483647 BYE"));
  CHECK_FALSE(parse_cseq("2147483648 BYE"));
  CHECK_FALSE(parse_cseq("99999999999 BYE"));
  CHECK_FALSE(parse_cseq("x INVITE"));
  CHECK_FALSE(parse_cseq("1"));
  CHECK_FALSE(parse_cseq("1INVITE"));

  auto se = parse_session_expires("1800 ; refresher = UAS;x=y");
  REQUIRE(se);
  CHECK(se->delta == 1800);
  CHECK(se->refresher == Refresher::kUas);
  CHECK(se->params.size() == 2);
  CHECK_FALSE(parse_session_expires("1800;refresher=proxy"));
  CHECK_FALSE(parse_session_expires("-5"));
  CHECK_FALSE(parse_session_expires(""));
  CHECK(parse_session_expires("99999999999")->delta == 4294967295u);

  CHECK(parse_delta_seconds("90") == 90u);
  CHECK(parse_delta_seconds("90;foo") == 90u);
  CHECK_FALSE(parse_delta_seconds("ninety"));

  const std::string text =
      request("Expires: 300\r\nMin-SE: 90\r\nSession-Expires: 90;refresher=uac\r\n");
  const Message message = test::parsed(text, Framing::kStream);
  CHECK(message.expires() == 300u);
  CHECK(message.min_se() == 90u);
  CHECK(message.session_expires()->refresher == Refresher::kUac);

  for (std::string_view id : {"9f3e@192.0.2.10", "a-b.c!%*_+`'~()<>:\\\"/[]?{}"})
    CHECK(is_valid_call_id(id));
  for (std::string_view id : {"", "a b", "a@b@c"}) CHECK_FALSE(is_valid_call_id(id));
}

TEST_CASE("comma-separated values respect quotes and angle brackets") {
  CHECK(split_values(R"("Doe, John" <sip:j@h>, <sip:a@h;x=1,2> ,sip:b@h)") ==
        std::vector<std::string_view>{R"("Doe, John" <sip:j@h>)", "<sip:a@h;x=1,2>", "sip:b@h"});
  CHECK(split_values(R"("a\",b", c)") == std::vector<std::string_view>{R"("a\",b")", "c"});
  CHECK(split_values("INVITE, ACK,,BYE ") == std::vector<std::string_view>{"INVITE", "ACK", "BYE"});
  CHECK(split_values("").empty());

  const std::string text =
      request("Allow: INVITE, ACK\r\nAllow: BYE\r\nContact: \"A, B\" <sip:a@h>, <sip:b@h>\r\n");
  const Message message = test::parsed(text, Framing::kStream);
  CHECK(message.values("Allow") == std::vector<std::string_view>{"INVITE", "ACK", "BYE"});
  auto contacts = message.contacts();
  REQUIRE(contacts);
  REQUIRE(contacts->size() == 2);
  CHECK((*contacts)[0].display_name == "A, B");
  CHECK((*contacts)[1].uri.user == "b");
}

TEST_CASE("status lines") {
  auto response = [](std::string_view status_line) {
    std::string text(status_line);
    text +=
        "\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKr\r\n"
        "From: <sip:201@10.0.0.1>;tag=r\r\nTo: <sip:alice@192.0.2.10>;tag=41c2\r\n"
        "Call-ID: 9f3e@192.0.2.10\r\nCSeq: 7 INFO\r\nContent-Length: 0\r\n\r\n";
    return text;
  };
  struct Case {
    std::string_view line;
    int code;
    std::string_view reason;
  };
  for (const Case& c :
       {Case{"SIP/2.0 200 OK", 200, "OK"}, Case{"SIP/2.0 180 Ringing", 180, "Ringing"},
        Case{"SIP/2.0 481 Call/Transaction Does Not Exist", 481, "Call/Transaction Does Not Exist"},
        Case{"sip/2.0 603 Décliné", 603, "Décliné"}, Case{"SIP/2.0 200 ", 200, ""},
        Case{"SIP/2.0 200", 200, ""}}) {
    CAPTURE(c.line);
    std::string text = response(c.line);
    ParseResult result = parse(text, Framing::kStream);
    REQUIRE(result.status == ParseStatus::kMessage);
    CHECK(result.message.is_response());
    CHECK(result.message.status_code == c.code);
    CHECK(result.message.reason == c.reason);
    CHECK(result.message.cseq()->method == "INFO");  // any method in a response
  }
  for (std::string_view bad :
       {"SIP/2.0 20 OK", "SIP/2.0 2000 OK", "SIP/2.0 099 Low", "SIP/2.0 700 High",
        "SIP/2.0  200 OK", "SIP/2.0 200 O\x01K", "SIP/2 200 OK", "SIP/2.0"}) {
    CAPTURE(bad);
    std::string text = response(bad);
    ParseResult result = parse(text, Framing::kDatagram);
    CHECK(error_of(result) == ParseError::kBadStartLine);
    CHECK_FALSE(result.answerable);
  }
  // A bad header in a response is an error nobody answers.
  Refusal refused =
      refusal(without_line(response("SIP/2.0 200 OK"), "Call-ID"), Framing::kDatagram);
  CHECK(refused.error == ParseError::kMissingHeader);
  CHECK_FALSE(refused.answerable);
}

TEST_CASE("TCP framing: two messages in one buffer, each found by its Content-Length") {
  std::string first = csta_invite();
  std::string second = request("", "<x/>");
  std::string buffer = first + second;
  ParseResult result = parse(buffer, Framing::kStream);
  REQUIRE(result.status == ParseStatus::kMessage);
  CHECK(result.consumed == first.size());
  CHECK(result.message.body == kInviteBody);

  std::string_view rest = std::string_view(buffer).substr(result.consumed);
  ParseResult next = parse(rest, Framing::kStream);
  REQUIRE(next.status == ParseStatus::kMessage);
  CHECK(next.consumed == second.size());
  CHECK(next.message.method == "INFO");
  CHECK(next.message.body == "<x/>");
  CHECK(parse(rest.substr(next.consumed), Framing::kStream).status == ParseStatus::kNeedMore);

  // On UDP, bytes past Content-Length are dropped with the datagram.
  ParseResult datagram = parse(buffer, Framing::kDatagram);
  REQUIRE(datagram.status == ParseStatus::kMessage);
  CHECK(datagram.consumed == buffer.size());
  CHECK(datagram.message.body == kInviteBody);
  CHECK(datagram.message.bytes == first);
}

TEST_CASE("TCP framing: a message split across reads needs more until its last byte") {
  std::string text = csta_invite();
  for (std::size_t n = 0; n < text.size(); ++n) {
    CAPTURE(n);
    ParseResult result = parse(std::string_view(text).substr(0, n), Framing::kStream);
    CHECK(result.status == ParseStatus::kNeedMore);
    CHECK(result.consumed == 0);
  }
  // Read in pieces into a growing buffer, as a transport does.
  std::string buffer;
  std::size_t messages = 0;
  std::string stream = text + request() + text;
  for (std::size_t at = 0; at < stream.size(); at += 37) {
    buffer += stream.substr(at, 37);
    for (;;) {
      ParseResult result = parse(buffer, Framing::kStream);
      if (result.status == ParseStatus::kNeedMore) break;
      REQUIRE(result.status == ParseStatus::kMessage);
      ++messages;
      buffer.erase(0, result.consumed);
    }
  }
  CHECK(messages == 3);
  CHECK(buffer.empty());
}

TEST_CASE("UDP framing: Content-Length optional, never past the datagram") {
  std::string text = without_line(request("", "hello"), "Content-Length");
  ParseResult result = parse(text, Framing::kDatagram);
  REQUIRE(result.status == ParseStatus::kMessage);
  CHECK(result.message.body == "hello");
  CHECK_FALSE(result.message.content_length());

  result = parse(text, Framing::kStream);
  CHECK(error_of(result) == ParseError::kMissingContentLength);
  CHECK(result.status_code == 400);
  CHECK(result.consumed == 0);  // the stream cannot be followed: close it

  std::string shorter = request("", "hello");
  shorter.pop_back();
  result = parse(shorter, Framing::kDatagram);
  CHECK(error_of(result) == ParseError::kContentLengthMismatch);
  CHECK(result.status_code == 400);
  CHECK(result.answerable);
  CHECK(parse(shorter, Framing::kStream).status == ParseStatus::kNeedMore);

  // Truncated datagrams: every prefix of a message is refused, none crashes.
  std::string full = csta_invite();
  for (std::size_t n = 1; n < full.size(); ++n) {
    CAPTURE(n);
    ParseResult prefix = parse(std::string_view(full).substr(0, n), Framing::kDatagram);
    REQUIRE(prefix.status == ParseStatus::kError);
    ParseError error = error_of(prefix);
    CHECK((error == ParseError::kTruncated || error == ParseError::kContentLengthMismatch ||
           error == ParseError::kBadStartLine));
  }
}

TEST_CASE("keep-alive CRLFs before a start line") {
  ParseResult ping = parse("\r\n\r\n", Framing::kStream);
  CHECK(ping.status == ParseStatus::kKeepAlive);
  CHECK(ping.consumed == 4);
  CHECK(ping.ping);
  CHECK(parse("\r\n", Framing::kStream).status == ParseStatus::kNeedMore);
  CHECK(parse("\r\n\r", Framing::kStream).status == ParseStatus::kNeedMore);
  CHECK(parse("\r", Framing::kStream).status == ParseStatus::kNeedMore);

  std::string text = "\r\n" + request();
  ParseResult stray = parse(text, Framing::kStream);
  CHECK(stray.status == ParseStatus::kKeepAlive);
  CHECK(stray.consumed == 2);
  CHECK_FALSE(stray.ping);
  CHECK(parse(std::string_view(text).substr(2), Framing::kStream).status == ParseStatus::kMessage);

  ParseResult datagram = parse("\r\n", Framing::kDatagram);
  CHECK(datagram.status == ParseStatus::kKeepAlive);
  CHECK(datagram.consumed == 2);
}

TEST_CASE("each limit refuses the input with its own error") {
  Limits limits;
  SUBCASE("message size: 513, before the end of the headers is in") {
    limits.max_message_size = 200;
    std::string text = csta_invite();
    ParseResult result = parse(text, Framing::kStream, limits);
    CHECK(error_of(result) == ParseError::kMessageTooLarge);
    CHECK(result.status_code == 513);
    CHECK(result.reason == "Message Too Large");
    result = parse(std::string_view(text).substr(0, 300), Framing::kStream, limits);
    CHECK(error_of(result) == ParseError::kMessageTooLarge);
    // Headers within the bound, headers + Content-Length past it: refused before the body.
    limits.max_message_size = text.size() - 1;
    result = parse(std::string_view(text).substr(0, text.size() - 100), Framing::kStream, limits);
    CHECK(error_of(result) == ParseError::kMessageTooLarge);
    CHECK(result.answerable);
    // UDP without Content-Length: the datagram is the measure.
    std::string udp = without_line(request("", std::string(100, 'x')), "Content-Length");
    limits.max_message_size = udp.size() - 1;
    CHECK(error_of(parse(udp, Framing::kDatagram, limits)) == ParseError::kMessageTooLarge);
    limits.max_message_size = udp.size();
    CHECK(parse(udp, Framing::kDatagram, limits).status == ParseStatus::kMessage);
  }
  SUBCASE("header count: 400 Too Many Headers") {
    limits.max_headers = 5;
    Refusal refused = refusal(request(), Framing::kDatagram, limits);
    CHECK(refused.error == ParseError::kTooManyHeaders);
    CHECK(refused.status_code == 400);
    CHECK(refused.reason == "Too Many Headers");
    limits.max_headers = 6;
    const std::string text = request();
    CHECK(parse(text, Framing::kDatagram, limits).status == ParseStatus::kMessage);
    // Refused as soon as the count is passed, without the rest of the header section.
    limits.max_headers = 64;
    std::string many = "INFO sip:a@b SIP/2.0\r\n";
    for (int i = 0; i < 65; ++i) many += "X-H: " + std::to_string(i) + "\r\n";
    CHECK(error_of(parse(many, Framing::kStream, limits)) == ParseError::kTooManyHeaders);
  }
  SUBCASE("header line: 400, also for a start line, a folded field and a partial line") {
    limits.max_header_line = 60;
    std::string ok = request("X-Long: " + std::string(52, 'a') + "\r\n");
    CHECK(parse(ok, Framing::kDatagram, limits).status == ParseStatus::kMessage);
    std::string bad = request("X-Long: " + std::string(53, 'a') + "\r\n");
    ParseResult result = parse(bad, Framing::kDatagram, limits);
    CHECK(error_of(result) == ParseError::kHeaderLineTooLong);
    CHECK(result.status_code == 400);
    CHECK(result.reason == "Header Line Too Long");
    std::string folded =
        request("X-Long: " + std::string(30, 'a') + "\r\n " + std::string(30, 'b') + "\r\n");
    CHECK(error_of(parse(folded, Framing::kDatagram, limits)) == ParseError::kHeaderLineTooLong);
    std::string start = "INFO sip:" + std::string(60, 'u') + "@h SIP/2.0\r\n";
    CHECK(error_of(parse(start, Framing::kStream, limits)) == ParseError::kHeaderLineTooLong);
    // A line without its CRLF yet, already too long: no waiting for the rest.
    std::string partial = "INFO sip:a@b SIP/2.0\r\nX-Long: " + std::string(100, 'a');
    CHECK(error_of(parse(partial, Framing::kStream, limits)) == ParseError::kHeaderLineTooLong);
    std::string partial_fold =
        "INFO sip:a@b SIP/2.0\r\nX-Long: " + std::string(20, 'a') + "\r\n " + std::string(30, 'b');
    CHECK(error_of(parse(partial_fold, Framing::kStream, limits)) ==
          ParseError::kHeaderLineTooLong);
    CHECK(parse(std::string_view(partial_fold).substr(0, partial_fold.size() - 1), Framing::kStream,
                limits)
              .status == ParseStatus::kNeedMore);
  }
  SUBCASE("body: 413, before the body is in") {
    limits.max_body_size = 100;
    std::string text = csta_invite();  // body 113
    ParseResult result =
        parse(std::string_view(text).substr(0, text.size() - 113), Framing::kStream, limits);
    CHECK(error_of(result) == ParseError::kBodyTooLarge);
    CHECK(result.status_code == 413);
    CHECK(result.consumed == 0);
    CHECK(result.answerable);
    CHECK(result.message.call_id() == "9f3e@192.0.2.10");
    std::string udp = without_line(csta_invite(), "Content-Length");
    CHECK(error_of(parse(udp, Framing::kDatagram, limits)) == ParseError::kBodyTooLarge);
    limits.max_body_size = 113;
    CHECK(parse(text, Framing::kStream, limits).status == ParseStatus::kMessage);
    std::string huge = request();
    huge.replace(huge.find("Content-Length: 0"), 17, "Content-Length: 000099999999999999999999");
    CHECK(refusal(huge, Framing::kStream).error == ParseError::kBodyTooLarge);
  }
  SUBCASE("defaults") {
    CHECK(limits.max_message_size == 65535);
    CHECK(limits.max_headers == 64);
    CHECK(limits.max_header_line == 8192);
    CHECK(limits.max_body_size == 32768);
    std::string huge(70000, 'A');
    CHECK(error_of(parse(huge, Framing::kStream)) == ParseError::kHeaderLineTooLong);
  }
}

TEST_CASE("missing, duplicate and malformed mandatory headers get 400 and can be answered") {
  const std::string base = request();
  for (std::string_view name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
    CAPTURE(name);
    Refusal result = refusal(without_line(base, name), Framing::kStream);
    CHECK(result.error == ParseError::kMissingHeader);
    CHECK(result.status_code == 400);
    CHECK(result.header == name);
    CHECK(result.reason == "Missing " + std::string(name) + " Header");
    CHECK(result.answerable);
    CHECK(result.consumed == without_line(base, name).size());  // the stream goes on
  }
  struct Case {
    std::string extra;
    ParseError error;
    std::string_view header;
  };
  for (const Case& c :
       {Case{"To: <sip:x@y>\r\n", ParseError::kDuplicateHeader, "To"},
        Case{"i: again\r\n", ParseError::kDuplicateHeader, "Call-ID"},
        Case{"CSeq: 3 INFO\r\n", ParseError::kDuplicateHeader, "CSeq"},
        Case{"Max-Forwards: seventy\r\n", ParseError::kBadHeaderValue, "Max-Forwards"},
        Case{"Via: SIP/2.0/UDP\r\n", ParseError::kBadHeaderValue, "Via"},
        Case{"Via: ,\r\n", ParseError::kBadHeaderValue, "Via"}}) {
    CAPTURE(c.extra);
    Refusal result = refusal(request(c.extra), Framing::kStream);
    CHECK(result.error == c.error);
    CHECK(result.header == c.header);
  }
  auto replace = [&](std::string_view from, std::string_view to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK(refusal(replace("From: <sip:alice@192.0.2.10>;tag=a", "From: <sip:alice"), Framing::kStream)
            .header == "From");
  CHECK(refusal(replace("To: <sip:201@10.0.0.1>;tag=b", "To: nobody"), Framing::kStream).header ==
        "To");
  CHECK(refusal(replace("Call-ID: c1@192.0.2.10", "Call-ID: a b"), Framing::kStream).header ==
        "Call-ID");
  CHECK(refusal(replace("CSeq: 2 INFO", "CSeq: two INFO"), Framing::kStream).header == "CSeq");
  Refusal mismatch = refusal(replace("CSeq: 2 INFO", "CSeq: 2 BYE"), Framing::kStream);
  CHECK(mismatch.error == ParseError::kCSeqMethodMismatch);
  CHECK(mismatch.reason == "CSeq Method Mismatch");
  Refusal length = refusal(replace("Content-Length: 0", "Content-Length: zero"), Framing::kStream);
  CHECK(length.error == ParseError::kBadHeaderValue);
  CHECK(length.header == "Content-Length");
  CHECK(length.consumed == 0);
  Refusal two_lengths = refusal(request("Content-Length: 5\r\n"), Framing::kDatagram);
  CHECK(two_lengths.error == ParseError::kDuplicateHeader);
  CHECK(two_lengths.header == "Content-Length");
}

TEST_CASE("version, Request-URI and header line errors") {
  auto with_start = [](std::string_view line) {
    std::string text = request();
    text.replace(0, text.find("\r\n"), line);
    return text;
  };
  Refusal version = refusal(with_start("INFO sip:201@10.0.0.1 SIP/3.0"), Framing::kStream);
  CHECK(version.error == ParseError::kVersionNotSupported);
  CHECK(version.status_code == 505);
  CHECK(version.answerable);

  // The version's name ignores case (RFC 3261 §7.1); another name or number does not parse.
  const std::string lower = with_start("INFO sip:201@10.0.0.1 sip/2.0");
  CHECK(parse(lower, Framing::kStream).status == ParseStatus::kMessage);
  CHECK(refusal(with_start("INFO sip:201@10.0.0.1 SIPS/2.0"), Framing::kStream).error ==
        ParseError::kBadStartLine);
  CHECK(refusal(with_start("INFO sip:201@10.0.0.1 SI/2.0"), Framing::kStream).error ==
        ParseError::kBadStartLine);

  Refusal scheme = refusal(with_start("INFO http://example.com/ SIP/2.0"), Framing::kStream);
  CHECK(scheme.error == ParseError::kUnsupportedUriScheme);
  CHECK(scheme.status_code == 416);

  for (std::string_view line :
       {"INFO sip:201@ SIP/2.0", "INFO tel:xyz SIP/2.0", "INFO 201 SIP/2.0", "INFO :x SIP/2.0"}) {
    CAPTURE(line);
    Refusal uri = refusal(with_start(line), Framing::kStream);
    CHECK(uri.error == ParseError::kBadRequestUri);
    CHECK(uri.status_code == 400);
  }

  const std::string no_colon = request("This line has no colon\r\n");
  ParseResult header = parse(no_colon, Framing::kStream);
  CHECK(error_of(header) == ParseError::kBadHeaderLine);
  CHECK(header.answerable);
  CHECK(header.message.call_id() == "c1@192.0.2.10");  // the good headers are kept for the answer
  CHECK(refusal(request("Bad Name: x\r\n"), Framing::kStream).error == ParseError::kBadHeaderLine);
  CHECK(refusal(request("X-Nul: a\0b\r\n"sv), Framing::kStream).error ==
        ParseError::kBadHeaderLine);
  CHECK(refusal(request("X-Cr: a\rb\r\n"), Framing::kStream).error == ParseError::kBadHeaderLine);
  CHECK(refusal(request("X-Lf: a\nb\r\n"), Framing::kStream).error == ParseError::kBadHeaderLine);
  CHECK(refusal(request(": novalue\r\n"), Framing::kStream).error == ParseError::kBadHeaderLine);
  // Whitespace before the colon and an empty value are fine.
  const std::string empty_values = request("Subject  :\r\nX-Empty:\r\n");
  ParseResult spaced = parse(empty_values, Framing::kStream);
  REQUIRE(spaced.status == ParseStatus::kMessage);
  CHECK(spaced.message.value("Subject") == "");
}

TEST_CASE("garbage, binary and truncated input gives errors, never a crash") {
  for (std::string_view bad :
       {"GET / HTTP/1.1\r\nHost: x\r\n\r\n"sv,
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"sv, "INVITE\r\n\r\n"sv,
        "INVITE sip:a@b\r\n\r\n"sv, "INVITE  sip:a@b SIP/2.0\r\n\r\n"sv, "\0\0\0\0\r\n\r\n"sv,
        "SIP/2.0 200 OK\n\n"sv, "\n\n"sv, " INVITE sip:a@b SIP/2.0\r\n\r\n"sv,
        "INVITE sip:a@b SIP/2.0\n\r\n\r\n"sv}) {
    CAPTURE(bad);
    ParseResult udp = parse(bad, Framing::kDatagram);
    CHECK(udp.status == ParseStatus::kError);
    CHECK_FALSE(udp.answerable);
    ParseResult tcp = parse(bad, Framing::kStream);
    CHECK((tcp.status == ParseStatus::kError || tcp.status == ParseStatus::kNeedMore));
    CHECK(tcp.consumed == 0);
  }
  CHECK(error_of(parse("", Framing::kDatagram)) == ParseError::kTruncated);
  CHECK(parse("", Framing::kStream).status == ParseStatus::kNeedMore);

  // Random bytes and random damage to a real message: any outcome but a crash or a view outside.
  std::mt19937 random(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  const std::string invite = csta_invite();
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    if (round % 2 == 0) {
      text.resize(static_cast<std::size_t>(byte(random)) * 4);
      for (char& c : text) c = static_cast<char>(byte(random));
    } else {
      text = invite;
      int edits = 1 + byte(random) % 8;
      for (int e = 0; e < edits; ++e)
        text[static_cast<std::size_t>(random() % text.size())] = static_cast<char>(byte(random));
    }
    for (Framing framing : {Framing::kDatagram, Framing::kStream}) {
      ParseResult result = parse(text, framing);
      CHECK(result.consumed <= text.size());
      if (result.status == ParseStatus::kMessage) {
        CHECK(result.message.body.data() + result.message.body.size() <= text.data() + text.size());
        (void)result.message.vias();
        (void)result.message.contacts();
        (void)result.message.session_expires();
      }
    }
  }
}

TEST_CASE("parse errors name their category and status") {
  std::error_code code = ParseError::kBodyTooLarge;
  CHECK(code.category().name() == std::string("sip.parse"));
  CHECK(code.message() == "Request Entity Too Large");
  CHECK(status_code(ParseError::kBodyTooLarge) == 413);
  CHECK(status_code(ParseError::kMessageTooLarge) == 513);
  CHECK(status_code(ParseError::kUnsupportedUriScheme) == 416);
  CHECK(status_code(ParseError::kVersionNotSupported) == 505);
  CHECK(status_code(ParseError::kTooManyHeaders) == 400);
  CHECK(make_error_code(ParseError::kMissingHeader).message() == "missing mandatory header");
  for (int value = 1; value <= kLastParseError; ++value) {
    CAPTURE(value);
    auto error = static_cast<ParseError>(value);
    CHECK_FALSE(make_error_code(error).message().empty());
    CHECK(make_error_code(error).message() != "unknown SIP parse error");
    CHECK(status_code(error) >= 400);
  }
  CHECK(std::error_code(kLastParseError + 1, parse_category()).message() ==
        "unknown SIP parse error");
}
