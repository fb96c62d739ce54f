#include "sccp/station.hpp"

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/config/config.hpp"

using namespace cmemu;
using namespace cmemu::sccp;

namespace {

runtime::Config lab_config() {
  runtime::Config config;
  config.telephony.emplace();
  for (int tag = 1; tag <= 3; ++tag) {
    config.ephone_dns[tag].number = std::to_string(200 + tag);
    runtime::Ephone& ephone = config.ephones[tag];
    ephone.mac = 0x000000000200u + static_cast<std::uint64_t>(tag);
    ephone.type = "7961";
    ephone.buttons = {{1, ':', {tag}}};
  }
  config.ephone_dns[2].label = "Bob";
  return config;
}

/// Stations without sockets: every message a station sends is recorded by name.
struct Lab final : StationHost {
  runtime::Config config = lab_config();
  runtime::CallModel calls;
  std::map<int, std::vector<Message>> sent;
  std::map<int, bool> closed;
  std::map<runtime::ConnectionId, std::pair<int, std::uint32_t>> media;  // -> station, port
  // Last, so that the stations go first (they report to the maps above as they leave).
  std::map<int, std::unique_ptr<Station>> stations;

  Lab() { calls.apply({}, config); }

  void send(Station& station, const Message& message) override {
    sent[station.socket_number()].push_back(message);
  }
  std::variant<Provision, std::string> admit(Station&, const msg::RegisterReq& request) override {
    auto tag = ephone_for_device(config, request.device_name.view());
    if (!tag) return std::string("Unknown device");
    return provision_for(config, *tag, {});
  }
  void close(Station& station, std::string_view) override {
    closed[station.socket_number()] = true;
  }
  void media_ready(Station& station, runtime::ConnectionId id, Ipv4Address,
                   std::uint32_t port) override {
    media[id] = {station.socket_number(), port};
  }
  void media_closed(runtime::ConnectionId id) override { media.erase(id); }

  Station& phone(int n) {
    auto& station = stations[n];
    if (!station) station = std::make_unique<Station>(*this, calls, n);
    return *station;
  }
  void register_phone(int n) {
    msg::RegisterReq request;
    request.device_name = "SEP00000000020" + std::to_string(n);
    request.protocol_version = 17;
    request.device_type = DeviceType::k7961;
    phone(n).handle(request);
  }
  /// Names of what station n was sent since the last call.
  std::vector<std::string> names(int n) {
    std::vector<std::string> out;
    for (const Message& message : sent[n])
      out.push_back(std::string(message_name(message_id(message))));
    sent[n].clear();
    return out;
  }
  template <class T>
  std::vector<T> of(int n) {
    std::vector<T> out;
    for (const Message& message : sent[n])
      if (const T* m = std::get_if<T>(&message)) out.push_back(*m);
    return out;
  }
  std::vector<sccp::CallState> states(int n) {
    std::vector<sccp::CallState> out;
    for (const auto& m : of<msg::CallState>(n)) out.push_back(m.call_state);
    return out;
  }
  void softkey(int n, SoftKeyEvent event, std::uint32_t ref = 0) {
    msg::SoftKeyEvent key;
    key.soft_key_event = event;
    key.line_instance = 1;
    key.call_reference = ref;
    phone(n).handle(key);
  }
  void dial(int n, std::string_view digits) {
    for (char digit : digits) {
      msg::KeypadButton key;
      key.kp_button = *keypad_button(digit);
      key.line_instance = 1;
      phone(n).handle(key);
    }
  }
  std::uint32_t last_ref(int n) {
    auto all = of<msg::CallState>(n);
    REQUIRE(!all.empty());
    return all.back().call_reference;
  }
};

}  // namespace

TEST_CASE("registration: ack with min(version, 11), then every request answered in order") {
  Lab lab;
  lab.register_phone(1);
  CHECK(lab.phone(1).registered());
  auto acks = lab.of<msg::RegisterAck>(1);
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].max_protocol_version == 11);
  CHECK(acks[0].keep_alive_interval == 30);
  CHECK(acks[0].date_template == "M/D/Y");
  CHECK(lab.names(1) == std::vector<std::string>{"RegisterAck", "CapabilitiesReq"});

  lab.phone(1).handle(msg::ButtonTemplateReq{});
  lab.phone(1).handle(msg::SoftKeyTemplateReq{});
  lab.phone(1).handle(msg::SoftKeySetReq{});
  lab.phone(1).handle(msg::LineStatReq{.line_number = 1});
  lab.phone(1).handle(msg::TimeDateReq{});
  lab.phone(1).handle(msg::KeepAlive{});
  auto buttons = lab.of<msg::ButtonTemplateRes>(1);
  REQUIRE(buttons.size() == 1);
  CHECK(buttons[0].button_count == 1);
  CHECK(buttons[0].buttons[0].button_definition == ButtonDefinition::kLine);
  CHECK(buttons[0].buttons[0].instance_number == 1);
  auto templates = lab.of<msg::SoftKeyTemplateRes>(1);
  REQUIRE(templates.size() == 1);
  CHECK(templates[0].soft_key_count == 19);
  CHECK(templates[0].soft_keys[18].event == SoftKeyEvent::kDnd);
  auto lines = lab.of<msg::LineStatRes>(1);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].line_dir_number == "201");
  CHECK(lines[0].line_text_label == "201");
  CHECK(lab.names(1) == std::vector<std::string>{"ButtonTemplateRes", "SoftKeyTemplateRes",
                                                 "SoftKeySetRes", "SelectSoftKeys", "LineStatRes",
                                                 "DefineTimeDate", "KeepAliveAck"});
  CHECK(lab.calls.line(1)->endpoints == 1);
}

