#include "runtime/cti_call_control.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/config/config.hpp"
#include "runtime/csta/codec.hpp"

using namespace cmemu::runtime;

namespace {

Config lab_config() {
  Config config;
  config.voice_service.emplace();
  config.voice_service->cti_shutdown = false;
  for (int tag = 1; tag <= 4; ++tag) {
    config.ephone_dns[tag].number = std::to_string(200 + tag);
    config.ephone_dns[tag].cti_watch = tag != 4;  // 204 exists, unwatched
  }
  return config;
}

/// A call model with every line "registered", the call control on it, and two monitors whose
/// events are recorded as element names (and kept whole for inspection).
struct Lab : CallObserver {
  Config config = lab_config();
  CallModel calls;
  CtiCallControl control{calls};
  std::vector<MonitoredDevice> monitors = {{"1", "201", "tel:201"},
                                           {"2", "202", "sip:202@10.0.0.1"}};
  std::vector<std::pair<std::string, csta::Event>> events;  // cross-ref ID, event

  Lab() {
    calls.apply({}, config);
    control.apply(config);
    for (int tag = 1; tag <= 4; ++tag) calls.attach(tag);
    calls.add_observer(*this);
  }
  void on_call_event(const CallEvent& event) override {
    control.note(event);
    for (const auto& monitor : monitors)
      for (auto& e : control.events_for(event, monitor))
        events.emplace_back(monitor.cross_ref_id, e);
    control.forget(event);
  }
  std::vector<std::string> names(const std::string& xref) {
    std::vector<std::string> out;
    for (const auto& [id, e] : events)
      if (id == xref) out.push_back(std::string(csta::element_name(e)));
    return out;
  }
  template <class R>
  csta::Response request(const R& r) {
    return control.handle(r);
  }
  csta::ConnectionId alerting_on(int tag) {
    for (ConnectionId id : calls.line(tag)->connections)
      if (calls.connection(id)->state == ConnectionState::kAlerting)
        return {std::to_string(calls.connection(id)->call), "tel:" + calls.line(tag)->number};
    FAIL("nothing alerting");
    return {};
  }
};

/// MakeCall doNotPrompt: the calling phone goes off-hook and dials at once.
csta::MakeCall dnp(std::string from, std::string to) {
  csta::MakeCall request{{std::move(from), {}}, {std::move(to), {}}};
  request.auto_originate = csta::AutoOriginate::kDoNotPrompt;
  return request;
}

std::string error_text(const csta::Response& response) {
  const auto* error = std::get_if<csta::CstaErrorCode>(&response);
  if (!error) return "";
  return csta::write(csta::Response{*error}, "");
}

}  // namespace

TEST_CASE("click-to-dial: MakeCall, events on both monitors in docs/csta.md §9 order, one callID") {
  Lab lab;
  auto made = lab.request(dnp("tel:201", "tel:202"));
  const auto* response = std::get_if<csta::MakeCallResponse>(&made);
  REQUIRE(response != nullptr);
  CHECK(response->calling_device.device_id == "tel:201");
  std::string call_id = response->calling_device.call_id;

  auto answered = lab.request(csta::AnswerCall{lab.alerting_on(2)});
  CHECK(std::holds_alternative<csta::AnswerCallResponse>(answered));
  auto cleared = lab.request(csta::ClearConnection{{call_id, "tel:202"}});
  CHECK(std::holds_alternative<csta::ClearConnectionResponse>(cleared));

  CHECK(lab.names("1") == std::vector<std::string>{"ServiceInitiatedEvent", "OriginatedEvent",
                                                   "DeliveredEvent", "EstablishedEvent",
                                                   "ConnectionClearedEvent",
                                                   "ConnectionClearedEvent"});
  CHECK(lab.names("2") == std::vector<std::string>{"DeliveredEvent", "EstablishedEvent",
                                                   "ConnectionClearedEvent",
                                                   "ConnectionClearedEvent"});
  for (const auto& [xref, event] : lab.events) {
    std::string body =
        csta::write(event, "http://www.ecma-international.org/standards/ecma-323/csta/ed3");
    CHECK(body.find("<callID>" + call_id + "</callID>") != std::string::npos);
  }
  // docs/decisions.md #19: each monitor sees device IDs in the form its client used.
  auto delivered_on_2 = std::get<csta::DeliveredEvent>(lab.events[3].second);
  CHECK(lab.events[3].first == "2");
  CHECK(delivered_on_2.alerting_device.identifier == "sip:202@10.0.0.1");
  CHECK(delivered_on_2.calling_device.identifier == "sip:201@10.0.0.1");
  CHECK(delivered_on_2.local_connection_info == csta::LocalConnectionState::kAlerting);
  auto delivered_on_1 = std::get<csta::DeliveredEvent>(lab.events[2].second);
  CHECK(delivered_on_1.alerting_device.identifier == "tel:202");
  CHECK(delivered_on_1.local_connection_info == csta::LocalConnectionState::kConnected);
  CHECK(delivered_on_1.extensions.has_value());  // advanced mode (docs/decisions.md #20)
  CHECK(lab.calls.calls().empty());
}

