#pragma once
// SCCP (Skinny) messages and enumerations, as docs/sccp.md §4 and §5 describe them. Plain data: the
// wire layouts (offsets, Basic sizes) live in codec.cpp; each struct names its ID, its docs/sccp.md
// name and its Basic body size (header length field = 4 + kBodySize).
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
// Messages, one struct per docs/sccp.md §4 entry. Field names follow the tables in the domain's
// words; all fields default to zero, which is also what a short body decodes to.

namespace msg {

// 4.1 Registration and management

struct KeepAlive {
  static constexpr MessageId kId = MessageId::kKeepAlive;
  static constexpr std::string_view kName = "KeepAlive";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const KeepAlive&) const = default;
};

struct KeepAliveAck {
  static constexpr MessageId kId = MessageId::kKeepAliveAck;
  static constexpr std::string_view kName = "KeepAliveAck";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const KeepAliveAck&) const = default;
};

/// Basic layout 52 bytes; newer phones append the extension fields (body 124), which are decoded
/// when present and encoded only when one of them is set.
struct RegisterReq {
  static constexpr MessageId kId = MessageId::kRegisterReq;
  static constexpr std::string_view kName = "RegisterReq";
  static constexpr std::size_t kBodySize = 52;
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
  /// Whether any extension field is set (the encoder then writes the 124-byte body).
  bool has_extension() const;
  bool operator==(const RegisterReq&) const = default;
};

struct RegisterAck {
  static constexpr MessageId kId = MessageId::kRegisterAck;
  static constexpr std::string_view kName = "RegisterAck";
  static constexpr std::size_t kBodySize = 20;
  std::uint32_t keep_alive_interval = 0;
  FixedString<6> date_template;  // "M/D/Y"; 2 pad bytes follow
  std::uint32_t secondary_keep_alive_interval = 0;
  std::uint8_t max_protocol_version = 0;  // the version to use
  std::uint8_t reserved = 0;              // byte 17
  std::uint16_t phone_features = 0;       // 0x0080 DynamicMessages: cmemu sends 0
  bool operator==(const RegisterAck&) const = default;
};

struct RegisterReject {
  static constexpr MessageId kId = MessageId::kRegisterReject;
  static constexpr std::string_view kName = "RegisterReject";
  static constexpr std::size_t kBodySize = 32;
  FixedString<32> text;
  bool operator==(const RegisterReject&) const = default;
};

/// Basic layout has no body (chan-sccp adds a u32 reason, which tshark 4.0 ignores).
struct UnregisterReq {
  static constexpr MessageId kId = MessageId::kUnregisterReq;
  static constexpr std::string_view kName = "UnregisterReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const UnregisterReq&) const = default;
};

struct UnregisterAck {
  static constexpr MessageId kId = MessageId::kUnregisterAck;
  static constexpr std::string_view kName = "UnregisterAck";
  static constexpr std::size_t kBodySize = 4;
  UnregisterStatus status{};
  bool operator==(const UnregisterAck&) const = default;
};

struct Reset {
  static constexpr MessageId kId = MessageId::kReset;
  static constexpr std::string_view kName = "Reset";
  static constexpr std::size_t kBodySize = 4;
  ResetType reset_type{};
  bool operator==(const Reset&) const = default;
};

struct IpPort {
  static constexpr MessageId kId = MessageId::kIpPort;
  static constexpr std::string_view kName = "IpPort";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t rtp_media_port = 0;
  bool operator==(const IpPort&) const = default;
};

struct Alarm {
  static constexpr MessageId kId = MessageId::kAlarm;
  static constexpr std::string_view kName = "Alarm";
  static constexpr std::size_t kBodySize = 92;
  std::uint32_t alarm_severity = 0;
  FixedString<80> text;
  std::uint32_t parm1 = 0;
  std::uint32_t parm2 = 0;
  bool operator==(const Alarm&) const = default;
};

struct CapabilitiesReq {
  static constexpr MessageId kId = MessageId::kCapabilitiesReq;
  static constexpr std::string_view kName = "CapabilitiesReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const CapabilitiesReq&) const = default;
};