TEST_CASE("an unknown MAC is rejected and its connection closed") {
  Lab lab;
  msg::RegisterReq request;
  request.device_name = "SEP0000000009FF";
  lab.phone(7).handle(request);
  auto rejects = lab.of<msg::RegisterReject>(7);
  REQUIRE(rejects.size() == 1);
  CHECK(rejects[0].text == "Unknown device");
  CHECK(lab.closed[7]);
  CHECK_FALSE(lab.phone(7).registered());
  lab.phone(7).handle(msg::OffHook{});  // ignored before registration
  CHECK(lab.calls.calls().empty());
}

TEST_CASE("a call from 201 to 202: the SCCP sequences of docs/sccp.md §9 on both phones") {
  Lab lab;
  lab.register_phone(1);
  lab.register_phone(2);
  lab.names(1);
  lab.names(2);

  lab.softkey(1, SoftKeyEvent::kNewCall);
  CHECK(lab.names(1) == std::vector<std::string>{
                            "SetRinger", "SetSpeakerMode", "SetLamp", "CallState", "SelectSoftKeys",
                            "DisplayPromptStatus", "ActivateCallPlane", "StartTone"});
  lab.dial(1, "20");
  CHECK(lab.names(1) == std::vector<std::string>{"StopTone", "SelectSoftKeys"});
  lab.dial(1, "2");
  CHECK(lab.names(1) == std::vector<std::string>{"DialedNumber", "CallInfo", "CallState",
                                                 "SelectSoftKeys", "StartTone"});
  auto ring = lab.names(2);
  CHECK(ring == std::vector<std::string>{"CallState", "SelectSoftKeys", "DisplayPromptStatus",
                                         "DisplayPriNotify", "CallInfo", "SetLamp", "SetRinger"});

  lab.phone(2).handle(msg::OffHook{.line_instance = 1});  // handset: answers, no speaker
  auto answered = lab.names(2);
  CHECK(answered == std::vector<std::string>{"SetRinger", "SetLamp", "CallState",
                                             "ActivateCallPlane", "StopTone", "OpenReceiveChannel",
                                             "CallState", "SelectSoftKeys", "CallInfo"});
  CHECK(lab.names(1) ==
        std::vector<std::string>{"StopTone", "CallState", "SelectSoftKeys", "OpenReceiveChannel"});
  // Both phones open their channel; the controller (here the fake host) gets each address.
  std::uint32_t ref1 = call_reference_of(1);
  msg::OpenReceiveChannelAck ack;
  ack.port = 20000;
  ack.call_reference = ref1;
  lab.phone(1).handle(ack);
  CHECK(lab.media.size() == 1);

  std::uint32_t ref2 = call_reference_of(lab.calls.line(2)->connections.front());
  lab.phone(2).handle(msg::OnHook{.line_instance = 1, .call_reference = ref2});
  auto hung_up = lab.names(2);
  CHECK(hung_up == std::vector<std::string>{"StopTone", "SetLamp", "ClearPromptStatus",
                                            "CloseReceiveChannel", "StopMediaTransmission",
                                            "CallState", "SelectSoftKeys", "DefineTimeDate",
                                            "SetRinger"});
  auto far = lab.names(1);
  CHECK(far == std::vector<std::string>{"StopTone", "SetLamp", "ClearPromptStatus",
                                        "CloseReceiveChannel", "StopMediaTransmission", "CallState",
                                        "SelectSoftKeys", "DefineTimeDate", "SetSpeakerMode",
                                        "SetRinger"});
  CHECK(lab.media.empty());
  CHECK(lab.calls.calls().empty());
}

