// Tests cli/csta/cti_client_script.hpp: script parsing and its errors, the requests actions build
// from the tracked calls, the wait rule with an injected clock, expect and sleep.
#include "cli/csta/cti_client_script.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <string>
#include <string_view>

#include "runtime/csta/codec.hpp"
#include "sip/parser.hpp"
#include "sip/writer.hpp"
#include "tests/cli/csta/scripted_router.hpp"

namespace {

using namespace cmemu::sip;
namespace csta = cmemu::runtime::csta;
using std::chrono::milliseconds;

using namespace cmemu::sip::test;

std::vector<CtiAction> parsed(std::string_view text) {
  auto result = parse_cti_script(text);
  REQUIRE(std::holds_alternative<std::vector<CtiAction>>(result));
  return std::get<std::vector<CtiAction>>(result);
}

std::string error_of(std::string_view text) {
  auto result = parse_cti_script(text);
  REQUIRE(std::holds_alternative<CtiScriptError>(result));
  return std::get<CtiScriptError>(result).message;
}

std::string event_body(std::string_view name, std::string_view call = "5") {
  std::string n(name);
  std::string conn = "<callID>" + std::string(call) + "</callID><deviceID>tel:201</deviceID>";
  if (n == "HeldEvent")
    return "<HeldEvent><monitorCrossRefID>17</monitorCrossRefID><heldConnection>" + conn +
           "</heldConnection><holdingDevice><deviceIdentifier>tel:201</deviceIdentifier>"
           "</holdingDevice><cause>normal</cause></HeldEvent>";
  return "<" + n + "><monitorCrossRefID>17</monitorCrossRefID><connection>" + conn +
         "</connection><alertingDevice><deviceIdentifier>tel:201</deviceIdentifier>"
         "</alertingDevice><callingDevice><deviceIdentifier>tel:202</deviceIdentifier>"
         "</callingDevice><calledDevice><deviceIdentifier>tel:201</deviceIdentifier>"
         "</calledDevice><lastRedirectionDevice><notRequired/></lastRedirectionDevice>"
         "<localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause></" +
         n + ">";
}

const char* const kDndOff =
    "<GetDoNotDisturbResponse><doNotDisturbOn>false</doNotDisturbOn></GetDoNotDisturbResponse>";

bool printed(const CtiClient::Output& out, std::string_view text) {
  for (const auto& line : out.lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

TEST_CASE("scripts: separators, comments, case-insensitive names, arguments") {
  auto actions = parsed(
      "MakeCall 202; wait Delivered\n# a comment\n  wait establishedEvent 10 ;digits 12#\n"
      "dnd ON; forward on 203; forward GET; mwi off; expect error noCallToAnswer; sleep 250;"
      "wait transferred 0.5; expect response <doNotDisturbOn>true");
  REQUIRE(actions.size() == 12);
  CHECK(actions[0].kind == CtiActionKind::kMakeCall);
  CHECK(actions[0].text == "202");
  CHECK(actions[1].text == "DeliveredEvent");
  CHECK(actions[1].duration == kDefaultEventTimeout);
  CHECK(actions[2].text == "EstablishedEvent");
  CHECK(actions[2].duration == milliseconds(10000));
  CHECK(actions[2].source_line == 3);
  CHECK(actions[3].text == "12#");
  CHECK(actions[4].kind == CtiActionKind::kDndOn);
  CHECK(actions[5].kind == CtiActionKind::kForwardOn);
  CHECK(actions[5].text == "203");
  CHECK(actions[6].kind == CtiActionKind::kForwardGet);
  CHECK(actions[7].kind == CtiActionKind::kMwiOff);
  CHECK(actions[8].kind == CtiActionKind::kExpectError);
  CHECK(actions[9].duration == milliseconds(250));
  CHECK(actions[10].text == "TransferedEvent");
  CHECK(actions[10].duration == milliseconds(500));
  CHECK(actions[11].kind == CtiActionKind::kExpectResponse);
  CHECK(parsed("expect response <doNotDisturbOn>true")[0].text == "<doNotDisturbOn>true");
}

TEST_CASE("scripts: errors name the line and the problem") {
  struct Case {
    std::string_view script;
    std::string_view error;
  };
  const Case cases[] = {
      {"answer\nmkcall 202", "line 2: unknown action \"mkcall\""},
      {"makecall", "line 1: \"makecall\" needs one number"},
      {"makecall 202 later", "line 1: \"makecall\" takes NUMBER [prompt]"},
      {"makecall 202 prompt now", "line 1: \"makecall\" needs one number"},
      {"answer now", "line 1: \"answer\" takes no argument"},
      {"wait ringing", "line 1: unknown event \"ringing\""},
      {"wait delivered soon", "line 1: bad timeout \"soon\""},
      {"dnd maybe", "line 1: \"dnd\" needs on, off or get"},
      {"forward on", "line 1: \"forward\" needs on NUMBER, off or get"},
      {"mwi", "line 1: \"mwi\" needs on or off"},
      {"sleep x", "line 1: \"sleep\" needs milliseconds"},
      {"expect something", "line 1: \"expect\" needs response TEXT or error NAME"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.script);
    CHECK(error_of(c.script) == c.error);
  }
  CHECK(event_name("connectioncleared") == "ConnectionClearedEvent");
  CHECK(event_name("TRANSFEREDEVENT") == "TransferedEvent");
  CHECK_FALSE(event_name("event").has_value());
}

TEST_CASE_FIXTURE(OpenSession, "actions build their requests from the line and the tracked calls") {
  auto make = build_request(parsed("makecall 202")[0], client);
  REQUIRE(make);
  const auto& m = std::get<csta::MakeCall>(*make);
  CHECK(m.calling_device.text == "tel:201");
  CHECK(m.called_directory_number.text == "tel:202");
  CHECK(m.auto_originate == csta::AutoOriginate::kDoNotPrompt);
  auto prompted = build_request(parsed("makecall 203 PROMPT")[0], client);
  REQUIRE(prompted);
  CHECK(std::get<csta::MakeCall>(*prompted).called_directory_number.text == "tel:203");
  CHECK(std::get<csta::MakeCall>(*prompted).auto_originate == csta::AutoOriginate::kPrompt);
  client.receive(router.event_info(client, 2, event_body("DeliveredEvent", "9")), kT0);
  auto answer = build_request(parsed("answer")[0], client);
  CHECK(std::get<csta::AnswerCall>(*answer).call_to_be_answered ==
        csta::ConnectionId{"9", "tel:201"});
  auto deflect = build_request(parsed("deflect 203")[0], client);
  CHECK(std::get<csta::DeflectCall>(*deflect).new_destination.text == "tel:203");
  auto fwd = build_request(parsed("forward on 203")[0], client);
  CHECK(std::get<csta::SetForwarding>(*fwd).forward_dn->text == "tel:203");
  CHECK_FALSE(build_request(parsed("wait delivered")[0], client).has_value());
}

TEST_CASE_FIXTURE(OpenSession,
                  "wait: earlier events count, each event satisfies one wait, timeouts fail") {
  // Two Delivered before the script starts; three waits: two match, the third times out.
  client.receive(router.event_info(client, 2, event_body("DeliveredEvent")), kT0);
  client.receive(router.event_info(client, 3, event_body("HeldEvent")), kT0);
  client.receive(router.event_info(client, 4, event_body("DeliveredEvent")), kT0);
  client.take_output();
  CtiScriptRunner runner(parsed("wait held; wait delivered; wait delivered 2"));
  auto step = runner.step(client, kT0);
  // `wait held` takes event 2; `wait delivered` skips nothing before the cursor: it takes event 3.
  CHECK(step.status == CtiScriptRunner::Status::kRunning);
  CHECK(step.wake_at == kT0 + milliseconds(2000));
  step = runner.step(client, kT0 + milliseconds(1999));
  CHECK(step.status == CtiScriptRunner::Status::kRunning);
  step = runner.step(client, kT0 + milliseconds(2000));
  CHECK(step.status == CtiScriptRunner::Status::kFailed);
  auto out = client.take_output();
  CHECK(printed(out, "FAIL wait delivered 2: no DeliveredEvent within 2000 ms"));
}

TEST_CASE_FIXTURE(OpenSession, "wait: an event arriving while waiting completes it") {
  CtiScriptRunner runner(parsed("wait delivered; sleep 100"));
  CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kRunning);
  client.receive(router.event_info(client, 2, event_body("DeliveredEvent")),
                 kT0 + milliseconds(40));
  auto step = runner.step(client, kT0 + milliseconds(40));
  CHECK(step.status == CtiScriptRunner::Status::kRunning);  // sleeping
  CHECK(step.wake_at == kT0 + milliseconds(140));
  CHECK(runner.step(client, kT0 + milliseconds(140)).status == CtiScriptRunner::Status::kDone);
  CHECK(runner.finished());
}

TEST_CASE_FIXTURE(
    OpenSession,
    "a service action waits for its answer; expect checks it; an error alone is printed") {
  CtiScriptRunner runner(
      parsed("answer; expect error noCallToAnswer; dnd get; "
             "expect response <doNotDisturbOn>true"));
  CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kRunning);
  answer(
      "<CSTAErrorCode><stateIncompatibility>noCallToAnswer"
      "</stateIncompatibility></CSTAErrorCode>");
  CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kRunning);
  answer(kDndOff);
  CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kFailed);
  auto out = client.take_output();
  out.lines.insert(out.lines.begin(), router.lines.begin(), router.lines.end());
  CHECK(printed(out, "error stateIncompatibility/noCallToAnswer"));
  CHECK(printed(out, "response GetDoNotDisturbResponse dnd=off"));
  CHECK(printed(out, "FAIL expect response <doNotDisturbOn>true"));
}

