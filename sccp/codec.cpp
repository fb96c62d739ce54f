#include "sccp/codec.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <string>
#include <utility>

namespace cmemu::sccp {
namespace {

// ---------------------------------------------------------------------------------------------
// Field access. A layout names each field with its body offset; the same layout drives the
// decoder (BodyReader), the encoder (BodyWriter) and a compile-time check (LayoutProbe).

template <class T>
concept WireNumber = std::integral<T> || std::is_enum_v<T>;

/// Reads fields from a received body: bytes past its end read as zero (short bodies), bytes past
/// the layout are never looked at (long bodies).
class BodyReader {
 public:
  explicit BodyReader(std::span<const std::uint8_t> body) : body_(body) {}

  template <WireNumber T>
  void u8(std::size_t offset, T& field) const {
    field = static_cast<T>(get(offset, 1));
  }
  template <WireNumber T>
  void u16(std::size_t offset, T& field) const {
    field = static_cast<T>(get(offset, 2));
  }
  template <WireNumber T>
  void u32(std::size_t offset, T& field) const {
    field = static_cast<T>(get(offset, 4));
  }
  void ip4(std::size_t offset, Ipv4Address& field) const {
    for (std::size_t i = 0; i < 4; ++i) field.octets[i] = at(offset + i);
  }
  template <std::size_t N>
  void raw(std::size_t offset, std::array<std::uint8_t, N>& field) const {
    for (std::size_t i = 0; i < N; ++i) field[i] = at(offset + i);
  }
  template <std::size_t N>
  void str(std::size_t offset, FixedString<N>& field) const {
    std::array<char, N> chars{};
    for (std::size_t i = 0; i < N; ++i) chars[i] = static_cast<char>(at(offset + i));
    field.assign_field(std::string_view(chars.data(), N));
  }

 private:
  std::uint8_t at(std::size_t index) const { return index < body_.size() ? body_[index] : 0; }
  std::uint32_t get(std::size_t offset, std::size_t width) const {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < width; ++i) value |= std::uint32_t{at(offset + i)} << (8 * i);
    return value;
  }
  std::span<const std::uint8_t> body_;
};

/// Writes fields into a zero-filled body; a field (or part of one) past the body's end is not
/// written (CapabilitiesRes entries past count, RegisterReq extension when absent).
class BodyWriter {
 public:
  explicit BodyWriter(std::span<std::uint8_t> body) : body_(body) {}

  template <WireNumber T>
  void u8(std::size_t offset, const T& field) {
    put(offset, 1, static_cast<std::uint32_t>(field));
  }
  template <WireNumber T>
  void u16(std::size_t offset, const T& field) {
    put(offset, 2, static_cast<std::uint32_t>(field));
  }
  template <WireNumber T>
  void u32(std::size_t offset, const T& field) {
    put(offset, 4, static_cast<std::uint32_t>(field));
  }
  void ip4(std::size_t offset, const Ipv4Address& field) {
    for (std::size_t i = 0; i < 4; ++i) set(offset + i, field.octets[i]);
  }
  template <std::size_t N>
  void raw(std::size_t offset, const std::array<std::uint8_t, N>& field) {
    for (std::size_t i = 0; i < N; ++i) set(offset + i, field[i]);
  }
  template <std::size_t N>
  void str(std::size_t offset, const FixedString<N>& field) {
    for (std::size_t i = 0; i < N; ++i)
      set(offset + i, static_cast<std::uint8_t>(field.bytes()[i]));
  }

