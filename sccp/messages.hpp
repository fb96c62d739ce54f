#pragma once
// SCCP (Skinny) messages and enumerations, as docs/sccp.md §4 and §5 describe them: plain data, and
// one description per message (describe(), see "Message descriptions" below) from which the codec
// (codec.cpp) and the text form (message_text.cpp) both derive.
#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::sccp {

// ---------------------------------------------------------------------------------------------
// Wire value types

/// A fixed-size NUL-padded character field `c[N]`. Holds the text and zeros after it, so encoding
/// never leaks stray bytes after the NUL. Text assigned by cmemu keeps at most N-1 bytes (a NUL
/// always follows on the wire); a decoded field may use all N bytes when the peer sent no NUL.
template <std::size_t N>
class FixedString {
 public:
  static_assert(N > 0);
  constexpr FixedString() = default;
  template <class T>
  requires std::convertible_to<const T&, std::string_view>
  constexpr FixedString(const T& text) {  // NOLINT(google-explicit-constructor): field = "text"
    assign(text);
  }

  /// Sets the text; stops at an embedded NUL and keeps at most N-1 bytes.
  constexpr void assign(std::string_view text) {
    set(text.substr(0, std::min(text.find('\0'), N - 1)));
  }
  /// Sets the text from a received field of up to N bytes; stops at the first NUL.
  constexpr void assign_field(std::string_view field) {
    field = field.substr(0, std::min(field.size(), N));
    set(field.substr(0, std::min(field.find('\0'), field.size())));
  }

  constexpr std::string_view view() const {
    std::size_t length = 0;
    while (length < N && bytes_[length] != '\0') ++length;
    return {bytes_.data(), length};
  }
  std::string str() const { return std::string(view()); }
  constexpr operator std::string_view() const { return view(); }  // NOLINT
  constexpr bool empty() const { return bytes_[0] == '\0'; }
  /// The N bytes as they go on the wire.
  constexpr const std::array<char, N>& bytes() const { return bytes_; }
  static constexpr std::size_t field_size() { return N; }

  friend constexpr bool operator==(const FixedString&, const FixedString&) = default;
  template <class T>
  requires std::convertible_to<const T&, std::string_view> &&
      (!std::same_as<T, FixedString>)friend constexpr bool
      operator==(const FixedString& a, const T& b) {
    return a.view() == std::string_view(b);
  }

 private:
  constexpr void set(std::string_view text) {
    bytes_.fill('\0');
    std::copy(text.begin(), text.end(), bytes_.begin());
  }
  std::array<char, N> bytes_{};
};

