#include "runtime/csta/codec.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tests/text_checks.hpp"

using namespace cmemu::runtime::csta;

// Every list of docs/csta.md §6, as test data for the codec (the CTI engine lists only what it
// really implements, docs/decisions.md #18).
static GetCstaFeaturesResponse csta_md_feature_table() {
  return {
      .supported_services = {{"capExchangeServList", {"getCSTAFeatures"}},
                             {"systemStatServList", {"requestSystemStatus", "systemStatus"}},
                             {"monitoringServList", {"monitorStart", "monitorStop"}},
                             {"snapshotServList", {"snapshotDevice"}},
                             {"callControlServList",
                              {"alternateCall", "answerCall", "clearConnection", "consultationCall",
                               "deflectCall", "holdCall", "makeCall", "reconnectCall",
                               "retrieveCall", "singleStepTransfer", "transferCall"}},
                             {"callAssociatedServList", {"generateDigits"}},
                             {"logicalServList",
                              {"getDoNotDisturb", "setDoNotDisturb", "getForwarding",
                               "setForwarding"}},
                             {"physDevServList", {"setMessageWaitingIndicator"}}},
      .supported_events = {{"callControlEvtsList",
                            {"connectionCleared", "delivered", "diverted", "established", "failed",
                             "held", "originated", "retrieved", "serviceInitiated", "transferred"}},
                           {"callAssociatedEvtsList", {"digitsGenerated"}},
                           {"logicalEvtsList", {"doNotDisturb", "forwarding"}},
                           {"physDevEvtsList", {"messageWaiting"}}},
  };
}