 private:
  void set(std::size_t index, std::uint8_t byte) {
    if (index < body_.size()) body_[index] = byte;
  }
  void put(std::size_t offset, std::size_t width, std::uint32_t value) {
    for (std::size_t i = 0; i < width; ++i)
      set(offset + i, static_cast<std::uint8_t>(value >> (8 * i)));
  }
  std::span<std::uint8_t> body_;
};

/// Compile-time check of a layout: where it ends, and that no two fields share a byte.
class LayoutProbe {
 public:
  template <class T>
  constexpr void u8(std::size_t offset, const T&) {
    cover(offset, 1);
  }
  template <class T>
  constexpr void u16(std::size_t offset, const T&) {
    cover(offset, 2);
  }
  template <class T>
  constexpr void u32(std::size_t offset, const T&) {
    cover(offset, 4);
  }
  constexpr void ip4(std::size_t offset, const Ipv4Address&) { cover(offset, 4); }
  template <std::size_t N>
  constexpr void raw(std::size_t offset, const std::array<std::uint8_t, N>&) {
    cover(offset, N);
  }
  template <std::size_t N>
  constexpr void str(std::size_t offset, const FixedString<N>&) {
    cover(offset, N);
  }

  std::size_t end = 0;
  bool overlap = false;

 private:
  constexpr void cover(std::size_t offset, std::size_t width) {
    for (std::size_t i = offset; i < offset + width; ++i) {
      if (i >= used_.size() || used_[i]) {
        overlap = true;
        continue;
      }
      used_[i] = true;
    }
    end = std::max(end, offset + width);
  }
  std::array<bool, 1024> used_{};
};

// ---------------------------------------------------------------------------------------------
// Layouts (docs/sccp.md §4, Basic). `M` is the message struct, const when encoding.

template <class M, class T>
concept Is = std::same_as<std::remove_const_t<M>, T>;

template <class M>
concept Empty = Is<M, msg::KeepAlive> || Is<M, msg::KeepAliveAck> || Is<M, msg::UnregisterReq> ||
    Is<M, msg::CapabilitiesReq> || Is<M, msg::ButtonTemplateReq> ||
    Is<M, msg::SoftKeyTemplateReq> || Is<M, msg::SoftKeySetReq> || Is<M, msg::ConfigStatReq> ||
    Is<M, msg::TimeDateReq> || Is<M, msg::VersionReq> || Is<M, msg::ClearNotify> ||
    Is<M, msg::DeactivateCallPlane>;

/// { lineInstance, callReference } at 0 and 4.
template <class M>
concept LineAndCall = Is<M, msg::OffHook> || Is<M, msg::OnHook> || Is<M, msg::HookFlash> ||
    Is<M, msg::StopTone> || Is<M, msg::ClearPromptStatus> || Is<M, msg::BackSpaceRes>;

/// { conferenceId, passThruPartyId, callReference, portHandlingFlag }.
template <class M>
concept ChannelClose = Is<M, msg::CloseReceiveChannel> || Is<M, msg::StopMediaTransmission>;

template <class Io, Empty M>
constexpr void layout(Io&, M&) {}

template <class Io, LineAndCall M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_instance);
  io.u32(4, m.call_reference);
}

template <class Io, ChannelClose M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.conference_id);
  io.u32(4, m.pass_thru_party_id);
  io.u32(8, m.call_reference);
  io.u32(12, m.port_handling_flag);
}

// 4.1 Registration and management

template <class Io, Is<msg::RegisterReq> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.device_name);
  io.u32(16, m.station_user_id);
  io.u32(20, m.station_instance);
  io.ip4(24, m.station_ip);
  io.u32(28, m.device_type);
  io.u32(32, m.max_streams);
  io.u32(36, m.active_streams);
  io.u8(40, m.protocol_version);
  io.u8(41, m.reserved);
  io.u16(42, m.phone_features);
  io.u32(44, m.max_conferences);
  io.u32(48, m.active_conferences);
  io.raw(52, m.mac_address);  // 6 pad bytes follow
  io.u32(64, m.ipv4_address_scope);
  io.u32(68, m.max_number_of_lines);
  io.raw(72, m.ipv6_address);
  io.u32(88, m.ipv6_address_scope);
  io.str(92, m.firmware_load_name);
}

template <class Io, Is<msg::RegisterAck> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.keep_alive_interval);
  io.str(4, m.date_template);  // 2 pad bytes follow
  io.u32(12, m.secondary_keep_alive_interval);
  io.u8(16, m.max_protocol_version);
  io.u8(17, m.reserved);
  io.u16(18, m.phone_features);
}