/// An `ip4` field: 4 raw bytes in network order (10.0.0.20 = {10, 0, 0, 20}).
struct Ipv4Address {
  std::array<std::uint8_t, 4> octets{};
  /// From a host-order value (0x0A000014 = 10.0.0.20).
  static constexpr Ipv4Address from_host(std::uint32_t host) {
    return {{static_cast<std::uint8_t>(host >> 24), static_cast<std::uint8_t>(host >> 16),
             static_cast<std::uint8_t>(host >> 8), static_cast<std::uint8_t>(host)}};
  }
  constexpr std::uint32_t to_host() const {
    return std::uint32_t{octets[0]} << 24 | std::uint32_t{octets[1]} << 16 |
           std::uint32_t{octets[2]} << 8 | octets[3];
  }
  /// Dotted quad: "10.0.0.20".
  std::string to_string() const;
  bool operator==(const Ipv4Address&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Message IDs (docs/sccp.md §4)

enum class MessageId : std::uint32_t {
  // Phone -> router
  kKeepAlive = 0x0000,
  kRegisterReq = 0x0001,
  kIpPort = 0x0002,
  kKeypadButton = 0x0003,
  kEnblocCall = 0x0004,
  kStimulus = 0x0005,
  kOffHook = 0x0006,
  kOnHook = 0x0007,
  kHookFlash = 0x0008,
  kForwardStatReq = 0x0009,
  kSpeedDialStatReq = 0x000A,
  kLineStatReq = 0x000B,
  kConfigStatReq = 0x000C,
  kTimeDateReq = 0x000D,
  kButtonTemplateReq = 0x000E,
  kVersionReq = 0x000F,
  kCapabilitiesRes = 0x0010,
  kAlarm = 0x0020,
  kOpenReceiveChannelAck = 0x0022,
  kConnectionStatisticsRes = 0x0023,
  kOffHookWithCallingPartyNumber = 0x0024,
  kSoftKeySetReq = 0x0025,
  kSoftKeyEvent = 0x0026,
  kUnregisterReq = 0x0027,
  kSoftKeyTemplateReq = 0x0028,
  kHeadsetStatus = 0x002B,
  kRegisterAvailableLines = 0x002D,
  kServiceUrlStatReq = 0x0033,
  kFeatureStatReq = 0x0034,
  kStartMediaTransmissionAck = 0x0154,
  // Router -> phone
  kRegisterAck = 0x0081,
  kStartTone = 0x0082,
  kStopTone = 0x0083,
  kSetRinger = 0x0085,
  kSetLamp = 0x0086,
  kSetSpeakerMode = 0x0088,
  kSetMicroMode = 0x0089,
  kStartMediaTransmission = 0x008A,
  kStopMediaTransmission = 0x008B,
  kCallInfo = 0x008F,
  kForwardStatRes = 0x0090,
  kSpeedDialStatRes = 0x0091,
  kLineStatRes = 0x0092,
  kConfigStatRes = 0x0093,
  kDefineTimeDate = 0x0094,
  kButtonTemplateRes = 0x0097,
  kVersionRes = 0x0098,
  kCapabilitiesReq = 0x009B,
  kRegisterReject = 0x009D,
  kReset = 0x009F,
  kKeepAliveAck = 0x0100,
  kOpenReceiveChannel = 0x0105,
  kCloseReceiveChannel = 0x0106,
  kSoftKeyTemplateRes = 0x0108,
  kSoftKeySetRes = 0x0109,
  kSelectSoftKeys = 0x0110,
  kCallState = 0x0111,
  kDisplayPromptStatus = 0x0112,
  kClearPromptStatus = 0x0113,
  kDisplayNotify = 0x0114,
  kClearNotify = 0x0115,
  kActivateCallPlane = 0x0116,
  kDeactivateCallPlane = 0x0117,
  kUnregisterAck = 0x0118,
  kBackSpaceRes = 0x0119,
  kDialedNumber = 0x011D,
  kFeatureStatRes = 0x011F,
  kDisplayPriNotify = 0x0120,
  kClearPriNotify = 0x0121,
  kServiceUrlStatRes = 0x012F,
};

// ---------------------------------------------------------------------------------------------
// Enumerations (docs/sccp.md §5). All have a fixed underlying type, so a value the enumeration does
// not name (a newer phone's) still decodes and re-encodes unchanged.

/// CallState.callState.
enum class CallState : std::uint32_t {
  kIdle = 0,  // Wireshark only
  kOffHook = 1,
  kOnHook = 2,
  kRingOut = 3,
  kRingIn = 4,
  kConnected = 5,
  kBusy = 6,
  kCongestion = 7,
  kHold = 8,
  kCallWaiting = 9,
  kCallTransfer = 10,
  kCallPark = 11,
  kProceed = 12,
  kCallRemoteMultiline = 13,
  kInvalidNumber = 14,
  kHoldRevert = 15,
  kWhisper = 16,
  kRemoteHold = 17,
};

/// StartTone.tone.
enum class Tone : std::uint32_t {
  kSilence = 0x00,
  kDtmf1 = 0x01,
  kDtmf2 = 0x02,
  kDtmf3 = 0x03,
  kDtmf4 = 0x04,
  kDtmf5 = 0x05,
  kDtmf6 = 0x06,
  kDtmf7 = 0x07,
  kDtmf8 = 0x08,
  kDtmf9 = 0x09,
  kDtmf0 = 0x0A,
  kDtmfStar = 0x0E,
  kDtmfPound = 0x0F,
  kDtmfA = 0x10,
  kDtmfB = 0x11,
  kDtmfC = 0x12,
  kDtmfD = 0x13,
  kInsideDialTone = 0x21,
  kOutsideDialTone = 0x22,
  kLineBusyTone = 0x23,
  kAlertingTone = 0x24,  // ring-back
  kReorderTone = 0x25,
  kRecorderWarningTone = 0x26,
  kRevertingTone = 0x28,
  kReceiverOffHookTone = 0x29,
  kMessageWaitingIndicatorTone = 0x2A,
  kNoSuchNumberTone = 0x2B,
  kCallWaitingTone = 0x2D,
  kConfirmationTone = 0x2E,
  kRecallDialTone = 0x30,
  kZipZip = 0x31,
  kZip = 0x32,
  kHoldTone = 0x35,
  kNoTone = 0x7F,
};

/// The DTMF tone of a dial-pad character (0-9, *, #, A-D, case-insensitive); nullopt otherwise.
std::optional<Tone> dtmf_tone(char digit);

/// StartTone.direction (tshark `skinny.tone.output.direction`).
enum class ToneDirection : std::uint32_t { kUser = 0, kNetwork = 1, kAll = 2 };

/// SetRinger.ringMode.
enum class RingMode : std::uint32_t {
  kRingOff = 1,
  kInsideRing = 2,
  kOutsideRing = 3,
  kFeatureRing = 4,
  kFlashOnly = 5,
  kPrecedenceRing = 6,
};

/// SetRinger.ringDuration.
enum class RingDuration : std::uint32_t { kNormal = 1, kSingle = 2 };

/// SetLamp.lampMode.
enum class LampMode : std::uint32_t { kOff = 1, kOn = 2, kWink = 3, kFlash = 4, kBlink = 5 };

/// SetSpeakerMode.mode.
enum class SpeakerMode : std::uint32_t { kOn = 1, kOff = 2 };
/// SetMicroMode.mode.
enum class MicroMode : std::uint32_t { kOn = 1, kOff = 2 };
/// HeadsetStatus.mode.
enum class HeadsetMode : std::uint32_t { kOn = 1, kOff = 2 };

/// OpenReceiveChannelAck.mediaStatus, StartMediaTransmissionAck status.
enum class MediaStatus : std::uint32_t {
  kOk = 0,
  kUnknown = 1,
  kOutOfChannels = 2,
  kCodecTooComplex = 3,
  kInvalidPartyId = 4,
  kInvalidCallReference = 5,
  kInvalidCodec = 6,
  kInvalidPacketSize = 7,
  kOutOfSockets = 8,
  kEncoderOrDecoderFailed = 9,
  kInvalidDynPayloadType = 10,
  kRequestedIpAddrTypeUnavailable = 11,
  kDeviceOnHook = 12,
};

/// Media payload type: compressionType, payloadCapability.
enum class Codec : std::uint32_t {
  kG711Alaw = 2,
  kG711Ulaw = 4,
  kG722 = 6,
  kG7231 = 9,
  kG728 = 10,
  kG729 = 11,
  kG729A = 12,
  kG729B = 15,
  kG729AB = 16,
  kG7221At32k = 40,
  kG7221At24k = 41,
  kGsm = 80,
  kG726At32k = 82,
  kG726At24k = 83,
  kG726At16k = 84,
  kIlbc = 86,
  kH261 = 100,
  kH263 = 101,
  kH264 = 103,
};

/// Stimulus.stimulus, SetLamp.stimulus.
enum class Stimulus : std::uint32_t {
  kLastNumberRedial = 0x01,
  kSpeedDial = 0x02,
  kHold = 0x03,
  kTransfer = 0x04,
  kForwardAll = 0x05,
  kForwardBusy = 0x06,
  kForwardNoAnswer = 0x07,
  kDisplay = 0x08,
  kLine = 0x09,
  kVideo = 0x0E,
  kVoiceMail = 0x0F,
  kAnswerRelease = 0x10,
  kAutoAnswer = 0x11,
  kSelect = 0x12,
  kFeature = 0x13,
  kServiceUrl = 0x14,
  kBlfSpeedDial = 0x15,
  kConference = 0x7D,
  kCallPark = 0x7E,
  kCallPickup = 0x7F,
  kGroupCallPickup = 0x80,
  kDoNotDisturb = 0x82,
  kNewCall = 0x89,
  kEndCall = 0x8A,
};

/// ButtonTemplateRes button definition (one byte).
enum class ButtonDefinition : std::uint8_t {
  kUnused = 0x00,
  kRedial = 0x01,
  kSpeedDial = 0x02,
  kHold = 0x03,
  kTransfer = 0x04,
  kForwardAll = 0x05,
  kForwardBusy = 0x06,
  kForwardNoAnswer = 0x07,
  kDisplay = 0x08,
  kLine = 0x09,
  kVoicemail = 0x0F,
  kSelect = 0x12,
  kFeature = 0x13,
  kServiceUrl = 0x14,
  kBlfSpeedDial = 0x15,
  kConference = 0x7D,
  kCallPark = 0x7E,
  kCallPickup = 0x7F,
  kGroupPickup = 0x80,
  kDoNotDisturb = 0x82,
  kMessages = 0xC2,
  kDirectory = 0xC3,
  kApplication = 0xC5,
  kHeadset = 0xC6,
  kKeypad = 0xF0,
  kUndefined = 0xFF,
};

/// KeypadButton.kpButton.
enum class KeypadButton : std::uint32_t {
  k0 = 0,
  k1 = 1,
  k2 = 2,
  k3 = 3,
  k4 = 4,
  k5 = 5,
  k6 = 6,
  k7 = 7,
  k8 = 8,
  k9 = 9,
  kA = 10,
  kB = 11,
  kC = 12,
  kD = 13,
  kStar = 14,
  kPound = 15,
  kPlus = 16,
};

/// The character a keypad button dials ('0'-'9', 'A'-'D', '*', '#', '+'); '\0' if none.
char keypad_char(KeypadButton button);
/// The keypad button of a dialled character (case-insensitive); nullopt otherwise.
std::optional<KeypadButton> keypad_button(char digit);

/// SoftKeyEvent.softKeyEvent and SoftKeyTemplateRes event codes. 1-18 are common to all servers;
/// codes above 18 are whatever the template says (cmemu: DND = 63, its label index).
enum class SoftKeyEvent : std::uint32_t {
  kRedial = 1,
  kNewCall = 2,
  kHold = 3,
  kTransfer = 4,
  kCFwdAll = 5,
  kCFwdBusy = 6,
  kCFwdNoAnswer = 7,
  kBackSpace = 8,
  kEndCall = 9,
  kResume = 10,
  kAnswer = 11,
  kInfo = 12,
  kConfrn = 13,
  kPark = 14,
  kJoin = 15,
  kMeetMe = 16,
  kPickUp = 17,
  kGPickUp = 18,
  kDnd = 63,
};

/// SelectSoftKeys.softKeySetIndex: the set of SoftKeySetRes to show.
enum class SoftKeySet : std::uint32_t {
  kOnHook = 0,
  kConnected = 1,
  kOnHold = 2,
  kRingIn = 3,
  kOffHook = 4,
  kConnectedTransferable = 5,
  kDigitsFollowing = 6,
  kConnectedConference = 7,
  kRingOut = 8,
  kOffHookWithFeatures = 9,
  kInUseHint = 10,
  kOnHookStealable = 11,
};

/// CallInfo.callType.
enum class CallType : std::uint32_t { kInbound = 1, kOutbound = 2, kForward = 3 };

/// Reset.resetType.
enum class ResetType : std::uint32_t { kReset = 1, kRestart = 2, kApplyConfig = 3 };

/// UnregisterAck.status.
enum class UnregisterStatus : std::uint32_t { kOk = 0, kError = 1, kNak = 2 };

/// LineStatRes.lineDisplayOptions bits (CUCM sends 9: original dialed + calling party name).
inline constexpr std::uint32_t kDisplayOriginalDialedNumber = 0x1;
inline constexpr std::uint32_t kDisplayRedirectedDialedNumber = 0x2;
inline constexpr std::uint32_t kDisplayCallingPartyNumber = 0x4;
inline constexpr std::uint32_t kDisplayCallingPartyName = 0x8;

/// RegisterReq.deviceType.
enum class DeviceType : std::uint32_t {
  k7910 = 6,
  k7960 = 7,
  k7940 = 8,
  k7935 = 9,
  kAta186 = 12,
  kAta188 = 13,
  k7941 = 115,
  k7971 = 119,
  k7914 = 124,  // add-on module
  k7985 = 302,
  k7911 = 307,
  k7961GE = 308,
  k7941GE = 309,
  k7931 = 348,
  k7921 = 365,
  k7906 = 369,
  k7962 = 404,
  k7937 = 431,
  k7942 = 434,
  k7945 = 435,
  k7965 = 436,
  k7975 = 437,
  k7925 = 484,
  k6921 = 495,
  k6941 = 496,
  k6961 = 497,
  k7905 = 20000,
  k7920 = 30002,
  k7970 = 30006,
  k7912 = 30007,
  k7902 = 30008,
  kCipc = 30016,
  k7961 = 30018,
  k7936 = 30019,
};

/// The device type an ephone `type` keyword expects ("7961" -> 30018, "7961GE" -> 308, "CIPC"),
/// case-insensitive; nullopt for a model docs/sccp.md does not list.
std::optional<DeviceType> device_type_for_model(std::string_view model);
/// The model name of a device type ("7961", "7961GE", "ATA186", "CIPC"); "" if unknown.
std::string_view device_model_name(DeviceType type);

// ---------------------------------------------------------------------------------------------
// Message descriptions
//
// Each message, and each struct nested in one, lists its fields once, in
// `static constexpr void describe(auto& v, auto& m)`. The encoder, the decoder and the compile-time
// layout check (codec.cpp) and the text printer and parser (message_text.cpp) are the visitors `v`
// that walk that list:
//
//   v.field(offset, "key", m.member[, format])  at `offset` in the Basic body; printed `key=value`
//   v.wire(offset, m.member)                    on the wire only, not in the text form
//   v.list(offset, "key", m.entries, m.count, style)
//                                               every entry on the wire; the text form shows the
//                                               first `count` (text_form::Joined,
//                                               text_form::PerEntry)
//   v.variable_list(...)                        the same, but only those `count` entries go on the
//                                               wire (the body ends after them), and decoding
//                                               clamps `count` to the array
//   v.text("key", format, m.a, m.b, ...)        several fields as one value, in the text form only
//   v.extension(offset)                         the fields after it are newer phones' tail: sent
//                                               only when one of them is set
//
// A member's C++ type gives its wire kind and width: std::uint8_t/16/32 and enumerations (by their
// underlying type) little-endian, Ipv4Address 4 bytes in network order, FixedString<N> N bytes,
// std::array<T, N> N Ts one after another, a struct with its own describe() its fields from the
// offset on. Fields are listed in text order, which is wire order unless a comment says otherwise.
// The codec checks at compile time that no two fields share a byte and that every layout ends at
// kBodySize (kExtendedBodySize with an extension).
//
// A field's text form follows its type (sccp/message_text.hpp: numbers in decimal, enumerations by
// name, strings quoted, addresses dotted) unless a format says otherwise:

namespace text_form {
/// A number as `0x1F`.
struct Hex {};
inline constexpr Hex kHex;
/// A string left out of the text form when empty.
struct IfSet {};
inline constexpr IfSet kIfSet;
/// An enumeration as its number, not its name.
struct Number {};
inline constexpr Number kNumber;
/// A byte array as its non-zero entries, `1,2,5`; `-` when all are zero.
struct NonZero {};
inline constexpr NonZero kNonZero;
/// Year, month, day, hour, minute, second as `2024-01-31T09:05:00`.
struct DateTime {};
inline constexpr DateTime kDateTime;
/// A list as one `key=a,b,c`, left out when no entry is used; an entry shows the values of its
/// fields that have a key (their keys only name them), joined by `separator`.
struct Joined {
  char separator = ':';
};
/// A list as one `keyN=value` per used entry, N from 0 (an entry's values joined by ':').
struct PerEntry {};
}  // namespace text_form

/// A message name as a template argument (msg::MessageType<MessageId::kOnHook, "OnHook", 8>).
template <std::size_t N>
struct MessageName {
  constexpr MessageName(const char (&name)[N]) {  // NOLINT(google-explicit-constructor): "OnHook"
    std::copy_n(name, N, text);
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
  char text[N]{};
};

// ---------------------------------------------------------------------------------------------
// Messages, one struct per docs/sccp.md §4 entry. Field names follow the tables in the domain's
// words; all fields default to zero, which is also what a short body decodes to.

namespace msg {

/// What every message struct derives from: its ID, its docs/sccp.md name and its Basic body size
/// (header length field = 4 + kBodySize). Empty; a message is built with designated initializers
/// (`msg::CallState{.call_state = ..., .line_instance = 1}`), as positional ones would begin here.
template <MessageId Id, MessageName Name, std::size_t BodySize>
struct MessageType {
  static constexpr MessageId kId = Id;
  static constexpr std::string_view kName = Name.view();
  static constexpr std::size_t kBodySize = BodySize;
  bool operator==(const MessageType&) const = default;
};

/// Messages without a body.
template <MessageId Id, MessageName Name>
struct NoBody : MessageType<Id, Name, 0> {
  static constexpr void describe(auto&, auto&) {}
  bool operator==(const NoBody&) const = default;
};

/// Messages of { lineInstance, callReference }.
template <MessageId Id, MessageName Name>
struct LineAndCall : MessageType<Id, Name, 8> {
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "line", m.line_instance);
    v.field(4, "ref", m.call_reference);
  }
  bool operator==(const LineAndCall&) const = default;
};

/// Closing a media channel: { conferenceId, passThruPartyId, callReference, portHandlingFlag }.
template <MessageId Id, MessageName Name>
struct ChannelClose : MessageType<Id, Name, 16> {
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t port_handling_flag = 0;  // 0 close
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "conference", m.conference_id);
    v.field(4, "passThruPartyId", m.pass_thru_party_id);
    v.field(8, "ref", m.call_reference);
    v.wire(12, m.port_handling_flag);
  }
  bool operator==(const ChannelClose&) const = default;
};