struct MediaCapability {
  Codec payload_capability{};
  std::uint32_t max_frames_per_packet = 0;
  std::array<std::uint8_t, 8> codec_params{};  // g723BitRate or codec mode bytes
  bool operator==(const MediaCapability&) const = default;
};

/// Variable length: body = 4 + 16 x count (count at most 18).
struct CapabilitiesRes {
  static constexpr MessageId kId = MessageId::kCapabilitiesRes;
  static constexpr std::string_view kName = "CapabilitiesRes";
  static constexpr std::size_t kMaxCapabilities = 18;
  static constexpr std::size_t kBodySize = 4 + 16 * kMaxCapabilities;  // the longest body
  std::uint32_t count = 0;  // capabilities used; decoding clamps it to 18
  std::array<MediaCapability, kMaxCapabilities> capabilities{};
  bool operator==(const CapabilitiesRes&) const = default;
};

struct ButtonTemplateReq {
  static constexpr MessageId kId = MessageId::kButtonTemplateReq;
  static constexpr std::string_view kName = "ButtonTemplateReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const ButtonTemplateReq&) const = default;
};

struct ButtonTemplateEntry {
  std::uint8_t instance_number = 0;  // line instance for a Line button
  ButtonDefinition button_definition{};
  bool operator==(const ButtonTemplateEntry&) const = default;
};

/// All 42 slots always go on the wire; unused ones are zero.
struct ButtonTemplateRes {
  static constexpr MessageId kId = MessageId::kButtonTemplateRes;
  static constexpr std::string_view kName = "ButtonTemplateRes";
  static constexpr std::size_t kMaxButtons = 42;
  static constexpr std::size_t kBodySize = 12 + 2 * kMaxButtons;
  std::uint32_t button_offset = 0;
  std::uint32_t button_count = 0;
  std::uint32_t total_button_count = 0;
  std::array<ButtonTemplateEntry, kMaxButtons> buttons{};
  bool operator==(const ButtonTemplateRes&) const = default;
};

struct SoftKeyTemplateReq {
  static constexpr MessageId kId = MessageId::kSoftKeyTemplateReq;
  static constexpr std::string_view kName = "SoftKeyTemplateReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const SoftKeyTemplateReq&) const = default;
};

struct SoftKeyTemplateEntry {
  FixedString<16> label;  // ASCII, or localized: "\x80" + label number
  SoftKeyEvent event{};
  bool operator==(const SoftKeyTemplateEntry&) const = default;
};

struct SoftKeyTemplateRes {
  static constexpr MessageId kId = MessageId::kSoftKeyTemplateRes;
  static constexpr std::string_view kName = "SoftKeyTemplateRes";
  static constexpr std::size_t kMaxSoftKeys = 32;
  static constexpr std::size_t kBodySize = 12 + 20 * kMaxSoftKeys;
  std::uint32_t soft_key_offset = 0;
  std::uint32_t soft_key_count = 0;
  std::uint32_t total_soft_key_count = 0;
  std::array<SoftKeyTemplateEntry, kMaxSoftKeys> soft_keys{};
  bool operator==(const SoftKeyTemplateRes&) const = default;
};

struct SoftKeySetReq {
  static constexpr MessageId kId = MessageId::kSoftKeySetReq;
  static constexpr std::string_view kName = "SoftKeySetReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const SoftKeySetReq&) const = default;
};

/// One soft key set: slot j shows template position template_index[j] (1-based, 0 = empty).
struct SoftKeySetDefinition {
  static constexpr std::size_t kMaxKeys = 16;
  std::array<std::uint8_t, kMaxKeys> template_index{};
  std::array<std::uint16_t, kMaxKeys> info_index{};  // 300 + event (CUCM)
  bool operator==(const SoftKeySetDefinition&) const = default;
};

