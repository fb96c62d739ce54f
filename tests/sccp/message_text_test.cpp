// Tests sccp/message_text.hpp: the one-line text of messages (the cmemu-phone transcript format)
// and reading it back, localized label rendering (docs/sccp.md §5.1) and enumeration names (§5).
#include "sccp/message_text.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace {

using namespace cmemu::sccp;

TEST_CASE("describe: CallState prints the state by name, line and reference") {
  msg::CallState m{
      .call_state = CallState::kRingIn, .line_instance = 1, .call_reference = 16777217};
  CHECK(describe(m) == "CallState state=RingIn line=1 ref=16777217");
}

TEST_CASE("describe: a value without a name prints as its number") {
  msg::CallState m{.call_state = static_cast<CallState>(99), .line_instance = 2};
  CHECK(describe(m) == "CallState state=99 line=2 ref=0");
}

TEST_CASE("describe: messages without fields print their name only") {
  CHECK(describe(msg::KeepAlive{}) == "KeepAlive");
  CHECK(describe(msg::CapabilitiesReq{}) == "CapabilitiesReq");
}

TEST_CASE("describe: enums and strings of common router messages") {
  CHECK(describe(msg::StartTone{
            .tone = Tone::kInsideDialTone, .line_instance = 1, .call_reference = 7}) ==
        "StartTone tone=InsideDialTone direction=0 line=1 ref=7");
  CHECK(describe(msg::SetLamp{.stimulus = Stimulus::kVoiceMail, .lamp_mode = LampMode::kOn}) ==
        "SetLamp stimulus=VoiceMail instance=0 mode=On");
  CHECK(describe(msg::SoftKeyEvent{
            .soft_key_event = SoftKeyEvent::kAnswer, .line_instance = 1, .call_reference = 5}) ==
        "SoftKeyEvent event=Answer line=1 ref=5");
  CHECK(describe(msg::KeypadButton{.kp_button = KeypadButton::kPound, .line_instance = 1}) ==
        "KeypadButton button=# line=1 ref=0");
  CHECK(describe(msg::RegisterReject{.text = "Unknown device"}) ==
        "RegisterReject text=\"Unknown device\"");
  CHECK(describe(msg::LineStatRes{.line_number = 1,
                                  .line_dir_number = "201",
                                  .line_fully_qualified_display_name = "201",
                                  .line_text_label = "Alice",
                                  .line_display_options = 9}) ==
        "LineStatRes line=1 number=\"201\" displayName=\"201\" label=\"Alice\" options=9");
}

TEST_CASE("describe: RegisterReq shows the model, OpenReceiveChannelAck the address") {
  msg::RegisterReq req;
  req.device_name = "SEP001E4A34A35F";
  req.station_instance = 1;
  req.station_ip = Ipv4Address::from_host(0x7F000001);
  req.device_type = DeviceType::k7961;
  req.max_streams = 5;
  req.protocol_version = 11;
  CHECK(describe(req) ==
        "RegisterReq name=\"SEP001E4A34A35F\" userId=0 instance=1 ip=127.0.0.1 "
        "type=30018(7961) maxStreams=5 protocolVer=11");
  msg::OpenReceiveChannelAck ack{.ip_address = Ipv4Address::from_host(0x0A000014),
                                 .port = 16384,
                                 .pass_thru_party_id = 3,
                                 .call_reference = 9};
  CHECK(describe(ack) ==
        "OpenReceiveChannelAck status=Ok ip=10.0.0.20 port=16384 passThruPartyId=3 ref=9");
}

TEST_CASE("describe: templates list their used entries only") {
  msg::SoftKeyTemplateRes t;
  t.soft_key_count = t.total_soft_key_count = 2;
  t.soft_keys[0] = {"\x80\x01", SoftKeyEvent::kRedial};
  t.soft_keys[1] = {"Barge", static_cast<SoftKeyEvent>(21)};
  CHECK(describe(t) ==
        "SoftKeyTemplateRes offset=0 count=2 total=2 keys=\"<Redial>\"=1,\"Barge\"=21");
  msg::ButtonTemplateRes b;
  b.button_count = b.total_button_count = 2;
  b.buttons[0] = {1, ButtonDefinition::kLine};
  b.buttons[1] = {1, ButtonDefinition::kSpeedDial};
  CHECK(describe(b) == "ButtonTemplateRes offset=0 count=2 total=2 buttons=Line:1,SpeedDial:1");
}