/// Requests for one line's state: { lineNumber } (1-based).
template <MessageId Id, MessageName Name>
struct LineRequest : MessageType<Id, Name, 4> {
  std::uint32_t line_number = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "line", m.line_number); }
  bool operator==(const LineRequest&) const = default;
};

// 4.1 Registration and management

using KeepAlive = NoBody<MessageId::kKeepAlive, "KeepAlive">;
using KeepAliveAck = NoBody<MessageId::kKeepAliveAck, "KeepAliveAck">;

/// Basic layout 52 bytes; newer phones append the extension fields (body 124), which are decoded
/// when present and encoded only when one of them is set.
struct RegisterReq : MessageType<MessageId::kRegisterReq, "RegisterReq", 52> {
  static constexpr std::size_t kExtendedBodySize = 124;
  FixedString<16> device_name;  // "SEP001E4A34A35F"
  std::uint32_t station_user_id = 0;
  std::uint32_t station_instance = 0;
  Ipv4Address station_ip;
  DeviceType device_type{};
  std::uint32_t max_streams = 0;
  std::uint32_t active_streams = 0;
  std::uint8_t protocol_version = 0;  // the phone's highest
  std::uint8_t reserved = 0;          // byte 41
  std::uint16_t phone_features = 0;
  std::uint32_t max_conferences = 0;
  std::uint32_t active_conferences = 0;
  // Extension (newer phones)
  std::array<std::uint8_t, 6> mac_address{};
  std::uint32_t ipv4_address_scope = 0;
  std::uint32_t max_number_of_lines = 0;
  std::array<std::uint8_t, 16> ipv6_address{};
  std::uint32_t ipv6_address_scope = 0;
  FixedString<32> firmware_load_name;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "name", m.device_name);
    v.field(16, "userId", m.station_user_id);
    v.field(20, "instance", m.station_instance);
    v.field(24, "ip", m.station_ip);
    v.field(28, "type", m.device_type);  // `30018(7961)`
    v.field(32, "maxStreams", m.max_streams);
    v.wire(36, m.active_streams);
    v.field(40, "protocolVer", m.protocol_version);
    v.wire(41, m.reserved);
    v.wire(42, m.phone_features);
    v.wire(44, m.max_conferences);
    v.wire(48, m.active_conferences);
    v.extension(52);
    v.wire(52, m.mac_address);  // 6 pad bytes follow
    v.wire(64, m.ipv4_address_scope);
    v.wire(68, m.max_number_of_lines);
    v.wire(72, m.ipv6_address);
    v.wire(88, m.ipv6_address_scope);
    v.wire(92, m.firmware_load_name);
  }
  /// Whether any extension field is set (the encoder then writes the 124-byte body).
  bool has_extension() const;
  bool operator==(const RegisterReq&) const = default;
};