struct SoftKeySetRes {
  static constexpr MessageId kId = MessageId::kSoftKeySetRes;
  static constexpr std::string_view kName = "SoftKeySetRes";
  static constexpr std::size_t kMaxSets = 16;
  static constexpr std::size_t kBodySize = 12 + 48 * kMaxSets;
  std::uint32_t soft_key_set_offset = 0;
  std::uint32_t soft_key_set_count = 0;
  std::uint32_t total_soft_key_set_count = 0;
  std::array<SoftKeySetDefinition, kMaxSets> sets{};  // set k serves SelectSoftKeys index k
  bool operator==(const SoftKeySetRes&) const = default;
};

struct LineStatReq {
  static constexpr MessageId kId = MessageId::kLineStatReq;
  static constexpr std::string_view kName = "LineStatReq";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t line_number = 0;  // 1-based
  bool operator==(const LineStatReq&) const = default;
};

struct LineStatRes {
  static constexpr MessageId kId = MessageId::kLineStatRes;
  static constexpr std::string_view kName = "LineStatRes";
  static constexpr std::size_t kBodySize = 112;
  std::uint32_t line_number = 0;
  FixedString<24> line_dir_number;
  FixedString<40> line_fully_qualified_display_name;
  FixedString<40> line_text_label;
  std::uint32_t line_display_options = 0;  // kDisplay* bits
  bool operator==(const LineStatRes&) const = default;
};

struct SpeedDialStatReq {
  static constexpr MessageId kId = MessageId::kSpeedDialStatReq;
  static constexpr std::string_view kName = "SpeedDialStatReq";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t speed_dial_number = 0;
  bool operator==(const SpeedDialStatReq&) const = default;
};

struct SpeedDialStatRes {
  static constexpr MessageId kId = MessageId::kSpeedDialStatRes;
  static constexpr std::string_view kName = "SpeedDialStatRes";
  static constexpr std::size_t kBodySize = 68;
  std::uint32_t speed_dial_number = 0;
  FixedString<24> speed_dial_dir_number;
  FixedString<40> speed_dial_display_name;
  bool operator==(const SpeedDialStatRes&) const = default;
};

struct ForwardStatReq {
  static constexpr MessageId kId = MessageId::kForwardStatReq;
  static constexpr std::string_view kName = "ForwardStatReq";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t line_number = 0;
  bool operator==(const ForwardStatReq&) const = default;
};

struct ForwardStatRes {
  static constexpr MessageId kId = MessageId::kForwardStatRes;
  static constexpr std::string_view kName = "ForwardStatRes";
  static constexpr std::size_t kBodySize = 92;
  std::uint32_t active_forward = 0;
  std::uint32_t line_number = 0;
  std::uint32_t forward_all_active = 0;
  FixedString<24> forward_all_dir_number;
  std::uint32_t forward_busy_active = 0;
  FixedString<24> forward_busy_dir_number;
  std::uint32_t forward_no_answer_active = 0;
  FixedString<24> forward_no_answer_dir_number;
  bool operator==(const ForwardStatRes&) const = default;
};

struct ConfigStatReq {
  static constexpr MessageId kId = MessageId::kConfigStatReq;
  static constexpr std::string_view kName = "ConfigStatReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const ConfigStatReq&) const = default;
};

struct ConfigStatRes {
  static constexpr MessageId kId = MessageId::kConfigStatRes;
  static constexpr std::string_view kName = "ConfigStatRes";
  static constexpr std::size_t kBodySize = 112;
  FixedString<16> device_name;
  std::uint32_t station_user_id = 0;
  std::uint32_t station_instance = 0;
  FixedString<40> user_name;
  FixedString<40> server_name;
  std::uint32_t number_of_lines = 0;
  std::uint32_t number_of_speed_dials = 0;
  bool operator==(const ConfigStatRes&) const = default;
};

struct TimeDateReq {
  static constexpr MessageId kId = MessageId::kTimeDateReq;
  static constexpr std::string_view kName = "TimeDateReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const TimeDateReq&) const = default;
};