template <class Io, Is<msg::RegisterReject> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.text);
}

template <class Io, Is<msg::UnregisterAck> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.status);
}

template <class Io, Is<msg::Reset> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.reset_type);
}

template <class Io, Is<msg::IpPort> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.rtp_media_port);
}

template <class Io, Is<msg::Alarm> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.alarm_severity);
  io.str(4, m.text);
  io.u32(84, m.parm1);
  io.u32(88, m.parm2);
}

template <class Io, Is<msg::CapabilitiesRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.count);
  for (std::size_t i = 0; i < msg::CapabilitiesRes::kMaxCapabilities; ++i) {
    const std::size_t at = 4 + 16 * i;
    io.u32(at, m.capabilities[i].payload_capability);
    io.u32(at + 4, m.capabilities[i].max_frames_per_packet);
    io.raw(at + 8, m.capabilities[i].codec_params);
  }
}

template <class Io, Is<msg::ButtonTemplateRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.button_offset);
  io.u32(4, m.button_count);
  io.u32(8, m.total_button_count);
  for (std::size_t i = 0; i < msg::ButtonTemplateRes::kMaxButtons; ++i) {
    io.u8(12 + 2 * i, m.buttons[i].instance_number);
    io.u8(13 + 2 * i, m.buttons[i].button_definition);
  }
}

template <class Io, Is<msg::SoftKeyTemplateRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.soft_key_offset);
  io.u32(4, m.soft_key_count);
  io.u32(8, m.total_soft_key_count);
  for (std::size_t i = 0; i < msg::SoftKeyTemplateRes::kMaxSoftKeys; ++i) {
    io.str(12 + 20 * i, m.soft_keys[i].label);
    io.u32(28 + 20 * i, m.soft_keys[i].event);
  }
}

template <class Io, Is<msg::SoftKeySetRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.soft_key_set_offset);
  io.u32(4, m.soft_key_set_count);
  io.u32(8, m.total_soft_key_set_count);
  for (std::size_t s = 0; s < msg::SoftKeySetRes::kMaxSets; ++s) {
    const std::size_t at = 12 + 48 * s;
    io.raw(at, m.sets[s].template_index);
    for (std::size_t k = 0; k < msg::SoftKeySetDefinition::kMaxKeys; ++k) {
      io.u16(at + 16 + 2 * k, m.sets[s].info_index[k]);
    }
  }
}

template <class Io, Is<msg::LineStatReq> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_number);
}

template <class Io, Is<msg::LineStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_number);
  io.str(4, m.line_dir_number);
  io.str(28, m.line_fully_qualified_display_name);
  io.str(68, m.line_text_label);
  io.u32(108, m.line_display_options);
}

template <class Io, Is<msg::SpeedDialStatReq> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.speed_dial_number);
}

template <class Io, Is<msg::SpeedDialStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.speed_dial_number);
  io.str(4, m.speed_dial_dir_number);
  io.str(28, m.speed_dial_display_name);
}

template <class Io, Is<msg::ForwardStatReq> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_number);
}

template <class Io, Is<msg::ForwardStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.active_forward);
  io.u32(4, m.line_number);
  io.u32(8, m.forward_all_active);
  io.str(12, m.forward_all_dir_number);
  io.u32(36, m.forward_busy_active);
  io.str(40, m.forward_busy_dir_number);
  io.u32(64, m.forward_no_answer_active);
  io.str(68, m.forward_no_answer_dir_number);
}

template <class Io, Is<msg::ConfigStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.device_name);
  io.u32(16, m.station_user_id);
  io.u32(20, m.station_instance);
  io.str(24, m.user_name);
  io.str(64, m.server_name);
  io.u32(104, m.number_of_lines);
  io.u32(108, m.number_of_speed_dials);
}

