// Tests cli/phone/phone_simulator.hpp: the simulated phone driven by router messages built by hand
// after docs/sccp.md §3 (registration), §9 (call flows) and §6 (lamps, forwarding), with an
// injected time.
#include "cli/phone/phone_simulator.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sccp/message_text.hpp"

namespace {

using namespace cmemu::sccp;
using namespace std::chrono_literals;
using Messages = SimulatedPhone::Messages;

const PhoneTime kT0{};

/// The describe() text of each message: compact and readable in failures.
std::vector<std::string> texts(const Messages& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(describe(m));
  return out;
}

std::vector<std::string> names(const Messages& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.emplace_back(message_name(message_id(m)));
  return out;
}

msg::ButtonTemplateRes two_lines() {
  msg::ButtonTemplateRes b;
  b.button_count = b.total_button_count = 3;
  b.buttons[0] = {1, ButtonDefinition::kLine};
  b.buttons[1] = {2, ButtonDefinition::kLine};
  b.buttons[2] = {1, ButtonDefinition::kSpeedDial};
  return b;
}

/// cmemu's template (docs/sccp.md §5.1): 1-18 standard, DND 63; plus an extra key with code 21.
msg::SoftKeyTemplateRes soft_key_template() {
  msg::SoftKeyTemplateRes t;
  for (std::uint32_t i = 1; i <= 18; ++i) {
    std::string label = {'\x80', static_cast<char>(i)};
    t.soft_keys[i - 1] = {label, static_cast<SoftKeyEvent>(i)};
  }
  t.soft_keys[18] = {"\x80\x3F", SoftKeyEvent::kDnd};
  t.soft_keys[19] = {"Barge", static_cast<SoftKeyEvent>(21)};
  t.soft_key_count = t.total_soft_key_count = 20;
  return t;
}

msg::LineStatRes line_stat(std::uint32_t line, std::string number) {
  return msg::LineStatRes{.line_number = line, .line_dir_number = number};
}

/// A phone taken through the registration of docs/sccp.md §3, router answers in order.
SimulatedPhone registered_phone(PhoneSettings settings = {.device_name = "SEP001E4A34A35F"}) {
  SimulatedPhone phone(std::move(settings));
  phone.start(kT0);
  phone.handle(msg::RegisterAck{.keep_alive_interval = 30, .date_template = "M/D/Y"}, kT0);
  phone.handle(msg::CapabilitiesReq{}, kT0);
  phone.handle(two_lines(), kT0);
  phone.handle(soft_key_template(), kT0);
  phone.handle(msg::SoftKeySetRes{}, kT0);
  phone.handle(line_stat(1, "201"), kT0);
  phone.handle(line_stat(2, "202"), kT0);
  REQUIRE(phone.registered());
  return phone;
}

msg::CallState call_state(CallState s, std::uint32_t line, std::uint32_t ref) {
  return msg::CallState{.call_state = s, .line_instance = line, .call_reference = ref};
}

TEST_CASE("MAC notations and the device name") {
  CHECK(parse_mac("001E.4A34.A35F") == 0x001E4A34A35FULL);
  CHECK(parse_mac("00:1e:4a:34:a3:5f") == 0x001E4A34A35FULL);
  CHECK(parse_mac("001e4a34a35f") == 0x001E4A34A35FULL);
  CHECK_FALSE(parse_mac("001E.4A34.A35"));
  CHECK_FALSE(parse_mac("001E.4A34.A35FF"));
  CHECK_FALSE(parse_mac("001E.4A34.A35G"));
  CHECK(format_mac(0x0000100003E7ULL) == "0000.1000.03E7");
  CHECK(device_name_for_mac(0x001E4A34A35FULL) == "SEP001E4A34A35F");
}

TEST_CASE("registration follows docs/sccp.md §3 when the router answers in order") {
  SimulatedPhone phone({.device_name = "SEP001E4A34A35F", .device_type = DeviceType::k7961});
  Messages first = phone.start(kT0);
  REQUIRE(first.size() == 1);
  const auto& req = std::get<msg::RegisterReq>(first[0]);
  CHECK(req.device_name == "SEP001E4A34A35F");
  CHECK(req.station_instance == 1);
  CHECK(req.device_type == DeviceType::k7961);
  CHECK(static_cast<std::uint32_t>(req.device_type) == 30018);
  CHECK(req.max_streams == 5);
  CHECK(req.protocol_version == 11);

  CHECK(phone.handle(msg::RegisterAck{.keep_alive_interval = 30}, kT0).empty());
  CHECK(phone.acknowledged());
  CHECK_FALSE(phone.registered());

  Messages caps = phone.handle(msg::CapabilitiesReq{}, kT0);
  CHECK(names(caps) == std::vector<std::string>{"CapabilitiesRes", "ButtonTemplateReq",
                                                "SoftKeyTemplateReq", "SoftKeySetReq"});
  const auto& res = std::get<msg::CapabilitiesRes>(caps[0]);
  REQUIRE(res.count >= 3);
  CHECK(res.capabilities[0].payload_capability == Codec::kG711Ulaw);
  CHECK(res.capabilities[1].payload_capability == Codec::kG711Alaw);
  CHECK(res.capabilities[2].payload_capability == Codec::kG729);

  CHECK(texts(phone.handle(two_lines(), kT0)) ==
        std::vector<std::string>{"LineStatReq line=1", "ForwardStatReq line=1",
                                 "LineStatReq line=2", "ForwardStatReq line=2",
                                 "RegisterAvailableLines lines=2", "TimeDateReq"});
  CHECK(phone.lines() == std::vector<std::uint32_t>{1, 2});
  CHECK(phone.handle(soft_key_template(), kT0).empty());
  CHECK(phone.handle(msg::SelectSoftKeys{.valid_key_mask = 0xFFFFFFFF}, kT0).empty());
  CHECK(phone.handle(msg::SoftKeySetRes{}, kT0).empty());
  CHECK(phone.handle(line_stat(1, "201"), kT0).empty());
  CHECK_FALSE(phone.registered());  // line 2 still missing
  phone.handle(line_stat(2, "202"), kT0);
  CHECK(phone.registered());
  CHECK(phone.line_number(1) == "201");
  CHECK(phone.line_number(2) == "202");
  CHECK_FALSE(phone.line_number(3));
}

TEST_CASE(
    "registration survives the router's order: templates before LineStatRes, CapabilitiesReq "
    "late") {
  SimulatedPhone phone({.device_name = "SEP000000000001", .capabilities_wait = 500ms});
  phone.start(kT0);
  phone.handle(msg::RegisterAck{.keep_alive_interval = 10}, kT0);
  // No CapabilitiesReq: the phone asks for its templates after capabilities_wait.
  CHECK(phone.poll(kT0 + 400ms).empty());
  REQUIRE(phone.next_deadline() == kT0 + 500ms);
  CHECK(names(phone.poll(kT0 + 500ms)) ==
        std::vector<std::string>{"ButtonTemplateReq", "SoftKeyTemplateReq", "SoftKeySetReq"});
  // A late CapabilitiesReq is still answered, without asking for templates twice.
  CHECK(names(phone.handle(msg::CapabilitiesReq{}, kT0 + 600ms)) ==
        std::vector<std::string>{"CapabilitiesRes"});
  phone.handle(msg::SoftKeySetRes{}, kT0);
  phone.handle(soft_key_template(), kT0);
  CHECK_FALSE(phone.registered());  // no ButtonTemplateRes yet
  phone.handle(two_lines(), kT0);
  phone.handle(line_stat(2, "202"), kT0);
  phone.handle(line_stat(1, "201"), kT0);
  CHECK(phone.registered());
}

TEST_CASE("RegisterReject is kept") {
  SimulatedPhone phone({.device_name = "SEP000000000001"});
  phone.start(kT0);
  CHECK(phone.handle(msg::RegisterReject{.text = "Unknown device"}, kT0).empty());
  REQUIRE(phone.rejected());
  CHECK(*phone.rejected() == "Unknown device");
  CHECK_FALSE(phone.registered());
}

TEST_CASE("keepalives every RegisterAck.keepAliveInterval") {
  SimulatedPhone phone({.device_name = "SEP000000000001"});
  phone.start(kT0);
  CHECK_FALSE(phone.next_deadline());
  phone.handle(msg::RegisterAck{.keep_alive_interval = 10}, kT0);
  phone.handle(msg::CapabilitiesReq{}, kT0);
  CHECK(phone.next_deadline() == kT0 + 10s);
  CHECK(phone.poll(kT0 + 9s).empty());
  CHECK(names(phone.poll(kT0 + 10s)) == std::vector<std::string>{"KeepAlive"});
  CHECK(phone.poll(kT0 + 10s).empty());
  CHECK(phone.next_deadline() == kT0 + 20s);
  // After a stall, one keepalive, and the period goes on from the schedule.
  CHECK(names(phone.poll(kT0 + 45s)) == std::vector<std::string>{"KeepAlive"});
  CHECK(phone.next_deadline() == kT0 + 50s);
}

TEST_CASE("OpenReceiveChannel is answered with the phone's address and a port per channel") {
  SimulatedPhone phone = registered_phone();
  phone.set_ip(Ipv4Address::from_host(0x7F000001));
  msg::OpenReceiveChannel open{.conference_id = 16777217,
                               .pass_thru_party_id = 77,
                               .ms_packet_size = 20,
                               .compression_type = Codec::kG711Ulaw,
                               .call_reference = 16777217};
  Messages out = phone.handle(open, kT0);
  REQUIRE(out.size() == 1);
  const auto& ack = std::get<msg::OpenReceiveChannelAck>(out[0]);
  CHECK(ack.media_status == MediaStatus::kOk);
  CHECK(ack.ip_address.to_string() == "127.0.0.1");
  CHECK(ack.pass_thru_party_id == 77);
  CHECK(ack.call_reference == 16777217);
  auto second = std::get<msg::OpenReceiveChannelAck>(phone.handle(open, kT0).at(0));
  CHECK(second.port == ack.port + 2);
}

TEST_CASE("outgoing call: offhook from idle, then digits on the call the router opened") {
  SimulatedPhone phone = registered_phone();
  CHECK(texts(phone.off_hook(1)) == std::vector<std::string>{"OffHook line=1 ref=0"});
  phone.handle(
      msg::SetLamp{.stimulus = Stimulus::kLine, .stimulus_instance = 1, .lamp_mode = LampMode::kOn},
      kT0);
  phone.handle(call_state(CallState::kOffHook, 1, 0x01000001), kT0);
  phone.handle(msg::DisplayPromptStatus{.prompt_text = "\x80\x20", .line_instance = 1}, kT0);
  phone.handle(msg::StartTone{.tone = Tone::kInsideDialTone, .line_instance = 1}, kT0);
  CHECK(phone.lamp(1) == LampMode::kOn);
  CHECK(phone.lamp(2) == LampMode::kOff);
  CHECK(phone.tone() == Tone::kInsideDialTone);
  CHECK(display_text(phone.prompt()) == "Enter number");
  CHECK(texts(phone.dial(1, "2#")) ==
        std::vector<std::string>{"KeypadButton button=2 line=1 ref=16777217",
                                 "KeypadButton button=# line=1 ref=16777217"});
  phone.handle(msg::StopTone{.line_instance = 1, .call_reference = 0x01000001}, kT0);
  CHECK_FALSE(phone.tone());
  phone.handle(call_state(CallState::kRingOut, 1, 0x01000001), kT0);
  CHECK(texts(phone.on_hook(1)) == std::vector<std::string>{"OnHook line=1 ref=16777217"});
  phone.handle(call_state(CallState::kOnHook, 1, 0x01000001), kT0);
  CHECK(phone.calls(1).empty());
  CHECK(phone.current_call(1) == 0);
  CHECK(texts(phone.on_hook(1)) == std::vector<std::string>{"OnHook line=1 ref=0"});
}

TEST_CASE("a call ringing in while another is connected: Answer uses the ringing one") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kConnected, 1, 100), kT0);
  phone.handle(call_state(CallState::kRingIn, 1, 200), kT0);
  CHECK(phone.current_call(1) == 100);
  CHECK(phone.ringing_call(1) == 200);
  CHECK(texts(phone.press(1, SoftKeyEvent::kAnswer)) ==
        std::vector<std::string>{"SoftKeyEvent event=Answer line=1 ref=200"});
  CHECK(texts(phone.off_hook(1)) == std::vector<std::string>{"OffHook line=1 ref=200"});
  CHECK(texts(phone.press(1, SoftKeyEvent::kEndCall)) ==
        std::vector<std::string>{"SoftKeyEvent event=EndCall line=1 ref=100"});
  // The router holds 100 and connects 200: 200 is now the current call, Resume picks 100.
  phone.handle(call_state(CallState::kHold, 1, 100), kT0);
  phone.handle(call_state(CallState::kConnected, 1, 200), kT0);
  CHECK(phone.current_call(1) == 200);
  CHECK(texts(phone.press(1, SoftKeyEvent::kResume)) ==
        std::vector<std::string>{"SoftKeyEvent event=Resume line=1 ref=100"});
  CHECK(texts(phone.press(1, SoftKeyEvent::kNewCall)) ==
        std::vector<std::string>{"SoftKeyEvent event=NewCall line=1 ref=0"});
  // Calls are per line.
  CHECK(phone.current_call(2) == 0);
  CHECK(texts(phone.press(2, SoftKeyEvent::kAnswer)) ==
        std::vector<std::string>{"SoftKeyEvent event=Answer line=2 ref=0"});
}