TEST_CASE("describe: unknown messages show their ID and size") {
  Message m = UnknownMessage{static_cast<MessageId>(0x0145), {1, 2, 3}};
  CHECK(describe(m) == "Unknown id=0x145 bytes=3");
}

/// The line reads back to a message of the same ID that describes as the same line.
void check_reads_back(std::string_view line) {
  CAPTURE(line);
  const std::optional<Message> read = message_from_text(line);
  REQUIRE(read.has_value());
  CHECK(describe(*read) == line);
}

TEST_CASE("message_from_text: what describe() prints reads back") {
  msg::RegisterReq req;
  req.device_name = "SEP001E4A34A35F";
  req.station_ip = Ipv4Address::from_host(0x7F000001);
  req.device_type = DeviceType::k7961;
  req.protocol_version = 11;
  check_reads_back(describe(req));
  check_reads_back(
      "RegisterAck keepAlive=30 dateTemplate=\"M/D/Y\" secondaryKeepAlive=60 "
      "protocolVer=6 features=0x80");
  check_reads_back("SelectSoftKeys line=1 ref=7 set=RingIn mask=0xFFFFFFFF");
  check_reads_back("KeypadButton button=# line=1 ref=0");
  check_reads_back("CallState state=99 line=2 ref=0");
  check_reads_back("SetSpeakerMode mode=On");
  check_reads_back("HeadsetStatus mode=2");
  check_reads_back("DefineTimeDate time=2024-01-31T09:05:00 dayOfWeek=3 systemTime=1706691900");
  check_reads_back("KeepAlive");
  check_reads_back("Unknown id=0x145 bytes=3");
  check_reads_back(
      "OpenReceiveChannelAck status=Ok ip=10.0.0.20 port=16384 passThruPartyId=3 "
      "ref=9");
}

TEST_CASE("message_from_text: strings with spaces, labels and escapes") {
  const std::optional<Message> read = message_from_text(
      "DisplayPromptStatus timeout=10 text=\"<From> 2 \\\"x\\\" \\x01\" "
      "line=1 ref=2");
  REQUIRE(read.has_value());
  const auto& prompt = std::get<msg::DisplayPromptStatus>(*read);
  CHECK(prompt.prompt_text == std::string_view("\x80\x17 2 \"x\" \x01"));
  CHECK(prompt.timeout == 10);
  CHECK(prompt.call_reference == 2);
  check_reads_back(
      "CallInfo callingName=\"Alice\" calling=\"201\" calledName=\"\" called=\"202\" "
      "line=1 ref=16777217 type=Inbound lastRedir=\"203\"");
}

TEST_CASE("message_from_text: lists of template entries") {
  check_reads_back("SoftKeyTemplateRes offset=0 count=2 total=2 keys=\"<Redial>\"=1,\"a,b=c\"=21");
  check_reads_back("ButtonTemplateRes offset=0 count=2 total=2 buttons=Line:1,SpeedDial:1");
  check_reads_back("CapabilitiesRes count=2 codecs=G711Ulaw,4660");
  check_reads_back("SoftKeySetRes offset=0 count=2 total=2 set0=1,2,5 set1=-");
  const std::optional<Message> read =
      message_from_text("SoftKeySetRes offset=0 count=1 total=1 set0=1,2,5");
  REQUIRE(read.has_value());
  const auto& sets = std::get<msg::SoftKeySetRes>(*read);
  CHECK(sets.sets[0].template_index[2] == 5);
  CHECK(sets.sets[0].template_index[3] == 0);
}

TEST_CASE("message_from_text: fields the line leaves out are zero") {
  const std::optional<Message> read = message_from_text("CallState state=Connected");
  REQUIRE(read.has_value());
  CHECK(std::get<msg::CallState>(*read) == msg::CallState{.call_state = CallState::kConnected});
}

