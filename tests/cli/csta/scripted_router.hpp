#pragma once
// A scripted router for the cmemu-csta client's unit tests: it answers the client's requests with
// write_response() and writes the router's own requests (event INFOs, BYE) into the client's
// dialog, all on an injected clock.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "cli/csta/cti_client.hpp"
#include "sip/parser.hpp"
#include "sip/writer.hpp"
#include "tests/sip/parse_support.hpp"

namespace cmemu::sip::test {

inline const ClientTime kT0{std::chrono::seconds(1000)};

inline CtiClientOptions harness_options() {
  CtiClientOptions options;
  options.router_host = "127.0.0.1";
  options.router_port = 5060;
  options.local_host = "127.0.0.1";
  options.local_port = 5070;
  options.user = "alice";
  options.line = "201";
  return options;
}

inline std::string status_body() {
  return R"(<RequestSystemStatusResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><systemStatus>normal</systemStatus></RequestSystemStatusResponse>)";
}

class Router : public KeptMessages {
 public:
  /// The single datagram the client sent since the last take (a parsed copy kept alive here).
  const Message& take_one(CtiClient& client) {
    auto out = client.take_output();
    lines.insert(lines.end(), out.lines.begin(), out.lines.end());
    REQUIRE(!out.datagrams.empty());
    return keep(out.datagrams.back());
  }

  std::string ok(const Message& request, std::string body, std::string header = {}) {
    ResponseSpec spec;
    spec.to_tag = "rtr1";
    if (request.method == "INVITE") spec.headers.push_back({"Contact", "<sip:201@127.0.0.1:5060>"});
    if (!header.empty()) {
      auto colon = header.find(':');
      spec.headers.push_back({header.substr(0, colon), header.substr(colon + 2)});
    }
    if (!body.empty()) {
      spec.content_type = "application/csta+xml";
      spec.body = std::move(body);
    }
    return write_response(request, spec);
  }

  /// A request of the router's in the client's dialog (after ok() on its INVITE).
  std::string request(CtiClient& client, std::string method, std::uint32_t cseq, std::string body) {
    (void)client;
    RequestSpec spec;
    spec.method = method;
    spec.request_uri = "sip:alice@127.0.0.1:5070";
    spec.headers = {{"Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKr" + std::to_string(cseq)},
                    {"From", "<sip:201@127.0.0.1:5060>;tag=rtr1"},
                    {"To", std::string(invite_->from()->text)},
                    {"Call-ID", std::string(invite_->call_id())},
                    {"CSeq", std::to_string(cseq) + " " + method}};
    if (!body.empty()) {
      spec.content_type = "application/csta+xml";
      spec.body = std::move(body);
    }
    return write_request(spec);
  }

  std::string event_info(CtiClient& client, std::uint32_t cseq, std::string body) {
    return request(client, "INFO", cseq, std::move(body));
  }

  const Message* invite_ = nullptr;
  std::vector<std::string> lines;  // printed by the client before each take_one()
};

/// Opens the client's session: INVITE answered, GetCSTAFeatures and MonitorStart (crossRef 17).
inline void open_session(Router& router, CtiClient& client,
                         std::string session_expires = "Session-Expires: 1800;refresher=uac") {
  client.start(kT0);
  router.invite_ = &router.take_one(client);
  client.receive(router.ok(*router.invite_, status_body(), session_expires), kT0);
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 3);
  const Message& features = router.keep(out.datagrams[1]);
  const Message& monitor = router.keep(out.datagrams[2]);
  client.receive(router.ok(features, "<GetCSTAFeaturesResponse/>"), kT0);
  client.receive(router.ok(monitor,
                           "<MonitorStartResponse><monitorCrossRefID>17</monitorCrossRefID>"
                           "</MonitorStartResponse>"),
                 kT0);
  REQUIRE(client.phase() == CtiClient::Phase::kReady);
  REQUIRE(client.monitor_cross_ref_id() == "17");
  client.take_output();
}

/// A client at kT0 whose session the router has opened (open_session): the fixture of most tests.
struct OpenSession {
  OpenSession() { open_session(router, client); }

  /// Answers the client's one outstanding request with 200 and `body`.
  void answer(std::string body) {
    const Message& request = router.take_one(client);
    client.receive(router.ok(request, std::move(body)), kT0);
  }

  Router router;
  CtiClient client{harness_options(), kT0};
};

}  // namespace cmemu::sip::test