TEST_CASE("only a ringing call: actions use it") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kRingIn, 1, 300), kT0);
  CHECK(phone.current_call(1) == 300);
  CHECK(texts(phone.on_hook(1)) == std::vector<std::string>{"OnHook line=1 ref=300"});
}

TEST_CASE("softkey codes come from the router's template, else the standard ones") {
  SimulatedPhone phone({.device_name = "SEP000000000001"});
  CHECK(phone.soft_key_code("Answer") == SoftKeyEvent::kAnswer);
  CHECK(phone.soft_key_code("dnd") == SoftKeyEvent::kDnd);
  CHECK_FALSE(phone.soft_key_code("Barge"));
  // A template where DND is 19 (Asterisk) and labels are ASCII or localized.
  msg::SoftKeyTemplateRes t;
  t.soft_keys[0] = {"\x80\x0B", SoftKeyEvent::kAnswer};
  t.soft_keys[1] = {"\x80\x3F", static_cast<SoftKeyEvent>(19)};
  t.soft_keys[2] = {"Barge", static_cast<SoftKeyEvent>(21)};
  t.soft_keys[3] = {"\x80\x05", SoftKeyEvent::kCFwdAll};
  t.soft_key_count = t.total_soft_key_count = 4;
  phone.handle(t, kT0);
  CHECK(phone.soft_key_code("DND") == static_cast<SoftKeyEvent>(19));
  CHECK(phone.soft_key_code("barge") == static_cast<SoftKeyEvent>(21));
  CHECK(phone.soft_key_code("Answer") == SoftKeyEvent::kAnswer);
  CHECK(phone.soft_key_code("CFwdAll") == SoftKeyEvent::kCFwdAll);
  CHECK(phone.soft_key_code("Hold") == SoftKeyEvent::kHold);  // not in the template: standard
  CHECK_FALSE(phone.soft_key_code("Nope"));
}

