// Tests sccp/codec.hpp: every message of docs/sccp.md §4 against bytes built by hand from the
// layout tables (offsets, sizes), both directions, plus framing (§1): short and long bodies, bad
// lengths, several frames per read and one frame over several reads.
#include "sccp/codec.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace cmemu::sccp;
using Bytes = std::vector<std::uint8_t>;

/// A body built by hand, byte by byte, at the offsets of docs/sccp.md §4.
class Body {
 public:
  /// `length` is the header length field of the table (4 + body).
  explicit Body(std::size_t length) : bytes_(length - 4, 0) {}
  Body& u8(std::size_t at, std::uint8_t v) {
    bytes_.at(at) = v;
    return *this;
  }
  Body& u16(std::size_t at, std::uint16_t v) {
    bytes_.at(at) = static_cast<std::uint8_t>(v);
    bytes_.at(at + 1) = static_cast<std::uint8_t>(v >> 8);
    return *this;
  }
  Body& u32(std::size_t at, std::uint32_t v) {
    for (std::size_t i = 0; i < 4; ++i) bytes_.at(at + i) = static_cast<std::uint8_t>(v >> (8 * i));
    return *this;
  }
  Body& raw(std::size_t at, std::initializer_list<std::uint8_t> v) {
    for (std::uint8_t b : v) bytes_.at(at++) = b;
    return *this;
  }
  Body& str(std::size_t at, std::string_view text) {
    for (char c : text) bytes_.at(at++) = static_cast<std::uint8_t>(c);
    return *this;
  }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
};