TEST_CASE("message_from_text: lines describe() does not print are refused") {
  CHECK_FALSE(message_from_text(""));
  CHECK_FALSE(message_from_text("Ringing state=RingIn"));           // no such message
  CHECK_FALSE(message_from_text("CallState state=RingIn tone=1"));  // no such field
  CHECK_FALSE(message_from_text("CallState line=1 line=2"));        // a field twice
  CHECK_FALSE(message_from_text("CallState line"));                 // no value
  CHECK_FALSE(message_from_text("CallState line=x"));
  CHECK_FALSE(message_from_text("CallState line=4294967296"));    // past u32
  CHECK_FALSE(message_from_text("RegisterReq protocolVer=256"));  // past u8
  CHECK_FALSE(message_from_text("RegisterReq ip=10.0.0"));
  CHECK_FALSE(message_from_text("RegisterReject text=Unquoted"));
  CHECK_FALSE(message_from_text("SelectSoftKeys mask=FF"));
  CHECK_FALSE(message_from_text("Unknown id=0x145 bytes=2001"));
}

TEST_CASE("unquoted_text: reads quoted_text back") {
  for (std::string_view text :
       {"", "Unknown device", "a\"b\\c", "\x80\x20", "\x80\xF0", "<x>", "\x01x", "\x80"}) {
    CAPTURE(text);
    CHECK(unquoted_text(quoted_text(text)) == std::string(text));
  }
  CHECK(unquoted_text("\"<Enter number>\"") == std::string("\x80\x20"));
  CHECK(unquoted_text("\"<<<>\"") == std::string("\x80\x08"));  // the label "<<"
  CHECK_FALSE(unquoted_text("no quotes"));
  CHECK_FALSE(unquoted_text("\"a\"b\""));
  CHECK_FALSE(unquoted_text("\"\\q\""));
  CHECK_FALSE(unquoted_text("\"\\x4\""));
}

TEST_CASE("quoted_text: localized labels, escapes, unknown labels") {
  CHECK(quoted_text("\x80\x20") == "\"<Enter number>\"");
  CHECK(quoted_text("\x80\x17"
                    "201") == "\"<From>201\"");
  CHECK(quoted_text("\x80\xF0") == "\"\\x80\\xF0\"");
  CHECK(quoted_text("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted_text("\x01x") == "\"\\x01x\"");
  CHECK(quoted_text("") == "\"\"");
}

TEST_CASE("display_text: labels become words as a phone shows them") {
  CHECK(display_text("\x80\x17"
                     "201") == "From 201");
  CHECK(display_text("\x80\x20") == "Enter number");
  CHECK(display_text("\x80\x25 203") == "Forwarded to 203");
  CHECK(display_text("Do Not Disturb is active") == "Do Not Disturb is active");
  CHECK(label_text(0x3F) == "DND");
  CHECK(label_text(0xF0).empty());
}

TEST_CASE("names parse back case-insensitively") {
  CHECK(call_state_from_name("connected") == CallState::kConnected);
  CHECK(call_state_from_name("RINGIN") == CallState::kRingIn);
  CHECK(call_state_from_name("invalidnumber") == CallState::kInvalidNumber);
  CHECK_FALSE(call_state_from_name("ringing"));
  CHECK(soft_key_event_from_name("dnd") == SoftKeyEvent::kDnd);
  CHECK(soft_key_event_from_name("GPickUp") == SoftKeyEvent::kGPickUp);
  CHECK_FALSE(soft_key_event_from_name("Barge"));
  CHECK(lamp_mode_from_name("blink") == LampMode::kBlink);
  CHECK(tone_from_name("dial") == Tone::kInsideDialTone);
  CHECK(tone_from_name("busy") == Tone::kLineBusyTone);
  CHECK(tone_from_name("ringback") == Tone::kAlertingTone);
  CHECK(tone_from_name("ReorderTone") == Tone::kReorderTone);
  CHECK_FALSE(tone_from_name("none"));
  CHECK(call_state_name(CallState::kHold) == "Hold");
  CHECK(soft_key_event_name(static_cast<SoftKeyEvent>(40)).empty());
}

}  // namespace