TEST_CASE("indicators: MWI, forwarding, notify texts, tone per line") {
  SimulatedPhone phone = registered_phone();
  CHECK(phone.mwi() == LampMode::kOff);
  phone.handle(msg::SetLamp{.stimulus = Stimulus::kVoiceMail, .lamp_mode = LampMode::kOn}, kT0);
  CHECK(phone.mwi() == LampMode::kOn);
  CHECK(phone.lamp(0) == LampMode::kOff);  // MWI is not a line lamp

  CHECK_FALSE(phone.forward(1).all);
  phone.handle(msg::ForwardStatRes{.active_forward = 1,
                                   .line_number = 1,
                                   .forward_all_active = 1,
                                   .forward_all_dir_number = "203"},
               kT0);
  CHECK(phone.forward(1).all);
  CHECK(phone.forward(1).all_number == "203");
  CHECK_FALSE(phone.forward(2).all);

  phone.handle(msg::DisplayNotify{.notify_text = "Forwarded to 203"}, kT0);
  phone.handle(msg::DisplayPriNotify{.priority = 5, .notify_text = "Do Not Disturb is active"},
               kT0);
  CHECK(phone.notify() == "Forwarded to 203");
  CHECK(phone.priority_notify() == "Do Not Disturb is active");
  phone.handle(msg::ClearPriNotify{.priority = 5}, kT0);
  CHECK(phone.priority_notify().empty());
  CHECK(phone.notify() == "Forwarded to 203");

  phone.handle(msg::StartTone{.tone = Tone::kAlertingTone, .line_instance = 1}, kT0);
  phone.handle(msg::StopTone{.line_instance = 2}, kT0);  // another line's tone
  CHECK(phone.tone() == Tone::kAlertingTone);
  phone.handle(msg::StopTone{.line_instance = 1}, kT0);
  CHECK_FALSE(phone.tone());
}

