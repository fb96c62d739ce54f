// Tests sip/writer.hpp: responses built from requests (RFC 3261 §8.2.6), requests with given
// headers, Via helpers, and writer -> parser round trips.
#include "sip/writer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "sip/parser.hpp"
#include "tests/sip/csta_invite_example.hpp"
#include "tests/sip/parse_support.hpp"

namespace {

using namespace cmemu::sip;

constexpr std::string_view kStatusBody =
    R"(<?xml version="1.0" encoding="UTF-8"?><RequestSystemStatusResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><systemStatus>normal</systemStatus></RequestSystemStatusResponse>)";

const std::string kInvite(test::kInvite);

using test::parsed;

}  // namespace

TEST_CASE("the docs/csta.md §2 200 OK, written from the INVITE") {
  Message invite = parsed(kInvite);
  ResponseSpec spec;
  spec.to_tag = "c0a8";
  spec.headers = {{"Contact", "<sip:201@10.0.0.1:5060>"},
                  {"Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER"},
                  {"Supported", "timer"},
                  {"Require", "timer"},
                  {"Session-Expires", "1800;refresher=uac"},
                  {"Content-Disposition", "signal;handling=required"}};
  spec.content_type = "application/csta+xml";
  spec.body = kStatusBody;
  std::string text = write_response(invite, spec);
  CHECK(text ==
        "SIP/2.0 200 OK\r\n"
        "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK77a1\r\n"
        "From: <sip:alice@192.0.2.10>;tag=41c2\r\n"
        "To: <sip:201@10.0.0.1>;tag=c0a8\r\n"
        "Call-ID: 9f3e@192.0.2.10\r\n"
        "CSeq: 1 INVITE\r\n"
        "Contact: <sip:201@10.0.0.1:5060>\r\n"
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER\r\n"
        "Supported: timer\r\n"
        "Require: timer\r\n"
        "Session-Expires: 1800;refresher=uac\r\n"
        "Content-Disposition: signal;handling=required\r\n"
        "Content-Type: application/csta+xml\r\n"
        "Content-Length: 202\r\n"
        "\r\n" +
            std::string(kStatusBody));

  // Round trip: the client parses what the router wrote.
  for (Framing framing : {Framing::kDatagram, Framing::kStream}) {
    Message ok = parsed(text, framing);
    CHECK(ok.is_response());
    CHECK(ok.status_code == 200);
    CHECK(ok.reason == "OK");
    CHECK(ok.to()->tag() == "c0a8");
    CHECK(ok.from()->tag() == "41c2");
    CHECK(ok.top_via()->branch == "z9hG4bK77a1");
    CHECK(ok.call_id() == invite.call_id());
    CHECK(ok.cseq()->number == 1);
    CHECK(ok.cseq()->method == "INVITE");
    CHECK(ok.session_expires()->refresher == Refresher::kUac);
    CHECK(ok.body == kStatusBody);
  }
}

TEST_CASE("a response keeps an existing To tag and copies every Via in order") {
  std::string request =
      "INFO sip:201@10.0.0.1 SIP/2.0\r\n"
      "v: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp, SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKq\r\n"
      "Via: SIP/2.0/TCP 192.0.2.10:5070\r\n"
      " ;branch=z9hG4bKc;rport=5070\r\n"
      "f: \"Alice\" <sip:alice@192.0.2.10>;tag=41c2\r\n"
      "t: <sip:201@10.0.0.1>;tag=c0a8\r\n"
      "i: 9f3e@192.0.2.10\r\n"
      "CSeq: 5 INFO\r\n"
      "Record-Route: <sip:proxy.example.com;lr>\r\n"
      "l: 0\r\n"
      "\r\n";
  Message info = parsed(request);
  ResponseSpec spec;
  spec.to_tag = "ignored";
  spec.status_code = 481;
  std::string text = write_response(info, spec);
  CHECK(
      text ==
      "SIP/2.0 481 Call/Transaction Does Not Exist\r\n"
      "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp, SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKq\r\n"
      "Via: SIP/2.0/TCP 192.0.2.10:5070 ;branch=z9hG4bKc;rport=5070\r\n"
      "From: \"Alice\" <sip:alice@192.0.2.10>;tag=41c2\r\n"
      "To: <sip:201@10.0.0.1>;tag=c0a8\r\n"
      "Call-ID: 9f3e@192.0.2.10\r\n"
      "CSeq: 5 INFO\r\n"
      "Content-Length: 0\r\n"
      "\r\n");
  Message answer = parsed(text);
  auto vias = answer.vias();
  REQUIRE(vias);
  REQUIRE(vias->size() == 3);
  CHECK((*vias)[0].branch == "z9hG4bKp");
  CHECK((*vias)[2].rport_value == 5070);

  spec.status_code = 200;
  spec.reason = "Fine";
  spec.copy_record_route = true;
  text = write_response(info, spec);
  CHECK(text.starts_with("SIP/2.0 200 Fine\r\n"));
  CHECK(text.find("CSeq: 5 INFO\r\nRecord-Route: <sip:proxy.example.com;lr>\r\n") !=
        std::string::npos);
}