namespace {

constexpr std::string_view kProlog = R"(<?xml version="1.0" encoding="UTF-8"?>)";

// docs/csta.md's examples are indented for reading; the codec writes them on one line.
using cmemu::test::compact;

// An example of docs/csta.md §6-§9 (root without xmlns) with the ed3 namespace put on its root.
std::string with_ed3(std::string_view example) {
  std::string body = compact(example);
  const auto end = body.find_first_of(" />", 1);
  return body.insert(end, std::string(" xmlns=\"") + std::string(kEd3Namespace) + "\"");
}

std::string written(std::string_view example) {
  return std::string(kProlog) + with_ed3(example);
}

ConnectionId connection(std::string call, std::string device) {
  return {std::move(call), std::move(device)};
}

Extensions moc_line() {
  return Extensions{.lcs_line = "tel:201;phone-context=dialstring"};
}
Extensions advanced(std::optional<std::string> gcid = {}) {
  return Extensions{.line_instance = 1, .gcid = std::move(gcid)};
}

// Every request with every child cmemu models filled in, and with only the mandatory ones.
std::vector<Request> all_requests() {
  return {
      RequestSystemStatus{},
      RequestSystemStatus{.extensions = moc_line()},
      SystemStatus{.system_status = SystemStatusValue::kNormal},
      SystemStatus{.system_status = SystemStatusValue::kOverloadImminent, .extensions = moc_line()},
      GetCstaFeatures{},
      GetCstaFeatures{.extensions = moc_line()},
      MonitorStart{.monitor_object = DeviceId{"tel:201", ""}},
      MonitorStart{.monitor_object = connection("5", "tel:201"),
                   .monitor_type = MonitorType::kCall,
                   .extensions = moc_line()},
      MonitorStart{.monitor_object = DeviceId{"201", "dialingNumber"},
                   .monitor_type = MonitorType::kDevice},
      MonitorStop{.monitor_cross_ref_id = "17"},
      SnapshotDevice{.snapshot_object = {"tel:201", ""}},
      MakeCall{.calling_device = {"tel:201", ""},
               .called_directory_number = {"tel:202", ""},
               .auto_originate = AutoOriginate::kDoNotPrompt},
      MakeCall{.calling_device = {"sip:201@10.0.0.1", ""},
               .called_directory_number = {"202", "dialingNumber"},
               .account_code = "42",
               .auth_code = "1234",
               .auto_originate = AutoOriginate::kPrompt,
               .correlator_data = "00AB",
               .extensions = moc_line()},
      MakeCall{.calling_device = {"tel:201", ""}, .called_directory_number = {"", ""}},
      AnswerCall{.call_to_be_answered = connection("5", "tel:202")},
      ClearConnection{.connection_to_be_cleared = connection("5", "tel:202")},
      ClearConnection{.connection_to_be_cleared = connection("5", "tel:202"),
                      .correlator_data = "ff"},
      HoldCall{.call_to_be_held = connection("5", "tel:201")},
      HoldCall{.call_to_be_held = connection("5", "tel:201"), .connection_reservation = true},
      RetrieveCall{.call_to_be_retrieved = connection("5", "tel:201")},
      ReconnectCall{.active_call = connection("6", "tel:201"),
                    .held_call = connection("5", "tel:201")},
      AlternateCall{.held_call = connection("5", "tel:201"),
                    .active_call = connection("6", "tel:201"),
                    .connection_reservation = false},
      DeflectCall{.call_to_be_diverted = connection("7", "tel:201"),
                  .new_destination = {"tel:204", ""}},
      SingleStepTransferCall{.active_call = connection("5", "tel:201"),
                             .transferred_to = {"tel:203", ""},
                             .account_code = "9"},
      ConsultationCall{.existing_call = connection("5", "tel:201"),
                       .consulted_device = {"tel:203", ""},
                       .connection_reservation = true},
      TransferCall{.held_call = connection("5", "tel:201"),
                   .active_call = connection("6", "tel:201")},
      GenerateDigits{.connection_to_send_digits = connection("5", "tel:201"),
                     .characters_to_send = "123#"},
      GenerateDigits{.connection_to_send_digits = connection("5", "tel:201"),
                     .digit_mode = DigitMode::kDtmf,
                     .characters_to_send = "*0AD",
                     .tone_duration = 100,
                     .pulse_rate = 10,
                     .pause_duration = 50},
      GetDoNotDisturb{.device = {"tel:201", ""}},
      SetDoNotDisturb{.device = {"tel:201", ""}, .do_not_disturb_on = true},
      GetForwarding{.device = {"tel:201", ""}},
      SetForwarding{.device = {"tel:201", ""}, .activate_forward = false},
      SetForwarding{.device = {"tel:201", ""},
                    .forwarding_type = ForwardingType::kForwardImmediate,
                    .activate_forward = true,
                    .forward_dn = DeviceId{"tel:203", ""},
                    .ring_count = 3,
                    .ring_duration = 20},
      SetMessageWaitingIndicator{.device = {"tel:201", ""}, .message_waiting_on = true},
      SetMessageWaitingIndicator{.device = {"tel:201", ""},
                                 .message_waiting_on = false,
                                 .device_for_message = DeviceId{"tel:299", ""}},
  };
}

std::vector<Response> all_responses() {
  return {
      RequestSystemStatusResponse{},
      RequestSystemStatusResponse{.system_status = SystemStatusValue::kDisabled,
                                  .extensions = advanced()},
      SystemStatusResponse{},
      csta_md_feature_table(),
      GetCstaFeaturesResponse{},
      MonitorStartResponse{.monitor_cross_ref_id = "17"},
      MonitorStopResponse{},
      SnapshotDeviceResponse{},
      SnapshotDeviceResponse{
          .calls = {{connection("5", "tel:201"), LocalConnectionState::kConnected},
                    {connection("6", "tel:201"), LocalConnectionState::kHold}}},
      MakeCallResponse{.calling_device = connection("5", "tel:201")},
      AnswerCallResponse{},
      ClearConnectionResponse{},
      HoldCallResponse{},
      RetrieveCallResponse{},
      ReconnectCallResponse{},
      AlternateCallResponse{},
      DeflectCallResponse{},
      SingleStepTransferCallResponse{.transferred_call = connection("5", "tel:203")},
      ConsultationCallResponse{.initiated_call = connection("6", "tel:201")},
      TransferCallResponse{.transferred_call = connection("6", "tel:202")},
      GenerateDigitsResponse{},
      GetDoNotDisturbResponse{.do_not_disturb_on = true},
      SetDoNotDisturbResponse{},
      GetForwardingResponse{},
      GetForwardingResponse{
          .forwarding_list = {{ForwardingType::kForwardImmediate, true, DeviceId{"tel:203", ""}},
                              {ForwardingType::kForwardBusy, false, std::nullopt}}},
      SetForwardingResponse{},
      SetMessageWaitingIndicatorResponse{},
      CstaErrorCode{StateIncompatibilityError::kInvalidConnectionState},
  };
}

std::vector<Event> all_events() {
  const auto dn = [](std::string text) { return EventDevice::known(std::move(text)); };
  const RedirectionDevice none{};
  const RedirectionDevice dialed{RedirectionDevice::Kind::kNumberDialed, "tel:202"};
  return {
      ServiceInitiatedEvent{.monitor_cross_ref_id = "17",
                            .initiated_connection = connection("5", "tel:201"),
                            .initiating_device = dn("tel:201"),
                            .local_connection_info = LocalConnectionState::kInitiated,
                            .cause = EventCause::kMakeCall},
      ServiceInitiatedEvent{.monitor_cross_ref_id = "17",
                            .initiated_connection = connection("5", "tel:201"),
                            .initiating_device = dn("tel:201"),
                            .called_device = dn("tel:202"),
                            .local_connection_info = LocalConnectionState::kInitiated,
                            .correlator_data = "01",
                            .cause = EventCause::kNewCall,
                            .extensions = advanced("1E2E3483-5ACB11DE-BA9EF925-DF2AFB55")},
      OriginatedEvent{.monitor_cross_ref_id = "17",
                      .originated_connection = connection("5", "tel:201"),
                      .calling_device = dn("tel:201"),
                      .called_device = dn("tel:202"),
                      .originating_device = dn("tel:201"),
                      .local_connection_info = LocalConnectionState::kConnected,
                      .cause = EventCause::kNewCall,
                      .extensions = advanced()},
      DeliveredEvent{.monitor_cross_ref_id = "17",
                     .connection = connection("5", "tel:202"),
                     .alerting_device = dn("tel:202"),
                     .calling_device = dn("tel:201"),
                     .called_device = dn("tel:202"),
                     .last_redirection_device = none,
                     .local_connection_info = LocalConnectionState::kConnected,
                     .cause = EventCause::kNewCall},
      DeliveredEvent{.monitor_cross_ref_id = "18",
                     .connection = connection("5", "tel:203"),
                     .alerting_device = dn("tel:203"),
                     .calling_device = {EventDevice::Kind::kRestricted, {}},
                     .called_device = {EventDevice::Kind::kNotKnown, {}},
                     .last_redirection_device = dialed,
                     .originating_nid_connection = connection("5", "tel:201"),
                     .local_connection_info = LocalConnectionState::kAlerting,
                     .correlator_data = "02",
                     .cause = EventCause::kCallForwardImmediate,
                     .extensions = advanced()},
      EstablishedEvent{.monitor_cross_ref_id = "17",
                       .established_connection = connection("5", "tel:202"),
                       .answering_device = dn("tel:202"),
                       .calling_device = dn("tel:201"),
                       .called_device = dn("tel:202"),
                       .last_redirection_device = none,
                       .local_connection_info = LocalConnectionState::kConnected,
                       .cause = EventCause::kNewCall},
      ConnectionClearedEvent{.monitor_cross_ref_id = "17",
                             .dropped_connection = connection("5", "tel:202"),
                             .releasing_device = dn("tel:202"),
                             .local_connection_info = LocalConnectionState::kNull,
                             .cause = EventCause::kNormalClearing},
      HeldEvent{.monitor_cross_ref_id = "17",
                .held_connection = connection("5", "tel:201"),
                .holding_device = dn("tel:201"),
                .local_connection_info = LocalConnectionState::kHold,
                .cause = EventCause::kConsultation},
      RetrievedEvent{.monitor_cross_ref_id = "17",
                     .retrieved_connection = connection("5", "tel:201"),
                     .retrieving_device = dn("tel:201"),
                     .local_connection_info = LocalConnectionState::kConnected,
                     .cause = EventCause::kAlternate},
      DivertedEvent{.monitor_cross_ref_id = "17",
                    .connection = connection("7", "tel:201"),
                    .diverting_device = dn("tel:201"),
                    .new_destination = dn("tel:204"),
                    .calling_device = dn("tel:202"),
                    .called_device = dn("tel:201"),
                    .last_redirection_device = dialed,
                    .local_connection_info = LocalConnectionState::kNull,
                    .cause = EventCause::kRedirected},
      TransferedEvent{
          .monitor_cross_ref_id = "17",
          .primary_old_call = connection("5", "tel:201"),
          .secondary_old_call = connection("6", "tel:201"),
          .transferring_device = dn("tel:201"),
          .transferred_to_device = dn("tel:203"),
          .transferred_connections = {{connection("6", "tel:202"), connection("5", "tel:202")},
                                      {connection("6", "tel:203"), std::nullopt}},
          .local_connection_info = LocalConnectionState::kNull,
          .cause = EventCause::kTransfer},
      TransferedEvent{.monitor_cross_ref_id = "17",
                      .primary_old_call = connection("5", "tel:201"),
                      .transferring_device = dn("tel:201"),
                      .transferred_to_device = dn("tel:203"),
                      .cause = EventCause::kSingleStepTransfer},
      FailedEvent{.monitor_cross_ref_id = "17",
                  .failed_connection = connection("5", "tel:202"),
                  .failing_device = dn("tel:202"),
                  .calling_device = dn("tel:201"),
                  .called_device = dn("tel:202"),
                  .last_redirection_device = none,
                  .local_connection_info = LocalConnectionState::kFail,
                  .cause = EventCause::kBusy},
      DigitsGeneratedEvent{.monitor_cross_ref_id = "17",
                           .connection = connection("5", "tel:201"),
                           .digit_generated_list = "123#"},
      DoNotDisturbEvent{
          .monitor_cross_ref_id = "17", .device = dn("tel:201"), .do_not_disturb_on = true},
      ForwardingEvent{.monitor_cross_ref_id = "17",
                      .device = dn("tel:201"),
                      .forwarding_type = ForwardingType::kForwardImmediate,
                      .forward_status = true,
                      .forward_to = DeviceId{"tel:203", ""}},
      ForwardingEvent{
          .monitor_cross_ref_id = "17", .device = dn("tel:201"), .forward_status = false},
      MessageWaitingEvent{
          .monitor_cross_ref_id = "17", .target_device = dn("tel:201"), .message_waiting_on = true},
      MessageWaitingEvent{.monitor_cross_ref_id = "17",
                          .target_device = dn("tel:201"),
                          .device_for_message = dn("tel:299"),
                          .message_waiting_on = false},
  };
}

template <class Variant>
std::vector<std::string_view> all_elements() {
  std::vector<std::string_view> names;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (names.push_back(std::variant_alternative_t<I, Variant>::kElement), ...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
  return names;
}

// Checks that `samples` hold every alternative of the variant at least once.
template <class Variant>
void check_every_alternative(const std::vector<Variant>& samples) {
  std::vector<bool> seen(std::variant_size_v<Variant>, false);
  for (const auto& sample : samples) seen[sample.index()] = true;
  const auto names = all_elements<Variant>();
  for (std::size_t i = 0; i < seen.size(); ++i) {
    CAPTURE(names[i]);
    CHECK(seen[i]);
  }
}

template <class Variant, class Reader>
void check_round_trips(const std::vector<Variant>& samples, Reader read) {
  for (const auto& sample : samples) {
    const std::string body = write(sample, kEd3Namespace);
    CAPTURE(body);
    CHECK(body.starts_with(kProlog));
    const auto result = read(body, CodecLimits{});
    REQUIRE(result.ok());
    CHECK(result.namespace_uri == kEd3Namespace);
    CHECK(result.root == element_name(sample));
    CHECK(result.message == sample);
    CHECK(write(result.message, kEd3Namespace) == body);  // read then write gives it back
  }
}

}  // namespace

TEST_CASE("csta codec: every request round-trips") {
  const auto samples = all_requests();
  check_every_alternative(samples);
  check_round_trips(samples, read_request);
}

TEST_CASE("csta codec: every response round-trips") {
  const auto samples = all_responses();
  check_every_alternative(samples);
  check_round_trips(samples, read_response);
}

TEST_CASE("csta codec: every event round-trips") {
  const auto samples = all_events();
  check_every_alternative(samples);
  check_round_trips(samples, read_event);
}

TEST_CASE("csta codec: every CSTAErrorCode category and value round-trips") {
  std::vector<Response> codes;
  auto add_all = [&]<class E>(E) {
    for (std::size_t i = 0; i < enum_names(E{}).size(); ++i) {
      codes.push_back(CstaErrorCode{static_cast<E>(i)});
    }
  };
  add_all(OperationError{});
  add_all(SecurityError{});
  add_all(StateIncompatibilityError{});
  add_all(SystemResourceAvailabilityError{});
  add_all(SubscribedResourceAvailabilityError{});
  add_all(PerformanceManagementError{});
  add_all(PrivateDataError{});
  codes.push_back(CstaErrorCode{UnspecifiedError{}});
  CHECK(codes.size() == 21 + 4 + 11 + 7 + 3 + 2 + 1 + 1);
  check_round_trips(codes, read_response);

  CHECK(write(Response{CstaErrorCode{StateIncompatibilityError::kInvalidConnectionState}},
              kEd3Namespace) ==
        written("<CSTAErrorCode><stateIncompatibility>invalidConnectionState"
                "</stateIncompatibility></CSTAErrorCode>"));
  CHECK(write(Response{CstaErrorCode{UnspecifiedError{}}}, kEd3Namespace) ==
        written("<CSTAErrorCode><unspecified/></CSTAErrorCode>"));
  CHECK(write(Response{CstaErrorCode{OperationError::kInvalidMonitorCrossRefId}}, {}) ==
        std::string(kProlog) +
            "<CSTAErrorCode><operation>invalidMonitorCrossRefID</operation></CSTAErrorCode>");
}

TEST_CASE("csta codec: every event cause and enumeration value round-trips") {
  for (std::size_t i = 0; i < kEventCauseNames.size(); ++i) {
    const Event event = HeldEvent{.monitor_cross_ref_id = "1",
                                  .held_connection = connection("1", "201"),
                                  .holding_device = EventDevice::known("201"),
                                  .cause = static_cast<EventCause>(i)};
    const auto result = read_event(write(event, kEd4Namespace));
    REQUIRE(result.ok());
    CHECK(result.message == event);
  }
  CHECK(kEventCauseNames.size() == 120);
  for (std::size_t i = 0; i < kSystemStatusNames.size(); ++i) {
    const Request request = SystemStatus{.system_status = static_cast<SystemStatusValue>(i)};
    CHECK(read_request(write(request, kEd3Namespace)).message == request);
  }
  for (std::size_t i = 0; i < kForwardingTypeNames.size(); ++i) {
    const Request request = SetForwarding{.device = {"201", ""},
                                          .forwarding_type = static_cast<ForwardingType>(i),
                                          .activate_forward = true};
    CHECK(read_request(write(request, kEd3Namespace)).message == request);
  }
}

// ---------------------------------------------------------------------------------------------
// docs/csta.md's own examples

TEST_CASE("csta codec: docs/csta.md §6 examples") {
  auto request =
      read_request(with_ed3("<MonitorStart><monitorObject><deviceObject>tel:201</deviceObject>"
                            "</monitorObject></MonitorStart>"));
  REQUIRE(request.ok());
  CHECK(std::get<MonitorStart>(request.message).monitor_object ==
        MonitorObject{DeviceId{"tel:201", ""}});
  CHECK_FALSE(std::get<MonitorStart>(request.message).monitor_type);

  CHECK(write(Response{MonitorStartResponse{"17"}}, kEd3Namespace) ==
        written("<MonitorStartResponse><monitorCrossRefID>17</monitorCrossRefID>"
                "</MonitorStartResponse>"));

  request = read_request(
      with_ed3("<MonitorStop><monitorCrossRefID>17</monitorCrossRefID></MonitorStop>"));
  REQUIRE(request.ok());
  CHECK(std::get<MonitorStop>(request.message).monitor_cross_ref_id == "17");
  CHECK(write(Response{MonitorStopResponse{}}, kEd3Namespace) == written("<MonitorStopResponse/>"));

  request =
      read_request(with_ed3("<SystemStatus><systemStatus>normal</systemStatus></SystemStatus>"));
  REQUIRE(request.ok());
  CHECK(std::get<SystemStatus>(request.message).system_status == SystemStatusValue::kNormal);
  CHECK(write(Response{SystemStatusResponse{}}, kEd3Namespace) ==
        written("<SystemStatusResponse/>"));

  request = read_request(with_ed3("<GetCSTAFeatures/>"));
  REQUIRE(request.ok());
  CHECK(std::holds_alternative<GetCstaFeatures>(request.message));

  request = read_request(
      with_ed3("<SnapshotDevice><snapshotObject>tel:201</snapshotObject></SnapshotDevice>"));
  REQUIRE(request.ok());
  CHECK(std::get<SnapshotDevice>(request.message).snapshot_object.text == "tel:201");

  const std::string snapshot =
      R"(<SnapshotDeviceResponse><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo>
  <connectionIdentifier><callID>5</callID><deviceID>tel:201</deviceID></connectionIdentifier>
  <localCallState><compoundCallState><localConnectionState>connected</localConnectionState></compoundCallState></localCallState>
</snapshotDeviceResponseInfo></snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>)";
  const Response snapshot_response =
      SnapshotDeviceResponse{{{connection("5", "tel:201"), LocalConnectionState::kConnected}}};
  CHECK(write(snapshot_response, kEd3Namespace) == written(snapshot));
  CHECK(read_response(snapshot).message == snapshot_response);
  CHECK(write(Response{SnapshotDeviceResponse{}}, kEd3Namespace) ==
        written("<SnapshotDeviceResponse><crossRefIDorSnapshotData><snapshotData/>"
                "</crossRefIDorSnapshotData></SnapshotDeviceResponse>"));