TEST_CASE("services refused with docs/csta.md §12's errors change nothing") {
  Lab lab;
  CHECK(error_text(lab.request(dnp("tel:299", "tel:202"))).find("invalidCallingDeviceID") !=
        std::string::npos);
  CHECK(error_text(lab.request(dnp("tel:204", "tel:202")))
            .find("privilegeViolationSpecifiedDevice") != std::string::npos);
  CHECK(error_text(lab.request(dnp("tel:201", "tel:abc"))).find("invalidCalledDeviceID") !=
        std::string::npos);
  CHECK(error_text(lab.request(dnp("tel:201", "tel:+4930"))).find("invalidCalledDeviceID") !=
        std::string::npos);
  CHECK(error_text(lab.request(csta::AnswerCall{{"77", "tel:201"}})).find("invalidCallID") !=
        std::string::npos);
  auto made = std::get<csta::MakeCallResponse>(lab.request(dnp("tel:201", "tel:202")));
  std::string call_id = made.calling_device.call_id;
  CHECK(
      error_text(lab.request(csta::AnswerCall{{call_id, "tel:203"}})).find("invalidConnectionID") !=
      std::string::npos);
  CHECK(error_text(lab.request(csta::AnswerCall{{call_id, "tel:201"}})).find("noCallToAnswer") !=
        std::string::npos);
  CHECK(error_text(lab.request(csta::HoldCall{{call_id, "tel:202"}}))
            .find("invalidConnectionState") != std::string::npos);
  CHECK(error_text(lab.request(csta::RetrieveCall{{call_id, "tel:201"}})).find("noHeldCall") !=
        std::string::npos);
  CHECK(error_text(lab.request(dnp("tel:201", "tel:203"))).find("invalidDeviceState") !=
        std::string::npos);
  csta::GenerateDigits rotary{{call_id, "tel:201"}};
  rotary.digit_mode = csta::DigitMode::kRotaryPulse;
  rotary.characters_to_send = "1";
  CHECK(error_text(lab.request(rotary)).find("digitModeNotSupported") != std::string::npos);
  csta::SetForwarding busy_forward{{"tel:201", {}}};
  busy_forward.forwarding_type = csta::ForwardingType::kForwardBusy;
  busy_forward.activate_forward = true;
  busy_forward.forward_dn = csta::DeviceId{"tel:203", {}};
  CHECK(error_text(lab.request(busy_forward)).find("invalidForwardingType") != std::string::npos);
  csta::SetForwarding nowhere{{"tel:201", {}}};
  nowhere.activate_forward = true;
  CHECK(error_text(lab.request(nowhere)).find("invalidForwardingDestination") != std::string::npos);
  CHECK(lab.calls.calls().size() == 1);
  CHECK(lab.calls.line(1)->forward_all.empty());
  // Session services are the engine's: the call control has no handler for them.
  CHECK_FALSE(CallControlService<csta::GetCstaFeatures>);
}