template <class Io, Is<msg::DefineTimeDate> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.year);
  io.u32(4, m.month);
  io.u32(8, m.day_of_week);
  io.u32(12, m.day);
  io.u32(16, m.hour);
  io.u32(20, m.minute);
  io.u32(24, m.second);
  io.u32(28, m.milliseconds);
  io.u32(32, m.system_time);
}

template <class Io, Is<msg::RegisterAvailableLines> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.max_number_of_available_lines);
}

template <class Io, Is<msg::HeadsetStatus> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.headset_mode);
}

template <class Io, Is<msg::FeatureStatReq> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.feature_index);
}

template <class Io, Is<msg::FeatureStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.feature_index);
  io.u32(4, m.feature_id);
  io.str(8, m.feature_text_label);
  io.u32(48, m.feature_status);
}

template <class Io, Is<msg::ServiceUrlStatReq> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.service_url_index);
}

template <class Io, Is<msg::ServiceUrlStatRes> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.service_url_index);
  io.str(4, m.service_url);
  io.str(260, m.service_url_display_name);
}

template <class Io, Is<msg::VersionRes> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.version);
}

// 4.2 Phone -> router call events

template <class Io, Is<msg::OffHookWithCallingPartyNumber> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.calling_party_number);
  io.str(24, m.calling_voice_mailbox);
  io.u32(48, m.line_instance);
}

template <class Io, Is<msg::KeypadButton> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.kp_button);
  io.u32(4, m.line_instance);
  io.u32(8, m.call_reference);
}

template <class Io, Is<msg::EnblocCall> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.called_party);
}

template <class Io, Is<msg::Stimulus> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.stimulus);
  io.u32(4, m.stimulus_instance);
  io.u32(8, m.call_reference);
  io.u32(12, m.stimulus_status);
}

template <class Io, Is<msg::SoftKeyEvent> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.soft_key_event);
  io.u32(4, m.line_instance);
  io.u32(8, m.call_reference);
}

template <class Io, Is<msg::OpenReceiveChannelAck> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.media_status);
  io.ip4(4, m.ip_address);
  io.u32(8, m.port);
  io.u32(12, m.pass_thru_party_id);
  io.u32(16, m.call_reference);
}

template <class Io, Is<msg::StartMediaTransmissionAck> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.conference_id);
  io.u32(4, m.pass_thru_party_id);
  io.u32(8, m.call_reference);
  io.ip4(12, m.ip_address);
  io.u32(16, m.port);
  io.u32(20, m.transmission_status);
}

template <class Io, Is<msg::ConnectionStatisticsRes> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.directory_number);
  io.u32(24, m.call_identifier);
  io.u32(28, m.stats_processing_type);
  io.u32(32, m.packets_sent);
  io.u32(36, m.octets_sent);
  io.u32(40, m.packets_received);
  io.u32(44, m.octets_received);
  io.u32(48, m.packets_lost);
  io.u32(52, m.jitter);
  io.u32(56, m.latency);
}

// 4.3 Router -> phone control

template <class Io, Is<msg::StartTone> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.tone);
  io.u32(4, m.direction);
  io.u32(8, m.line_instance);
  io.u32(12, m.call_reference);
}

template <class Io, Is<msg::SetRinger> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.ring_mode);
  io.u32(4, m.ring_duration);
  io.u32(8, m.line_instance);
  io.u32(12, m.call_reference);
}

template <class Io, Is<msg::SetLamp> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.stimulus);
  io.u32(4, m.stimulus_instance);
  io.u32(8, m.lamp_mode);
}

template <class Io, Is<msg::SetSpeakerMode> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.speaker_mode);
}

template <class Io, Is<msg::SetMicroMode> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.micro_mode);
}

template <class Io, Is<msg::CallState> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.call_state);
  io.u32(4, m.line_instance);
  io.u32(8, m.call_reference);
  io.u32(12, m.privacy);
  io.u32(16, m.precedence_level);
  io.u32(20, m.precedence_domain);
}