  const auto features = write(Response{csta_md_feature_table()}, kEd3Namespace);
  CHECK(features.find("<GetCSTAFeaturesResponse xmlns=\"" + std::string(kEd3Namespace) +
                      "\"><supportedServices><capExchangeServList><getCSTAFeatures/>"
                      "</capExchangeServList>") != std::string::npos);
  CHECK(features.find("<monitoringServList><monitorStart/><monitorStop/></monitoringServList>") !=
        std::string::npos);
  CHECK(features.find("</supportedServices><supportedEvents><callControlEvtsList>"
                      "<connectionCleared/>") != std::string::npos);
  CHECK(
      features.ends_with("<physDevEvtsList><messageWaiting/></physDevEvtsList>"
                         "</supportedEvents></GetCSTAFeaturesResponse>"));
}

TEST_CASE("csta codec: docs/csta.md §7 examples") {
  const auto read = [](std::string_view example) {
    auto result = read_request(with_ed3(example));
    CAPTURE(example);
    REQUIRE(result.ok());
    return result.message;
  };
  const auto make_call = std::get<MakeCall>(read(
      R"(<MakeCall><callingDevice>tel:201</callingDevice><calledDirectoryNumber>tel:202</calledDirectoryNumber>
  <autoOriginate>doNotPrompt</autoOriginate></MakeCall>)"));
  CHECK(make_call.calling_device.text == "tel:201");
  CHECK(make_call.called_directory_number.text == "tel:202");
  CHECK(make_call.auto_originate == AutoOriginate::kDoNotPrompt);

  CHECK(write(Response{MakeCallResponse{connection("5", "tel:201")}}, kEd3Namespace) ==
        written("<MakeCallResponse><callingDevice><callID>5</callID><deviceID>tel:201</deviceID>"
                "</callingDevice></MakeCallResponse>"));
  CHECK(std::get<AnswerCall>(
            read("<AnswerCall><callToBeAnswered><callID>5</callID><deviceID>tel:202</deviceID></"
                 "callToBeAnswered></AnswerCall>"))
            .call_to_be_answered == connection("5", "tel:202"));
  CHECK(write(Response{AnswerCallResponse{}}, kEd3Namespace) == written("<AnswerCallResponse/>"));
  CHECK(std::get<HoldCall>(read("<HoldCall><callToBeHeld><callID>5</callID><deviceID>tel:201</"
                                "deviceID></callToBeHeld></HoldCall>"))
            .call_to_be_held == connection("5", "tel:201"));
  const auto consultation = std::get<ConsultationCall>(read(
      R"(<ConsultationCall><existingCall><callID>5</callID><deviceID>tel:201</deviceID></existingCall>
  <consultedDevice>tel:203</consultedDevice></ConsultationCall>)"));
  CHECK(consultation.existing_call == connection("5", "tel:201"));
  CHECK(consultation.consulted_device.text == "tel:203");
  CHECK(write(Response{ConsultationCallResponse{connection("6", "tel:201")}}, kEd3Namespace) ==
        written("<ConsultationCallResponse><initiatedCall><callID>6</callID><deviceID>tel:201"
                "</deviceID></initiatedCall></ConsultationCallResponse>"));
  const auto transfer = std::get<TransferCall>(
      read(R"(<TransferCall><heldCall><callID>5</callID><deviceID>tel:201</deviceID></heldCall>
  <activeCall><callID>6</callID><deviceID>tel:201</deviceID></activeCall></TransferCall>)"));
  CHECK(transfer.held_call == connection("5", "tel:201"));
  CHECK(transfer.active_call == connection("6", "tel:201"));
  CHECK(write(Response{TransferCallResponse{connection("6", "tel:202")}}, kEd3Namespace) ==
        written("<TransferCallResponse><transferredCall><callID>6</callID><deviceID>tel:202"
                "</deviceID></transferredCall></TransferCallResponse>"));
  const auto single_step = std::get<SingleStepTransferCall>(read(
      R"(<SingleStepTransferCall><activeCall><callID>5</callID><deviceID>tel:201</deviceID></activeCall>
  <transferredTo>tel:203</transferredTo></SingleStepTransferCall>)"));
  CHECK(single_step.active_call == connection("5", "tel:201"));
  CHECK(single_step.transferred_to.text == "tel:203");
  const auto deflect = std::get<DeflectCall>(read(
      R"(<DeflectCall><callToBeDiverted><callID>7</callID><deviceID>tel:201</deviceID></callToBeDiverted>
  <newDestination>tel:204</newDestination></DeflectCall>)"));
  CHECK(deflect.call_to_be_diverted == connection("7", "tel:201"));
  CHECK(deflect.new_destination.text == "tel:204");
  const auto digits = std::get<GenerateDigits>(read(
      R"(<GenerateDigits><connectionToSendDigits><callID>5</callID><deviceID>tel:201</deviceID></connectionToSendDigits>
  <charactersToSend>123#</charactersToSend></GenerateDigits>)"));
  CHECK(digits.connection_to_send_digits == connection("5", "tel:201"));
  CHECK(digits.characters_to_send == "123#");
  CHECK_FALSE(digits.digit_mode);
  CHECK(std::get<ClearConnection>(
            read("<ClearConnection><connectionToBeCleared><callID>5</callID><deviceID>tel:202</"
                 "deviceID></connectionToBeCleared></ClearConnection>"))
            .connection_to_be_cleared == connection("5", "tel:202"));
  CHECK(std::get<RetrieveCall>(
            read("<RetrieveCall><callToBeRetrieved><callID>5</callID><deviceID>tel:201</deviceID></"
                 "callToBeRetrieved></RetrieveCall>"))
            .call_to_be_retrieved == connection("5", "tel:201"));
  const auto reconnect = std::get<ReconnectCall>(
      read(R"(<ReconnectCall><activeCall><callID>6</callID><deviceID>tel:201</deviceID></activeCall>
  <heldCall><callID>5</callID><deviceID>tel:201</deviceID></heldCall></ReconnectCall>)"));
  CHECK(reconnect.active_call == connection("6", "tel:201"));
  CHECK(reconnect.held_call == connection("5", "tel:201"));
  const auto alternate = std::get<AlternateCall>(
      read(R"(<AlternateCall><heldCall><callID>5</callID><deviceID>tel:201</deviceID></heldCall>
  <activeCall><callID>6</callID><deviceID>tel:201</deviceID></activeCall></AlternateCall>)"));
  CHECK(alternate.held_call == connection("5", "tel:201"));
  CHECK(alternate.active_call == connection("6", "tel:201"));
  CHECK(
      write(Response{SingleStepTransferCallResponse{connection("5", "tel:203")}}, kEd3Namespace) ==
      written("<SingleStepTransferCallResponse><transferredCall><callID>5</callID><deviceID>"
              "tel:203</deviceID></transferredCall></SingleStepTransferCallResponse>"));
  for (const Response& empty :
       {Response{HoldCallResponse{}}, Response{RetrieveCallResponse{}},
        Response{ClearConnectionResponse{}}, Response{ReconnectCallResponse{}},
        Response{AlternateCallResponse{}}, Response{DeflectCallResponse{}},
        Response{GenerateDigitsResponse{}}, Response{SetDoNotDisturbResponse{}},
        Response{SetForwardingResponse{}}, Response{SetMessageWaitingIndicatorResponse{}}}) {
    CHECK(write(empty, kEd3Namespace) == written("<" + std::string(element_name(empty)) + "/>"));
  }
}

TEST_CASE("csta codec: docs/csta.md §8 examples") {
  const auto read = [](std::string_view example) {
    auto result = read_request(with_ed3(example));
    CAPTURE(example);
    REQUIRE(result.ok());
    return result.message;
  };
  const auto dnd = std::get<SetDoNotDisturb>(
      read("<SetDoNotDisturb><device>tel:201</device><doNotDisturbOn>true</doNotDisturbOn>"
           "</SetDoNotDisturb>"));
  CHECK(dnd.device.text == "tel:201");
  CHECK(dnd.do_not_disturb_on);
  const std::string get_forwarding_response =
      R"(<GetForwardingResponse><forwardingList><forwardListItem><forwardingType>forwardImmediate</forwardingType>
  <forwardStatus>true</forwardStatus><forwardDN>tel:203</forwardDN></forwardListItem></forwardingList></GetForwardingResponse>)";
  const Response forwarding =
      GetForwardingResponse{{{ForwardingType::kForwardImmediate, true, DeviceId{"tel:203", ""}}}};
  CHECK(write(forwarding, kEd3Namespace) == written(get_forwarding_response));
  CHECK(read_response(get_forwarding_response).message == forwarding);
  const auto set_forwarding = std::get<SetForwarding>(read(
      R"(<SetForwarding><device>tel:201</device><forwardingType>forwardImmediate</forwardingType>
  <activateForward>true</activateForward><forwardDN>tel:203</forwardDN></SetForwarding>)"));
  CHECK(set_forwarding.forwarding_type == ForwardingType::kForwardImmediate);
  CHECK(set_forwarding.activate_forward);
  CHECK(set_forwarding.forward_dn == DeviceId{"tel:203", ""});
  const auto mwi = std::get<SetMessageWaitingIndicator>(
      read("<SetMessageWaitingIndicator><device>tel:201</device><messageWaitingOn>true"
           "</messageWaitingOn></SetMessageWaitingIndicator>"));
  CHECK(mwi.message_waiting_on);
  CHECK(
      std::get<GetDoNotDisturb>(read("<GetDoNotDisturb><device>tel:201</device></GetDoNotDisturb>"))
          .device.text == "tel:201");
  CHECK(write(Response{GetDoNotDisturbResponse{false}}, kEd3Namespace) ==
        written("<GetDoNotDisturbResponse><doNotDisturbOn>false</doNotDisturbOn>"
                "</GetDoNotDisturbResponse>"));
  CHECK(std::get<GetForwarding>(read("<GetForwarding><device>tel:201</device></GetForwarding>"))
            .device.text == "tel:201");
}

TEST_CASE("csta codec: docs/csta.md §9 event examples are written exactly") {
  const auto dn = [](std::string text) { return EventDevice::known(std::move(text)); };
  const std::string delivered = R"(<DeliveredEvent><monitorCrossRefID>17</monitorCrossRefID>
  <connection><callID>5</callID><deviceID>tel:202</deviceID></connection>
  <alertingDevice><deviceIdentifier>tel:202</deviceIdentifier></alertingDevice>
  <callingDevice><deviceIdentifier>tel:201</deviceIdentifier></callingDevice>
  <calledDevice><deviceIdentifier>tel:202</deviceIdentifier></calledDevice>
  <lastRedirectionDevice><notRequired/></lastRedirectionDevice>
  <localConnectionInfo>connected</localConnectionInfo><cause>newCall</cause></DeliveredEvent>)";
  const Event delivered_event = DeliveredEvent{
      .monitor_cross_ref_id = "17",
      .connection = connection("5", "tel:202"),
      .alerting_device = dn("tel:202"),
      .calling_device = dn("tel:201"),
      .called_device = dn("tel:202"),
      .local_connection_info = LocalConnectionState::kConnected,
      .cause = EventCause::kNewCall,
  };
  CHECK(write(delivered_event, kEd3Namespace) == written(delivered));
  CHECK(read_event(delivered).message == delivered_event);

  const std::string cleared = R"(<ConnectionClearedEvent><monitorCrossRefID>17</monitorCrossRefID>
  <droppedConnection><callID>5</callID><deviceID>tel:202</deviceID></droppedConnection>
  <releasingDevice><deviceIdentifier>tel:202</deviceIdentifier></releasingDevice>
  <localConnectionInfo>connected</localConnectionInfo><cause>normalClearing</cause></ConnectionClearedEvent>)";
  const Event cleared_event = ConnectionClearedEvent{
      .monitor_cross_ref_id = "17",
      .dropped_connection = connection("5", "tel:202"),
      .releasing_device = dn("tel:202"),
      .local_connection_info = LocalConnectionState::kConnected,
      .cause = EventCause::kNormalClearing,
  };
  CHECK(write(cleared_event, kEd3Namespace) == written(cleared));
  CHECK(read_event(cleared).message == cleared_event);

  const std::string transfered = R"(<TransferedEvent><monitorCrossRefID>17</monitorCrossRefID>
  <primaryOldCall><callID>5</callID><deviceID>tel:201</deviceID></primaryOldCall>
  <secondaryOldCall><callID>6</callID><deviceID>tel:201</deviceID></secondaryOldCall>
  <transferringDevice><deviceIdentifier>tel:201</deviceIdentifier></transferringDevice>
  <transferredToDevice><deviceIdentifier>tel:203</deviceIdentifier></transferredToDevice>
  <transferredConnections>
    <connectionListItem><newConnection><callID>6</callID><deviceID>tel:202</deviceID></newConnection>
      <oldConnection><callID>5</callID><deviceID>tel:202</deviceID></oldConnection></connectionListItem>
  </transferredConnections>
  <localConnectionInfo>null</localConnectionInfo><cause>transfer</cause></TransferedEvent>)";
  const Event transfered_event = TransferedEvent{
      .monitor_cross_ref_id = "17",
      .primary_old_call = connection("5", "tel:201"),
      .secondary_old_call = connection("6", "tel:201"),
      .transferring_device = dn("tel:201"),
      .transferred_to_device = dn("tel:203"),
      .transferred_connections = {{connection("6", "tel:202"), connection("5", "tel:202")}},
      .local_connection_info = LocalConnectionState::kNull,
      .cause = EventCause::kTransfer,
  };
  CHECK(write(transfered_event, kEd3Namespace) == written(transfered));
  CHECK(read_event(transfered).message == transfered_event);

  const std::string dnd = R"(<DoNotDisturbEvent><monitorCrossRefID>17</monitorCrossRefID>
  <device><deviceIdentifier>tel:201</deviceIdentifier></device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>)";
  const Event dnd_event = DoNotDisturbEvent{
      .monitor_cross_ref_id = "17", .device = dn("tel:201"), .do_not_disturb_on = true};
  CHECK(write(dnd_event, kEd3Namespace) == written(dnd));
  CHECK(read_event(dnd).message == dnd_event);
}

TEST_CASE("csta codec: advanced-mode private data (docs/csta.md §10)") {
  const Event event = HeldEvent{.monitor_cross_ref_id = "17",
                                .held_connection = connection("5", "201"),
                                .holding_device = EventDevice::known("201"),
                                .local_connection_info = LocalConnectionState::kHold,
                                .cause = EventCause::kNormal,
                                .extensions = advanced("1E2E3483-5ACB11DE-BA9EF925-DF2AFB55")};
  const auto body = write(event, kEd3Namespace);
  CHECK(body.ends_with(
      "<cause>normal</cause><extensions><privateData><private>"
      "<cisco:lineInstance xmlns:cisco=\"urn:cmemu:cti-private\">1</cisco:lineInstance>"
      "<cisco:gcid xmlns:cisco=\"urn:cmemu:cti-private\">1E2E3483-5ACB11DE-BA9EF925-DF2AFB55"
      "</cisco:gcid></private></privateData></extensions></HeldEvent>"));
  // The output is namespace-well-formed: it reads back.
  CHECK(read_event(body).message == event);
  const Event basic = HeldEvent{.monitor_cross_ref_id = "17",
                                .held_connection = connection("5", "201"),
                                .holding_device = EventDevice::known("201")};
  CHECK(write(basic, kEd3Namespace).find("extensions") == std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// MOC / SIPE (docs/csta.md §3)

TEST_CASE("csta codec: the bodies a MOC-style client sends") {
  const std::string ed3 = std::string(kEd3Namespace);
  const std::string line = "tel:73124;phone-context=dialstring;partition=BE_BRS_INT";
  const std::string private_line =
      "<extensions>\r\n<privateData>\r\n<private>\r\n"
      "<lcs:line xmlns:lcs=\"http://schemas.microsoft.com/Lcs/2005/04/RCCExtension\">" +
      line + "</lcs:line>\r\n</private>\r\n</privateData>\r\n</extensions>\r\n";

  auto result = read_request("<?xml version=\"1.0\"?>\r\n<RequestSystemStatus xmlns=\"" + ed3 +
                             "\">\r\n" + private_line + "</RequestSystemStatus>");
  REQUIRE(result.ok());
  CHECK(result.namespace_uri == kEd3Namespace);
  const auto& status = std::get<RequestSystemStatus>(result.message);
  REQUIRE(status.extensions);
  CHECK(status.extensions->lcs_line == line);
  CHECK(write(Response{RequestSystemStatusResponse{}}, result.namespace_uri) ==
        std::string(kProlog) + "<RequestSystemStatusResponse xmlns=\"" + ed3 +
            "\"><systemStatus>normal</systemStatus></RequestSystemStatusResponse>");

  // docs/csta.md §2's INVITE body, byte for byte.
  result = read_request(
      R"(<?xml version="1.0"?><RequestSystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>)");
  REQUIRE(result.ok());
  CHECK_FALSE(std::get<RequestSystemStatus>(result.message).extensions);

  result = read_request("<?xml version=\"1.0\"?>\r\n<GetCSTAFeatures xmlns=\"" + ed3 + "\">\r\n" +
                        private_line + "</GetCSTAFeatures>");
  REQUIRE(result.ok());
  CHECK(std::get<GetCstaFeatures>(result.message).extensions->lcs_line == line);

  result = read_request("<?xml version=\"1.0\"?>\r\n<MonitorStart xmlns=\"" + ed3 +
                        "\">\r\n<monitorObject>\r\n<deviceObject>" + line +
                        "</deviceObject>\r\n</monitorObject>\r\n</MonitorStart>");
  REQUIRE(result.ok());
  CHECK(std::get<MonitorStart>(result.message).monitor_object == MonitorObject{DeviceId{line, ""}});

  result = read_request("<?xml version=\"1.0\"?>\r\n<MakeCall xmlns=\"" + ed3 +
                        "\">\r\n<callingDevice>" + line +
                        "</callingDevice>\r\n<calledDirectoryNumber>tel:+4930123456"
                        "</calledDirectoryNumber>\r\n<autoOriginate>doNotPrompt</autoOriginate>\r\n"
                        "</MakeCall>");
  REQUIRE(result.ok());
  const auto& make_call = std::get<MakeCall>(result.message);
  CHECK(make_call.calling_device.text ==
        line);  // verbatim, parameters included (docs/decisions.md #19)
  CHECK(make_call.called_directory_number.text == "tel:+4930123456");
  CHECK(make_call.auto_originate == AutoOriginate::kDoNotPrompt);

  result = read_request("<?xml version=\"1.0\"?>\r\n<ClearConnection xmlns=\"" + ed3 +
                        "\">\r\n<connectionToBeCleared>\r\n<callID>5</callID>\r\n<deviceID>"
                        "tel:202</deviceID>\r\n</connectionToBeCleared>\r\n</ClearConnection>");
  REQUIRE(result.ok());
  CHECK(std::get<ClearConnection>(result.message).connection_to_be_cleared ==
        connection("5", "tel:202"));

  result = read_request("<?xml version=\"1.0\"?>\r\n<MonitorStop xmlns=\"" + ed3 +
                        "\">\r\n<monitorCrossRefID>17</monitorCrossRefID>\r\n</MonitorStop>");
  REQUIRE(result.ok());
  CHECK(std::get<MonitorStop>(result.message).monitor_cross_ref_id == "17");

  // SIPE matches systemStatus in any case; cmemu reads it so too.
  const auto response = read_response(
      "<RequestSystemStatusResponse><systemStatus>NORMAL</systemStatus>"
      "</RequestSystemStatusResponse>");
  REQUIRE(response.ok());
  CHECK(std::get<RequestSystemStatusResponse>(response.message).system_status ==
        SystemStatusValue::kNormal);
}

// ---------------------------------------------------------------------------------------------
// Namespaces (docs/decisions.md #17)

TEST_CASE("csta codec: every namespace variant reads and is echoed") {
  const std::vector<std::string> namespaces = {
      std::string(kEd2Namespace),
      std::string(kEd3Namespace),
      std::string(kEd4Namespace),
      std::string(kEd5Namespace),
      std::string(kEd6Namespace),
      "http://www.ecmainternational.org/standards/ecma-323/csta/ed3",
      "http://www.ecmainternational.org/standards/ecma-323/csta/ed4",
  };
  for (const auto& uri : namespaces) {
    CAPTURE(uri);
    for (const std::string& body : std::vector<std::string>{
             "<MonitorStop xmlns=\"" + uri +
                 "\"><monitorCrossRefID>3</monitorCrossRefID></MonitorStop>",
             "<csta:MonitorStop xmlns:csta=\"" + uri +
                 "\"><csta:monitorCrossRefID>3</csta:monitorCrossRefID></csta:MonitorStop>",
             "<csta:MonitorStop xmlns:csta=\"" + uri +
                 "\"><monitorCrossRefID>3</monitorCrossRefID></csta:MonitorStop>",
             "<x:MonitorStop xmlns:x=\"" + uri + "\" xmlns=\"" + uri +
                 "\"><monitorCrossRefID>3</monitorCrossRefID></x:MonitorStop>"}) {
      CAPTURE(body);
      const auto result = read_request(body);
      REQUIRE(result.ok());
      CHECK(result.namespace_uri == uri);
      CHECK(std::get<MonitorStop>(result.message).monitor_cross_ref_id == "3");
      CHECK(write(Response{MonitorStopResponse{}}, result.namespace_uri) ==
            std::string(kProlog) + "<MonitorStopResponse xmlns=\"" + uri + "\"/>");
    }
  }
}

TEST_CASE("csta codec: a request without a namespace, or another one, is read by local name") {
  auto result = read_request("<MonitorStop><monitorCrossRefID>3</monitorCrossRefID></MonitorStop>");
  REQUIRE(result.ok());
  CHECK(result.namespace_uri.empty());
  CHECK(write(Response{MonitorStopResponse{}}, result.namespace_uri) ==
        std::string(kProlog) + "<MonitorStopResponse/>");

  result = read_request(
      "<MonitorStop xmlns=\"urn:example:other\"><monitorCrossRefID>3</monitorCrossRefID>"
      "</MonitorStop>");
  REQUIRE(result.ok());
  CHECK(result.namespace_uri == "urn:example:other");

  // A prefix declared on an inner element.
  result = read_request(
      "<MonitorStop><c:monitorCrossRefID xmlns:c=\"urn:x\">3</c:monitorCrossRefID></MonitorStop>");
  REQUIRE(result.ok());
  CHECK(std::get<MonitorStop>(result.message).monitor_cross_ref_id == "3");
}

TEST_CASE("csta codec: an undeclared prefix is not namespace-well-formed: 400") {
  for (const std::string& body : std::vector<std::string>{
           "<csta:MonitorStop><csta:monitorCrossRefID>3</csta:monitorCrossRefID></"
           "csta:MonitorStop>",
           "<MonitorStop xmlns=\"" + std::string(kEd3Namespace) +
               "\"><csta:monitorCrossRefID>3</csta:monitorCrossRefID></MonitorStop>",
           "<csta:MonitorStop xmlns:csta=\"\"><csta:monitorCrossRefID>3</csta:monitorCrossRefID>"
           "</csta:MonitorStop>",
           "<MonitorStop xmlns=\"" + std::string(kEd3Namespace) +
               "\"><monitorCrossRefID>3</monitorCrossRefID><extensions><privateData><private>"
               "<lcs:line>tel:201</lcs:line></private></privateData></extensions></MonitorStop>",
       }) {
    CAPTURE(body);
    const auto result = read_request(body);
    CHECK(result.error == ReadError::kUnboundPrefix);
    CHECK(answer(result.error) == Answer::kSipStatus);
    CHECK(sip_status(result.error) == 400);
  }
}

// ---------------------------------------------------------------------------------------------
// Refusals

TEST_CASE("csta codec: unknown services get operation/serviceNotSupported") {
  for (const std::string& body : std::vector<std::string>{
           "<ConferenceCall xmlns=\"" + std::string(kEd3Namespace) + "\"/>",
           std::string(
               "<ClearCall><callToBeCleared><callID>5</callID></callToBeCleared></ClearCall>"),
           std::string("<MakeCallResponse><callingDevice><callID>5</callID></callingDevice>"
                       "</MakeCallResponse>"),  // a response is no request
           std::string("<DeliveredEvent/>"),
           std::string("<html><body/></html>"),
       }) {
    CAPTURE(body);
    const auto result = read_request(body);
    CHECK(result.error == ReadError::kUnknownMessage);
    CHECK(answer(result.error) == Answer::kCstaErrorCode);
    CHECK(sip_status(result.error) == 200);
    CHECK(result.csta_error == CstaErrorCode{OperationError::kServiceNotSupported});
  }
  const auto result =
      read_request("<ConferenceCall xmlns=\"" + std::string(kEd4Namespace) + "\"/>");
  CHECK(result.namespace_uri == kEd4Namespace);  // so the error echoes it
  CHECK(result.root == "ConferenceCall");
  CHECK(write(Response{result.csta_error}, result.namespace_uri) ==
        std::string(kProlog) + "<CSTAErrorCode xmlns=\"" + std::string(kEd4Namespace) +
            "\"><operation>serviceNotSupported</operation></CSTAErrorCode>");
}

TEST_CASE("csta codec: a missing mandatory element gets that field's CSTAErrorCode") {
  struct Case {
    std::string body;
    std::string element;
    OperationError error;
  };
  const std::vector<Case> cases = {
      {"<MonitorStart/>", "monitorObject", OperationError::kInvalidMonitorObject},
      {"<MonitorStart><monitorObject/></MonitorStart>", "monitorObject",
       OperationError::kInvalidMonitorObject},
      {"<MonitorStart><monitorObject><somethingElse/></monitorObject></MonitorStart>",
       "monitorObject", OperationError::kInvalidMonitorObject},
      {"<MonitorStop/>", "monitorCrossRefID", OperationError::kInvalidMonitorCrossRefId},
      {"<MakeCall><calledDirectoryNumber>tel:202</calledDirectoryNumber></MakeCall>",
       "callingDevice", OperationError::kInvalidCallingDeviceId},
      {"<MakeCall><callingDevice>tel:201</callingDevice></MakeCall>", "calledDirectoryNumber",
       OperationError::kInvalidCalledDeviceId},
      {"<AnswerCall/>", "callToBeAnswered", OperationError::kInvalidConnectionId},
      {"<AnswerCall><callToBeAnswered/></AnswerCall>", "callToBeAnswered/callID",
       OperationError::kInvalidConnectionId},
      {"<ClearConnection/>", "connectionToBeCleared", OperationError::kInvalidConnectionId},
      {"<ReconnectCall><activeCall><callID>6</callID></activeCall></ReconnectCall>", "heldCall",
       OperationError::kInvalidConnectionId},
      {"<DeflectCall><callToBeDiverted><callID>7</callID></callToBeDiverted></DeflectCall>",
       "newDestination", OperationError::kInvalidDestination},
      {"<SingleStepTransferCall><activeCall><callID>5</callID></activeCall>"
       "</SingleStepTransferCall>",
       "transferredTo", OperationError::kInvalidDestination},
      {"<ConsultationCall><existingCall><callID>5</callID></existingCall></ConsultationCall>",
       "consultedDevice", OperationError::kInvalidDestination},
      {"<GenerateDigits><connectionToSendDigits><callID>5</callID></connectionToSendDigits>"
       "</GenerateDigits>",
       "charactersToSend", OperationError::kInvalidParameterValue},
      {"<GetDoNotDisturb/>", "device", OperationError::kInvalidDeviceId},
      {"<SetDoNotDisturb><device>tel:201</device></SetDoNotDisturb>", "doNotDisturbOn",
       OperationError::kInvalidParameterValue},
      {"<SetForwarding><device>tel:201</device></SetForwarding>", "activateForward",
       OperationError::kInvalidParameterValue},
      {"<SetMessageWaitingIndicator><device>tel:201</device></SetMessageWaitingIndicator>",
       "messageWaitingOn", OperationError::kInvalidParameterValue},
      {"<SnapshotDevice/>", "snapshotObject", OperationError::kInvalidDeviceId},
      {"<SystemStatus/>", "systemStatus", OperationError::kInvalidParameterValue},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    const auto result = read_request(c.body);
    CHECK(result.error == ReadError::kMissingElement);
    CHECK(result.element == c.element);
    CHECK(result.csta_error == CstaErrorCode{c.error});
    CHECK(sip_status(result.error) == 200);
  }
}

TEST_CASE("csta codec: a wrong value gets that field's CSTAErrorCode") {
  struct Case {
    std::string body;
    std::string element;
    OperationError error;
  };
  const std::vector<Case> cases = {
      {"<SetDoNotDisturb><device>tel:201</device><doNotDisturbOn>yes</doNotDisturbOn>"
       "</SetDoNotDisturb>",
       "doNotDisturbOn", OperationError::kInvalidParameterValue},
      {"<MakeCall><callingDevice>tel:201</callingDevice><calledDirectoryNumber>tel:202"
       "</calledDirectoryNumber><autoOriginate>maybe</autoOriginate></MakeCall>",
       "autoOriginate", OperationError::kInvalidParameterValue},
      {"<SetForwarding><device>tel:201</device><forwardingType>forwardSometimes</forwardingType>"
       "<activateForward>true</activateForward></SetForwarding>",
       "forwardingType", OperationError::kInvalidForwardingType},
      {"<SetForwarding><device>tel:201</device><activateForward>true</activateForward>"
       "<ringCount>-1</ringCount></SetForwarding>",
       "ringCount", OperationError::kInvalidParameterValue},
      {"<GenerateDigits><connectionToSendDigits><callID>5</callID></connectionToSendDigits>"
       "<digitMode>morse</digitMode><charactersToSend>1</charactersToSend></GenerateDigits>",
       "digitMode", OperationError::kInvalidParameterValue},
      {"<GenerateDigits><connectionToSendDigits><callID>5</callID></connectionToSendDigits>"
       "<charactersToSend>1</charactersToSend><toneDuration>99999999999</toneDuration>"
       "</GenerateDigits>",
       "toneDuration", OperationError::kInvalidParameterValue},
      {"<SystemStatus><systemStatus>fine</systemStatus></SystemStatus>", "systemStatus",
       OperationError::kInvalidParameterValue},
      {"<MonitorStart><monitorObject><deviceObject>tel:201</deviceObject></monitorObject>"
       "<monitorType>everything</monitorType></MonitorStart>",
       "monitorType", OperationError::kInvalidParameterValue},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    const auto result = read_request(c.body);
    CHECK(result.error == ReadError::kBadValue);
    CHECK(result.element == c.element);
    CHECK(result.csta_error == CstaErrorCode{c.error});
    CHECK(answer(result.error) == Answer::kCstaErrorCode);
  }
}

TEST_CASE("csta codec: lenient where clients differ") {
  // Whitespace around values, unknown children, foreign private data, a callObject monitor
  // (refused later by the CTI engine, not by the codec).
  auto result = read_request(
      "<SetDoNotDisturb><device typeOfNumber=\"dialingNumber\"> 201 </device><unknown/>"
      "<doNotDisturbOn>\n1\n</doNotDisturbOn><extensions><privateData><private>"
      "<v:x xmlns:v=\"urn:vendor\"><v:y/></v:x></private><other/></privateData></extensions>"
      "</SetDoNotDisturb>");
  REQUIRE(result.ok());
  const auto& dnd = std::get<SetDoNotDisturb>(result.message);
  CHECK(dnd.device == DeviceId{"201", "dialingNumber"});
  CHECK(dnd.do_not_disturb_on);
  CHECK(dnd.extensions == Extensions{});

  result = read_request(
      "<MonitorStart><monitorObject><callObject><callID>5</callID></callObject></monitorObject>"
      "</MonitorStart>");
  REQUIRE(result.ok());
  CHECK(std::get<MonitorStart>(result.message).monitor_object ==
        MonitorObject{connection("5", "")});

  // Escaped text and CDATA.
  result = read_request(
      "<MakeCall><callingDevice>sip:201@h;a=1&amp;b</callingDevice>"
      "<calledDirectoryNumber><![CDATA[tel:<202>]]></calledDirectoryNumber></MakeCall>");
  REQUIRE(result.ok());
  CHECK(std::get<MakeCall>(result.message).calling_device.text == "sip:201@h;a=1&b");
  CHECK(std::get<MakeCall>(result.message).called_directory_number.text == "tel:<202>");
  const auto body = write(result.message, kEd3Namespace);
  CHECK(body.find("<callingDevice>sip:201@h;a=1&amp;b</callingDevice>") != std::string::npos);
  CHECK(body.find("<calledDirectoryNumber>tel:&lt;202&gt;</calledDirectoryNumber>") !=
        std::string::npos);
  CHECK(read_request(body).message == result.message);
}

TEST_CASE("csta codec: malformed and truncated bodies get SIP 400") {
  const std::string full = "<?xml version=\"1.0\"?><MonitorStop xmlns=\"" +
                           std::string(kEd3Namespace) +
                           "\"><monitorCrossRefID>17</monitorCrossRefID></MonitorStop>";
  // Every proper prefix of a good body is refused, never crashes.
  for (std::size_t size = 0; size < full.size(); ++size) {
    CAPTURE(size);
    const auto result = read_request(std::string_view(full).substr(0, size));
    CHECK_FALSE(result.ok());
    CHECK(sip_status(result.error) == 400);
  }
  CHECK(read_request(full).ok());
  // A UTF-8 byte order mark, comments and processing instructions around the root are fine.
  CHECK(read_request("\xEF\xBB\xBF" + full).ok());
  CHECK(read_request("<!-- a --> " + full + " <?pi x?>\r\n").ok());
  // UTF-8 text is kept as is.
  const auto utf8 = read_request(
      "<MonitorStop><monitorCrossRefID>\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\x9e"
      "</monitorCrossRefID></MonitorStop>");
  REQUIRE(utf8.ok());
  CHECK(std::get<MonitorStop>(utf8.message).monitor_cross_ref_id ==
        "\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\x9e");

  for (const std::string& body : std::vector<std::string>{
           std::string(""),
           std::string("   "),
           std::string("not xml at all"),
           std::string("<MonitorStop><monitorCrossRefID>17</MonitorStop>"),
           std::string("<MonitorStop></monitorStop>"),
           std::string("<MonitorStop/><MonitorStop/>"),
           std::string("<MonitorStop/>trailing"),
           std::string("<MonitorStop a=\"1\" a=\"2\"/>"),
           std::string("<MonitorStop a=1/>"),
           std::string("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><MonitorStop>&a;</MonitorStop>"),
           std::string("<MonitorStop><!-- unterminated </MonitorStop>"),
           std::string("<MonitorStop><![CDATA[ unterminated </MonitorStop>"),
           std::string("<MonitorStop attr=\"unterminated/>"),
           std::string("\x00\x01\x02", 3),
           std::string("<\xff\xfe/>"),
           std::string("<MonitorStop>\xc0\xaf</MonitorStop>"),      // overlong UTF-8
           std::string("<MonitorStop>\xed\xa0\x80</MonitorStop>"),  // a surrogate
           std::string("<MonitorStop>\x01</MonitorStop>"),
           std::string("text<MonitorStop/>"),
           std::string("</MonitorStop><MonitorStop/>"),
           std::string("<![CDATA[x]]><MonitorStop/>"),
       }) {
    CAPTURE(body);
    const auto result = read_request(body);
    CHECK(result.error == ReadError::kMalformed);
    CHECK(answer(result.error) == Answer::kSipStatus);
    CHECK(sip_status(result.error) == 400);
  }
}

TEST_CASE("csta codec: bounds") {
  const CodecLimits limits;
  CHECK(limits.max_body_size == 16 * 1024);
  CHECK(limits.max_depth == 16);
  CHECK(limits.max_elements == 512);

  SUBCASE("oversized") {
    std::string body = "<MonitorStop><monitorCrossRefID>17</monitorCrossRefID>";
    body += std::string(limits.max_body_size, ' ');
    body += "</MonitorStop>";
    const auto result = read_request(body);
    CHECK(result.error == ReadError::kBodyTooLarge);
    CHECK(sip_status(result.error) == 400);
    CodecLimits larger;
    larger.max_body_size = 64 * 1024;
    CHECK(read_request(body, larger).ok());
  }

  SUBCASE("deeply nested: 100000 levels cost no stack") {
    std::string body = "<MonitorStop>";
    for (int i = 0; i < 100000; ++i) body += "<a>";
    CodecLimits unbounded_size;
    unbounded_size.max_body_size = 1 << 20;
    auto result = read_request(body, unbounded_size);
    CHECK(result.error == ReadError::kTooDeep);
    CHECK(sip_status(result.error) == 400);
    for (int i = 0; i < 100000; ++i) body += "</a>";
    body += "</MonitorStop>";
    result = read_request(body, unbounded_size);
    CHECK(result.error == ReadError::kTooDeep);
    // Within the default body size too.
    CHECK(read_request(body.substr(0, limits.max_body_size)).error == ReadError::kTooDeep);
  }

  SUBCASE("depth 16 is fine, 17 is not") {
    auto nested = [](int levels) {
      std::string body = "<MonitorStop><monitorCrossRefID>1</monitorCrossRefID>";
      for (int i = 1; i < levels; ++i) body += "<x>";
      for (int i = 1; i < levels; ++i) body += "</x>";
      return body + "</MonitorStop>";
    };
    CHECK(read_request(nested(16)).ok());
    CHECK(read_request(nested(17)).error == ReadError::kTooDeep);
    // Self-closing elements, comments, CDATA and quoted '>' do not count as nesting.
    CHECK(read_request("<MonitorStop a=\"/>\" b='<'><monitorCrossRefID>1</monitorCrossRefID>"
                       "<!-- <x><x><x> --><![CDATA[<x><x>]]><?pi <x>?><e/><e/></MonitorStop>",
                       CodecLimits{.max_depth = 2})
              .ok());
  }

  SUBCASE("too many elements") {
    std::string body = "<MonitorStop><monitorCrossRefID>1</monitorCrossRefID>";
    for (std::size_t i = 0; i < limits.max_elements; ++i) body += "<e/>";
    body += "</MonitorStop>";
    const auto result = read_request(body);
    CHECK(result.error == ReadError::kTooManyElements);
    CHECK(sip_status(result.error) == 400);
    CHECK(read_request(body, CodecLimits{.max_elements = limits.max_elements + 2}).ok());
  }
}

TEST_CASE("csta codec: client-side readers refuse the wrong kind of message") {
  CHECK(read_response("<MakeCall/>").error == ReadError::kUnknownMessage);
  CHECK(read_event("<MakeCallResponse/>").error == ReadError::kUnknownMessage);
  CHECK(read_response("<CSTAErrorCode/>").error == ReadError::kMissingElement);
  CHECK(read_response("<CSTAErrorCode><operation>bogus</operation></CSTAErrorCode>").error ==
        ReadError::kBadValue);
  const auto code = read_response("<CSTAErrorCode xmlns=\"" + std::string(kEd3Namespace) +
                                  "\"><operation>invalidCallID</operation></CSTAErrorCode>");
  REQUIRE(code.ok());
  CHECK(std::get<CstaErrorCode>(code.message) == CstaErrorCode{OperationError::kInvalidCallId});
}

TEST_CASE("csta codec: mutated bodies never crash and are answered") {
  std::vector<std::string> bodies;
  for (const auto& request : all_requests()) bodies.push_back(write(request, kEd3Namespace));
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  constexpr std::string_view kAlphabet = "<>/=\"'&;:![]?- abcx\xc3\xff\n";
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string body = bodies[next() % bodies.size()];
    const auto edits = 1 + next() % 4;
    for (std::uint32_t e = 0; e < edits && !body.empty(); ++e) {
      const auto at = next() % body.size();
      switch (next() % 3) {
        case 0:
          body[at] = kAlphabet[next() % kAlphabet.size()];
          break;
        case 1:
          body.erase(at, 1 + next() % 8);
          break;
        default:
          body.insert(at, 1, kAlphabet[next() % kAlphabet.size()]);
          break;
      }
    }
    CAPTURE(body);
    const auto result = read_request(body);
    const int status = sip_status(result.error);
    CHECK((status == 200 || status == 400));
    if (result.ok()) {
      ++accepted;
      // What was accepted writes and reads back the same.
      CHECK(read_request(write(result.message, result.namespace_uri)).message == result.message);
    }
  }
  CHECK(accepted > 0);
}

TEST_CASE("csta codec: a single message converts to its set for writing") {
  CHECK(write(MonitorStopResponse{}, kEd5Namespace) == std::string(kProlog) +
                                                           "<MonitorStopResponse xmlns=\"" +
                                                           std::string(kEd5Namespace) + "\"/>");
  CHECK(write(MonitorStop{.monitor_cross_ref_id = "1"}, {}) ==
        std::string(kProlog) +
            "<MonitorStop><monitorCrossRefID>1</monitorCrossRefID></MonitorStop>");
  CHECK(to_string(ReadError::kTooDeep) == "XML nested too deeply");
  CHECK(kLastReadError == static_cast<int>(ReadError::kBadValue));
}
