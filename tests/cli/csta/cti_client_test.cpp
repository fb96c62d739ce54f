// Tests cli/csta/cti_client.hpp: the session's requests (INVITE headers, in-dialog INFO CSeq and
// tags, UPDATE refresh, close), answers to the router's INFOs and BYE, call tracking and event
// lines, with the router played by write_response() and an injected clock.
#include "cli/csta/cti_client.hpp"
#include "runtime/csta/device_id.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <deque>
#include "runtime/csta/codec.hpp"
#include "sip/parser.hpp"
#include "sip/writer.hpp"
#include "tests/cli/csta/scripted_router.hpp"

namespace {

using namespace cmemu::sip;
namespace csta = cmemu::runtime::csta;

using namespace cmemu::sip::test;

TEST_CASE("the INVITE opens the session as docs/csta.md §1-§2 says") {
  CtiClientOptions options = harness_options();
  CtiClient client(options, kT0);
  client.start(kT0);
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 1);
  ParseResult invite = parse(out.datagrams[0], Framing::kDatagram);
  REQUIRE(invite.status == ParseStatus::kMessage);
  const Message& m = invite.message;
  CHECK(m.method == "INVITE");
  CHECK(m.request_uri == "sip:201@127.0.0.1:5060");
  CHECK(m.value("Supported") == std::optional<std::string_view>("timer"));
  CHECK(m.value("Session-Expires") == std::optional<std::string_view>("1800"));
  CHECK(m.value("Content-Type") == std::optional<std::string_view>("application/csta+xml"));
  CHECK(m.to()->uri.user == "201");
  CHECK(m.to()->tag().empty());
  CHECK(m.from()->uri.user == "alice");
  CHECK_FALSE(m.from()->tag().empty());
  CHECK(m.cseq()->number == 1);
  auto body = csta::read_request(m.body);
  REQUIRE(body.ok());
  CHECK(std::holds_alternative<csta::RequestSystemStatus>(body.message));
  CHECK(body.namespace_uri == csta::kEd3Namespace);
  CHECK(client.phase() == CtiClient::Phase::kInviting);
}

TEST_CASE("after 200: ACK, then GetCSTAFeatures and MonitorStart back to back in the dialog") {
  Router router;
  CtiClient client(harness_options(), kT0);
  client.start(kT0);
  auto invite = router.take_one(client);
  client.receive(router.ok(invite, status_body(), "Session-Expires: 600;refresher=uac"), kT0);
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 3);
  ParseResult ack = parse(out.datagrams[0], Framing::kDatagram);
  CHECK(ack.message.method == "ACK");
  CHECK(ack.message.cseq()->number == 1);
  CHECK(ack.message.to()->tag() == "rtr1");
  for (int i = 1; i <= 2; ++i) {
    ParseResult info = parse(out.datagrams[i], Framing::kDatagram);
    CHECK(info.message.method == "INFO");
    CHECK(info.message.cseq()->number == static_cast<std::uint32_t>(i + 1));
    CHECK(info.message.to()->tag() == "rtr1");
    CHECK(info.message.from()->tag() == ack.message.from()->tag());
    CHECK(info.message.call_id() == ack.message.call_id());
    CHECK(info.message.request_uri == "sip:201@127.0.0.1:5060");  // the router's Contact
  }
  auto monitor = csta::read_request(parse(out.datagrams[2], Framing::kDatagram).message.body);
  REQUIRE(monitor.ok());
  const auto& start = std::get<csta::MonitorStart>(monitor.message);
  CHECK(std::get<csta::DeviceId>(start.monitor_object).text == "tel:201");
  CHECK(client.granted_session_expires() == 600);
  CHECK(client.phase() == CtiClient::Phase::kOpening);
}