template <class Io, Is<msg::CallInfo> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.calling_party_name);
  io.str(40, m.calling_party);
  io.str(64, m.called_party_name);
  io.str(104, m.called_party);
  io.u32(128, m.line_instance);
  io.u32(132, m.call_reference);
  io.u32(136, m.call_type);
  io.str(140, m.original_called_party_name);
  io.str(180, m.original_called_party);
  io.str(204, m.last_redirecting_party_name);
  io.str(244, m.last_redirecting_party);
  io.u32(268, m.original_cdpn_redirect_reason);
  io.u32(272, m.last_redirecting_reason);
  io.str(276, m.calling_voice_mailbox);
  io.str(300, m.called_voice_mailbox);
  io.str(324, m.original_called_voice_mailbox);
  io.str(348, m.last_redirecting_voice_mailbox);
  io.u32(372, m.call_instance);
  io.u32(376, m.call_security_status);
  io.u32(380, m.party_pi_restriction_bits);
}

template <class Io, Is<msg::DialedNumber> M>
constexpr void layout(Io& io, M& m) {
  io.str(0, m.dialed_number);
  io.u32(24, m.line_instance);
  io.u32(28, m.call_reference);
}

template <class Io, Is<msg::DisplayPromptStatus> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.timeout);
  io.str(4, m.prompt_text);
  io.u32(36, m.line_instance);
  io.u32(40, m.call_reference);
}

template <class Io, Is<msg::DisplayNotify> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.timeout);
  io.str(4, m.notify_text);
}

template <class Io, Is<msg::DisplayPriNotify> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.timeout);
  io.u32(4, m.priority);
  io.str(8, m.notify_text);
}

template <class Io, Is<msg::ClearPriNotify> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.priority);
}

template <class Io, Is<msg::SelectSoftKeys> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_instance);
  io.u32(4, m.call_reference);
  io.u32(8, m.soft_key_set);
  io.u32(12, m.valid_key_mask);
}

template <class Io, Is<msg::ActivateCallPlane> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.line_instance);
}

/// The 48-byte encryption block at `at`.
template <class Io, Is<msg::EncryptionInfo> E>
constexpr void encryption_layout(Io& io, std::size_t at, E& e) {
  io.u32(at, e.algorithm);
  io.u16(at + 4, e.key_length);
  io.u16(at + 6, e.salt_length);
  io.raw(at + 8, e.key);
  io.raw(at + 24, e.salt);
  io.u32(at + 40, e.is_mki_present);
  io.u32(at + 44, e.key_derivation_rate);
}

template <class Io, Is<msg::OpenReceiveChannel> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.conference_id);
  io.u32(4, m.pass_thru_party_id);
  io.u32(8, m.ms_packet_size);
  io.u32(12, m.compression_type);
  io.u32(16, m.echo_cancellation);
  io.u32(20, m.g723_bit_rate);
  io.u32(24, m.call_reference);
  encryption_layout(io, 28, m.encryption);
  io.u32(76, m.stream_pass_through_id);
  io.u32(80, m.associated_stream_id);
  io.u32(84, m.rfc2833_payload_type);
  io.u32(88, m.dtmf_type);
}

template <class Io, Is<msg::StartMediaTransmission> M>
constexpr void layout(Io& io, M& m) {
  io.u32(0, m.conference_id);
  io.u32(4, m.pass_thru_party_id);
  io.ip4(8, m.remote_ip_address);
  io.u32(12, m.remote_port);
  io.u32(16, m.ms_packet_size);
  io.u32(20, m.compression_type);
  io.u32(24, m.precedence);
  io.u32(28, m.silence_suppression);
  io.u16(32, m.max_frames_per_packet);  // 2 pad bytes follow
  io.u32(36, m.g723_bit_rate);
  io.u32(40, m.call_reference);
  encryption_layout(io, 44, m.encryption);
  io.u32(92, m.stream_pass_through_id);
  io.u32(96, m.associated_stream_id);
  io.u32(100, m.rfc2833_payload_type);
  io.u32(104, m.dtmf_type);
  io.u32(108, m.mixing_mode);
}

// ---------------------------------------------------------------------------------------------
// Per-message sizes