struct RegisterAck : MessageType<MessageId::kRegisterAck, "RegisterAck", 20> {
  std::uint32_t keep_alive_interval = 0;
  FixedString<6> date_template;  // "M/D/Y"
  std::uint32_t secondary_keep_alive_interval = 0;
  std::uint8_t max_protocol_version = 0;  // the version to use
  std::uint8_t reserved = 0;              // byte 17
  std::uint16_t phone_features = 0;       // 0x0080 DynamicMessages: cmemu sends 0
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "keepAlive", m.keep_alive_interval);
    v.field(4, "dateTemplate", m.date_template);  // 2 pad bytes follow
    v.field(12, "secondaryKeepAlive", m.secondary_keep_alive_interval);
    v.field(16, "protocolVer", m.max_protocol_version);
    v.wire(17, m.reserved);
    v.field(18, "features", m.phone_features, text_form::kHex);
  }
  bool operator==(const RegisterAck&) const = default;
};

struct RegisterReject : MessageType<MessageId::kRegisterReject, "RegisterReject", 32> {
  FixedString<32> text;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "text", m.text); }
  bool operator==(const RegisterReject&) const = default;
};

/// Basic layout has no body (chan-sccp adds a u32 reason, which tshark 4.0 ignores).
using UnregisterReq = NoBody<MessageId::kUnregisterReq, "UnregisterReq">;

struct UnregisterAck : MessageType<MessageId::kUnregisterAck, "UnregisterAck", 4> {
  UnregisterStatus status{};
  static constexpr void describe(auto& v, auto& m) { v.field(0, "status", m.status); }
  bool operator==(const UnregisterAck&) const = default;
};

struct Reset : MessageType<MessageId::kReset, "Reset", 4> {
  ResetType reset_type{};
  static constexpr void describe(auto& v, auto& m) { v.field(0, "type", m.reset_type); }
  bool operator==(const Reset&) const = default;
};

struct IpPort : MessageType<MessageId::kIpPort, "IpPort", 4> {
  std::uint32_t rtp_media_port = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "port", m.rtp_media_port); }
  bool operator==(const IpPort&) const = default;
};

struct Alarm : MessageType<MessageId::kAlarm, "Alarm", 92> {
  std::uint32_t alarm_severity = 0;
  FixedString<80> text;
  std::uint32_t parm1 = 0;
  std::uint32_t parm2 = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "severity", m.alarm_severity);
    v.field(4, "text", m.text);
    v.field(84, "parm1", m.parm1);
    v.field(88, "parm2", m.parm2);
  }
  bool operator==(const Alarm&) const = default;
};

using CapabilitiesReq = NoBody<MessageId::kCapabilitiesReq, "CapabilitiesReq">;

struct MediaCapability {
  Codec payload_capability{};
  std::uint32_t max_frames_per_packet = 0;
  std::array<std::uint8_t, 8> codec_params{};  // g723BitRate or codec mode bytes
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "codec", m.payload_capability);
    v.wire(4, m.max_frames_per_packet);
    v.wire(8, m.codec_params);
  }
  bool operator==(const MediaCapability&) const = default;
};

/// Variable length: body = 4 + 16 x count (count at most 18).
struct CapabilitiesRes : MessageType<MessageId::kCapabilitiesRes, "CapabilitiesRes",
                                     292> {  // 4 + 16 x 18 capabilities: the longest body
  static constexpr std::size_t kMaxCapabilities = 18;
  std::uint32_t count = 0;  // capabilities used; decoding clamps it to 18
  std::array<MediaCapability, kMaxCapabilities> capabilities{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "count", m.count);
    v.variable_list(4, "codecs", m.capabilities, m.count, text_form::Joined{});
  }
  bool operator==(const CapabilitiesRes&) const = default;
};