TEST_CASE("hold, consultation, transfer, snapshot, DND, forwarding and MWI through CSTA") {
  Lab lab;
  auto made = std::get<csta::MakeCallResponse>(lab.request(dnp("tel:201", "tel:202")));
  lab.request(csta::AnswerCall{lab.alerting_on(2)});
  std::string first = made.calling_device.call_id;
  auto consult = lab.request(csta::ConsultationCall{{first, "tel:201"}, {"tel:203", {}}});
  auto consulted = std::get<csta::ConsultationCallResponse>(consult);
  CHECK(consulted.initiated_call.call_id != first);
  lab.request(csta::AnswerCall{lab.alerting_on(3)});

  auto snapshot =
      std::get<csta::SnapshotDeviceResponse>(lab.request(csta::SnapshotDevice{{"tel:201", {}}}));
  REQUIRE(snapshot.calls.size() == 2);
  CHECK(snapshot.calls[0].state == csta::LocalConnectionState::kHold);
  CHECK(snapshot.calls[1].state == csta::LocalConnectionState::kConnected);

  auto transferred = lab.request(
      csta::TransferCall{{first, "tel:201"}, {consulted.initiated_call.call_id, "tel:201"}});
  auto response = std::get<csta::TransferCallResponse>(transferred);
  CHECK(response.transferred_call.call_id == consulted.initiated_call.call_id);
  CHECK(response.transferred_call.device_id == "tel:202");
  auto on_202 = lab.names("2");
  CHECK(std::count(on_202.begin(), on_202.end(), "TransferedEvent") == 1);
  CHECK(lab.calls.line(1)->connections.empty());

  lab.events.clear();
  lab.request(csta::SetDoNotDisturb{{"tel:201", {}}, true});
  CHECK(std::get<csta::GetDoNotDisturbResponse>(lab.request(csta::GetDoNotDisturb{{"tel:201", {}}}))
            .do_not_disturb_on);
  csta::SetForwarding forward{{"tel:201", {}}};
  forward.activate_forward = true;
  forward.forward_dn = csta::DeviceId{"tel:203", {}};
  lab.request(forward);
  auto forwarding =
      std::get<csta::GetForwardingResponse>(lab.request(csta::GetForwarding{{"tel:201", {}}}));
  REQUIRE(forwarding.forwarding_list.size() == 1);
  CHECK(forwarding.forwarding_list[0].forward_status);
  CHECK(forwarding.forwarding_list[0].forward_dn->text == "tel:203");
  lab.request(csta::SetMessageWaitingIndicator{{"tel:201", {}}, true});
  CHECK(lab.calls.line(1)->message_waiting);
  CHECK(lab.names("1") ==
        std::vector<std::string>{"DoNotDisturbEvent", "ForwardingEvent", "MessageWaitingEvent"});
  CHECK(lab.names("2").empty());
}

TEST_CASE("suppress-conversion gives plain digits; basic mode drops the private data") {
  Lab lab;
  lab.config.voice_service->cti_device_id_suppress_conversion = true;
  lab.config.voice_service->cti_csta_mode_basic = true;
  lab.control.apply(lab.config);
  lab.request(dnp("tel:201", "tel:202"));
  REQUIRE(!lab.events.empty());
  auto initiated = std::get<csta::ServiceInitiatedEvent>(lab.events[0].second);
  CHECK(initiated.initiated_connection.device_id == "201");
  CHECK_FALSE(initiated.extensions.has_value());
  CHECK(initiated.cause == csta::EventCause::kMakeCall);
}

TEST_CASE("a MOC line URI is echoed character for character for its own line") {
  Lab lab;
  lab.monitors = {{"9", "201", "tel:201;phone-context=dialstring"}};
  auto made = std::get<csta::MakeCallResponse>(
      lab.request(dnp("tel:201;phone-context=dialstring", "tel:202")));
  CHECK(made.calling_device.device_id == "tel:201;phone-context=dialstring");
  REQUIRE(lab.events.size() >= 3);
  auto originated = std::get<csta::OriginatedEvent>(lab.events[1].second);
  CHECK(originated.originated_connection.device_id == "tel:201;phone-context=dialstring");
  CHECK(originated.calling_device.identifier == "tel:201;phone-context=dialstring");
  CHECK(originated.called_device.identifier == "tel:202");
}