struct DefineTimeDate {
  static constexpr MessageId kId = MessageId::kDefineTimeDate;
  static constexpr std::string_view kName = "DefineTimeDate";
  static constexpr std::size_t kBodySize = 36;
  std::uint32_t year = 0;
  std::uint32_t month = 0;        // 1-12
  std::uint32_t day_of_week = 0;  // 0 = Sunday
  std::uint32_t day = 0;
  std::uint32_t hour = 0;
  std::uint32_t minute = 0;
  std::uint32_t second = 0;
  std::uint32_t milliseconds = 0;
  std::uint32_t system_time = 0;  // Unix seconds
  bool operator==(const DefineTimeDate&) const = default;
};

struct RegisterAvailableLines {
  static constexpr MessageId kId = MessageId::kRegisterAvailableLines;
  static constexpr std::string_view kName = "RegisterAvailableLines";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t max_number_of_available_lines = 0;
  bool operator==(const RegisterAvailableLines&) const = default;
};

struct HeadsetStatus {
  static constexpr MessageId kId = MessageId::kHeadsetStatus;
  static constexpr std::string_view kName = "HeadsetStatus";
  static constexpr std::size_t kBodySize = 4;
  HeadsetMode headset_mode{};
  bool operator==(const HeadsetStatus&) const = default;
};

struct FeatureStatReq {
  static constexpr MessageId kId = MessageId::kFeatureStatReq;
  static constexpr std::string_view kName = "FeatureStatReq";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t feature_index = 0;
  bool operator==(const FeatureStatReq&) const = default;
};

struct FeatureStatRes {
  static constexpr MessageId kId = MessageId::kFeatureStatRes;
  static constexpr std::string_view kName = "FeatureStatRes";
  static constexpr std::size_t kBodySize = 52;
  std::uint32_t feature_index = 0;
  std::uint32_t feature_id = 0;
  FixedString<40> feature_text_label;
  std::uint32_t feature_status = 0;
  bool operator==(const FeatureStatRes&) const = default;
};

struct ServiceUrlStatReq {
  static constexpr MessageId kId = MessageId::kServiceUrlStatReq;
  static constexpr std::string_view kName = "ServiceURLStatReq";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t service_url_index = 0;
  bool operator==(const ServiceUrlStatReq&) const = default;
};

struct ServiceUrlStatRes {
  static constexpr MessageId kId = MessageId::kServiceUrlStatRes;
  static constexpr std::string_view kName = "ServiceURLStatRes";
  static constexpr std::size_t kBodySize = 300;
  std::uint32_t service_url_index = 0;
  FixedString<256> service_url;
  FixedString<40> service_url_display_name;
  bool operator==(const ServiceUrlStatRes&) const = default;
};

struct VersionReq {
  static constexpr MessageId kId = MessageId::kVersionReq;
  static constexpr std::string_view kName = "VersionReq";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const VersionReq&) const = default;
};

struct VersionRes {
  static constexpr MessageId kId = MessageId::kVersionRes;
  static constexpr std::string_view kName = "VersionRes";
  static constexpr std::size_t kBodySize = 16;
  FixedString<16> version;
  bool operator==(const VersionRes&) const = default;
};

// 4.2 Phone -> router call events

/// Old phones (CUCM 4.1's 7912) send no body: both fields then decode as 0.
struct OffHook {
  static constexpr MessageId kId = MessageId::kOffHook;
  static constexpr std::string_view kName = "OffHook";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const OffHook&) const = default;
};

struct OnHook {
  static constexpr MessageId kId = MessageId::kOnHook;
  static constexpr std::string_view kName = "OnHook";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const OnHook&) const = default;
};

struct HookFlash {
  static constexpr MessageId kId = MessageId::kHookFlash;
  static constexpr std::string_view kName = "HookFlash";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const HookFlash&) const = default;
};