using ButtonTemplateReq = NoBody<MessageId::kButtonTemplateReq, "ButtonTemplateReq">;

/// Prints as `Line:1`.
struct ButtonTemplateEntry {
  std::uint8_t instance_number = 0;  // line instance for a Line button
  ButtonDefinition button_definition{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(1, "definition", m.button_definition);  // text order: the definition first
    v.field(0, "instance", m.instance_number);
  }
  bool operator==(const ButtonTemplateEntry&) const = default;
};

/// All 42 slots always go on the wire; unused ones are zero.
struct ButtonTemplateRes
    : MessageType<MessageId::kButtonTemplateRes, "ButtonTemplateRes", 96> {  // 12 + 2 x 42 buttons
  static constexpr std::size_t kMaxButtons = 42;
  std::uint32_t button_offset = 0;
  std::uint32_t button_count = 0;
  std::uint32_t total_button_count = 0;
  std::array<ButtonTemplateEntry, kMaxButtons> buttons{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "offset", m.button_offset);
    v.field(4, "count", m.button_count);
    v.field(8, "total", m.total_button_count);
    v.list(12, "buttons", m.buttons, m.button_count, text_form::Joined{':'});
  }
  bool operator==(const ButtonTemplateRes&) const = default;
};

using SoftKeyTemplateReq = NoBody<MessageId::kSoftKeyTemplateReq, "SoftKeyTemplateReq">;

/// Prints as `"<Redial>"=1`.
struct SoftKeyTemplateEntry {
  FixedString<16> label;  // ASCII, or localized: "\x80" + label number
  SoftKeyEvent event{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "label", m.label);
    v.field(16, "event", m.event, text_form::kNumber);
  }
  bool operator==(const SoftKeyTemplateEntry&) const = default;
};

struct SoftKeyTemplateRes
    : MessageType<MessageId::kSoftKeyTemplateRes, "SoftKeyTemplateRes", 652> {  // 12 + 20 x 32 keys
  static constexpr std::size_t kMaxSoftKeys = 32;
  std::uint32_t soft_key_offset = 0;
  std::uint32_t soft_key_count = 0;
  std::uint32_t total_soft_key_count = 0;
  std::array<SoftKeyTemplateEntry, kMaxSoftKeys> soft_keys{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "offset", m.soft_key_offset);
    v.field(4, "count", m.soft_key_count);
    v.field(8, "total", m.total_soft_key_count);
    v.list(12, "keys", m.soft_keys, m.soft_key_count, text_form::Joined{'='});
  }
  bool operator==(const SoftKeyTemplateRes&) const = default;
};

using SoftKeySetReq = NoBody<MessageId::kSoftKeySetReq, "SoftKeySetReq">;

/// One soft key set: slot j shows template position template_index[j] (1-based, 0 = empty).
struct SoftKeySetDefinition {
  static constexpr std::size_t kMaxKeys = 16;
  std::array<std::uint8_t, kMaxKeys> template_index{};
  std::array<std::uint16_t, kMaxKeys> info_index{};  // 300 + event (CUCM)
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "keys", m.template_index, text_form::kNonZero);
    v.wire(16, m.info_index);
  }
  bool operator==(const SoftKeySetDefinition&) const = default;
};

/// Prints each used set as `setN=1,2,5`.
struct SoftKeySetRes
    : MessageType<MessageId::kSoftKeySetRes, "SoftKeySetRes", 780> {  // 12 + 48 x 16 sets
  static constexpr std::size_t kMaxSets = 16;
  std::uint32_t soft_key_set_offset = 0;
  std::uint32_t soft_key_set_count = 0;
  std::uint32_t total_soft_key_set_count = 0;
  std::array<SoftKeySetDefinition, kMaxSets> sets{};  // set k serves SelectSoftKeys index k
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "offset", m.soft_key_set_offset);
    v.field(4, "count", m.soft_key_set_count);
    v.field(8, "total", m.total_soft_key_set_count);
    v.list(12, "set", m.sets, m.soft_key_set_count, text_form::PerEntry{});
  }
  bool operator==(const SoftKeySetRes&) const = default;
};

using LineStatReq = LineRequest<MessageId::kLineStatReq, "LineStatReq">;

struct LineStatRes : MessageType<MessageId::kLineStatRes, "LineStatRes", 112> {
  std::uint32_t line_number = 0;
  FixedString<24> line_dir_number;
  FixedString<40> line_fully_qualified_display_name;
  FixedString<40> line_text_label;
  std::uint32_t line_display_options = 0;  // kDisplay* bits
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "line", m.line_number);
    v.field(4, "number", m.line_dir_number);
    v.field(28, "displayName", m.line_fully_qualified_display_name);
    v.field(68, "label", m.line_text_label);
    v.field(108, "options", m.line_display_options);
  }
  bool operator==(const LineStatRes&) const = default;
};

struct SpeedDialStatReq : MessageType<MessageId::kSpeedDialStatReq, "SpeedDialStatReq", 4> {
  std::uint32_t speed_dial_number = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "n", m.speed_dial_number); }
  bool operator==(const SpeedDialStatReq&) const = default;
};

struct SpeedDialStatRes : MessageType<MessageId::kSpeedDialStatRes, "SpeedDialStatRes", 68> {
  std::uint32_t speed_dial_number = 0;
  FixedString<24> speed_dial_dir_number;
  FixedString<40> speed_dial_display_name;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "n", m.speed_dial_number);
    v.field(4, "number", m.speed_dial_dir_number);
    v.field(28, "name", m.speed_dial_display_name);
  }
  bool operator==(const SpeedDialStatRes&) const = default;
};

using ForwardStatReq = LineRequest<MessageId::kForwardStatReq, "ForwardStatReq">;

struct ForwardStatRes : MessageType<MessageId::kForwardStatRes, "ForwardStatRes", 92> {
  std::uint32_t active_forward = 0;
  std::uint32_t line_number = 0;
  std::uint32_t forward_all_active = 0;
  FixedString<24> forward_all_dir_number;
  std::uint32_t forward_busy_active = 0;
  FixedString<24> forward_busy_dir_number;
  std::uint32_t forward_no_answer_active = 0;
  FixedString<24> forward_no_answer_dir_number;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "active", m.active_forward);
    v.field(4, "line", m.line_number);
    v.field(8, "all", m.forward_all_active);
    v.field(12, "allNumber", m.forward_all_dir_number);
    v.field(36, "busy", m.forward_busy_active);
    v.field(40, "busyNumber", m.forward_busy_dir_number);
    v.field(64, "noAnswer", m.forward_no_answer_active);
    v.field(68, "noAnswerNumber", m.forward_no_answer_dir_number);
  }
  bool operator==(const ForwardStatRes&) const = default;
};

using ConfigStatReq = NoBody<MessageId::kConfigStatReq, "ConfigStatReq">;

