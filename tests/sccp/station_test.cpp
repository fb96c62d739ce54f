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
  void register_phone(int n, std::uint8_t protocol_version = 17) {
    msg::RegisterReq request;
    request.device_name = "SEP00000000020" + std::to_string(n);
    request.protocol_version = protocol_version;
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
  /// Position of the last message of station n (since names()) that matches, or -1.
  template <class T, class Pred>
  int last_index(int n, Pred pred) {
    int found = -1;
    for (std::size_t i = 0; i < sent[n].size(); ++i)
      if (const T* m = std::get_if<T>(&sent[n][i]); m && pred(*m)) found = static_cast<int>(i);
    return found;
  }
  /// The connection of line `tag` that is (or is not) a consultation.
  std::uint32_t ref_on(int tag, bool consultation) {
    for (runtime::ConnectionId id : calls.line(tag)->connections)
      if (calls.connection(id)->consultation == consultation) return call_reference_of(id);
    return 0;
  }
  /// Phone 1 (201) calls 202 with NewCall and the digits; phone 2 answers with its softkey.
  void talk_201_202() {
    softkey(1, SoftKeyEvent::kNewCall);
    dial(1, "202");
    softkey(2, SoftKeyEvent::kAnswer);
  }
  /// Three phones; 201 talks to 202, which presses Transfer and dials 203. Returns 202's original
  /// call reference (now held).
  std::uint32_t consult_202_to_203() {
    for (int n = 1; n <= 3; ++n) register_phone(n);
    talk_201_202();
    std::uint32_t original = last_ref(2);
    softkey(2, SoftKeyEvent::kTransfer, original);
    dial(2, "203");
    return original;
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
  CHECK(templates[0].soft_key_count == 24);
  CHECK(templates[0].soft_keys[18].event == SoftKeyEvent::kDnd);
  auto lines = lab.of<msg::LineStatRes>(1);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].line_dir_number == "201");
  CHECK(lines[0].line_text_label == "201");
  CHECK(lab.names(1) == std::vector<std::string>{"ButtonTemplateRes", "SoftKeyTemplateRes",
                                                 "SoftKeySetRes", "SelectSoftKeys",
                                                 "DisplayPromptStatus", "LineStatRes",
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
                                             "ActivateCallPlane", "SetRinger", "StopTone",
                                             "OpenReceiveChannel", "CallState", "SelectSoftKeys",
                                             "CallInfo"});
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
  lab.talk_201_202();
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
  lab.talk_201_202();
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
  lab.consult_202_to_203();
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
  lab.talk_201_202();
  lab.names(2);
  lab.stations.erase(1);
  CHECK(lab.states(2) == std::vector<sccp::CallState>{sccp::CallState::kOnHook});
  CHECK(lab.calls.calls().empty());
  CHECK(lab.calls.line(1)->endpoints == 0);
}

TEST_CASE("labels and prompts: ASCII to a protocol-5 phone, localized 0x80 N from version 6") {
  Lab lab;
  lab.register_phone(1, 5);
  lab.register_phone(2, 6);
  for (int n = 1; n <= 2; ++n) {
    lab.phone(n).handle(msg::SoftKeyTemplateReq{});
    lab.phone(n).handle(msg::SoftKeySetReq{});
  }
  // CM 3.x to a version-5 phone (docs/sccp.md Appendix A.3): ASCII in the 16-byte field.
  auto old_keys = lab.of<msg::SoftKeyTemplateRes>(1);
  REQUIRE(old_keys.size() == 1);
  CHECK(old_keys[0].soft_keys[2].label == "Hold");
  CHECK(old_keys[0].soft_keys[3].label == "Trnsfer");
  CHECK(old_keys[0].soft_keys[7].label == "<<");
  CHECK(old_keys[0].soft_keys[9].label == "Resume");
  CHECK(old_keys[0].soft_keys[9].event == SoftKeyEvent::kResume);
  auto old_prompt = lab.of<msg::DisplayPromptStatus>(1);
  REQUIRE(old_prompt.size() == 1);
  CHECK(old_prompt[0].prompt_text == "Your current options");
  CHECK(old_prompt[0].line_instance == 0);
  // CM 4.1 to a 7912: byte 0x80 then the phrase number, "\x80\x13" the idle prompt.
  auto new_keys = lab.of<msg::SoftKeyTemplateRes>(2);
  REQUIRE(new_keys.size() == 1);
  CHECK(new_keys[0].soft_keys[2].label == std::string("\x80\x03"));
  CHECK(new_keys[0].soft_keys[3].label == std::string("\x80\x04"));
  auto new_prompt = lab.of<msg::DisplayPromptStatus>(2);
  REQUIRE(new_prompt.size() == 1);
  CHECK(new_prompt[0].prompt_text == std::string("\x80\x13"));

  // Call prompts follow the same form: "Enter number", then "From 201" on the ringing phone.
  lab.names(1);
  lab.names(2);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  CHECK(lab.of<msg::DisplayPromptStatus>(1).back().prompt_text == "Enter number");
  lab.dial(1, "202");
  CHECK(lab.of<msg::DisplayPromptStatus>(2).back().prompt_text == std::string("\x80\x17") + "201");
  lab.softkey(1, SoftKeyEvent::kEndCall);
  lab.names(1);
  lab.register_phone(3, 5);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "203");
  CHECK(lab.of<msg::DisplayPromptStatus>(3).back().prompt_text == "From 201");
}