Bytes frame(std::uint32_t id, const Bytes& body, std::uint32_t header_version = 0) {
  Bytes out;
  auto put = [&](std::uint32_t v) {
    for (std::size_t i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  put(static_cast<std::uint32_t>(4 + body.size()));
  put(header_version);
  put(id);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes frame(MessageId id, const Body& body, std::uint32_t header_version = 0) {
  return frame(static_cast<std::uint32_t>(id), body.bytes(), header_version);
}

std::string hex(const Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += (i % 16 == 0) ? '\n' : ' ';
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out;
}

DecodeResult decode_bytes(const Bytes& bytes) {
  return decode(std::span(bytes));
}

/// The message encodes to exactly the hand-built frame, the frame decodes to the message, and the
/// encoder's own output decodes back to it.
template <class M>
void check_wire(const M& message, const Body& body) {
  const Bytes expected = frame(M::kId, body);
  CHECK(hex(encode(message)) == hex(expected));

  const DecodeResult decoded = decode_bytes(expected);
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  CHECK(decoded.consumed == expected.size());
  CHECK(decoded.header_version == 0);
  REQUIRE(std::holds_alternative<M>(decoded.message));
  CHECK(std::get<M>(decoded.message) == message);

  const DecodeResult round_trip = decode_bytes(encode(message));
  REQUIRE(std::holds_alternative<M>(round_trip.message));
  CHECK(std::get<M>(round_trip.message) == message);
}

template <class M>
M decode_as(const Bytes& frame_bytes) {
  const DecodeResult decoded = decode_bytes(frame_bytes);
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  REQUIRE(std::holds_alternative<M>(decoded.message));
  return std::get<M>(decoded.message);
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// 4.1 Registration and management

TEST_CASE("sccp KeepAlive: length 4, no body") {
  CHECK(hex(encode(msg::KeepAlive{})) == "04 00 00 00 00 00 00 00 00 00 00 00");
  check_wire(msg::KeepAlive{}, Body(4));
}

TEST_CASE("sccp KeepAliveAck: ID 0x100, length 4") {
  CHECK(hex(encode(msg::KeepAliveAck{})) == "04 00 00 00 00 00 00 00 00 01 00 00");
  check_wire(msg::KeepAliveAck{}, Body(4));
}

TEST_CASE("sccp RegisterReq: Basic layout, device name at frame offset 12") {
  msg::RegisterReq m;
  m.device_name = "SEP001380AD9E5F";
  m.station_user_id = 0x11;
  m.station_instance = 1;
  m.station_ip = {{10, 0, 0, 20}};
  m.device_type = DeviceType::k7912;
  m.max_streams = 3;
  m.active_streams = 4;
  m.protocol_version = 7;
  m.reserved = 0x5A;
  m.phone_features = 0x1234;
  m.max_conferences = 5;
  m.active_conferences = 6;
  check_wire(m, Body(56)
                    .str(0, "SEP001380AD9E5F")
                    .u32(16, 0x11)
                    .u32(20, 1)
                    .raw(24, {0x0A, 0x00, 0x00, 0x14})
                    .u32(28, 30007)
                    .u32(32, 3)
                    .u32(36, 4)
                    .u8(40, 7)
                    .u8(41, 0x5A)
                    .u16(42, 0x1234)
                    .u32(44, 5)
                    .u32(48, 6));

  const Bytes wire = encode(m);
  REQUIRE(wire.size() == 56 + 8);
  CHECK(std::string_view(reinterpret_cast<const char*>(wire.data() + 12), 15) == "SEP001380AD9E5F");
  CHECK(wire[12 + 15] == 0);  // NUL, the 16th byte of c[16]
  CHECK(wire[12 + 40] == 7);  // protocolVer
}

TEST_CASE("sccp RegisterReq: newer phones' extension decoded and re-encoded") {
  msg::RegisterReq m;
  m.device_name = "SEP001E4A34A35F";
  m.device_type = DeviceType::k7962;
  m.protocol_version = 22;
  m.mac_address = {0x00, 0x1E, 0x4A, 0x34, 0xA3, 0x5F};
  m.ipv4_address_scope = 1;
  m.max_number_of_lines = 6;
  m.ipv6_address[15] = 1;
  m.ipv6_address_scope = 2;
  m.firmware_load_name = "SCCP42.9-4-2SR3-1S";
  const Body body = Body(128)
                        .str(0, "SEP001E4A34A35F")
                        .u32(28, 404)
                        .u8(40, 22)
                        .raw(52, {0x00, 0x1E, 0x4A, 0x34, 0xA3, 0x5F})
                        .u32(64, 1)
                        .u32(68, 6)
                        .u8(72 + 15, 1)
                        .u32(88, 2)
                        .str(92, "SCCP42.9-4-2SR3-1S");
  check_wire(m, body);

  // A Basic-length RegisterReq leaves the extension zero, and encodes Basic again.
  msg::RegisterReq basic = m;
  basic.mac_address = {};
  basic.ipv4_address_scope = 0;
  basic.max_number_of_lines = 0;
  basic.ipv6_address = {};
  basic.ipv6_address_scope = 0;
  basic.firmware_load_name = "";
  CHECK_FALSE(basic.has_extension());
  CHECK(encode(basic).size() == 56 + 8);

  // A longer body still (fields cmemu does not model) is read up to the layout.
  Bytes longer = body.bytes();
  longer.resize(200, 0xEE);
  CHECK(decode_as<msg::RegisterReq>(frame(0x0001, longer)) == m);
}

TEST_CASE("sccp RegisterAck: CUCM 4.1 values") {
  msg::RegisterAck m;
  m.keep_alive_interval = 30;
  m.date_template = "M/D/Y";
  m.secondary_keep_alive_interval = 60;
  m.max_protocol_version = 6;
  check_wire(m, Body(24).u32(0, 30).str(4, "M/D/Y").u32(12, 60).u8(16, 6));
  CHECK(hex(encode(m)) ==
        "18 00 00 00 00 00 00 00 81 00 00 00 1e 00 00 00\n"
        "4d 2f 44 2f 59 00 00 00 3c 00 00 00 06 00 00 00");

  // CUCM's feature bytes 17-19 = 00 00 FE decode into the u16 at 18.
  const auto cucm = decode_as<msg::RegisterAck>(
      frame(MessageId::kRegisterAck,
            Body(24).u32(0, 30).str(4, "M/D/Y").u32(12, 60).raw(16, {6, 0, 0, 0xFE})));
  CHECK(cucm.reserved == 0);
  CHECK(cucm.phone_features == 0xFE00);
  msg::RegisterAck features = m;
  features.reserved = 0x01;
  features.phone_features = 0x0080;
  check_wire(features, Body(24).u32(0, 30).str(4, "M/D/Y").u32(12, 60).raw(16, {6, 1, 0x80, 0}));
}

TEST_CASE("sccp RegisterReject") {
  check_wire(msg::RegisterReject{.text = "Unknown device"}, Body(36).str(0, "Unknown device"));
}

TEST_CASE("sccp UnregisterReq: Basic length 4; chan-sccp's reason is ignored") {
  check_wire(msg::UnregisterReq{}, Body(4));
  CHECK(std::holds_alternative<msg::UnregisterReq>(
      decode_bytes(frame(MessageId::kUnregisterReq, Body(8).u32(0, 1))).message));
}

TEST_CASE("sccp UnregisterAck") {
  check_wire(msg::UnregisterAck{.status = UnregisterStatus::kNak}, Body(8).u32(0, 2));
}

TEST_CASE("sccp Reset") {
  check_wire(msg::Reset{.reset_type = ResetType::kApplyConfig}, Body(8).u32(0, 3));
}

TEST_CASE("sccp IpPort") {
  check_wire(msg::IpPort{.rtp_media_port = 16384}, Body(8).u32(0, 16384));
}

TEST_CASE("sccp Alarm") {
  const std::string text = "Name=SEP001380AD9E5F Load=CP7912080003SCCP070409A Last=CM-aborted-TCP";
  check_wire(msg::Alarm{.alarm_severity = 2, .text = text, .parm1 = 0x1234, .parm2 = 0x0A000001},
             Body(96).u32(0, 2).str(4, text).u32(84, 0x1234).u32(88, 0x0A000001));
}

TEST_CASE("sccp CapabilitiesReq") {
  check_wire(msg::CapabilitiesReq{}, Body(4));
}

TEST_CASE("sccp CapabilitiesRes: length 8 + 16n") {
  msg::CapabilitiesRes m;
  m.count = 3;
  m.capabilities[0] = {Codec::kG711Ulaw, 40, {}};
  m.capabilities[1] = {Codec::kG711Alaw, 40, {}};
  m.capabilities[2] = {Codec::kG729, 6, {1, 2, 3, 4, 5, 6, 7, 8}};
  check_wire(m, Body(8 + 16 * 3)
                    .u32(0, 3)
                    .u32(4, 4)
                    .u32(8, 40)
                    .u32(20, 2)
                    .u32(24, 40)
                    .u32(36, 11)
                    .u32(40, 6)
                    .raw(44, {1, 2, 3, 4, 5, 6, 7, 8}));

  SUBCASE("18 capabilities at most") {
    msg::CapabilitiesRes full;
    full.count = 18;
    for (auto& c : full.capabilities) c = {Codec::kG722, 1, {}};
    CHECK(encode(full).size() == 8 + 16 * 18 + 8);
    full.count = 40;  // a count past the array is clamped
    CHECK(encode(full).size() == 8 + 16 * 18 + 8);
    Body claimed(8 + 16);
    claimed.u32(0, 40).u32(4, 6);
    const auto decoded =
        decode_as<msg::CapabilitiesRes>(frame(MessageId::kCapabilitiesRes, claimed));
    CHECK(decoded.count == 18);
    CHECK(decoded.capabilities[0].payload_capability == Codec::kG722);
    CHECK(decoded.capabilities[1].payload_capability == Codec{});  // past the body: zero
  }

  SUBCASE("entries past the count are not part of the message") {
    Body trailing(8 + 16 * 2);
    trailing.u32(0, 1).u32(4, 4).u32(20, 11);
    const auto decoded =
        decode_as<msg::CapabilitiesRes>(frame(MessageId::kCapabilitiesRes, trailing));
    CHECK(decoded.count == 1);
    CHECK(decoded.capabilities[0].payload_capability == Codec::kG711Ulaw);
    CHECK(decoded.capabilities[1] == msg::MediaCapability{});
  }
}

TEST_CASE("sccp ButtonTemplateReq") {
  check_wire(msg::ButtonTemplateReq{}, Body(4));
}

TEST_CASE("sccp ButtonTemplateRes: 42 slots always sent") {
  msg::ButtonTemplateRes m;
  m.button_offset = 0;
  m.button_count = 3;
  m.total_button_count = 3;
  m.buttons[0] = {1, ButtonDefinition::kLine};
  m.buttons[1] = {2, ButtonDefinition::kLine};
  m.buttons[2] = {1, ButtonDefinition::kSpeedDial};
  m.buttons[41] = {7, ButtonDefinition::kUndefined};
  check_wire(m, Body(100)
                    .u32(4, 3)
                    .u32(8, 3)
                    .raw(12, {1, 0x09, 2, 0x09, 1, 0x02})
                    .raw(12 + 2 * 41, {7, 0xFF}));
}

TEST_CASE("sccp SoftKeyTemplateReq") {
  check_wire(msg::SoftKeyTemplateReq{}, Body(4));
}

TEST_CASE("sccp SoftKeyTemplateRes: cmemu's 19-key template") {
  msg::SoftKeyTemplateRes m;
  m.soft_key_count = 19;
  m.total_soft_key_count = 19;
  Body body(656);
  body.u32(4, 19).u32(8, 19);
  for (std::uint32_t i = 0; i < 18; ++i) {
    const std::string label = {'\x80', static_cast<char>(i + 1)};
    m.soft_keys[i] = {label, static_cast<SoftKeyEvent>(i + 1)};
    body.str(12 + 20 * i, label).u32(28 + 20 * i, i + 1);
  }
  m.soft_keys[18] = {"\x80\x3F", SoftKeyEvent::kDnd};
  body.str(12 + 20 * 18, "\x80\x3F").u32(28 + 20 * 18, 63);
  m.soft_keys[31] = {"Last", SoftKeyEvent::kGPickUp};
  body.str(12 + 20 * 31, "Last").u32(28 + 20 * 31, 18);
  check_wire(m, body);
}

TEST_CASE("sccp SoftKeySetReq") {
  check_wire(msg::SoftKeySetReq{}, Body(4));
}

TEST_CASE("sccp SoftKeySetRes: template indexes then u16 info indexes") {
  msg::SoftKeySetRes m;
  m.soft_key_set_count = 12;
  m.total_soft_key_set_count = 12;
  m.sets[0].template_index = {1, 2, 5, 19};
  m.sets[0].info_index = {301, 302, 305, 363};
  m.sets[15].template_index[15] = 9;
  m.sets[15].info_index[15] = 0x135;
  Body body(784);
  body.u32(4, 12).u32(8, 12).raw(12, {1, 2, 5, 19});
  body.u16(12 + 16, 301).u16(12 + 18, 302).u16(12 + 20, 305).u16(12 + 22, 363);
  body.u8(12 + 48 * 15 + 15, 9).u16(12 + 48 * 15 + 16 + 30, 0x135);
  check_wire(m, body);
}

TEST_CASE("sccp LineStatReq") {
  check_wire(msg::LineStatReq{.line_number = 1}, Body(8).u32(0, 1));
}

TEST_CASE("sccp LineStatRes: CUCM 4.1 line") {
  msg::LineStatRes m{.line_number = 1,
                     .line_dir_number = "1012",
                     .line_fully_qualified_display_name = "8165551012",
                     .line_text_label = "1012",
                     .line_display_options = 9};
  check_wire(m,
             Body(116).u32(0, 1).str(4, "1012").str(28, "8165551012").str(68, "1012").u32(108, 9));
}

TEST_CASE("sccp SpeedDialStatReq") {
  check_wire(msg::SpeedDialStatReq{.speed_dial_number = 4}, Body(8).u32(0, 4));
}

TEST_CASE("sccp SpeedDialStatRes") {
  check_wire(msg::SpeedDialStatRes{.speed_dial_number = 2,
                                   .speed_dial_dir_number = "5551234",
                                   .speed_dial_display_name = "Reception"},
             Body(72).u32(0, 2).str(4, "5551234").str(28, "Reception"));
}

TEST_CASE("sccp ForwardStatReq") {
  check_wire(msg::ForwardStatReq{.line_number = 2}, Body(8).u32(0, 2));
}

TEST_CASE("sccp ForwardStatRes") {
  check_wire(msg::ForwardStatRes{.active_forward = 1,
                                 .line_number = 1,
                                 .forward_all_active = 1,
                                 .forward_all_dir_number = "203",
                                 .forward_busy_active = 2,
                                 .forward_busy_dir_number = "204",
                                 .forward_no_answer_active = 3,
                                 .forward_no_answer_dir_number = "205"},
             Body(96)
                 .u32(0, 1)
                 .u32(4, 1)
                 .u32(8, 1)
                 .str(12, "203")
                 .u32(36, 2)
                 .str(40, "204")
                 .u32(64, 3)
                 .str(68, "205"));
}

TEST_CASE("sccp ConfigStatReq") {
  check_wire(msg::ConfigStatReq{}, Body(4));
}

TEST_CASE("sccp ConfigStatRes") {
  check_wire(msg::ConfigStatRes{.device_name = "SEP001E4A34A35F",
                                .station_user_id = 7,
                                .station_instance = 1,
                                .user_name = "alice",
                                .server_name = "cmemu",
                                .number_of_lines = 2,
                                .number_of_speed_dials = 4},
             Body(116)
                 .str(0, "SEP001E4A34A35F")
                 .u32(16, 7)
                 .u32(20, 1)
                 .str(24, "alice")
                 .str(64, "cmemu")
                 .u32(104, 2)
                 .u32(108, 4));
}

TEST_CASE("sccp TimeDateReq") {
  check_wire(msg::TimeDateReq{}, Body(4));
}

TEST_CASE("sccp DefineTimeDate") {
  check_wire(msg::DefineTimeDate{.year = 2024,
                                 .month = 3,
                                 .day_of_week = 0,
                                 .day = 17,
                                 .hour = 13,
                                 .minute = 45,
                                 .second = 30,
                                 .milliseconds = 250,
                                 .system_time = 1710683130},
             Body(40)
                 .u32(0, 2024)
                 .u32(4, 3)
                 .u32(8, 0)
                 .u32(12, 17)
                 .u32(16, 13)
                 .u32(20, 45)
                 .u32(24, 30)
                 .u32(28, 250)
                 .u32(32, 1710683130));
}

TEST_CASE("sccp RegisterAvailableLines") {
  check_wire(msg::RegisterAvailableLines{.max_number_of_available_lines = 6}, Body(8).u32(0, 6));
}

TEST_CASE("sccp HeadsetStatus") {
  check_wire(msg::HeadsetStatus{.headset_mode = HeadsetMode::kOff}, Body(8).u32(0, 2));
}

TEST_CASE("sccp FeatureStatReq") {
  check_wire(msg::FeatureStatReq{.feature_index = 3}, Body(8).u32(0, 3));
}

TEST_CASE("sccp FeatureStatRes") {
  check_wire(
      msg::FeatureStatRes{
          .feature_index = 3, .feature_id = 0x82, .feature_text_label = "DND", .feature_status = 1},
      Body(56).u32(0, 3).u32(4, 0x82).str(8, "DND").u32(48, 1));
}

TEST_CASE("sccp ServiceURLStatReq") {
  check_wire(msg::ServiceUrlStatReq{.service_url_index = 1}, Body(8).u32(0, 1));
}

TEST_CASE("sccp ServiceURLStatRes") {
  const std::string url = "http://10.0.0.1/services/" + std::string(200, 'x');
  check_wire(
      msg::ServiceUrlStatRes{
          .service_url_index = 1, .service_url = url, .service_url_display_name = "Directory"},
      Body(304).u32(0, 1).str(4, url).str(260, "Directory"));
}

TEST_CASE("sccp VersionReq") {
  check_wire(msg::VersionReq{}, Body(4));
}

TEST_CASE("sccp VersionRes") {
  check_wire(msg::VersionRes{.version = "P00308000500"}, Body(20).str(0, "P00308000500"));
}

// ---------------------------------------------------------------------------------------------
// 4.2 Phone -> router call events

TEST_CASE("sccp OffHook: length 12; the 7912's length 4 zero-fills") {
  check_wire(msg::OffHook{.line_instance = 1, .call_reference = 0x01000002},
             Body(12).u32(0, 1).u32(4, 0x01000002));
  const Bytes short_frame = {0x04, 0, 0, 0, 0, 0, 0, 0, 0x06, 0, 0, 0};
  const DecodeResult decoded = decode_bytes(short_frame);
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  CHECK(decoded.consumed == 12);
  CHECK(decoded.length == 4);
  REQUIRE(std::holds_alternative<msg::OffHook>(decoded.message));
  CHECK(std::get<msg::OffHook>(decoded.message) == msg::OffHook{});
}

TEST_CASE("sccp OnHook: length 12; old length 4") {
  check_wire(msg::OnHook{.line_instance = 2, .call_reference = 0x01000003},
             Body(12).u32(0, 2).u32(4, 0x01000003));
  CHECK(decode_as<msg::OnHook>(frame(MessageId::kOnHook, Body(4))) == msg::OnHook{});
}

TEST_CASE("sccp HookFlash") {
  check_wire(msg::HookFlash{.line_instance = 1, .call_reference = 9}, Body(12).u32(0, 1).u32(4, 9));
}

TEST_CASE("sccp OffHookWithCallingPartyNumber: Wireshark's length 56; docs/sccp.md's 28 decodes") {
  check_wire(
      msg::OffHookWithCallingPartyNumber{
          .calling_party_number = "201", .calling_voice_mailbox = "8201", .line_instance = 1},
      Body(56).str(0, "201").str(24, "8201").u32(48, 1));
  CHECK(decode_as<msg::OffHookWithCallingPartyNumber>(
            frame(MessageId::kOffHookWithCallingPartyNumber, Body(28).str(0, "202"))) ==
        msg::OffHookWithCallingPartyNumber{.calling_party_number = "202"});
}

TEST_CASE("sccp KeypadButton: length 16; old length 8") {
  check_wire(
      msg::KeypadButton{
          .kp_button = KeypadButton::kPound, .line_instance = 1, .call_reference = 0x01000001},
      Body(16).u32(0, 15).u32(4, 1).u32(8, 0x01000001));
  const auto old = decode_as<msg::KeypadButton>(frame(MessageId::kKeypadButton, Body(8).u32(0, 7)));
  CHECK(old == msg::KeypadButton{.kp_button = KeypadButton::k7});
}

TEST_CASE("sccp EnblocCall") {
  check_wire(msg::EnblocCall{.called_party = "2025551234"}, Body(28).str(0, "2025551234"));
}

TEST_CASE("sccp Stimulus: length 20; old length 12") {
  check_wire(msg::Stimulus{.stimulus = Stimulus::kLine,
                           .stimulus_instance = 1,
                           .call_reference = 0x01000004,
                           .stimulus_status = 1},
             Body(20).u32(0, 9).u32(4, 1).u32(8, 0x01000004).u32(12, 1));
  const auto old =
      decode_as<msg::Stimulus>(frame(MessageId::kStimulus, Body(12).u32(0, 0x82).u32(4, 1)));
  CHECK(old == msg::Stimulus{.stimulus = Stimulus::kDoNotDisturb, .stimulus_instance = 1});
}

TEST_CASE("sccp SoftKeyEvent: codes above 18 survive") {
  check_wire(msg::SoftKeyEvent{.soft_key_event = SoftKeyEvent::kNewCall}, Body(16).u32(0, 2));
  check_wire(
      msg::SoftKeyEvent{
          .soft_key_event = SoftKeyEvent::kDnd, .line_instance = 1, .call_reference = 0x01000007},
      Body(16).u32(0, 63).u32(4, 1).u32(8, 0x01000007));
  check_wire(msg::SoftKeyEvent{.soft_key_event = static_cast<SoftKeyEvent>(28)},
             Body(16).u32(0, 28));
}

TEST_CASE("sccp OpenReceiveChannelAck: length 24; the 7912's 20") {
  const msg::OpenReceiveChannelAck m{.media_status = MediaStatus::kOk,
                                     .ip_address = {{192, 168, 9, 36}},
                                     .port = 20000,
                                     .pass_thru_party_id = 0x11,
                                     .call_reference = 0x01000001};
  check_wire(
      m, Body(24).raw(4, {0xC0, 0xA8, 0x09, 0x24}).u32(8, 20000).u32(12, 0x11).u32(16, 0x01000001));
  const auto old = decode_as<msg::OpenReceiveChannelAck>(
      frame(MessageId::kOpenReceiveChannelAck,
            Body(20).u32(0, 3).raw(4, {10, 0, 0, 20}).u32(8, 16384).u32(12, 0x22)));
  CHECK(old.media_status == MediaStatus::kCodecTooComplex);
  CHECK(old.ip_address.to_string() == "10.0.0.20");
  CHECK(old.ip_address.to_host() == 0x0A000014);
  CHECK(old.port == 16384);
  CHECK(old.pass_thru_party_id == 0x22);
  CHECK(old.call_reference == 0);
}

TEST_CASE("sccp StartMediaTransmissionAck (Wireshark and chan-sccp layout)") {
  check_wire(msg::StartMediaTransmissionAck{.conference_id = 3,
                                            .pass_thru_party_id = 0xFFFFFFFC,
                                            .call_reference = 3,
                                            .ip_address = {{192, 168, 9, 36}},
                                            .port = 24580,
                                            .transmission_status = MediaStatus::kOk},
             Body(28)
                 .u32(0, 3)
                 .u32(4, 0xFFFFFFFC)
                 .u32(8, 3)
                 .raw(12, {0xC0, 0xA8, 0x09, 0x24})
                 .u32(16, 24580));
}

TEST_CASE("sccp ConnectionStatisticsRes (Wireshark and chan-sccp layout)") {
  check_wire(msg::ConnectionStatisticsRes{.directory_number = "201",
                                          .call_identifier = 0x01000001,
                                          .stats_processing_type = 1,
                                          .packets_sent = 100,
                                          .octets_sent = 16000,
                                          .packets_received = 99,
                                          .octets_received = 15840,
                                          .packets_lost = 1,
                                          .jitter = 2,
                                          .latency = 3},
             Body(64)
                 .str(0, "201")
                 .u32(24, 0x01000001)
                 .u32(28, 1)
                 .u32(32, 100)
                 .u32(36, 16000)
                 .u32(40, 99)
                 .u32(44, 15840)
                 .u32(48, 1)
                 .u32(52, 2)
                 .u32(56, 3));
}

// ---------------------------------------------------------------------------------------------
// 4.3 Router -> phone control

TEST_CASE("sccp StartTone: inside dial tone") {
  check_wire(msg::StartTone{.tone = Tone::kInsideDialTone,
                            .direction = ToneDirection::kUser,
                            .line_instance = 1,
                            .call_reference = 0x01000001},
             Body(20).u32(0, 0x21).u32(8, 1).u32(12, 0x01000001));
  check_wire(msg::StartTone{.tone = Tone::kDtmfPound, .direction = ToneDirection::kNetwork},
             Body(20).u32(0, 0x0F).u32(4, 1));
}

TEST_CASE("sccp StopTone: two fields; a newer tone field is ignored") {
  check_wire(msg::StopTone{.line_instance = 1, .call_reference = 0x01000001},
             Body(12).u32(0, 1).u32(4, 0x01000001));
  const DecodeResult v11 =
      decode_bytes(frame(MessageId::kStopTone, Body(16).u32(0, 1).u32(4, 2).u32(8, 0x21), 0x0B));
  REQUIRE(v11.status == DecodeStatus::kMessage);
  CHECK(v11.header_version == 0x0B);
  CHECK(v11.consumed == 16 + 8);
  CHECK(std::get<msg::StopTone>(v11.message) ==
        msg::StopTone{.line_instance = 1, .call_reference = 2});
}

TEST_CASE("sccp SetRinger") {
  check_wire(msg::SetRinger{.ring_mode = RingMode::kInsideRing,
                            .ring_duration = RingDuration::kNormal,
                            .line_instance = 1,
                            .call_reference = 0x01000005},
             Body(20).u32(0, 2).u32(4, 1).u32(8, 1).u32(12, 0x01000005));
}

TEST_CASE("sccp SetLamp: MWI and line lamps") {
  check_wire(
      msg::SetLamp{
          .stimulus = Stimulus::kVoiceMail, .stimulus_instance = 0, .lamp_mode = LampMode::kOn},
      Body(16).u32(0, 0x0F).u32(8, 2));
  check_wire(
      msg::SetLamp{
          .stimulus = Stimulus::kLine, .stimulus_instance = 1, .lamp_mode = LampMode::kBlink},
      Body(16).u32(0, 0x09).u32(4, 1).u32(8, 5));
}

TEST_CASE("sccp SetSpeakerMode") {
  check_wire(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOn}, Body(8).u32(0, 1));
}

TEST_CASE("sccp SetMicroMode") {
  check_wire(msg::SetMicroMode{.micro_mode = MicroMode::kOff}, Body(8).u32(0, 2));
}

TEST_CASE("sccp CallState") {
  check_wire(msg::CallState{.call_state = CallState::kConnected,
                            .line_instance = 1,
                            .call_reference = 0x01000001,
                            .privacy = 0,
                            .precedence_level = 4,
                            .precedence_domain = 7},
             Body(28).u32(0, 5).u32(4, 1).u32(8, 0x01000001).u32(16, 4).u32(20, 7));
}

TEST_CASE("sccp CallInfo: every field at its offset") {
  msg::CallInfo m;
  m.calling_party_name = "Alice";
  m.calling_party = "201";
  m.called_party_name = "Bob";
  m.called_party = "202";
  m.line_instance = 1;
  m.call_reference = 0x01000001;
  m.call_type = CallType::kForward;
  m.original_called_party_name = "Carol";
  m.original_called_party = "203";
  m.last_redirecting_party_name = "Dave";
  m.last_redirecting_party = "204";
  m.original_cdpn_redirect_reason = 2;
  m.last_redirecting_reason = 3;
  m.calling_voice_mailbox = "8201";
  m.called_voice_mailbox = "8202";
  m.original_called_voice_mailbox = "8203";
  m.last_redirecting_voice_mailbox = "8204";
  m.call_instance = 1;
  m.call_security_status = 4;
  m.party_pi_restriction_bits = 5;
  check_wire(m, Body(388)
                    .str(0, "Alice")
                    .str(40, "201")
                    .str(64, "Bob")
                    .str(104, "202")
                    .u32(128, 1)
                    .u32(132, 0x01000001)
                    .u32(136, 3)
                    .str(140, "Carol")
                    .str(180, "203")
                    .str(204, "Dave")
                    .str(244, "204")
                    .u32(268, 2)
                    .u32(272, 3)
                    .str(276, "8201")
                    .str(300, "8202")
                    .str(324, "8203")
                    .str(348, "8204")
                    .u32(372, 1)
                    .u32(376, 4)
                    .u32(380, 5));
}

TEST_CASE("sccp DialedNumber") {
  check_wire(
      msg::DialedNumber{.dialed_number = "202", .line_instance = 1, .call_reference = 0x01000001},
      Body(36).str(0, "202").u32(24, 1).u32(28, 0x01000001));
}

TEST_CASE("sccp DisplayPromptStatus: localized prompt") {
  check_wire(msg::DisplayPromptStatus{.timeout = 0,
                                      .prompt_text = "\x80\x17"
                                                     "201",
                                      .line_instance = 1,
                                      .call_reference = 0x01000001},
             Body(48).raw(4, {0x80, 0x17, '2', '0', '1'}).u32(36, 1).u32(40, 0x01000001));
}

TEST_CASE("sccp ClearPromptStatus") {
  check_wire(msg::ClearPromptStatus{.line_instance = 1, .call_reference = 0x01000001},
             Body(12).u32(0, 1).u32(4, 0x01000001));
}

TEST_CASE("sccp DisplayNotify") {
  check_wire(msg::DisplayNotify{.timeout = 10, .notify_text = "Forwarded to 203"},
             Body(40).u32(0, 10).str(4, "Forwarded to 203"));
}

TEST_CASE("sccp ClearNotify") {
  check_wire(msg::ClearNotify{}, Body(4));
}

TEST_CASE("sccp DisplayPriNotify") {
  check_wire(
      msg::DisplayPriNotify{.timeout = 0, .priority = 5, .notify_text = "Do Not Disturb is active"},
      Body(44).u32(4, 5).str(8, "Do Not Disturb is active"));
}

TEST_CASE("sccp ClearPriNotify") {
  check_wire(msg::ClearPriNotify{.priority = 5}, Body(8).u32(0, 5));
}

TEST_CASE("sccp SelectSoftKeys") {
  check_wire(msg::SelectSoftKeys{.line_instance = 1,
                                 .call_reference = 0x01000001,
                                 .soft_key_set = SoftKeySet::kOffHook,
                                 .valid_key_mask = 0xFFFFFFFF},
             Body(20).u32(0, 1).u32(4, 0x01000001).u32(8, 4).u32(12, 0xFFFFFFFF));
}

TEST_CASE("sccp ActivateCallPlane") {
  check_wire(msg::ActivateCallPlane{.line_instance = 1}, Body(8).u32(0, 1));
}

TEST_CASE("sccp DeactivateCallPlane") {
  check_wire(msg::DeactivateCallPlane{}, Body(4));
}

TEST_CASE("sccp BackSpaceRes") {
  check_wire(msg::BackSpaceRes{.line_instance = 1, .call_reference = 0x01000001},
             Body(12).u32(0, 1).u32(4, 0x01000001));
}

TEST_CASE("sccp OpenReceiveChannel: full 96 bytes") {
  msg::OpenReceiveChannel m;
  m.conference_id = 0x01000001;
  m.pass_thru_party_id = 0x11;
  m.ms_packet_size = 20;
  m.compression_type = Codec::kG711Ulaw;
  m.echo_cancellation = 1;
  m.g723_bit_rate = 2;
  m.call_reference = 0x01000001;
  m.encryption.algorithm = 1;
  m.encryption.key_length = 16;
  m.encryption.salt_length = 14;
  m.encryption.key[0] = 0xAA;
  m.encryption.key[15] = 0xAB;
  m.encryption.salt[0] = 0xBA;
  m.encryption.salt[15] = 0xBB;
  m.encryption.is_mki_present = 1;
  m.encryption.key_derivation_rate = 3;
  m.stream_pass_through_id = 4;
  m.associated_stream_id = 5;
  m.rfc2833_payload_type = 101;
  m.dtmf_type = 6;
  check_wire(m, Body(96)
                    .u32(0, 0x01000001)
                    .u32(4, 0x11)
                    .u32(8, 20)
                    .u32(12, 4)
                    .u32(16, 1)
                    .u32(20, 2)
                    .u32(24, 0x01000001)
                    .u32(28, 1)
                    .u16(32, 16)
                    .u16(34, 14)
                    .u8(36, 0xAA)
                    .u8(51, 0xAB)
                    .u8(52, 0xBA)
                    .u8(67, 0xBB)
                    .u32(68, 1)
                    .u32(72, 3)
                    .u32(76, 4)
                    .u32(80, 5)
                    .u32(84, 101)
                    .u32(88, 6));
  // CUCM 4.1's shortened form (length 72) reads as zero past its end.
  const auto cucm = decode_as<msg::OpenReceiveChannel>(
      frame(MessageId::kOpenReceiveChannel, Body(72).u32(0, 9).u32(12, 4).u32(24, 9)));
  CHECK(cucm.conference_id == 9);
  CHECK(cucm.compression_type == Codec::kG711Ulaw);
  CHECK(cucm.rfc2833_payload_type == 0);
}

TEST_CASE("sccp CloseReceiveChannel") {
  check_wire(msg::CloseReceiveChannel{.conference_id = 0x01000001,
                                      .pass_thru_party_id = 0x11,
                                      .call_reference = 0x01000001,
                                      .port_handling_flag = 1},
             Body(20).u32(0, 0x01000001).u32(4, 0x11).u32(8, 0x01000001).u32(12, 1));
}

TEST_CASE("sccp StartMediaTransmission: remote IP in network order") {
  msg::StartMediaTransmission m;
  m.conference_id = 0x01000001;
  m.pass_thru_party_id = 0x11;
  m.remote_ip_address = Ipv4Address::from_host(0x0A000014);
  m.remote_port = 16384;
  m.ms_packet_size = 20;
  m.compression_type = Codec::kG711Ulaw;
  m.precedence = 184;
  m.silence_suppression = 1;
  m.max_frames_per_packet = 2;
  m.g723_bit_rate = 3;
  m.call_reference = 0x01000001;
  m.encryption.algorithm = 1;
  m.encryption.key_length = 16;
  m.encryption.salt_length = 14;
  m.encryption.key[0] = 0xAA;
  m.encryption.salt[15] = 0xBB;
  m.encryption.is_mki_present = 1;
  m.encryption.key_derivation_rate = 4;
  m.stream_pass_through_id = 5;
  m.associated_stream_id = 6;
  m.rfc2833_payload_type = 101;
  m.dtmf_type = 7;
  m.mixing_mode = 8;
  check_wire(m, Body(116)
                    .u32(0, 0x01000001)
                    .u32(4, 0x11)
                    .raw(8, {0x0A, 0x00, 0x00, 0x14})
                    .u32(12, 16384)
                    .u32(16, 20)
                    .u32(20, 4)
                    .u32(24, 184)
                    .u32(28, 1)
                    .u16(32, 2)
                    .u32(36, 3)
                    .u32(40, 0x01000001)
                    .u32(44, 1)
                    .u16(48, 16)
                    .u16(50, 14)
                    .u8(52, 0xAA)
                    .u8(83, 0xBB)
                    .u32(84, 1)
                    .u32(88, 4)
                    .u32(92, 5)
                    .u32(96, 6)
                    .u32(100, 101)
                    .u32(104, 7)
                    .u32(108, 8));
}

TEST_CASE("sccp StopMediaTransmission") {
  check_wire(msg::StopMediaTransmission{.conference_id = 0x01000001,
                                        .pass_thru_party_id = 0x11,
                                        .call_reference = 0x01000001,
                                        .port_handling_flag = 0},
             Body(20).u32(0, 0x01000001).u32(4, 0x11).u32(8, 0x01000001));
}

// ---------------------------------------------------------------------------------------------
// Every modelled message

namespace {
template <std::size_t... I>
void check_every_default(std::index_sequence<I...>) {
  (
      [] {
        using M = std::variant_alternative_t<I, Message>;
        CAPTURE(M::kName);
        const Bytes wire = encode(M{});
        const std::size_t body =
            std::is_same_v<M, msg::CapabilitiesRes> ? 4 : M::kBodySize;  // count 0
        REQUIRE(wire.size() == 12 + body);
        CHECK(wire[0] == static_cast<std::uint8_t>(4 + body));
        CHECK(wire[1] == static_cast<std::uint8_t>((4 + body) >> 8));
        CHECK(wire[4] == 0);  // header version 0
        const DecodeResult decoded = decode_bytes(wire);
        REQUIRE(decoded.status == DecodeStatus::kMessage);
        CHECK(std::holds_alternative<M>(decoded.message));
        CHECK(message_name(M::kId) == M::kName);
        CHECK(message_id(decoded.message) == M::kId);
        CHECK(is_known(M::kId));
        // A zero-length body decodes as the all-zero message.
        const DecodeResult empty = decode_bytes(frame(static_cast<std::uint32_t>(M::kId), {}));
        REQUIRE(std::holds_alternative<M>(empty.message));
        CHECK(std::get<M>(empty.message) == M{});
      }(),
      ...);
}
}  // namespace

TEST_CASE("sccp every message: header version 0, Basic length, decodes to its own type") {
  constexpr std::size_t kKnown = std::variant_size_v<Message> - 1;
  CHECK(kKnown == 70);
  check_every_default(std::make_index_sequence<kKnown>{});
}

// ---------------------------------------------------------------------------------------------
// Framing

TEST_CASE("sccp framing: an unknown ID keeps its body and re-encodes unchanged") {
  const Bytes wire = frame(0x0142, Bytes{1, 2, 3, 4, 5});
  const DecodeResult decoded = decode_bytes(wire);
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  REQUIRE(std::holds_alternative<UnknownMessage>(decoded.message));
  const auto& unknown = std::get<UnknownMessage>(decoded.message);
  CHECK(unknown.id == static_cast<MessageId>(0x0142));
  CHECK(unknown.body == Bytes{1, 2, 3, 4, 5});
  CHECK(message_id(decoded.message) == static_cast<MessageId>(0x0142));
  CHECK(message_name(unknown.id).empty());
  CHECK_FALSE(is_known(unknown.id));
  CHECK(encode(decoded.message) == wire);
}

TEST_CASE("sccp framing: any header version is accepted") {
  const DecodeResult decoded =
      decode_bytes(frame(MessageId::kCallState, Body(28).u32(0, 4).u32(4, 1).u32(8, 77), 0x16));
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  CHECK(decoded.header_version == 0x16);
  CHECK(std::get<msg::CallState>(decoded.message) ==
        msg::CallState{.call_state = CallState::kRingIn, .line_instance = 1, .call_reference = 77});
}

TEST_CASE("sccp framing: need more until the whole frame is in") {
  const Bytes wire = encode(msg::SetLamp{.stimulus = Stimulus::kLine, .stimulus_instance = 1});
  for (std::size_t n = 0; n < wire.size(); ++n) {
    CAPTURE(n);
    CHECK(decode(std::span(wire.data(), n)).status == DecodeStatus::kNeedMore);
  }
  CHECK(decode(std::span(wire)).status == DecodeStatus::kMessage);
}

TEST_CASE("sccp framing: length above 2000 refused as soon as the length is in") {
  const Bytes too_long = {0xD1, 0x07, 0x00, 0x00};  // 2001
  const DecodeResult refused = decode_bytes(too_long);
  CHECK(refused.status == DecodeStatus::kError);
  CHECK(refused.error == CodecError::kLengthTooLarge);
  CHECK(refused.error.category() == codec_category());
  CHECK(refused.error.message() == "SCCP message length above the limit");
  CHECK(decode_bytes({0xFF, 0xFF, 0xFF, 0xFF}).error == CodecError::kLengthTooLarge);

  // 2000 is allowed.
  Bytes largest = frame(0x0142, Bytes(1996, 0x41));
  CHECK(decode(std::span(largest.data(), largest.size() - 1)).status == DecodeStatus::kNeedMore);
  const DecodeResult accepted = decode_bytes(largest);
  REQUIRE(accepted.status == DecodeStatus::kMessage);
  CHECK(accepted.length == 2000);
  CHECK(accepted.consumed == 2008);

  // The limit is a parameter.
  CHECK(decode(std::span(largest), 1000).error == CodecError::kLengthTooLarge);
}

TEST_CASE("sccp framing: length below 4 refused") {
  for (std::uint8_t length = 0; length < 4; ++length) {
    CAPTURE(length);
    const DecodeResult refused = decode_bytes({length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(refused.status == DecodeStatus::kError);
    CHECK(refused.error == CodecError::kLengthTooSmall);
  }
}

TEST_CASE("sccp framing: two messages in one buffer") {
  const Bytes wire =
      concat({encode(msg::KeepAliveAck{}), encode(msg::CallState{.call_state = CallState::kOffHook,
                                                                 .line_instance = 1,
                                                                 .call_reference = 0x01000001})});
  const DecodeResult first = decode_bytes(wire);
  REQUIRE(first.status == DecodeStatus::kMessage);
  CHECK(std::holds_alternative<msg::KeepAliveAck>(first.message));
  CHECK(first.consumed == 12);
  const DecodeResult second = decode(std::span(wire).subspan(first.consumed));
  REQUIRE(second.status == DecodeStatus::kMessage);
  CHECK(std::get<msg::CallState>(second.message).call_reference == 0x01000001);
  CHECK(first.consumed + second.consumed == wire.size());

  FrameReader reader;
  reader.append(wire);
  CHECK(std::holds_alternative<msg::KeepAliveAck>(reader.next().message));
  CHECK(std::holds_alternative<msg::CallState>(reader.next().message));
  CHECK(reader.next().status == DecodeStatus::kNeedMore);
  CHECK(reader.buffered() == 0);
}

TEST_CASE("sccp framing: one message split across three reads") {
  const msg::LineStatRes line{.line_number = 1,
                              .line_dir_number = "201",
                              .line_fully_qualified_display_name = "201",
                              .line_text_label = "Alice",
                              .line_display_options = 9};
  const Bytes wire = encode(line);
  // Inside the length field, then inside the body.
  const std::span<const std::uint8_t> all(wire);
  FrameReader reader;
  reader.append(all.subspan(0, 2));
  CHECK(reader.next().status == DecodeStatus::kNeedMore);
  reader.append(all.subspan(2, 50));
  CHECK(reader.next().status == DecodeStatus::kNeedMore);
  CHECK(reader.buffered() == 52);
  reader.append(all.subspan(52));
  const DecodeResult decoded = reader.next();
  REQUIRE(decoded.status == DecodeStatus::kMessage);
  CHECK(std::get<msg::LineStatRes>(decoded.message) == line);
  CHECK(reader.next().status == DecodeStatus::kNeedMore);
}

TEST_CASE("sccp framing: a stream fed byte by byte, and reads that straddle frames") {
  std::vector<Message> sent = {
      msg::RegisterAck{.keep_alive_interval = 30, .date_template = "M/D/Y"},
      msg::CapabilitiesReq{},
      msg::DisplayPromptStatus{.prompt_text = "\x80\x20", .line_instance = 1},
      msg::StartTone{.tone = Tone::kAlertingTone, .line_instance = 1},
      UnknownMessage{static_cast<MessageId>(0x0145), {9, 9, 9}},
  };
  Bytes wire;
  for (const Message& m : sent) encode(m, wire);

  for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{13}, std::size_t{100}}) {
    CAPTURE(chunk);
    FrameReader reader;
    std::vector<Message> received;
    for (std::size_t at = 0; at < wire.size(); at += chunk) {
      reader.append(std::span(wire).subspan(at, std::min(chunk, wire.size() - at)));
      for (DecodeResult r = reader.next(); r.status == DecodeStatus::kMessage; r = reader.next()) {
        received.push_back(r.message);
      }
    }
    CHECK(received == sent);
    CHECK(reader.buffered() == 0);
  }
}

TEST_CASE("sccp framing: FrameReader stops at an oversize length and stays stopped") {
  FrameReader reader;
  reader.append(encode(msg::KeepAlive{}));
  reader.append(Bytes{0xD1, 0x07, 0, 0, 0, 0, 0, 0});
  CHECK(std::holds_alternative<msg::KeepAlive>(reader.next().message));
  DecodeResult refused = reader.next();
  CHECK(refused.status == DecodeStatus::kError);
  CHECK(refused.error == CodecError::kLengthTooLarge);
  CHECK(reader.error() == CodecError::kLengthTooLarge);
  reader.append(encode(msg::KeepAlive{}));
  CHECK(reader.next().status == DecodeStatus::kError);

  FrameReader strict(100);
  CHECK(strict.max_length() == 100);
  strict.append(encode(msg::LineStatRes{}));  // length 116
  CHECK(strict.next().error == CodecError::kLengthTooLarge);
  FrameReader relaxed;
  relaxed.set_max_length(116);
  relaxed.append(encode(msg::LineStatRes{}));
  CHECK(relaxed.next().status == DecodeStatus::kMessage);
}

// ---------------------------------------------------------------------------------------------
// Strings

TEST_CASE("sccp strings: zero-filled after the NUL, no stray bytes") {
  msg::DisplayNotify m{.notify_text = "Forwarded to 203 and then more"};
  m.notify_text = "Fwd";  // shorter text over a longer one
  const Bytes wire = encode(m);
  REQUIRE(wire.size() == 40 + 8);
  CHECK(hex(Bytes(wire.begin() + 16, wire.end())) ==
        "46 77 64 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");

  // Stray bytes a peer left after its NUL are dropped, and do not come back on re-encoding.
  const Bytes stray =
      frame(MessageId::kDisplayNotify, Body(40).str(4, std::string_view("Hi\0garbage", 10)));
  const auto decoded = decode_as<msg::DisplayNotify>(stray);
  CHECK(decoded.notify_text == "Hi");
  CHECK(encode(decoded) == frame(MessageId::kDisplayNotify, Body(40).str(4, "Hi")));
}

TEST_CASE("sccp strings: cmemu's text keeps a NUL; a peer's full-width field is kept whole") {
  msg::LineStatRes m;
  m.line_dir_number = std::string(30, '7');  // c[24]: 23 digits and a NUL
  CHECK(m.line_dir_number.view() == std::string(23, '7'));
  const Bytes wire = encode(m);
  CHECK(wire[12 + 4 + 22] == '7');
  CHECK(wire[12 + 4 + 23] == 0);

  const std::string full(24, '8');
  const auto decoded = decode_as<msg::LineStatRes>(
      frame(MessageId::kLineStatRes, Body(116).str(4, full).str(28, "x")));
  CHECK(decoded.line_dir_number == full);
  CHECK(decoded.line_fully_qualified_display_name == "x");
  CHECK(encode(decoded) == frame(MessageId::kLineStatRes, Body(116).str(4, full).str(28, "x")));

  FixedString<6> date = std::string("M/D/Y");
  CHECK(date == std::string_view("M/D/Y"));
  CHECK(date == FixedString<6>("M/D/Y"));
  CHECK(date.str() == "M/D/Y");
  date.assign(std::string_view("ab\0cd", 5));  // stops at an embedded NUL
  CHECK(date == "ab");
  CHECK(date.bytes()[2] == 0);
  CHECK(date.bytes()[3] == 0);
  CHECK(FixedString<6>().empty());
}

// ---------------------------------------------------------------------------------------------
// Enumeration helpers

TEST_CASE("sccp enums: device types of ephone type keywords (docs/sccp.md §8)") {
  CHECK(device_type_for_model("7961") == DeviceType::k7961);
  CHECK(static_cast<std::uint32_t>(DeviceType::k7961) == 30018);
  CHECK(device_type_for_model("7961ge") == DeviceType::k7961GE);
  CHECK(device_type_for_model("7960") == DeviceType::k7960);
  CHECK(static_cast<std::uint32_t>(DeviceType::k7960) == 7);
  CHECK(device_type_for_model("7970") == DeviceType::k7970);
  CHECK(device_type_for_model("cipc") == DeviceType::kCipc);
  CHECK_FALSE(device_type_for_model("9999").has_value());
  CHECK(device_model_name(DeviceType::k7912) == "7912");
  CHECK(device_model_name(static_cast<DeviceType>(1)).empty());
}

TEST_CASE("sccp enums: keypad buttons and DTMF tones") {
  CHECK(keypad_button('#') == KeypadButton::kPound);
  CHECK(keypad_button('0') == KeypadButton::k0);
  CHECK(keypad_button('b') == KeypadButton::kB);
  CHECK_FALSE(keypad_button('x').has_value());
  CHECK(keypad_char(KeypadButton::kStar) == '*');
  CHECK(keypad_char(KeypadButton::kPlus) == '+');
  CHECK(keypad_char(static_cast<KeypadButton>(99)) == '\0');
  CHECK(dtmf_tone('0') == Tone::kDtmf0);
  CHECK(static_cast<std::uint32_t>(*dtmf_tone('0')) == 0x0A);
  CHECK(dtmf_tone('*') == Tone::kDtmfStar);
  CHECK(dtmf_tone('d') == Tone::kDtmfD);
  CHECK_FALSE(dtmf_tone('+').has_value());
}