TEST_CASE_FIXTURE(OpenSession,
                  "repeat: the list runs again, each request answered, the wait cursor goes on") {
  CtiScriptRunner runner(parsed("dnd get; wait delivered"));
  runner.set_repeat(2);
  for (std::uint32_t event_cseq : {2u, 3u}) {
    CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kRunning);
    answer(kDndOff);
    // The second iteration's wait needs a Delivered of its own.
    CHECK(runner.step(client, kT0).status == CtiScriptRunner::Status::kRunning);
    client.receive(router.event_info(client, event_cseq, event_body("DeliveredEvent")), kT0);
    auto step = runner.step(client, kT0);
    CHECK(runner.iterations() == event_cseq - 1);
    if (event_cseq == 2) {
      CHECK(step.status == CtiScriptRunner::Status::kRunning);
      CHECK(step.wake_at == kT0);  // yields before the next iteration
    } else {
      CHECK(step.status == CtiScriptRunner::Status::kDone);
    }
  }
  CHECK(runner.failures() == 0);
  CHECK(runner.finished());
}

TEST_CASE_FIXTURE(
    OpenSession,
    "repeat: a failed iteration is counted, the next one runs, the run fails at the end") {
  CtiScriptRunner runner(parsed("wait held 1"));
  runner.set_repeat(3);
  runner.step(client, kT0);
  auto step = runner.step(client, kT0 + milliseconds(1000));
  CHECK(step.status == CtiScriptRunner::Status::kRunning);
  CHECK(printed(client.take_output(), "FAIL wait held 1: no HeldEvent within 1000 ms"));
  CHECK(runner.failures() == 1);
  client.receive(router.event_info(client, 2, event_body("HeldEvent")), kT0 + milliseconds(1000));
  step = runner.step(client, kT0 + milliseconds(1000));  // iteration 2 passes at once
  CHECK(step.status == CtiScriptRunner::Status::kRunning);
  CHECK(runner.iterations() == 2);
  runner.stop_repeating();  // iteration 3 was already starting: it runs to its end
  step = runner.step(client, kT0 + milliseconds(1000));
  CHECK(step.status == CtiScriptRunner::Status::kRunning);
  step = runner.step(client, kT0 + milliseconds(2000));
  CHECK(step.status == CtiScriptRunner::Status::kFailed);
  CHECK(runner.iterations() == 3);
  CHECK(runner.failures() == 2);
  CHECK(runner.failed());
}

TEST_CASE_FIXTURE(OpenSession, "repeat 0 runs until stop_repeating") {
  CtiScriptRunner runner(parsed("sleep 10"));
  runner.set_repeat(0);
  ClientTime now = kT0;
  for (int i = 0; i < 20; ++i) {
    auto step = runner.step(client, now);
    REQUIRE(step.status == CtiScriptRunner::Status::kRunning);
    now = *step.wake_at;
  }
  CHECK(runner.iterations() == 10);
  runner.stop_repeating();
  CHECK(runner.step(client, now).status == CtiScriptRunner::Status::kRunning);  // sleeping
  CHECK(runner.step(client, now + milliseconds(10)).status == CtiScriptRunner::Status::kDone);
  CHECK(runner.iterations() == 11);
}

}  // namespace
