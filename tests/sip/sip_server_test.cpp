// SipServer on a real loopback socket, driven by a raw SIP client in the test: the event path
// from CtiEngine::send_event to the INFO on the wire (docs/csta.md §1), and 491 (docs/decisions.md
// #15).
#include "sip/sip_server.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "sip/parser.hpp"
#include "tests/sip/csta_invite_example.hpp"

using namespace cmemu;
using namespace std::chrono_literals;

namespace {

int udp_socket(std::uint16_t& port) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  return fd;
}

/// One header value of a SIP message text ("" when absent).
std::string header(const std::string& text, std::string_view name) {
  auto parsed = sip::parse(std::string_view(text), sip::Framing::kDatagram);
  REQUIRE(parsed.status == sip::ParseStatus::kMessage);
  return std::string(parsed.message.value(name).value_or(""));
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find("\r\n"));
}

/// The router with CTI open on line 201 (`cti watch`), and a raw client on loopback.
struct Lab {
  boost::asio::io_context io;
  std::vector<std::string> log;
  std::uint16_t router_port = 0;  // the kernel's choice (a port picked first could be taken)
  sip::SipServer server;
  std::uint16_t client_port = 0;
  int client = udp_socket(client_port);
  std::string call_id = "lab-call@127.0.0.1";
  std::string to_tag;

  explicit Lab(sip::TransactionTimers timers = {})
      : server(
            io, "127.0.0.1", [this](const std::string& line) { log.push_back(line); }, {}, timers) {
    runtime::Config config;
    config.voice_service.emplace();
    config.voice_service->cti_shutdown = false;
    config.voice_register_global.emplace();
    config.voice_register_global->source_address = runtime::Ipv4{127, 0, 0, 1};
    config.voice_register_global->source_port = 0;
    config.ephone_dns[1].number = "201";
    config.ephone_dns[1].cti_watch = true;
    server.apply(runtime::Config{}, config);
    REQUIRE(server.transport().bound());
    router_port = server.transport().local_port();
    REQUIRE(router_port != 0);
  }
  ~Lab() { ::close(client); }