TEST_CASE("hold: lamp and softkeys first, CallState Hold last; the Hold button toggles") {
  Lab lab;
  lab.register_phone(1);
  lab.register_phone(2);
  lab.talk_201_202();
  lab.names(1);
  std::uint32_t ref = call_reference_of(1);
  lab.softkey(1, SoftKeyEvent::kHold, ref);
  CHECK(lab.names(1) == std::vector<std::string>{"CloseReceiveChannel", "StopMediaTransmission",
                                                 "SetLamp", "SelectSoftKeys", "CallState"});
  // Stimulus(Hold) without a call reference on the held call resumes it (CM 2.x Virtual Phone).
  lab.phone(1).handle(msg::Stimulus{.stimulus = Stimulus::kHold, .stimulus_instance = 1});
  CHECK(lab.states(1) == std::vector<sccp::CallState>{sccp::CallState::kConnected});
  lab.names(1);
  lab.phone(1).handle(msg::Stimulus{.stimulus = Stimulus::kHold, .stimulus_instance = 1});
  CHECK(lab.states(1) == std::vector<sccp::CallState>{sccp::CallState::kHold});
}

TEST_CASE("a key that cannot act gets the Key Is Not Active prompt, never silence") {
  Lab lab;
  lab.register_phone(1);
  lab.names(1);
  lab.softkey(1, SoftKeyEvent::kResume);  // nothing held
  auto prompts = lab.of<msg::DisplayPromptStatus>(1);
  REQUIRE(prompts.size() == 1);
  CHECK(prompts[0].prompt_text == std::string("\x80\x2D"));
  CHECK(prompts[0].timeout > 0);
  lab.names(1);
  lab.softkey(1, SoftKeyEvent::kPark);  // a feature cmemu does not model
  CHECK(lab.names(1) == std::vector<std::string>{"DisplayPromptStatus"});
  lab.softkey(1, SoftKeyEvent::kTransfer);  // no call to transfer
  CHECK(lab.names(1) == std::vector<std::string>{"DisplayPromptStatus"});
  lab.softkey(1, SoftKeyEvent::kNewCall);  // this one acts: no such prompt
  for (const auto& prompt : lab.of<msg::DisplayPromptStatus>(1))
    CHECK(prompt.prompt_text != std::string("\x80\x2D"));
}

TEST_CASE("Transfer: the held call stays Hold after the consultation's lamp") {
  Lab lab;
  for (int n = 1; n <= 3; ++n) lab.register_phone(n);
  lab.talk_201_202();
  std::uint32_t original = lab.last_ref(2);
  lab.names(2);
  lab.softkey(2, SoftKeyEvent::kTransfer, original);
  int lamp = lab.last_index<msg::SetLamp>(2, [](const msg::SetLamp& m) {
    return m.stimulus == Stimulus::kLine && m.stimulus_instance == 1;
  });
  int held = lab.last_index<msg::CallState>(
      2, [&](const msg::CallState& m) { return m.call_reference == original; });
  REQUIRE(lamp >= 0);
  CHECK(held > lamp);
  CHECK(std::get<msg::CallState>(lab.sent[2][static_cast<std::size_t>(held)]).call_state ==
        sccp::CallState::kHold);
  // The consultation's own state comes after, so it is the phone's current call.
  CHECK(lab.states(2).back() == sccp::CallState::kOffHook);
}