template <class M>
constexpr std::size_t max_body_size() {
  if constexpr (std::same_as<M, msg::RegisterReq>) {
    return msg::RegisterReq::kExtendedBodySize;
  } else {
    return M::kBodySize;
  }
}

template <class M>
std::size_t body_size(const M&) {
  return M::kBodySize;
}
std::size_t body_size(const msg::CapabilitiesRes& m) {
  const std::size_t count = std::min<std::size_t>(m.count, msg::CapabilitiesRes::kMaxCapabilities);
  return 4 + 16 * count;
}
std::size_t body_size(const msg::RegisterReq& m) {
  return m.has_extension() ? msg::RegisterReq::kExtendedBodySize : msg::RegisterReq::kBodySize;
}
std::size_t body_size(const UnknownMessage& m) {
  return m.body.size();
}

/// After decoding: bring counts back within their arrays, and drop entries past the count (they
/// are not part of the message, and would not be encoded).
template <class M>
void normalize(M&) {}
void normalize(msg::CapabilitiesRes& m) {
  m.count = std::min<std::uint32_t>(m.count, msg::CapabilitiesRes::kMaxCapabilities);
  std::fill(m.capabilities.begin() + m.count, m.capabilities.end(), msg::MediaCapability{});
}

// ---------------------------------------------------------------------------------------------
// Compile-time checks: every layout ends exactly at its (largest) body size with no overlapping
// fields, and no two messages share an ID.

template <class M>
constexpr bool layout_fits() {
  M message{};
  LayoutProbe probe;
  layout(probe, message);
  return probe.end == max_body_size<M>() && !probe.overlap;
}

constexpr std::size_t kKnownCount = std::variant_size_v<Message> - 1;
template <std::size_t I>
using Known = std::variant_alternative_t<I, Message>;

static_assert(std::same_as<Known<kKnownCount>, UnknownMessage>);

template <std::size_t... I>
constexpr bool all_layouts_fit(std::index_sequence<I...>) {
  return (layout_fits<Known<I>>() && ...);
}
static_assert(all_layouts_fit(std::make_index_sequence<kKnownCount>{}),
              "a layout does not match its Basic body size, or two fields overlap");

template <std::size_t... I>
constexpr bool ids_unique(std::index_sequence<I...>) {
  constexpr std::array<MessageId, sizeof...(I)> ids{Known<I>::kId...};
  for (std::size_t a = 0; a < ids.size(); ++a) {
    for (std::size_t b = a + 1; b < ids.size(); ++b) {
      if (ids[a] == ids[b]) return false;
    }
  }
  return true;
}
static_assert(ids_unique(std::make_index_sequence<kKnownCount>{}), "two messages share an ID");

// ---------------------------------------------------------------------------------------------
// Dispatch by ID

template <std::size_t I>
void decode_as(std::span<const std::uint8_t> body, Message& out) {
  auto& message = out.emplace<I>();
  BodyReader reader(body);
  layout(reader, message);
  normalize(message);
}

template <std::size_t... I>
bool decode_known(MessageId id, std::span<const std::uint8_t> body, Message& out,
                  std::index_sequence<I...>) {
  return ((Known<I>::kId == id && (decode_as<I>(body, out), true)) || ...);
}

template <std::size_t... I>
std::string_view name_of(MessageId id, std::index_sequence<I...>) {
  std::string_view name;
  (void)((Known<I>::kId == id && (name = Known<I>::kName, true)) || ...);
  return name;
}

void put_le32(std::uint8_t* out, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint32_t get_le32(const std::uint8_t* in) {
  return std::uint32_t{in[0]} | std::uint32_t{in[1]} << 8 | std::uint32_t{in[2]} << 16 |
         std::uint32_t{in[3]} << 24;
}

class CodecCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "sccp.codec"; }
  std::string message(int value) const override {
    switch (static_cast<CodecError>(value)) {
      case CodecError::kLengthTooLarge:
        return "SCCP message length above the limit";
      case CodecError::kLengthTooSmall:
        return "SCCP message length below 4";
    }
    return "unknown SCCP codec error";
  }
};

}  // namespace