TEST_CASE_FIXTURE(
    OpenSession, "the client answers the router's event INFOs with 200 once each and prints them") {
  std::string info = router.event_info(
      client, 2,
      "<DeliveredEvent><monitorCrossRefID>17</monitorCrossRefID><connection><callID>5</callID>"
      "<deviceID>tel:201</deviceID></connection><alertingDevice><deviceIdentifier>tel:201"
      "</deviceIdentifier></alertingDevice><callingDevice><deviceIdentifier>tel:202"
      "</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>tel:201"
      "</deviceIdentifier></calledDevice><lastRedirectionDevice><notRequired/>"
      "</lastRedirectionDevice><localConnectionInfo>alerting</localConnectionInfo>"
      "<cause>newCall</cause></DeliveredEvent>");
  client.receive(info, kT0 + std::chrono::milliseconds(3120));
  client.receive(info, kT0 + std::chrono::milliseconds(3200));  // a retransmission
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 2);
  for (const auto& d : out.datagrams) {
    ParseResult ok = parse(d, Framing::kDatagram);
    CHECK(ok.message.status_code == 200);
    CHECK(ok.message.cseq()->number == 2);
    CHECK(ok.message.cseq()->method == "INFO");
  }
  REQUIRE(out.lines.size() == 1);
  CHECK(out.lines[0] ==
        "3.120 event DeliveredEvent call=5 device=tel:201 state=alerting cause=newCall");
  REQUIRE(client.events().size() == 1);
  CHECK(client.alerting_call() == "5");
  CHECK(client.current_call() == "5");
}

TEST_CASE("the session is refreshed with UPDATE at half the granted interval") {
  Router router;
  CtiClient client(harness_options(), kT0);
  open_session(router, client, "Session-Expires: 600;refresher=uac");
  CHECK(client.wake_at() == kT0 + std::chrono::seconds(300));
  client.tick(kT0 + std::chrono::seconds(299));
  CHECK(client.take_output().datagrams.empty());
  client.tick(kT0 + std::chrono::seconds(300));
  auto update = router.take_one(client);
  CHECK(update.method == "UPDATE");
  CHECK(update.value("Session-Expires") == std::optional<std::string_view>("600;refresher=uac"));
  client.receive(router.ok(update, "", "Session-Expires: 600;refresher=uac"),
                 kT0 + std::chrono::seconds(300));
  CHECK(client.wake_at() == kT0 + std::chrono::seconds(600));
}

TEST_CASE_FIXTURE(OpenSession, "an unanswered INFO is retransmitted, then ends the session") {
  std::uint32_t cseq = client.request(csta::SnapshotDevice{{"tel:201", {}}, {}}, kT0);
  router.take_one(client);
  client.tick(kT0 + std::chrono::milliseconds(500));
  CHECK(router.take_one(client).method == "INFO");
  client.tick(kT0 + std::chrono::seconds(32));
  CHECK(client.phase() == CtiClient::Phase::kDone);
  CHECK(client.outcome() == CtiClient::Outcome::kTimedOut);
  REQUIRE(client.answer(cseq) != nullptr);
  CHECK(client.answer(cseq)->status == 0);
}

TEST_CASE_FIXTURE(OpenSession,
                  "close: MonitorStop, then BYE; a router BYE gets 200 and ends the session") {
  client.close(kT0);
  auto stop = router.take_one(client);
  auto body = csta::read_request(stop.body);
  REQUIRE(body.ok());
  CHECK(std::get<csta::MonitorStop>(body.message).monitor_cross_ref_id == "17");
  client.receive(router.ok(stop, "<MonitorStopResponse/>"), kT0);
  auto bye = router.take_one(client);
  CHECK(bye.method == "BYE");
  client.receive(router.ok(bye, ""), kT0);
  CHECK(client.phase() == CtiClient::Phase::kDone);
  CHECK(client.outcome() == CtiClient::Outcome::kClosed);

  Router router2;
  CtiClient ended(harness_options(), kT0);
  open_session(router2, ended);
  ended.receive(router2.request(ended, "BYE", 3, ""), kT0);
  auto out = ended.take_output();
  REQUIRE(out.datagrams.size() == 1);
  CHECK(parse(out.datagrams[0], Framing::kDatagram).message.status_code == 200);
  CHECK(ended.outcome() == CtiClient::Outcome::kEndedByRouter);
}