TEST_CASE("MakeCall prompt rings the calling line first and dials when it answers") {
  Lab lab;
  auto made = std::get<csta::MakeCallResponse>(
      lab.request(csta::MakeCall{{"tel:201", {}}, {"tel:202", {}}}));
  CHECK(lab.names("1") == std::vector<std::string>{"DeliveredEvent"});
  CHECK(lab.calls.line(2)->connections.empty());
  auto answered = lab.request(csta::AnswerCall{{made.calling_device.call_id, "tel:201"}});
  CHECK(std::holds_alternative<csta::AnswerCallResponse>(answered));
  CHECK(lab.names("1") == std::vector<std::string>{"DeliveredEvent", "ServiceInitiatedEvent",
                                                   "OriginatedEvent", "DeliveredEvent"});
  CHECK(lab.calls.line(2)->connections.size() == 1);
  auto first = std::get<csta::DeliveredEvent>(lab.events[0].second);
  CHECK(first.cause == csta::EventCause::kMakeCall);
  CHECK(first.alerting_device.identifier == "tel:201");
}

TEST_CASE("single-step transfer names the target as transferredToDevice on every monitor") {
  Lab lab;
  auto made = std::get<csta::MakeCallResponse>(lab.request(dnp("tel:201", "tel:202")));
  lab.request(csta::AnswerCall{lab.alerting_on(2)});
  lab.events.clear();
  auto moved = lab.request(
      csta::SingleStepTransferCall{{made.calling_device.call_id, "tel:201"}, {"tel:203", {}}});
  REQUIRE(std::holds_alternative<csta::SingleStepTransferCallResponse>(moved));
  std::vector<std::pair<std::string, csta::TransferedEvent>> transfered;
  for (const auto& [xref, event] : lab.events)
    if (const auto* e = std::get_if<csta::TransferedEvent>(&event))
      transfered.emplace_back(xref, *e);
  REQUIRE(transfered.size() == 2);
  // Each monitor in its own device-ID form (docs/decisions.md #19): the target, not the transferee
  // (202).
  CHECK(transfered[0].first == "1");
  CHECK(transfered[0].second.transferred_to_device.identifier == "tel:203");
  CHECK(transfered[0].second.transferring_device.identifier == "tel:201");
  CHECK(transfered[0].second.cause == csta::EventCause::kSingleStepTransfer);
  CHECK(transfered[1].first == "2");
  CHECK(transfered[1].second.transferred_to_device.identifier == "sip:203@10.0.0.1");
}

TEST_CASE("MakeCall to a number that names no DN is dialled and fails: destNotObtainable") {
  Lab lab;
  auto made = lab.request(dnp("tel:201", "tel:999"));
  const auto* response = std::get_if<csta::MakeCallResponse>(&made);
  REQUIRE(response != nullptr);
  CHECK(lab.names("1") == std::vector<std::string>{"ServiceInitiatedEvent", "FailedEvent"});
  auto failed = std::get<csta::FailedEvent>(lab.events[1].second);
  CHECK(failed.cause == csta::EventCause::kDestNotObtainable);
  CHECK(failed.failed_connection.call_id == response->calling_device.call_id);
  CHECK(failed.failing_device.identifier == "tel:999");
  CHECK(failed.local_connection_info == csta::LocalConnectionState::kFail);
  CHECK(lab.calls.line(1)->connections.size() == 1);  // the caller hears reorder until it clears
}

TEST_CASE("DigitsGenerated reaches the monitors of both parties") {
  Lab lab;
  auto made = std::get<csta::MakeCallResponse>(lab.request(dnp("tel:201", "tel:202")));
  lab.request(csta::AnswerCall{lab.alerting_on(2)});
  lab.events.clear();
  csta::GenerateDigits digits{{made.calling_device.call_id, "tel:201"}};
  digits.characters_to_send = "12#";
  CHECK(std::holds_alternative<csta::GenerateDigitsResponse>(lab.request(digits)));
  REQUIRE(lab.events.size() == 2);
  auto on_201 = std::get<csta::DigitsGeneratedEvent>(lab.events[0].second);
  auto on_202 = std::get<csta::DigitsGeneratedEvent>(lab.events[1].second);
  CHECK(lab.events[1].first == "2");
  CHECK(on_201.connection.device_id == "tel:201");
  CHECK(on_202.connection.device_id == "sip:201@10.0.0.1");  // the sender, in 202's form
  CHECK(on_202.digit_generated_list == "12#");
}