  void send(const std::string& text) {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(router_port);
    ::sendto(client, text.data(), text.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }

  /// Runs the router until `count` datagrams reached the client or `limit` passed (a guard
  /// against a hang, not a timing check). A frozen clock is moved along with the loop.
  std::vector<std::string> receive(std::size_t count = 1, std::chrono::milliseconds limit = 3s) {
    std::vector<std::string> got;
    auto give_up = std::chrono::steady_clock::now() + limit;
    char buffer[65536];
    while (got.size() < count && std::chrono::steady_clock::now() < give_up) {
      io.restart();
      io.run_for(2ms);
      if (runtime::Clock::instance().frozen()) runtime::Clock::instance().advance(2ms);
      for (;;) {
        auto n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got.emplace_back(buffer, static_cast<std::size_t>(n));
      }
    }
    return got;
  }

  /// Sends events <A/> and <B/> on session `id`; returns the one INFO that goes out (the second
  /// waits for the first's answer).
  std::string send_two_events(int id) {
    server.cti().send_event(id, "<A/>");
    server.cti().send_event(id, "<B/>");
    auto sent = drain();
    REQUIRE(sent.size() == 1);
    return sent[0];
  }

  /// What reached the client by now, once the router handled everything it had received.
  std::vector<std::string> drain() {
    io.restart();
    for (int i = 0; i < 20; ++i) io.poll();
    return receive_ready();
  }
  std::vector<std::string> receive_ready() {
    std::vector<std::string> got;
    char buffer[65536];
    for (;;) {
      auto n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.emplace_back(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }

  std::string request(const std::string& method, int cseq, const std::string& branch,
                      const std::string& body = "", const std::string& extra = "") {
    std::string to = "<sip:201@127.0.0.1>" + (to_tag.empty() ? "" : ";tag=" + to_tag);
    std::string port = std::to_string(client_port);
    return method + " sip:201@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port +
           ";branch=z9hG4bK" + branch + "\r\nFrom: <sip:carol@127.0.0.1>;tag=c1\r\nTo: " + to +
           "\r\nCall-ID: " + call_id + "\r\nCSeq: " + std::to_string(cseq) + " " + method +
           "\r\nContact: <sip:carol@127.0.0.1:" + port + ";transport=udp>\r\n" + extra +
           (body.empty() ? "" : "Content-Type: application/csta+xml\r\n") +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  /// INVITE (with a Record-Route, as through a proxy) and its 200; no ACK yet.
  std::string invite() {
    send(request("INVITE", 1, "inv1", std::string(sip::test::kInviteBody),
                 "Record-Route: <sip:proxy.example;lr>\r\n"));
    auto got = receive();
    REQUIRE(got.size() == 1);
    REQUIRE(first_line(got[0]) == "SIP/2.0 200 OK");
    auto to = header(got[0], "To");
    to_tag = to.substr(to.find("tag=") + 4);
    return got[0];
  }
  int open_session() {
    invite();
    send(request("ACK", 1, "ack1"));
    drain();
    REQUIRE(server.cti().sessions().size() == 1);
    return server.cti().sessions().begin()->first;
  }

  /// The client's answer to a request of the router's.
  void answer(const std::string& request, int status) {
    std::string text = "SIP/2.0 " + std::to_string(status) + " Whatever\r\n";
    for (auto name : {"Via", "From", "To", "Call-ID", "CSeq"})
      text += std::string(name) + ": " + header(request, name) + "\r\n";
    send(text + "Content-Length: 0\r\n\r\n");
  }
};

std::vector<std::string> operator+(std::vector<std::string> a, std::vector<std::string> b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string body_of(const std::string& text) {
  return text.substr(text.find("\r\n\r\n") + 4);
}

}  // namespace

TEST_CASE("send_event: an INFO in the session's dialog, one outstanding, the rest in order") {
  Lab lab;
  std::string ok = lab.invite();
  CHECK(header(ok, "Record-Route") == "<sip:proxy.example;lr>");  // RFC 3261 §12.1.1
  lab.send(lab.request("ACK", 1, "ack1"));
  lab.drain();
  int id = lab.server.cti().sessions().begin()->first;

  lab.server.cti().send_event(id, "<Event1/>");
  lab.server.cti().send_event(id, "<Event2/>");
  lab.server.cti().send_event(id, "<Event3/>");
  auto sent = lab.drain();
  REQUIRE(sent.size() == 1);  // one outstanding
  const std::string& info = sent[0];
  std::string port = std::to_string(lab.client_port);
  CHECK(first_line(info) == "INFO sip:carol@127.0.0.1:" + port + ";transport=udp SIP/2.0");
  CHECK(header(info, "Route") == "<sip:proxy.example;lr>");
  CHECK(header(info, "From") == "<sip:201@127.0.0.1>;tag=" + lab.to_tag);
  CHECK(header(info, "To") == "<sip:carol@127.0.0.1>;tag=c1");
  CHECK(header(info, "Call-ID") == lab.call_id);
  CHECK(header(info, "CSeq") == "1 INFO");
  CHECK(header(info, "Content-Type") == "application/csta+xml");
  CHECK(header(info, "Via").find(";branch=z9hG4bK") != std::string::npos);
  CHECK(body_of(info) == "<Event1/>");

  lab.answer(info, 200);
  auto second = lab.receive();
  REQUIRE(second.size() == 1);
  CHECK(body_of(second[0]) == "<Event2/>");
  CHECK(header(second[0], "CSeq") == "2 INFO");
  CHECK(header(second[0], "Via") != header(info, "Via"));  // a new transaction
  lab.answer(info, 200);  // a retransmitted answer to the first: Event3 still waits
  CHECK(lab.drain().empty());
  lab.answer(second[0], 200);
  auto third = lab.receive();
  REQUIRE(third.size() == 1);
  CHECK(body_of(third[0]) == "<Event3/>");
  CHECK(header(third[0], "CSeq") == "3 INFO");
  lab.answer(third[0], 200);
  CHECK(lab.drain().empty());

  // A client BYE after the router's INFOs: its CSeq space is the client's own.
  lab.send(lab.request("BYE", 2, "bye1"));
  auto bye = lab.receive();
  REQUIRE(bye.size() == 1);
  CHECK(first_line(bye[0]) == "SIP/2.0 200 OK");
  CHECK(lab.server.cti().sessions().empty());
  lab.server.cti().send_event(id, "<Late/>");  // the session is gone: nothing is sent
  CHECK(lab.drain().empty());
}

TEST_CASE("answered event INFOs do not count against the bound on outstanding requests") {
  Lab lab;
  int id = lab.open_session();
  // More events than SipServer keeps client transactions (16,384), each answered at once, as a
  // busy monitor does within timer K (5 s): the session carries them all.
  for (int i = 0; i < 17000; ++i) {
    lab.server.cti().send_event(id, "<E/>");
    auto sent = lab.drain();
    REQUIRE(sent.size() == 1);
    REQUIRE(first_line(sent[0]).starts_with("INFO "));
    lab.answer(sent[0], 200);
  }
  lab.drain();
  CHECK(lab.server.cti().sessions().size() == 1);
}

TEST_CASE("an event INFO refused with another status lets the next one go") {
  Lab lab;
  int id = lab.open_session();
  lab.answer(lab.send_two_events(id), 415);
  auto next = lab.receive();
  REQUIRE(next.size() == 1);
  CHECK(body_of(next[0]) == "<B/>");
  CHECK(lab.server.cti().sessions().size() == 1);
}

TEST_CASE("an event INFO answered 481 ends the session without BYE; 408 ends it with BYE") {
  Lab lab;
  int id = lab.open_session();
  lab.answer(lab.send_two_events(id), 481);
  CHECK(lab.drain().empty());  // neither <B/> nor a BYE
  CHECK(lab.server.cti().sessions().empty());

  lab.call_id = "second@127.0.0.1";
  lab.to_tag.clear();
  id = lab.open_session();
  lab.server.cti().send_event(id, "<C/>");
  auto info = lab.drain();
  REQUIRE(info.size() == 1);
  lab.answer(info[0], 408);
  auto bye = lab.receive();
  REQUIRE(bye.size() == 1);
  CHECK(first_line(bye[0]).starts_with("BYE sip:carol@127.0.0.1:"));
  CHECK(header(bye[0], "CSeq") == "2 BYE");
  CHECK(lab.server.cti().sessions().empty());
}

TEST_CASE("an unanswered event INFO is sent again (timer E) and at timer F the session ends") {
  Lab lab(sip::TransactionTimers{10ms, 80ms, 100ms});  // timer F = 640 ms
  int id = lab.open_session();
  lab.server.cti().send_event(id, "<A/>");
  std::vector<std::string> seen;
  while (seen.empty() || !seen.back().starts_with("BYE ")) {
    auto got = lab.receive(1, 5s);
    REQUIRE(got.size() >= 1);
    seen = seen + got;
  }
  REQUIRE(seen.size() >= 3);
  for (std::size_t i = 1; i + 1 < seen.size(); ++i) CHECK(seen[i] == seen[0]);  // the same INFO
  CHECK(first_line(seen[0]).starts_with("INFO "));
  CHECK(header(seen.back(), "CSeq") == "2 BYE");
  CHECK(lab.server.cti().sessions().empty());
  lab.answer(seen[0], 200);  // too late: nothing follows
  lab.answer(seen.back(), 200);
  // A copy of the BYE (timer E, 10 ms) may have left before its answer arrived on a busy machine;
  // nothing else may follow.
  for (const auto& late : lab.drain()) CHECK(late == seen.back());
}

TEST_CASE("past 256 waiting events the session ends with BYE") {
  Lab lab;
  int id = lab.open_session();
  for (int i = 0; i <= 256; ++i) lab.server.cti().send_event(id, "<E" + std::to_string(i) + "/>");
  auto sent = lab.drain();
  REQUIRE(sent.size() == 1);  // <E0/> outstanding, 256 waiting
  CHECK(lab.server.cti().sessions().size() == 1);
  lab.server.cti().send_event(id, "<TooMany/>");
  auto bye = lab.drain();
  REQUIRE(bye.size() == 1);
  CHECK(first_line(bye[0]).starts_with("BYE "));
  CHECK(lab.server.cti().sessions().empty());
  REQUIRE(lab.log.size() == 1);
  CHECK(lab.log[0].find("%CTI-4-EVENTS") != std::string::npos);
}

TEST_CASE("a re-INVITE while the INVITE's 2xx awaits its ACK gets 491 (docs/decisions.md #15)") {
  Lab lab;
  lab.invite();
  std::string body(sip::test::kInviteBody);
  lab.send(lab.request("INVITE", 2, "reinv2", body));
  auto refused = lab.receive();
  REQUIRE(refused.size() == 1);
  CHECK(first_line(refused[0]) == "SIP/2.0 491 Request Pending");
  lab.send(lab.request("INVITE", 2, "reinv2", body));  // its retransmission: the same answer
  auto again = lab.receive();
  REQUIRE(again.size() == 1);
  CHECK(again[0] == refused[0]);
  lab.send(lab.request("ACK", 2, "reinv2"));  // the ACK of the 491 (same branch)
  lab.send(lab.request("ACK", 1, "ack1"));    // the ACK of the first 200
  lab.drain();
  lab.send(lab.request("INVITE", 3, "reinv3", body));
  auto accepted = lab.receive();
  REQUIRE(accepted.size() == 1);
  CHECK(first_line(accepted[0]) == "SIP/2.0 200 OK");
  CHECK(lab.server.cti().sessions().size() == 1);
}

TEST_CASE("a request in the dialog stands for a lost ACK: the 2xx stops, the session stays") {
  Lab lab(
      sip::TransactionTimers{10ms, 80ms, 100ms});  // 2xx again every 10-80 ms, gives up at 640 ms
  lab.invite();                                    // its ACK is lost
  auto again = lab.receive(1, 1s);
  REQUIRE(again.size() == 1);
  CHECK(first_line(again[0]) == "SIP/2.0 200 OK");  // the 2xx, sent again for want of the ACK
  std::string body =
      "<?xml version=\"1.0\"?><GetDoNotDisturb "
      "xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">"
      "<device>tel:201</device></GetDoNotDisturb>";
  lab.send(lab.request("INFO", 2, "info2", body));
  // 2xx copies sent before the INFO was read may come first; the INFO's answer ends them.
  std::vector<std::string> seen;
  while (seen.empty() || header(seen.back(), "CSeq") != "2 INFO") {
    auto got = lab.receive(1, 1s);
    REQUIRE(got.size() >= 1);
    seen = seen + got;
  }
  for (std::size_t i = 0; i + 1 < seen.size(); ++i) CHECK(header(seen[i], "CSeq") == "1 INVITE");
  CHECK(first_line(seen.back()) == "SIP/2.0 200 OK");
  // Past timer L nothing more came: no 2xx again, no BYE, and the session is open.
  CHECK(lab.receive(100, 1s).empty());
  CHECK(lab.server.cti().sessions().size() == 1);
}

TEST_CASE("the router's transaction layer counts what it matched and dropped") {
  Lab lab;
  lab.open_session();  // the INVITE's transaction, found again by its 2xx's ACK
  const auto& counters = lab.server.transactions().counters();
  CHECK(counters.server_created == 1);
  CHECK(counters.requests_matched == 1);
  CHECK(lab.server.transactions().server_transactions() == 0);  // the ACK ended it
  lab.answer(lab.request("INFO", 9, "nobody"), 200);  // an answer to nothing the router sent
  lab.drain();
  CHECK(counters.stray_responses == 1);
}