const std::error_category& codec_category() noexcept {
  static const CodecCategory category;
  return category;
}

std::error_code make_error_code(CodecError error) noexcept {
  return {static_cast<int>(error), codec_category()};
}

MessageId message_id(const Message& message) {
  return std::visit(
      [](const auto& m) -> MessageId {
        if constexpr (std::same_as<std::decay_t<decltype(m)>, UnknownMessage>) {
          return m.id;
        } else {
          return std::decay_t<decltype(m)>::kId;
        }
      },
      message);
}

std::string_view message_name(MessageId id) {
  return name_of(id, std::make_index_sequence<kKnownCount>{});
}

bool is_known(MessageId id) {
  return !message_name(id).empty();
}

std::size_t encoded_body_size(const Message& message) {
  return std::visit([](const auto& m) { return body_size(m); }, message);
}

void encode(const Message& message, std::vector<std::uint8_t>& out) {
  const std::size_t body = encoded_body_size(message);
  const std::size_t start = out.size();
  out.resize(start + kHeaderSize + body, 0);
  std::uint8_t* frame = out.data() + start;
  put_le32(frame, static_cast<std::uint32_t>(kMinLength + body));
  put_le32(frame + 4, kBasicHeaderVersion);
  put_le32(frame + 8, static_cast<std::uint32_t>(message_id(message)));
  std::span<std::uint8_t> body_bytes(frame + kHeaderSize, body);
  std::visit(
      [&](const auto& m) {
        if constexpr (std::same_as<std::decay_t<decltype(m)>, UnknownMessage>) {
          std::copy(m.body.begin(), m.body.end(), body_bytes.begin());
        } else {
          BodyWriter writer(body_bytes);
          layout(writer, m);
        }
      },
      message);
}

std::vector<std::uint8_t> encode(const Message& message) {
  std::vector<std::uint8_t> out;
  out.reserve(kHeaderSize + encoded_body_size(message));
  encode(message, out);
  return out;
}

Message decode_body(MessageId id, std::span<const std::uint8_t> body) {
  Message out;
  if (!decode_known(id, body, out, std::make_index_sequence<kKnownCount>{})) {
    out = UnknownMessage{id, std::vector<std::uint8_t>(body.begin(), body.end())};
  }
  return out;
}

DecodeResult decode(std::span<const std::uint8_t> bytes, std::uint32_t max_length) {
  DecodeResult result;
  if (bytes.size() < 4) return result;
  const std::uint32_t length = get_le32(bytes.data());
  if (length < kMinLength || length > max_length) {
    result.status = DecodeStatus::kError;
    result.error = length < kMinLength ? CodecError::kLengthTooSmall : CodecError::kLengthTooLarge;
    return result;
  }
  const std::size_t frame_size = std::size_t{length} + 8;
  if (bytes.size() < frame_size) return result;
  result.header_version = get_le32(bytes.data() + 4);
  const auto id = static_cast<MessageId>(get_le32(bytes.data() + 8));
  result.message = decode_body(id, bytes.subspan(kHeaderSize, length - kMinLength));
  result.status = DecodeStatus::kMessage;
  result.length = length;
  result.consumed = frame_size;
  return result;
}

void FrameReader::append(std::span<const std::uint8_t> bytes) {
  if (start_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

DecodeResult FrameReader::next() {
  if (error_) {
    DecodeResult result;
    result.status = DecodeStatus::kError;
    result.error = error_;
    return result;
  }
  DecodeResult result = decode(std::span(buffer_).subspan(start_), max_length_);
  switch (result.status) {
    case DecodeStatus::kMessage:
      start_ += result.consumed;
      if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
      }
      break;
    case DecodeStatus::kError:
      error_ = result.error;
      buffer_.clear();
      start_ = 0;
      break;
    case DecodeStatus::kNeedMore:
      break;
  }
  return result;
}

}  // namespace cmemu::sccp