TEST_CASE("blind and consulted transfer complete when the second Transfer names the held call") {
  for (bool consulted : {false, true}) {
    CAPTURE(consulted);
    Lab lab;
    std::uint32_t original = lab.consult_202_to_203();
    if (consulted) lab.softkey(3, SoftKeyEvent::kAnswer);
    for (int n = 1; n <= 3; ++n) lab.names(n);
    REQUIRE(lab.ref_on(2, false) == original);
    lab.softkey(2, SoftKeyEvent::kTransfer, original);
    CHECK(lab.calls.line(2)->connections.empty());
    CHECK(lab.states(2) ==
          std::vector<sccp::CallState>{sccp::CallState::kOnHook, sccp::CallState::kOnHook});
    // No held presentation of the original on its way out.
    CHECK(lab.of<msg::SelectSoftKeys>(2).back().soft_key_set == SoftKeySet::kOnHook);
    const runtime::Connection* peer = lab.calls.peer(1);
    REQUIRE(peer != nullptr);
    CHECK(peer->line == 3);
    CHECK(lab.states(1).back() ==
          (consulted ? sccp::CallState::kConnected : sccp::CallState::kRingOut));
  }
}

TEST_CASE("answer: a second SetRinger(Off) names the line and call before StopTone") {
  Lab lab;
  lab.register_phone(1);
  lab.register_phone(2);
  lab.softkey(1, SoftKeyEvent::kNewCall);
  lab.dial(1, "202");
  lab.names(2);
  lab.softkey(2, SoftKeyEvent::kAnswer, call_reference_of(2));
  auto ringers = lab.of<msg::SetRinger>(2);
  REQUIRE(ringers.size() == 2);
  CHECK(ringers[0].line_instance == 0);
  CHECK(ringers[1].ring_mode == RingMode::kRingOff);
  CHECK(ringers[1].line_instance == 1);
  CHECK(ringers[1].call_reference == call_reference_of(2));
}

TEST_CASE("softkey sets and template as CUCM 4.1 sent them, the Connected mask 0xFFFFFDFF") {
  Lab lab;
  lab.register_phone(1);
  lab.register_phone(2);
  lab.phone(1).handle(msg::SoftKeyTemplateReq{});
  lab.phone(1).handle(msg::SoftKeySetReq{});
  auto templates = lab.of<msg::SoftKeyTemplateRes>(1);
  REQUIRE(templates.size() == 1);
  // CUCM 4.1's keys beyond 18: label byte -> event (docs/sccp.md Appendix A.3).
  const std::vector<std::pair<char, std::uint32_t>> beyond = {
      {'\x43', 21}, {'\x4d', 28}, {'\x4e', 29}, {'\x4f', 30}, {'\x58', 33}};
  for (std::size_t i = 0; i < beyond.size(); ++i) {
    CHECK(templates[0].soft_keys[19 + i].label == std::string{'\x80', beyond[i].first});
    CHECK(static_cast<std::uint32_t>(templates[0].soft_keys[19 + i].event) == beyond[i].second);
  }
  auto sets = lab.of<msg::SoftKeySetRes>(1);
  REQUIRE(sets.size() == 1);
  CHECK(sets[0].soft_key_set_count == 11);
  /// The events of set k, through the template positions.
  auto events = [&](std::size_t k) {
    std::vector<std::uint32_t> out;
    for (std::size_t j = 0; j < 16 && sets[0].sets[k].template_index[j] != 0; ++j) {
      auto position = sets[0].sets[k].template_index[j];
      auto event = static_cast<std::uint32_t>(templates[0].soft_keys[position - 1u].event);
      CHECK(sets[0].sets[k].info_index[j] == 300 + event);
      out.push_back(event);
    }
    return out;
  };
  CHECK(events(1) == std::vector<std::uint32_t>{3, 9, 4, 14, 13, 30, 29, 15, 28, 33});
  CHECK(events(2) == std::vector<std::uint32_t>{10, 2, 28, 29, 15});
  CHECK(events(4) == std::vector<std::uint32_t>{1, 9, 5, 17, 18, 16});
  CHECK(events(6) == std::vector<std::uint32_t>{8, 9});
  CHECK(events(10) == std::vector<std::uint32_t>{21, 2});

  lab.talk_201_202();
  for (const auto& keys : lab.of<msg::SelectSoftKeys>(2))
    CHECK(keys.valid_key_mask ==
          (keys.soft_key_set == SoftKeySet::kConnected ? 0xFFFFFDFFu : 0xFFFFFFFFu));
  lab.names(2);
  lab.softkey(2, static_cast<SoftKeyEvent>(33), lab.last_ref(1));  // VidMode: not modelled
  CHECK(lab.names(2) == std::vector<std::string>{"DisplayPromptStatus"});
}