/// Wireshark's Basic layout (tshark 4.0 flags docs/sccp.md's 28-byte form as malformed): c[24]
/// number, c[24] cgpnVoiceMailbox, u32 lineInstance. A 28-byte form decodes with the rest zero.
struct OffHookWithCallingPartyNumber {
  static constexpr MessageId kId = MessageId::kOffHookWithCallingPartyNumber;
  static constexpr std::string_view kName = "OffHookWithCallingPartyNumber";
  static constexpr std::size_t kBodySize = 52;
  FixedString<24> calling_party_number;
  FixedString<24> calling_voice_mailbox;
  std::uint32_t line_instance = 0;
  bool operator==(const OffHookWithCallingPartyNumber&) const = default;
};

struct KeypadButton {
  static constexpr MessageId kId = MessageId::kKeypadButton;
  static constexpr std::string_view kName = "KeypadButton";
  static constexpr std::size_t kBodySize = 12;
  sccp::KeypadButton kp_button{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const KeypadButton&) const = default;
};

struct EnblocCall {
  static constexpr MessageId kId = MessageId::kEnblocCall;
  static constexpr std::string_view kName = "EnblocCall";
  static constexpr std::size_t kBodySize = 24;
  FixedString<24> called_party;
  bool operator==(const EnblocCall&) const = default;
};

struct Stimulus {
  static constexpr MessageId kId = MessageId::kStimulus;
  static constexpr std::string_view kName = "Stimulus";
  static constexpr std::size_t kBodySize = 16;
  sccp::Stimulus stimulus{};
  std::uint32_t stimulus_instance = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t stimulus_status = 0;
  bool operator==(const Stimulus&) const = default;
};

struct SoftKeyEvent {
  static constexpr MessageId kId = MessageId::kSoftKeyEvent;
  static constexpr std::string_view kName = "SoftKeyEvent";
  static constexpr std::size_t kBodySize = 12;
  sccp::SoftKeyEvent soft_key_event{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;  // 0 = none
  bool operator==(const SoftKeyEvent&) const = default;
};

/// The 7912 sends 16 bytes (no call_reference).
struct OpenReceiveChannelAck {
  static constexpr MessageId kId = MessageId::kOpenReceiveChannelAck;
  static constexpr std::string_view kName = "OpenReceiveChannelAck";
  static constexpr std::size_t kBodySize = 20;
  MediaStatus media_status{};
  Ipv4Address ip_address;
  std::uint32_t port = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const OpenReceiveChannelAck&) const = default;
};

/// Newer phones; accepted and ignored. Layout: Wireshark's and chan-sccp's Basic (v3) form.
struct StartMediaTransmissionAck {
  static constexpr MessageId kId = MessageId::kStartMediaTransmissionAck;
  static constexpr std::string_view kName = "StartMediaTransmissionAck";
  static constexpr std::size_t kBodySize = 24;
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  Ipv4Address ip_address;
  std::uint32_t port = 0;
  MediaStatus transmission_status{};
  bool operator==(const StartMediaTransmissionAck&) const = default;
};

/// Newer phones; accepted and ignored. Layout: Wireshark's and chan-sccp's Basic form.
struct ConnectionStatisticsRes {
  static constexpr MessageId kId = MessageId::kConnectionStatisticsRes;
  static constexpr std::string_view kName = "ConnectionStatisticsRes";
  static constexpr std::size_t kBodySize = 60;
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
  bool operator==(const ConnectionStatisticsRes&) const = default;
};

// 4.3 Router -> phone control

struct StartTone {
  static constexpr MessageId kId = MessageId::kStartTone;
  static constexpr std::string_view kName = "StartTone";
  static constexpr std::size_t kBodySize = 16;
  Tone tone{};
  ToneDirection direction{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const StartTone&) const = default;
};

/// Two fields (no tone: Wireshark decodes it only at header version >= 0x0B).
struct StopTone {
  static constexpr MessageId kId = MessageId::kStopTone;
  static constexpr std::string_view kName = "StopTone";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const StopTone&) const = default;
};

struct SetRinger {
  static constexpr MessageId kId = MessageId::kSetRinger;
  static constexpr std::string_view kName = "SetRinger";
  static constexpr std::size_t kBodySize = 16;
  RingMode ring_mode{};
  RingDuration ring_duration{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const SetRinger&) const = default;
};