struct ConfigStatRes : MessageType<MessageId::kConfigStatRes, "ConfigStatRes", 112> {
  FixedString<16> device_name;
  std::uint32_t station_user_id = 0;
  std::uint32_t station_instance = 0;
  FixedString<40> user_name;
  FixedString<40> server_name;
  std::uint32_t number_of_lines = 0;
  std::uint32_t number_of_speed_dials = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "name", m.device_name);
    v.field(16, "userId", m.station_user_id);
    v.field(20, "instance", m.station_instance);
    v.field(24, "user", m.user_name);
    v.field(64, "server", m.server_name);
    v.field(104, "lines", m.number_of_lines);
    v.field(108, "speedDials", m.number_of_speed_dials);
  }
  bool operator==(const ConfigStatRes&) const = default;
};

using TimeDateReq = NoBody<MessageId::kTimeDateReq, "TimeDateReq">;

/// Prints as `time=2024-01-31T09:05:00 dayOfWeek=3 systemTime=1706691900`: date and time first.
struct DefineTimeDate : MessageType<MessageId::kDefineTimeDate, "DefineTimeDate", 36> {
  std::uint32_t year = 0;
  std::uint32_t month = 0;        // 1-12
  std::uint32_t day_of_week = 0;  // 0 = Sunday
  std::uint32_t day = 0;
  std::uint32_t hour = 0;
  std::uint32_t minute = 0;
  std::uint32_t second = 0;
  std::uint32_t milliseconds = 0;
  std::uint32_t system_time = 0;  // Unix seconds
  static constexpr void describe(auto& v, auto& m) {
    v.text("time", text_form::kDateTime, m.year, m.month, m.day, m.hour, m.minute, m.second);
    v.wire(0, m.year);
    v.wire(4, m.month);
    v.field(8, "dayOfWeek", m.day_of_week);
    v.wire(12, m.day);
    v.wire(16, m.hour);
    v.wire(20, m.minute);
    v.wire(24, m.second);
    v.wire(28, m.milliseconds);
    v.field(32, "systemTime", m.system_time);
  }
  bool operator==(const DefineTimeDate&) const = default;
};

struct RegisterAvailableLines
    : MessageType<MessageId::kRegisterAvailableLines, "RegisterAvailableLines", 4> {
  std::uint32_t max_number_of_available_lines = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "lines", m.max_number_of_available_lines);
  }
  bool operator==(const RegisterAvailableLines&) const = default;
};

struct HeadsetStatus : MessageType<MessageId::kHeadsetStatus, "HeadsetStatus", 4> {
  HeadsetMode headset_mode{};
  static constexpr void describe(auto& v, auto& m) { v.field(0, "mode", m.headset_mode); }
  bool operator==(const HeadsetStatus&) const = default;
};

struct FeatureStatReq : MessageType<MessageId::kFeatureStatReq, "FeatureStatReq", 4> {
  std::uint32_t feature_index = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "index", m.feature_index); }
  bool operator==(const FeatureStatReq&) const = default;
};

struct FeatureStatRes : MessageType<MessageId::kFeatureStatRes, "FeatureStatRes", 52> {
  std::uint32_t feature_index = 0;
  std::uint32_t feature_id = 0;
  FixedString<40> feature_text_label;
  std::uint32_t feature_status = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "index", m.feature_index);
    v.field(4, "id", m.feature_id);
    v.field(8, "label", m.feature_text_label);
    v.field(48, "status", m.feature_status);
  }
  bool operator==(const FeatureStatRes&) const = default;
};

struct ServiceUrlStatReq : MessageType<MessageId::kServiceUrlStatReq, "ServiceURLStatReq", 4> {
  std::uint32_t service_url_index = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "index", m.service_url_index); }
  bool operator==(const ServiceUrlStatReq&) const = default;
};

struct ServiceUrlStatRes : MessageType<MessageId::kServiceUrlStatRes, "ServiceURLStatRes", 300> {
  std::uint32_t service_url_index = 0;
  FixedString<256> service_url;
  FixedString<40> service_url_display_name;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "index", m.service_url_index);
    v.field(4, "url", m.service_url);
    v.field(260, "name", m.service_url_display_name);
  }
  bool operator==(const ServiceUrlStatRes&) const = default;
};

using VersionReq = NoBody<MessageId::kVersionReq, "VersionReq">;

struct VersionRes : MessageType<MessageId::kVersionRes, "VersionRes", 16> {
  FixedString<16> version;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "version", m.version); }
  bool operator==(const VersionRes&) const = default;
};

// 4.2 Phone -> router call events

/// Old phones (CUCM 4.1's 7912) send no body: both fields then decode as 0.
using OffHook = LineAndCall<MessageId::kOffHook, "OffHook">;
using OnHook = LineAndCall<MessageId::kOnHook, "OnHook">;
using HookFlash = LineAndCall<MessageId::kHookFlash, "HookFlash">;

/// Wireshark's Basic layout (tshark 4.0 flags docs/sccp.md's 28-byte form as malformed): c[24]
/// number, c[24] cgpnVoiceMailbox, u32 lineInstance. A 28-byte form decodes with the rest zero.
struct OffHookWithCallingPartyNumber
    : MessageType<MessageId::kOffHookWithCallingPartyNumber, "OffHookWithCallingPartyNumber", 52> {
  FixedString<24> calling_party_number;
  FixedString<24> calling_voice_mailbox;
  std::uint32_t line_instance = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "number", m.calling_party_number);
    v.wire(24, m.calling_voice_mailbox);
    v.field(48, "line", m.line_instance);
  }
  bool operator==(const OffHookWithCallingPartyNumber&) const = default;
};

/// Prints the button as the character it dials (`button=#`).
struct KeypadButton : MessageType<MessageId::kKeypadButton, "KeypadButton", 12> {
  sccp::KeypadButton kp_button{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "button", m.kp_button);
    v.field(4, "line", m.line_instance);
    v.field(8, "ref", m.call_reference);
  }
  bool operator==(const KeypadButton&) const = default;
};

struct EnblocCall : MessageType<MessageId::kEnblocCall, "EnblocCall", 24> {
  FixedString<24> called_party;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "number", m.called_party); }
  bool operator==(const EnblocCall&) const = default;
};

struct Stimulus : MessageType<MessageId::kStimulus, "Stimulus", 16> {
  sccp::Stimulus stimulus{};
  std::uint32_t stimulus_instance = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t stimulus_status = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "stimulus", m.stimulus);
    v.field(4, "instance", m.stimulus_instance);
    v.field(8, "ref", m.call_reference);
    v.field(12, "status", m.stimulus_status);
  }
  bool operator==(const Stimulus&) const = default;
};

struct SoftKeyEvent : MessageType<MessageId::kSoftKeyEvent, "SoftKeyEvent", 12> {
  sccp::SoftKeyEvent soft_key_event{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;  // 0 = none
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "event", m.soft_key_event);
    v.field(4, "line", m.line_instance);
    v.field(8, "ref", m.call_reference);
  }
  bool operator==(const SoftKeyEvent&) const = default;
};