TEST_CASE("a 100 Trying copies Timestamp and adds no tag unless asked") {
  std::string request =
      "INVITE sip:201@10.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK1\r\n"
      "From: sip:alice@192.0.2.10;tag=1\r\n"
      "To: sip:201@10.0.0.1\r\n"
      "Call-ID: t\r\n"
      "CSeq: 1 INVITE\r\n"
      "Timestamp: 54\r\n"
      "Content-Length: 0\r\n"
      "\r\n";
  Message invite = parsed(request);
  ResponseSpec trying;
  trying.status_code = 100;
  std::string text = write_response(invite, trying);
  CHECK(text.find("Timestamp: 54\r\n") != std::string::npos);
  CHECK(text.find("To: sip:201@10.0.0.1\r\n") != std::string::npos);

  ResponseSpec ringing;
  ringing.status_code = 180;
  ringing.to_tag = "r1";
  text = write_response(invite, ringing);
  CHECK(text.find("Timestamp") == std::string::npos);
  // An addr-spec To: the tag is a header parameter after the URI.
  CHECK(text.find("To: sip:201@10.0.0.1;tag=r1\r\n") != std::string::npos);
  CHECK(parsed(text).to()->tag() == "r1");
  CHECK(parsed(text).to()->uri.params.empty());
}

TEST_CASE("an error answer to a request the parser refused") {
  std::string request =
      "INFO sip:201@10.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/TCP 192.0.2.10:5070;branch=z9hG4bK9\r\n"
      "From: <sip:alice@192.0.2.10>;tag=a\r\n"
      "To: <sip:201@10.0.0.1>;tag=b\r\n"
      "CSeq: 9 INFO\r\n"
      "Content-Length: 0\r\n"
      "\r\n";
  ParseResult refused = parse(request, Framing::kStream);
  REQUIRE(refused.status == ParseStatus::kError);
  REQUIRE(refused.answerable);
  ResponseSpec spec;
  spec.status_code = refused.status_code;
  spec.reason = refused.reason;
  std::string text = write_response(refused.message, spec);
  CHECK(text ==
        "SIP/2.0 400 Missing Call-ID Header\r\n"
        "Via: SIP/2.0/TCP 192.0.2.10:5070;branch=z9hG4bK9\r\n"
        "From: <sip:alice@192.0.2.10>;tag=a\r\n"
        "To: <sip:201@10.0.0.1>;tag=b\r\n"
        "CSeq: 9 INFO\r\n"
        "Content-Length: 0\r\n"
        "\r\n");
}