struct SetLamp {
  static constexpr MessageId kId = MessageId::kSetLamp;
  static constexpr std::string_view kName = "SetLamp";
  static constexpr std::size_t kBodySize = 12;
  sccp::Stimulus stimulus{};
  std::uint32_t stimulus_instance = 0;
  LampMode lamp_mode{};
  bool operator==(const SetLamp&) const = default;
};

struct SetSpeakerMode {
  static constexpr MessageId kId = MessageId::kSetSpeakerMode;
  static constexpr std::string_view kName = "SetSpeakerMode";
  static constexpr std::size_t kBodySize = 4;
  SpeakerMode speaker_mode{};
  bool operator==(const SetSpeakerMode&) const = default;
};

struct SetMicroMode {
  static constexpr MessageId kId = MessageId::kSetMicroMode;
  static constexpr std::string_view kName = "SetMicroMode";
  static constexpr std::size_t kBodySize = 4;
  MicroMode micro_mode{};
  bool operator==(const SetMicroMode&) const = default;
};

struct CallState {
  static constexpr MessageId kId = MessageId::kCallState;
  static constexpr std::string_view kName = "CallState";
  static constexpr std::size_t kBodySize = 24;
  sccp::CallState call_state{};
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t privacy = 0;
  std::uint32_t precedence_level = 0;  // CUCM: 4
  std::uint32_t precedence_domain = 0;
  bool operator==(const CallState&) const = default;
};

struct CallInfo {
  static constexpr MessageId kId = MessageId::kCallInfo;
  static constexpr std::string_view kName = "CallInfo";
  static constexpr std::size_t kBodySize = 384;
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
  bool operator==(const CallInfo&) const = default;
};

struct DialedNumber {
  static constexpr MessageId kId = MessageId::kDialedNumber;
  static constexpr std::string_view kName = "DialedNumber";
  static constexpr std::size_t kBodySize = 32;
  FixedString<24> dialed_number;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const DialedNumber&) const = default;
};

struct DisplayPromptStatus {
  static constexpr MessageId kId = MessageId::kDisplayPromptStatus;
  static constexpr std::string_view kName = "DisplayPromptStatus";
  static constexpr std::size_t kBodySize = 44;
  std::uint32_t timeout = 0;  // seconds; 0 = stays
  FixedString<32> prompt_text;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const DisplayPromptStatus&) const = default;
};

struct ClearPromptStatus {
  static constexpr MessageId kId = MessageId::kClearPromptStatus;
  static constexpr std::string_view kName = "ClearPromptStatus";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const ClearPromptStatus&) const = default;
};

struct DisplayNotify {
  static constexpr MessageId kId = MessageId::kDisplayNotify;
  static constexpr std::string_view kName = "DisplayNotify";
  static constexpr std::size_t kBodySize = 36;
  std::uint32_t timeout = 0;
  FixedString<32> notify_text;
  bool operator==(const DisplayNotify&) const = default;
};

struct ClearNotify {
  static constexpr MessageId kId = MessageId::kClearNotify;
  static constexpr std::string_view kName = "ClearNotify";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const ClearNotify&) const = default;
};

struct DisplayPriNotify {
  static constexpr MessageId kId = MessageId::kDisplayPriNotify;
  static constexpr std::string_view kName = "DisplayPriNotify";
  static constexpr std::size_t kBodySize = 40;
  std::uint32_t timeout = 0;
  std::uint32_t priority = 0;
  FixedString<32> notify_text;
  bool operator==(const DisplayPriNotify&) const = default;
};

struct ClearPriNotify {
  static constexpr MessageId kId = MessageId::kClearPriNotify;
  static constexpr std::string_view kName = "ClearPriNotify";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t priority = 0;
  bool operator==(const ClearPriNotify&) const = default;
};