TEST_CASE("answer_after: a ringing call is answered with Answer after the delay, once") {
  SimulatedPhone phone = registered_phone(
      {.device_name = "SEP001E4A34A35F", .answer_after = std::chrono::milliseconds(800)});
  PhoneTime keep_alive = kT0 + 30s;
  REQUIRE(phone.next_deadline() == keep_alive);
  phone.handle(call_state(CallState::kRingIn, 1, 300), kT0 + 1s);
  phone.handle(call_state(CallState::kRingIn, 1, 300), kT0 + 1100ms);  // the same call again
  CHECK(phone.next_deadline() == kT0 + 1800ms);
  CHECK(phone.poll(kT0 + 1799ms).empty());
  CHECK(texts(phone.poll(kT0 + 1800ms)) ==
        std::vector<std::string>{"SoftKeyEvent event=Answer line=1 ref=300"});
  CHECK(phone.answered() == 1);
  CHECK(phone.next_deadline() == keep_alive);
  CHECK(phone.poll(kT0 + 2s).empty());
  // The far side clears: the router's OnHook ends the call, and the phone sends nothing.
  phone.handle(call_state(CallState::kConnected, 1, 300), kT0 + 2s);
  CHECK(phone.handle(call_state(CallState::kOnHook, 1, 300), kT0 + 5s).empty());
  CHECK(phone.calls(1).empty());
  CHECK(phone.poll(kT0 + 6s).empty());

  // A call whose caller gives up before the delay is not answered; a call on line 2 is.
  phone.handle(call_state(CallState::kRingIn, 1, 301), kT0 + 7s);
  phone.handle(call_state(CallState::kOnHook, 1, 301), kT0 + 7500ms);
  phone.handle(call_state(CallState::kRingIn, 2, 302), kT0 + 7600ms);
  CHECK(phone.poll(kT0 + 7800ms).empty());
  CHECK(texts(phone.poll(kT0 + 8400ms)) ==
        std::vector<std::string>{"SoftKeyEvent event=Answer line=2 ref=302"});
  CHECK(phone.answered() == 2);
}

TEST_CASE("without answer_after a ringing call rings on") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kRingIn, 1, 300), kT0);
  CHECK(phone.next_deadline() == kT0 + 30s);
  CHECK(phone.poll(kT0 + 29s).empty());
  CHECK(phone.answered() == 0);
}

TEST_CASE("a later ButtonTemplateRes updates lines without new requests") {
  SimulatedPhone phone = registered_phone();
  msg::ButtonTemplateRes one;
  one.button_count = one.total_button_count = 1;
  one.buttons[0] = {1, ButtonDefinition::kLine};
  CHECK(phone.handle(one, kT0).empty());
  CHECK(phone.lines() == std::vector<std::uint32_t>{1});
  CHECK(phone.registered());
}

}  // namespace