TEST_CASE("close while the INVITE is pending: ACK then BYE, no monitor; a refused INVITE ends") {
  Router router;
  CtiClient client(harness_options(), kT0);
  client.start(kT0);
  const Message& invite = router.take_one(client);
  client.close(kT0);
  CHECK(client.take_output().datagrams.empty());
  client.receive(router.ok(invite, status_body()), kT0);
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 2);
  CHECK(parse(out.datagrams[0], Framing::kDatagram).message.method == "ACK");
  CHECK(parse(out.datagrams[1], Framing::kDatagram).message.method == "BYE");

  CtiClient refused(harness_options(), kT0);
  refused.start(kT0);
  const Message& invite2 = router.take_one(refused);
  ResponseSpec spec;
  spec.status_code = 403;
  refused.receive(write_response(invite2, spec), kT0);
  CHECK(refused.phase() == CtiClient::Phase::kDone);
  CHECK(refused.outcome() == CtiClient::Outcome::kRefused);
}

TEST_CASE("with a register-id the client REGISTERs first and un-REGISTERs last") {
  Router router;
  CtiClientOptions options = harness_options();
  options.register_id = "app1";
  CtiClient client(options, kT0);
  client.start(kT0);
  auto reg = router.take_one(client);
  CHECK(reg.method == "REGISTER");
  CHECK(reg.to()->uri.user == "app1");
  client.receive(router.ok(reg, "", "Expires: 60"), kT0);
  CHECK(client.granted_register_expires() == 60);
  auto invite = router.take_one(client);
  CHECK(invite.method == "INVITE");
  client.tick(kT0 + std::chrono::seconds(30));
  bool refreshed = false;
  for (const auto& d : client.take_output().datagrams)
    refreshed |= parse(d, Framing::kDatagram).message.method == "REGISTER";
  CHECK(refreshed);
}

TEST_CASE("event lines name the element, the main connection, state, cause and device values") {
  csta::DoNotDisturbEvent dnd;
  dnd.device = csta::EventDevice::known("tel:201");
  dnd.do_not_disturb_on = true;
  CHECK(describe_event(dnd) == "DoNotDisturbEvent device=tel:201 dnd=on");
  csta::ForwardingEvent fwd;
  fwd.device = csta::EventDevice::known("tel:201");
  fwd.forward_status = true;
  fwd.forwarding_type = csta::ForwardingType::kForwardImmediate;
  fwd.forward_to = csta::DeviceId{"tel:203", {}};
  CHECK(describe_event(fwd) ==
        "ForwardingEvent device=tel:201 forward=on type=forwardImmediate to=tel:203");
  csta::HeldEvent held;
  held.held_connection = {"5", "tel:201"};
  held.local_connection_info = csta::LocalConnectionState::kHold;
  CHECK(describe_event(held) == "HeldEvent call=5 device=tel:201 state=hold cause=normal");
  csta::CstaErrorCode error;
  error.error = csta::StateIncompatibilityError::kNoCallToAnswer;
  CHECK(describe_response(error) == "error stateIncompatibility/noCallToAnswer");
  CHECK(cmemu::runtime::csta::device_number("tel:201;phone-context=x") == "201");
  CHECK(cmemu::runtime::csta::device_number("sip:202@10.0.0.1") == "202");
}