TEST_CASE("busy and unknown numbers: busy tone with CallState Busy, reorder without") {
  Lab lab;
  for (int n = 1; n <= 3; ++n) lab.register_phone(n);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "202");
  lab.softkey(2, SoftKeyEvent::kAnswer);
  lab.names(3);
  lab.phone(3).handle(msg::OffHook{});
  lab.dial(3, "201");
  CHECK(lab.states(3).back() == sccp::CallState::kBusy);
  CHECK(lab.of<msg::StartTone>(3).back().tone == Tone::kLineBusyTone);
  lab.phone(3).handle(msg::OnHook{});
  lab.names(3);
  lab.phone(3).handle(msg::OffHook{});
  lab.dial(3, "9");
  CHECK(lab.of<msg::StartTone>(3).back().tone == Tone::kReorderTone);
  CHECK(lab.states(3).back() == sccp::CallState::kOffHook);
}

TEST_CASE("hold, resume, DND, CFwdAll and MWI from the phone's keys") {
  Lab lab;
  for (int n = 1; n <= 3; ++n) lab.register_phone(n);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "202");
  lab.softkey(2, SoftKeyEvent::kAnswer);
  lab.names(1);
  lab.names(2);
  lab.softkey(1, SoftKeyEvent::kHold, call_reference_of(1));
  CHECK(lab.states(1) == std::vector<sccp::CallState>{sccp::CallState::kHold});
  CHECK(lab.of<msg::SetLamp>(1).back().lamp_mode == LampMode::kWink);
  CHECK(lab.names(2) == std::vector<std::string>{"CloseReceiveChannel", "StopMediaTransmission"});
  lab.names(1);
  lab.softkey(1, SoftKeyEvent::kResume);
  CHECK(lab.states(1) == std::vector<sccp::CallState>{sccp::CallState::kConnected});
  CHECK(lab.names(2) == std::vector<std::string>{"OpenReceiveChannel"});
  lab.softkey(1, SoftKeyEvent::kEndCall);

  lab.names(3);
  lab.softkey(3, SoftKeyEvent::kDnd);
  CHECK(lab.calls.line(3)->dnd);
  CHECK(lab.of<msg::DisplayPriNotify>(3).back().notify_text == "Do Not Disturb is active");
  lab.softkey(3, SoftKeyEvent::kDnd);
  CHECK_FALSE(lab.calls.line(3)->dnd);

  lab.names(3);
  lab.softkey(3, SoftKeyEvent::kCFwdAll);
  lab.dial(3, "201");
  CHECK(lab.calls.line(3)->forward_all == "201");
  auto forward = lab.of<msg::ForwardStatRes>(3);
  REQUIRE(forward.size() == 1);
  CHECK(forward[0].forward_all_active == 1);
  CHECK(forward[0].forward_all_dir_number == "201");
  lab.softkey(3, SoftKeyEvent::kCFwdAll);
  CHECK(lab.calls.line(3)->forward_all.empty());

  lab.calls.set_message_waiting(3, true);
  auto lamps = lab.of<msg::SetLamp>(3);
  CHECK(lamps.back().stimulus == Stimulus::kVoiceMail);
  CHECK(lamps.back().lamp_mode == LampMode::kOn);
}

TEST_CASE("consultative transfer with the Transfer key: 201 and 203 end up talking") {
  Lab lab;
  for (int n = 1; n <= 3; ++n) lab.register_phone(n);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "202");
  lab.softkey(2, SoftKeyEvent::kAnswer);
  std::uint32_t ref2 = lab.last_ref(2);
  lab.softkey(2, SoftKeyEvent::kTransfer, ref2);
  lab.dial(2, "203");
  lab.softkey(3, SoftKeyEvent::kAnswer);
  for (int n = 1; n <= 3; ++n) lab.names(n);
  std::uint32_t consultation = 0;
  for (runtime::ConnectionId id : lab.calls.line(2)->connections)
    if (lab.calls.connection(id)->consultation) consultation = call_reference_of(id);
  REQUIRE(consultation != 0);
  lab.softkey(2, SoftKeyEvent::kTransfer, consultation);
  CHECK(lab.calls.line(2)->connections.empty());
  auto on_two = lab.states(2);
  CHECK(on_two == std::vector<sccp::CallState>{sccp::CallState::kOnHook, sccp::CallState::kOnHook});
  CHECK(lab.states(1) == std::vector<sccp::CallState>{sccp::CallState::kConnected});
  auto info = lab.of<msg::CallInfo>(3);
  REQUIRE(!info.empty());
  CHECK(info.back().calling_party == "201");
  const runtime::Connection* peer = lab.calls.peer(1);
  REQUIRE(peer != nullptr);
  CHECK(peer->line == 3);
}

TEST_CASE("a phone that goes away clears its calls; the other phone hears the hang-up") {
  Lab lab;
  lab.register_phone(1);
  lab.register_phone(2);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "202");
  lab.softkey(2, SoftKeyEvent::kAnswer);
  lab.names(2);
  lab.stations.erase(1);
  CHECK(lab.states(2) == std::vector<sccp::CallState>{sccp::CallState::kOnHook});
  CHECK(lab.calls.calls().empty());
  CHECK(lab.calls.line(1)->endpoints == 0);
}