/// The 7912 sends 16 bytes (no call_reference).
struct OpenReceiveChannelAck
    : MessageType<MessageId::kOpenReceiveChannelAck, "OpenReceiveChannelAck", 20> {
  MediaStatus media_status{};
  Ipv4Address ip_address;
  std::uint32_t port = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "status", m.media_status);
    v.field(4, "ip", m.ip_address);
    v.field(8, "port", m.port);
    v.field(12, "passThruPartyId", m.pass_thru_party_id);
    v.field(16, "ref", m.call_reference);
  }
  bool operator==(const OpenReceiveChannelAck&) const = default;
};

/// Newer phones; accepted and ignored. Layout: Wireshark's and chan-sccp's Basic (v3) form.
struct StartMediaTransmissionAck
    : MessageType<MessageId::kStartMediaTransmissionAck, "StartMediaTransmissionAck", 24> {
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  Ipv4Address ip_address;
  std::uint32_t port = 0;
  MediaStatus transmission_status{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "conference", m.conference_id);
    v.field(4, "passThruPartyId", m.pass_thru_party_id);
    v.field(8, "ref", m.call_reference);
    v.field(12, "ip", m.ip_address);
    v.field(16, "port", m.port);
    v.field(20, "status", m.transmission_status);
  }
  bool operator==(const StartMediaTransmissionAck&) const = default;
};

/// Newer phones; accepted and ignored. Layout: Wireshark's and chan-sccp's Basic form.
struct ConnectionStatisticsRes
    : MessageType<MessageId::kConnectionStatisticsRes, "ConnectionStatisticsRes", 60> {
  FixedString<24> directory_number;
  std::uint32_t call_identifier = 0;
  std::uint32_t stats_processing_type = 0;
  std::uint32_t packets_sent = 0;
  std::uint32_t octets_sent = 0;
  std::uint32_t packets_received = 0;
  std::uint32_t octets_received = 0;
  std::uint32_t packets_lost = 0;
  std::uint32_t jitter = 0;
  std::uint32_t latency = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "number", m.directory_number);
    v.field(24, "callId", m.call_identifier);
    v.wire(28, m.stats_processing_type);
    v.field(32, "packetsSent", m.packets_sent);
    v.wire(36, m.octets_sent);
    v.field(40, "packetsReceived", m.packets_received);
    v.wire(44, m.octets_received);
    v.wire(48, m.packets_lost);
    v.wire(52, m.jitter);
    v.wire(56, m.latency);
  }
  bool operator==(const ConnectionStatisticsRes&) const = default;
};

// 4.3 Router -> phone control

struct StartTone : MessageType<MessageId::kStartTone, "StartTone", 16> {
  Tone tone{};
  ToneDirection direction{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "tone", m.tone);
    v.field(4, "direction", m.direction);
    v.field(8, "line", m.line_instance);
    v.field(12, "ref", m.call_reference);
  }
  bool operator==(const StartTone&) const = default;
};

/// Two fields (no tone: Wireshark decodes it only at header version >= 0x0B).
using StopTone = LineAndCall<MessageId::kStopTone, "StopTone">;

struct SetRinger : MessageType<MessageId::kSetRinger, "SetRinger", 16> {
  RingMode ring_mode{};
  RingDuration ring_duration{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "mode", m.ring_mode);
    v.field(4, "duration", m.ring_duration);
    v.field(8, "line", m.line_instance);
    v.field(12, "ref", m.call_reference);
  }
  bool operator==(const SetRinger&) const = default;
};

struct SetLamp : MessageType<MessageId::kSetLamp, "SetLamp", 12> {
  sccp::Stimulus stimulus{};
  std::uint32_t stimulus_instance = 0;
  LampMode lamp_mode{};
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "stimulus", m.stimulus);
    v.field(4, "instance", m.stimulus_instance);
    v.field(8, "mode", m.lamp_mode);
  }
  bool operator==(const SetLamp&) const = default;
};

struct SetSpeakerMode : MessageType<MessageId::kSetSpeakerMode, "SetSpeakerMode", 4> {
  SpeakerMode speaker_mode{};
  static constexpr void describe(auto& v, auto& m) { v.field(0, "mode", m.speaker_mode); }
  bool operator==(const SetSpeakerMode&) const = default;
};

struct SetMicroMode : MessageType<MessageId::kSetMicroMode, "SetMicroMode", 4> {
  MicroMode micro_mode{};
  static constexpr void describe(auto& v, auto& m) { v.field(0, "mode", m.micro_mode); }
  bool operator==(const SetMicroMode&) const = default;
};

struct CallState : MessageType<MessageId::kCallState, "CallState", 24> {
  sccp::CallState call_state{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t privacy = 0;
  std::uint32_t precedence_level = 0;  // CUCM: 4
  std::uint32_t precedence_domain = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "state", m.call_state);
    v.field(4, "line", m.line_instance);
    v.field(8, "ref", m.call_reference);
    v.wire(12, m.privacy);
    v.wire(16, m.precedence_level);
    v.wire(20, m.precedence_domain);
  }
  bool operator==(const CallState&) const = default;
};

struct CallInfo : MessageType<MessageId::kCallInfo, "CallInfo", 384> {
  FixedString<40> calling_party_name;
  FixedString<24> calling_party;
  FixedString<40> called_party_name;
  FixedString<24> called_party;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  CallType call_type{};
  FixedString<40> original_called_party_name;
  FixedString<24> original_called_party;
  FixedString<40> last_redirecting_party_name;
  FixedString<24> last_redirecting_party;
  std::uint32_t original_cdpn_redirect_reason = 0;
  std::uint32_t last_redirecting_reason = 0;
  FixedString<24> calling_voice_mailbox;
  FixedString<24> called_voice_mailbox;
  FixedString<24> original_called_voice_mailbox;
  FixedString<24> last_redirecting_voice_mailbox;
  std::uint32_t call_instance = 0;
  std::uint32_t call_security_status = 0;
  std::uint32_t party_pi_restriction_bits = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "callingName", m.calling_party_name);
    v.field(40, "calling", m.calling_party);
    v.field(64, "calledName", m.called_party_name);
    v.field(104, "called", m.called_party);
    v.field(128, "line", m.line_instance);
    v.field(132, "ref", m.call_reference);
    v.field(136, "type", m.call_type);
    v.field(140, "origCalledName", m.original_called_party_name, text_form::kIfSet);
    v.field(180, "origCalled", m.original_called_party, text_form::kIfSet);
    v.field(204, "lastRedirName", m.last_redirecting_party_name, text_form::kIfSet);
    v.field(244, "lastRedir", m.last_redirecting_party, text_form::kIfSet);
    v.wire(268, m.original_cdpn_redirect_reason);
    v.wire(272, m.last_redirecting_reason);
    v.wire(276, m.calling_voice_mailbox);
    v.wire(300, m.called_voice_mailbox);
    v.wire(324, m.original_called_voice_mailbox);
    v.wire(348, m.last_redirecting_voice_mailbox);
    v.wire(372, m.call_instance);
    v.wire(376, m.call_security_status);
    v.wire(380, m.party_pi_restriction_bits);
  }
  bool operator==(const CallInfo&) const = default;
};