struct SelectSoftKeys {
  static constexpr MessageId kId = MessageId::kSelectSoftKeys;
  static constexpr std::string_view kName = "SelectSoftKeys";
  static constexpr std::size_t kBodySize = 16;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  SoftKeySet soft_key_set{};
  std::uint32_t valid_key_mask = 0;  // CUCM: 0xFFFFFFFF
  bool operator==(const SelectSoftKeys&) const = default;
};

struct ActivateCallPlane {
  static constexpr MessageId kId = MessageId::kActivateCallPlane;
  static constexpr std::string_view kName = "ActivateCallPlane";
  static constexpr std::size_t kBodySize = 4;
  std::uint32_t line_instance = 0;
  bool operator==(const ActivateCallPlane&) const = default;
};

struct DeactivateCallPlane {
  static constexpr MessageId kId = MessageId::kDeactivateCallPlane;
  static constexpr std::string_view kName = "DeactivateCallPlane";
  static constexpr std::size_t kBodySize = 0;
  bool operator==(const DeactivateCallPlane&) const = default;
};

struct BackSpaceRes {
  static constexpr MessageId kId = MessageId::kBackSpaceRes;
  static constexpr std::string_view kName = "BackSpaceRes";
  static constexpr std::size_t kBodySize = 8;
  std::uint32_t line_instance = 0;
  std::uint32_t call_reference = 0;
  bool operator==(const BackSpaceRes&) const = default;
};

/// The 48-byte encryption block of OpenReceiveChannel and StartMediaTransmission.
struct EncryptionInfo {
  std::uint32_t algorithm = 0;  // 0 none
  std::uint16_t key_length = 0;
  std::uint16_t salt_length = 0;
  std::array<std::uint8_t, 16> key{};
  std::array<std::uint8_t, 16> salt{};
  std::uint32_t is_mki_present = 0;
  std::uint32_t key_derivation_rate = 0;
  bool operator==(const EncryptionInfo&) const = default;
};

struct OpenReceiveChannel {
  static constexpr MessageId kId = MessageId::kOpenReceiveChannel;
  static constexpr std::string_view kName = "OpenReceiveChannel";
  static constexpr std::size_t kBodySize = 92;
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
  bool operator==(const OpenReceiveChannel&) const = default;
};

struct CloseReceiveChannel {
  static constexpr MessageId kId = MessageId::kCloseReceiveChannel;
  static constexpr std::string_view kName = "CloseReceiveChannel";
  static constexpr std::size_t kBodySize = 16;
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t port_handling_flag = 0;  // 0 close
  bool operator==(const CloseReceiveChannel&) const = default;
};

struct StartMediaTransmission {
  static constexpr MessageId kId = MessageId::kStartMediaTransmission;
  static constexpr std::string_view kName = "StartMediaTransmission";
  static constexpr std::size_t kBodySize = 112;
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  Ipv4Address remote_ip_address;
  std::uint32_t remote_port = 0;
  std::uint32_t ms_packet_size = 0;
  Codec compression_type{};
  std::uint32_t precedence = 0;  // DSCP/ToS: cmemu 184
  std::uint32_t silence_suppression = 0;
  std::uint16_t max_frames_per_packet = 0;  // 2 pad bytes follow
  std::uint32_t g723_bit_rate = 0;
  std::uint32_t call_reference = 0;
  EncryptionInfo encryption;
  std::uint32_t stream_pass_through_id = 0;
  std::uint32_t associated_stream_id = 0;
  std::uint32_t rfc2833_payload_type = 0;
  std::uint32_t dtmf_type = 0;
  std::uint32_t mixing_mode = 0;
  bool operator==(const StartMediaTransmission&) const = default;
};

struct StopMediaTransmission {
  static constexpr MessageId kId = MessageId::kStopMediaTransmission;
  static constexpr std::string_view kName = "StopMediaTransmission";
  static constexpr std::size_t kBodySize = 16;
  std::uint32_t conference_id = 0;
  std::uint32_t pass_thru_party_id = 0;
  std::uint32_t call_reference = 0;
  std::uint32_t port_handling_flag = 0;
  bool operator==(const StopMediaTransmission&) const = default;
};

}  // namespace msg
}  // namespace cmemu::sccp