TEST_CASE_FIXTURE(OpenSession,
                  "hold, retrieve and consultation move calls between active and held") {
  std::uint32_t cseq = client.request(csta::MakeCall{}, kT0);
  auto info = router.take_one(client);
  client.receive(router.ok(info,
                           "<MakeCallResponse><callingDevice><callID>5</callID><deviceID>"
                           "tel:201</deviceID></callingDevice></MakeCallResponse>"),
                 kT0);
  REQUIRE(client.answer(cseq));
  CHECK(client.active_call() == "5");
  cseq = client.request(csta::ConsultationCall{}, kT0);
  info = router.take_one(client);
  client.receive(router.ok(info,
                           "<ConsultationCallResponse><initiatedCall><callID>6</callID><deviceID>"
                           "tel:201</deviceID></initiatedCall></ConsultationCallResponse>"),
                 kT0);
  CHECK(client.held_call() == "5");
  CHECK(client.active_call() == "6");
  CHECK(client.current_call() == "6");
  client.receive(router.event_info(client, 2,
                                   "<RetrievedEvent><monitorCrossRefID>17</monitorCrossRefID>"
                                   "<retrievedConnection><callID>5</callID><deviceID>tel:201"
                                   "</deviceID></retrievedConnection><retrievingDevice>"
                                   "<deviceIdentifier>tel:201</deviceIdentifier>"
                                   "</retrievingDevice><cause>normal</cause></RetrievedEvent>"),
                 kT0);
  CHECK(client.active_call() == "5");
  CHECK(client.held_call().empty());
}

}  // namespace

namespace {

TEST_CASE("the INVITE's transaction: a refusal is ACKed on its branch, silence is sent again") {
  Router router;
  CtiClient refused(harness_options(), kT0);
  refused.start(kT0);
  const Message& invite = router.take_one(refused);
  ResponseSpec spec;
  spec.status_code = 486;
  spec.to_tag = "rtr1";
  refused.receive(write_response(invite, spec), kT0);
  const Message& ack = router.take_one(refused);
  CHECK(ack.method == "ACK");  // RFC 3261 §17.1.1.3
  CHECK(ack.top_via()->branch == invite.top_via()->branch);
  CHECK(ack.to()->tag() == "rtr1");
  CHECK(ack.cseq()->number == invite.cseq()->number);
  CHECK(refused.outcome() == CtiClient::Outcome::kRefused);

  CtiClient silent(harness_options(), kT0);
  silent.start(kT0);
  router.take_one(silent);
  int sent = 0;
  for (int ms : {500, 1500, 3500, 7500, 15500, 31500}) {  // timer A: doubling, no T2 cap
    CHECK(silent.wake_at() == kT0 + std::chrono::milliseconds(ms));
    silent.tick(kT0 + std::chrono::milliseconds(ms));
    sent += static_cast<int>(silent.take_output().datagrams.size());
  }
  CHECK(sent == 6);
  silent.tick(kT0 + std::chrono::seconds(32));  // timer B
  CHECK(silent.phase() == CtiClient::Phase::kDone);
  CHECK(silent.outcome() == CtiClient::Outcome::kTimedOut);
}

TEST_CASE(
    "a copy of the INVITE's 2xx is ACKed again; a retransmitted router BYE is answered "
    "once more") {
  Router router;
  CtiClient client(harness_options(), kT0);
  open_session(router, client);
  client.receive(router.ok(*router.invite_, status_body()), kT0 + std::chrono::seconds(1));
  const Message& ack = router.take_one(client);
  CHECK(ack.method == "ACK");
  CHECK(ack.to()->tag() == "rtr1");

  std::string bye = router.request(client, "BYE", 3, "");
  client.receive(bye, kT0 + std::chrono::seconds(2));
  CHECK(client.outcome() == CtiClient::Outcome::kEndedByRouter);
  client.take_output();
  client.receive(bye, kT0 + std::chrono::seconds(3));  // the router did not get the 200
  auto out = client.take_output();
  REQUIRE(out.datagrams.size() == 1);
  CHECK(parse(out.datagrams[0], Framing::kDatagram).message.status_code == 200);
  CHECK(out.lines.empty());  // not a second ending
}

}  // namespace