struct DialedNumber : MessageType<MessageId::kDialedNumber, "DialedNumber", 32> {
  FixedString<24> dialed_number;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "number", m.dialed_number);
    v.field(24, "line", m.line_instance);
    v.field(28, "ref", m.call_reference);
  }
  bool operator==(const DialedNumber&) const = default;
};

struct DisplayPromptStatus
    : MessageType<MessageId::kDisplayPromptStatus, "DisplayPromptStatus", 44> {
  std::uint32_t timeout = 0;  // seconds; 0 = stays
  FixedString<32> prompt_text;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "timeout", m.timeout);
    v.field(4, "text", m.prompt_text);
    v.field(36, "line", m.line_instance);
    v.field(40, "ref", m.call_reference);
  }
  bool operator==(const DisplayPromptStatus&) const = default;
};

using ClearPromptStatus = LineAndCall<MessageId::kClearPromptStatus, "ClearPromptStatus">;

struct DisplayNotify : MessageType<MessageId::kDisplayNotify, "DisplayNotify", 36> {
  std::uint32_t timeout = 0;
  FixedString<32> notify_text;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "timeout", m.timeout);
    v.field(4, "text", m.notify_text);
  }
  bool operator==(const DisplayNotify&) const = default;
};

using ClearNotify = NoBody<MessageId::kClearNotify, "ClearNotify">;

struct DisplayPriNotify : MessageType<MessageId::kDisplayPriNotify, "DisplayPriNotify", 40> {
  std::uint32_t timeout = 0;
  std::uint32_t priority = 0;
  FixedString<32> notify_text;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "timeout", m.timeout);
    v.field(4, "priority", m.priority);
    v.field(8, "text", m.notify_text);
  }
  bool operator==(const DisplayPriNotify&) const = default;
};

struct ClearPriNotify : MessageType<MessageId::kClearPriNotify, "ClearPriNotify", 4> {
  std::uint32_t priority = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "priority", m.priority); }
  bool operator==(const ClearPriNotify&) const = default;
};

struct SelectSoftKeys : MessageType<MessageId::kSelectSoftKeys, "SelectSoftKeys", 16> {
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  SoftKeySet soft_key_set{};
  std::uint32_t valid_key_mask = 0;  // CUCM: 0xFFFFFFFF
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "line", m.line_instance);
    v.field(4, "ref", m.call_reference);
    v.field(8, "set", m.soft_key_set);
    v.field(12, "mask", m.valid_key_mask, text_form::kHex);
  }
  bool operator==(const SelectSoftKeys&) const = default;
};

struct ActivateCallPlane : MessageType<MessageId::kActivateCallPlane, "ActivateCallPlane", 4> {
  std::uint32_t line_instance = 0;
  static constexpr void describe(auto& v, auto& m) { v.field(0, "line", m.line_instance); }
  bool operator==(const ActivateCallPlane&) const = default;
};

using DeactivateCallPlane = NoBody<MessageId::kDeactivateCallPlane, "DeactivateCallPlane">;
using BackSpaceRes = LineAndCall<MessageId::kBackSpaceRes, "BackSpaceRes">;

/// The 48-byte encryption block of OpenReceiveChannel and StartMediaTransmission.
struct EncryptionInfo {
  std::uint32_t algorithm = 0;  // 0 none
  std::uint16_t key_length = 0;
  std::uint16_t salt_length = 0;
  std::array<std::uint8_t, 16> key{};
  std::array<std::uint8_t, 16> salt{};
  std::uint32_t is_mki_present = 0;
  std::uint32_t key_derivation_rate = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.wire(0, m.algorithm);
    v.wire(4, m.key_length);
    v.wire(6, m.salt_length);
    v.wire(8, m.key);
    v.wire(24, m.salt);
    v.wire(40, m.is_mki_present);
    v.wire(44, m.key_derivation_rate);
  }
  bool operator==(const EncryptionInfo&) const = default;
};

struct OpenReceiveChannel : MessageType<MessageId::kOpenReceiveChannel, "OpenReceiveChannel", 92> {
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t ms_packet_size = 0;
  Codec compression_type{};
  std::uint32_t echo_cancellation = 0;
  std::uint32_t g723_bit_rate = 0;
  std::uint32_t call_reference = 0;
  EncryptionInfo encryption;
  std::uint32_t stream_pass_through_id = 0;
  std::uint32_t associated_stream_id = 0;
  std::uint32_t rfc2833_payload_type = 0;  // 101
  std::uint32_t dtmf_type = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "conference", m.conference_id);
    v.field(4, "passThruPartyId", m.pass_thru_party_id);
    v.field(8, "packetMs", m.ms_packet_size);
    v.field(12, "codec", m.compression_type);
    v.wire(16, m.echo_cancellation);
    v.wire(20, m.g723_bit_rate);
    v.field(24, "ref", m.call_reference);
    v.wire(28, m.encryption);
    v.wire(76, m.stream_pass_through_id);
    v.wire(80, m.associated_stream_id);
    v.wire(84, m.rfc2833_payload_type);
    v.wire(88, m.dtmf_type);
  }
  bool operator==(const OpenReceiveChannel&) const = default;
};

using CloseReceiveChannel = ChannelClose<MessageId::kCloseReceiveChannel, "CloseReceiveChannel">;

struct StartMediaTransmission
    : MessageType<MessageId::kStartMediaTransmission, "StartMediaTransmission", 112> {
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  Ipv4Address remote_ip_address;
  std::uint32_t remote_port = 0;
  std::uint32_t ms_packet_size = 0;
  Codec compression_type{};
  std::uint32_t precedence = 0;  // DSCP/ToS: cmemu 184
  std::uint32_t silence_suppression = 0;
  std::uint16_t max_frames_per_packet = 0;
  std::uint32_t g723_bit_rate = 0;
  std::uint32_t call_reference = 0;
  EncryptionInfo encryption;
  std::uint32_t stream_pass_through_id = 0;
  std::uint32_t associated_stream_id = 0;
  std::uint32_t rfc2833_payload_type = 0;
  std::uint32_t dtmf_type = 0;
  std::uint32_t mixing_mode = 0;
  static constexpr void describe(auto& v, auto& m) {
    v.field(0, "conference", m.conference_id);
    v.field(4, "passThruPartyId", m.pass_thru_party_id);
    v.field(8, "remoteIp", m.remote_ip_address);
    v.field(12, "remotePort", m.remote_port);
    v.field(16, "packetMs", m.ms_packet_size);
    v.field(20, "codec", m.compression_type);
    v.field(24, "precedence", m.precedence);
    v.wire(28, m.silence_suppression);
    v.wire(32, m.max_frames_per_packet);  // 2 pad bytes follow
    v.wire(36, m.g723_bit_rate);
    v.field(40, "ref", m.call_reference);
    v.wire(44, m.encryption);
    v.wire(92, m.stream_pass_through_id);
    v.wire(96, m.associated_stream_id);
    v.wire(100, m.rfc2833_payload_type);
    v.wire(104, m.dtmf_type);
    v.wire(108, m.mixing_mode);
  }
  bool operator==(const StartMediaTransmission&) const = default;
};

using StopMediaTransmission =
    ChannelClose<MessageId::kStopMediaTransmission, "StopMediaTransmission">;

}  // namespace msg
}  // namespace cmemu::sccp