TEST_CASE("requests: INFO with a body, BYE without, always a right Content-Length") {
  RequestSpec info;
  info.method = "INFO";
  info.request_uri = "sip:alice@192.0.2.10:5070";
  info.headers = {{"Via", format_via("UDP", "10.0.0.1", 5060, "z9hG4bKev1")},
                  {"Max-Forwards", "70"},
                  {"From", "<sip:201@10.0.0.1>;tag=c0a8"},
                  {"To", "<sip:alice@192.0.2.10>;tag=41c2"},
                  {"Call-ID", "9f3e@192.0.2.10"},
                  {"CSeq", "1 INFO"},
                  {"Content-Length", "999"},
                  {"Content-Disposition", "signal;handling=required"}};
  info.content_type = "application/csta+xml";
  info.body = "<HeldEvent/>";
  std::string text = write_request(info);
  CHECK(text ==
        "INFO sip:alice@192.0.2.10:5070 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKev1\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:201@10.0.0.1>;tag=c0a8\r\n"
        "To: <sip:alice@192.0.2.10>;tag=41c2\r\n"
        "Call-ID: 9f3e@192.0.2.10\r\n"
        "CSeq: 1 INFO\r\n"
        "Content-Disposition: signal;handling=required\r\n"
        "Content-Type: application/csta+xml\r\n"
        "Content-Length: 12\r\n"
        "\r\n"
        "<HeldEvent/>");
  for (Framing framing : {Framing::kDatagram, Framing::kStream}) {
    Message m = parsed(text, framing);
    CHECK(m.method == "INFO");
    CHECK(m.request_uri == "sip:alice@192.0.2.10:5070");
    CHECK(m.max_forwards() == 70u);
    CHECK(m.top_via()->host == "10.0.0.1");
    CHECK(m.top_via()->port == 5060);
    CHECK(m.cseq()->method == "INFO");
    CHECK(m.body == "<HeldEvent/>");
    CHECK(m.count("Content-Length") == 1);
  }

  RequestSpec bye;
  bye.method = "BYE";
  bye.request_uri = "sip:alice@192.0.2.10:5070;transport=tcp";
  bye.headers = {{"Via", format_via("TCP", "10.0.0.1", 5060, "z9hG4bKbye", true)},
                 {"Max-Forwards", "70"},
                 {"From", "<sip:201@10.0.0.1>;tag=c0a8"},
                 {"To", "<sip:alice@192.0.2.10>;tag=41c2"},
                 {"Call-ID", "9f3e@192.0.2.10"},
                 {"CSeq", "2 BYE"}};
  text = write_request(bye);
  CHECK(text.ends_with("CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n"));
  CHECK(text.find("Content-Type") == std::string::npos);
  Message m = parsed(text, Framing::kStream);
  CHECK(m.method == "BYE");
  CHECK(m.top_via()->rport);
  CHECK(m.top_via()->transport == "TCP");
  CHECK(parse_uri(m.request_uri)->param("transport") == "tcp");
  CHECK(m.body.empty());
}

TEST_CASE("reason phrases") {
  CHECK(reason_phrase(200) == "OK");
  CHECK(reason_phrase(403) == "Forbidden");
  CHECK(reason_phrase(404) == "Not Found");
  CHECK(reason_phrase(415) == "Unsupported Media Type");
  CHECK(reason_phrase(422) == "Session Interval Too Small");
  CHECK(reason_phrase(423) == "Interval Too Brief");
  CHECK(reason_phrase(491) == "Request Pending");
  CHECK(reason_phrase(503) == "Service Unavailable");
  CHECK(reason_phrase(513) == "Message Too Large");
  CHECK(reason_phrase(299) == "Unknown");
}

TEST_CASE("stamping a received Via with received and rport") {
  // rport asked: filled with the source port, received added even when the host matches.
  CHECK(stamp_via("SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKa;rport", "192.0.2.10", 5070) ==
        "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKa;rport=5070;received=192.0.2.10");
  // The client is behind a NAT.
  CHECK(stamp_via("SIP/2.0/UDP 10.1.1.1:5070 ; rport ; branch=z9hG4bKb", "198.51.100.7", 40000) ==
        "SIP/2.0/UDP 10.1.1.1:5070;rport=40000;branch=z9hG4bKb;received=198.51.100.7");
  // A host name as sent-by: received; a stale received is replaced.
  CHECK(stamp_via("SIP/2.0/TCP pc.example.com;received=1.2.3.4;branch=z9hG4bKc", "192.0.2.10",
                  5060) == "SIP/2.0/TCP pc.example.com;branch=z9hG4bKc;received=192.0.2.10");
  // Same address, no rport: nothing to add.
  CHECK(stamp_via("SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKd", "192.0.2.10", 5070) ==
        "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKd");
  CHECK(stamp_via("SIP/2.0/UDP 192.0.2.10", "192.0.2.11", 5060) ==
        "SIP/2.0/UDP 192.0.2.10;received=192.0.2.11");
  CHECK(stamp_via("not a via", "192.0.2.10", 5060) == "not a via");
  const std::string via = stamp_via("SIP/2.0/UDP h;rport;branch=z9hG4bKe", "192.0.2.10", 6000);
  auto stamped = parse_via(via);
  REQUIRE(stamped);
  CHECK(stamped->rport_value == 6000);
  CHECK(stamped->received == "192.0.2.10");
  CHECK(stamped->branch == "z9hG4bKe");
}

TEST_CASE("format_via") {
  CHECK(format_via("UDP", "10.0.0.1", 5060, "z9hG4bKx") ==
        "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx");
  CHECK(format_via("TCP", "10.0.0.1", 5060, "z9hG4bKy", true) ==
        "SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bKy;rport");
  CHECK(kBranchMagicCookie == "z9hG4bK");
}
