#include "sccp/message_text.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <utility>
#include <variant>

namespace cmemu::sccp {
namespace {

template <class E>
using NameTable = std::pair<E, std::string_view>;

template <class E, std::size_t N>
std::string_view lookup(const NameTable<E> (&table)[N], E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return {};
}

template <class E, std::size_t N>
std::optional<E> reverse_lookup(const NameTable<E> (&table)[N], std::string_view name) {
  for (const auto& [v, n] : table) {
    if (equal_ignoring_case(n, name)) return v;
  }
  return std::nullopt;
}

constexpr NameTable<CallState> kCallStates[] = {
    {CallState::kIdle, "Idle"},
    {CallState::kOffHook, "OffHook"},
    {CallState::kOnHook, "OnHook"},
    {CallState::kRingOut, "RingOut"},
    {CallState::kRingIn, "RingIn"},
    {CallState::kConnected, "Connected"},
    {CallState::kBusy, "Busy"},
    {CallState::kCongestion, "Congestion"},
    {CallState::kHold, "Hold"},
    {CallState::kCallWaiting, "CallWaiting"},
    {CallState::kCallTransfer, "CallTransfer"},
    {CallState::kCallPark, "CallPark"},
    {CallState::kProceed, "Proceed"},
    {CallState::kCallRemoteMultiline, "CallRemoteMultiline"},
    {CallState::kInvalidNumber, "InvalidNumber"},
    {CallState::kHoldRevert, "HoldRevert"},
    {CallState::kWhisper, "Whisper"},
    {CallState::kRemoteHold, "RemoteHold"},
};

constexpr NameTable<Tone> kTones[] = {
    {Tone::kSilence, "Silence"},
    {Tone::kDtmf1, "Dtmf1"},
    {Tone::kDtmf2, "Dtmf2"},
    {Tone::kDtmf3, "Dtmf3"},
    {Tone::kDtmf4, "Dtmf4"},
    {Tone::kDtmf5, "Dtmf5"},
    {Tone::kDtmf6, "Dtmf6"},
    {Tone::kDtmf7, "Dtmf7"},
    {Tone::kDtmf8, "Dtmf8"},
    {Tone::kDtmf9, "Dtmf9"},
    {Tone::kDtmf0, "Dtmf0"},
    {Tone::kDtmfStar, "DtmfStar"},
    {Tone::kDtmfPound, "DtmfPound"},
    {Tone::kDtmfA, "DtmfA"},
    {Tone::kDtmfB, "DtmfB"},
    {Tone::kDtmfC, "DtmfC"},
    {Tone::kDtmfD, "DtmfD"},
    {Tone::kInsideDialTone, "InsideDialTone"},
    {Tone::kOutsideDialTone, "OutsideDialTone"},
    {Tone::kLineBusyTone, "LineBusyTone"},
    {Tone::kAlertingTone, "AlertingTone"},
    {Tone::kReorderTone, "ReorderTone"},
    {Tone::kRecorderWarningTone, "RecorderWarningTone"},
    {Tone::kRevertingTone, "RevertingTone"},
    {Tone::kReceiverOffHookTone, "ReceiverOffHookTone"},
    {Tone::kMessageWaitingIndicatorTone, "MessageWaitingIndicatorTone"},
    {Tone::kNoSuchNumberTone, "NoSuchNumberTone"},
    {Tone::kCallWaitingTone, "CallWaitingTone"},
    {Tone::kConfirmationTone, "ConfirmationTone"},
    {Tone::kRecallDialTone, "RecallDialTone"},
    {Tone::kZipZip, "ZipZip"},
    {Tone::kZip, "Zip"},
    {Tone::kHoldTone, "HoldTone"},
    {Tone::kNoTone, "NoTone"},
};

constexpr NameTable<Tone> kToneShortNames[] = {
    {Tone::kInsideDialTone, "dial"},
    {Tone::kOutsideDialTone, "outsidedial"},
    {Tone::kLineBusyTone, "busy"},
    {Tone::kAlertingTone, "alerting"},
    {Tone::kAlertingTone, "ringback"},
    {Tone::kReorderTone, "reorder"},
    {Tone::kCallWaitingTone, "callwaiting"},
    {Tone::kHoldTone, "hold"},
    {Tone::kConfirmationTone, "confirmation"},
    {Tone::kSilence, "silence"},
};

constexpr NameTable<LampMode> kLampModes[] = {
    {LampMode::kOff, "Off"},     {LampMode::kOn, "On"},       {LampMode::kWink, "Wink"},
    {LampMode::kFlash, "Flash"}, {LampMode::kBlink, "Blink"},
};

constexpr NameTable<Stimulus> kStimuli[] = {
    {Stimulus::kLastNumberRedial, "LastNumberRedial"},
    {Stimulus::kSpeedDial, "SpeedDial"},
    {Stimulus::kHold, "Hold"},
    {Stimulus::kTransfer, "Transfer"},
    {Stimulus::kForwardAll, "ForwardAll"},
    {Stimulus::kForwardBusy, "ForwardBusy"},
    {Stimulus::kForwardNoAnswer, "ForwardNoAnswer"},
    {Stimulus::kDisplay, "Display"},
    {Stimulus::kLine, "Line"},
    {Stimulus::kVideo, "Video"},
    {Stimulus::kVoiceMail, "VoiceMail"},
    {Stimulus::kAnswerRelease, "AnswerRelease"},
    {Stimulus::kAutoAnswer, "AutoAnswer"},
    {Stimulus::kSelect, "Select"},
    {Stimulus::kFeature, "Feature"},
    {Stimulus::kServiceUrl, "ServiceURL"},
    {Stimulus::kBlfSpeedDial, "BLFSpeedDial"},
    {Stimulus::kConference, "Conference"},
    {Stimulus::kCallPark, "CallPark"},
    {Stimulus::kCallPickup, "CallPickup"},
    {Stimulus::kGroupCallPickup, "GroupCallPickup"},
    {Stimulus::kDoNotDisturb, "DoNotDisturb"},
    {Stimulus::kNewCall, "NewCall"},
    {Stimulus::kEndCall, "EndCall"},
};

constexpr NameTable<SoftKeyEvent> kSoftKeyEvents[] = {
    {SoftKeyEvent::kRedial, "Redial"},
    {SoftKeyEvent::kNewCall, "NewCall"},
    {SoftKeyEvent::kHold, "Hold"},
    {SoftKeyEvent::kTransfer, "Transfer"},
    {SoftKeyEvent::kCFwdAll, "CFwdAll"},
    {SoftKeyEvent::kCFwdBusy, "CFwdBusy"},
    {SoftKeyEvent::kCFwdNoAnswer, "CFwdNoAnswer"},
    {SoftKeyEvent::kBackSpace, "BackSpace"},
    {SoftKeyEvent::kEndCall, "EndCall"},
    {SoftKeyEvent::kResume, "Resume"},
    {SoftKeyEvent::kAnswer, "Answer"},
    {SoftKeyEvent::kInfo, "Info"},
    {SoftKeyEvent::kConfrn, "Confrn"},
    {SoftKeyEvent::kPark, "Park"},
    {SoftKeyEvent::kJoin, "Join"},
    {SoftKeyEvent::kMeetMe, "MeetMe"},
    {SoftKeyEvent::kPickUp, "PickUp"},
    {SoftKeyEvent::kGPickUp, "GPickUp"},
    {SoftKeyEvent::kDnd, "DND"},
};

constexpr NameTable<SoftKeySet> kSoftKeySets[] = {
    {SoftKeySet::kOnHook, "OnHook"},
    {SoftKeySet::kConnected, "Connected"},
    {SoftKeySet::kOnHold, "OnHold"},
    {SoftKeySet::kRingIn, "RingIn"},
    {SoftKeySet::kOffHook, "OffHook"},
    {SoftKeySet::kConnectedTransferable, "ConnectedTransferable"},
    {SoftKeySet::kDigitsFollowing, "DigitsFollowing"},
    {SoftKeySet::kConnectedConference, "ConnectedConference"},
    {SoftKeySet::kRingOut, "RingOut"},
    {SoftKeySet::kOffHookWithFeatures, "OffHookWithFeatures"},
    {SoftKeySet::kInUseHint, "InUseHint"},
    {SoftKeySet::kOnHookStealable, "OnHookStealable"},
};

constexpr NameTable<RingMode> kRingModes[] = {
    {RingMode::kRingOff, "RingOff"},         {RingMode::kInsideRing, "InsideRing"},
    {RingMode::kOutsideRing, "OutsideRing"}, {RingMode::kFeatureRing, "FeatureRing"},
    {RingMode::kFlashOnly, "FlashOnly"},     {RingMode::kPrecedenceRing, "PrecedenceRing"},
};

constexpr NameTable<Codec> kCodecs[] = {
    {Codec::kG711Alaw, "G711Alaw"},
    {Codec::kG711Ulaw, "G711Ulaw"},
    {Codec::kG722, "G722"},
    {Codec::kG7231, "G7231"},
    {Codec::kG728, "G728"},
    {Codec::kG729, "G729"},
    {Codec::kG729A, "G729A"},
    {Codec::kG729B, "G729B"},
    {Codec::kG729AB, "G729AB"},
    {Codec::kG7221At32k, "G7221At32k"},
    {Codec::kG7221At24k, "G7221At24k"},
    {Codec::kGsm, "GSM"},
    {Codec::kG726At32k, "G726At32k"},
    {Codec::kG726At24k, "G726At24k"},
    {Codec::kG726At16k, "G726At16k"},
    {Codec::kIlbc, "iLBC"},
    {Codec::kH261, "H261"},
    {Codec::kH263, "H263"},
    {Codec::kH264, "H264"},
};

constexpr NameTable<MediaStatus> kMediaStatuses[] = {
    {MediaStatus::kOk, "Ok"},
    {MediaStatus::kUnknown, "Unknown"},
    {MediaStatus::kOutOfChannels, "OutOfChannels"},
    {MediaStatus::kCodecTooComplex, "CodecTooComplex"},
    {MediaStatus::kInvalidPartyId, "InvalidPartyId"},
    {MediaStatus::kInvalidCallReference, "InvalidCallReference"},
    {MediaStatus::kInvalidCodec, "InvalidCodec"},
    {MediaStatus::kInvalidPacketSize, "InvalidPacketSize"},
    {MediaStatus::kOutOfSockets, "OutOfSockets"},
    {MediaStatus::kEncoderOrDecoderFailed, "EncoderOrDecoderFailed"},
    {MediaStatus::kInvalidDynPayloadType, "InvalidDynPayloadType"},
    {MediaStatus::kRequestedIpAddrTypeUnavailable, "RequestedIpAddrTypeUnavailable"},
    {MediaStatus::kDeviceOnHook, "DeviceOnHook"},
};

constexpr NameTable<ButtonDefinition> kButtonDefinitions[] = {
    {ButtonDefinition::kUnused, "Unused"},
    {ButtonDefinition::kRedial, "Redial"},
    {ButtonDefinition::kSpeedDial, "SpeedDial"},
    {ButtonDefinition::kHold, "Hold"},
    {ButtonDefinition::kTransfer, "Transfer"},
    {ButtonDefinition::kForwardAll, "FwdAll"},
    {ButtonDefinition::kForwardBusy, "FwdBusy"},
    {ButtonDefinition::kForwardNoAnswer, "FwdNoAnswer"},
    {ButtonDefinition::kDisplay, "Display"},
    {ButtonDefinition::kLine, "Line"},
    {ButtonDefinition::kVoicemail, "Voicemail"},
    {ButtonDefinition::kSelect, "Select"},
    {ButtonDefinition::kFeature, "Feature"},
    {ButtonDefinition::kServiceUrl, "ServiceURL"},
    {ButtonDefinition::kBlfSpeedDial, "BLFSpeedDial"},
    {ButtonDefinition::kConference, "Conference"},
    {ButtonDefinition::kCallPark, "CallPark"},
    {ButtonDefinition::kCallPickup, "CallPickup"},
    {ButtonDefinition::kGroupPickup, "GroupPickup"},
    {ButtonDefinition::kDoNotDisturb, "DND"},
    {ButtonDefinition::kMessages, "Messages"},
    {ButtonDefinition::kDirectory, "Directory"},
    {ButtonDefinition::kApplication, "Application"},
    {ButtonDefinition::kHeadset, "Headset"},
    {ButtonDefinition::kKeypad, "Keypad"},
    {ButtonDefinition::kUndefined, "Undefined"},
};

constexpr NameTable<CallType> kCallTypes[] = {
    {CallType::kInbound, "Inbound"},
    {CallType::kOutbound, "Outbound"},
    {CallType::kForward, "Forward"},
};

// Cisco display labels (Asterisk OCTAL_*, Wireshark DisplayLabels_200), index = label number.
constexpr std::string_view kLabels[] = {
    "",
    "Redial",
    "NewCall",
    "Hold",
    "Transfer",
    "CFwdALL",
    "CFwdBusy",
    "CFwdNoAnswer",
    "<<",
    "EndCall",
    "Resume",
    "Answer",
    "Info",
    "Confrn",
    "Park",
    "Join",
    "MeetMe",
    "PickUp",
    "GPickUp",
    "Your current options",
    "Off Hook",
    "On Hook",
    "Ring out",
    "From",
    "Connected",
    "Busy",
    "Line In Use",
    "Call Waiting",
    "Call Transfer",
    "Call Park",
    "Call Proceed",
    "In Use Remote",
    "Enter number",
    "Call park At",
    "Primary Only",
    "Temp Fail",
    "You Have VoiceMail",
    "Forwarded to",
    "Can Not Complete Conference",
    "No Conference Bridge",
    "Can Not Hold Primary Control",
    "Invalid Conference Participant",
    "In Conference Already",
    "No Participant Info",
    "Exceed Maximum Parties",
    "Key Is Not Active",
    "Error No License",
    "Error DBConfig",
    "Error Database",
    "Error Pass Limit",
    "Error Unknown",
    "Error Mismatch",
    "Conference",
    "Park Number",
    "Private",
    "Not Enough Bandwidth",
    "Unknown Number",
    "RmLstC",
    "Voicemail",
    "ImmDiv",
    "Intrcpt",
    "SetWtch",
    "TrnsfVM",
    "DND",
    "DivAll",
    "CallBack",
};

std::string hex_byte(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
  return buffer;
}

/// Builds `Name k=v k=v`.
class Line {
 public:
  explicit Line(std::string_view name) : text_(name) {}

  Line& num(std::string_view key, std::uint64_t value) { return put(key, std::to_string(value)); }
  Line& hex(std::string_view key, std::uint32_t value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%X", value);
    return put(key, buffer);
  }
  Line& str(std::string_view key, std::string_view value) { return put(key, quoted_text(value)); }
  /// Only when not empty.
  Line& str_if(std::string_view key, std::string_view value) {
    return value.empty() ? *this : str(key, value);
  }
  Line& ip(std::string_view key, const Ipv4Address& address) {
    return put(key, address.to_string());
  }
  template <class E, std::size_t N>
  Line& name(std::string_view key, const NameTable<E> (&table)[N], E value) {
    std::string_view n = lookup(table, value);
    return n.empty() ? num(key, static_cast<std::uint64_t>(value)) : put(key, n);
  }
  Line& put(std::string_view key, std::string_view value) {
    text_ += ' ';
    text_ += key;
    text_ += '=';
    text_ += value;
    return *this;
  }
  std::string text() && { return std::move(text_); }

 private:
  std::string text_;
};

template <class M>
Line start(const M&) {
  return Line(M::kName);
}

// Messages with no field worth printing, and the fallback for any message not listed below.
template <class M>
void fields(Line&, const M&) {}

void fields(Line& l, const UnknownMessage& m) {
  l.hex("id", static_cast<std::uint32_t>(m.id)).num("bytes", m.body.size());
}

// 4.1 Registration and management
void fields(Line& l, const msg::RegisterReq& m) {
  l.str("name", m.device_name)
      .num("userId", m.station_user_id)
      .num("instance", m.station_instance)
      .ip("ip", m.station_ip);
  std::string_view model = device_model_name(m.device_type);
  l.put("type", std::to_string(static_cast<std::uint32_t>(m.device_type)) +
                    (model.empty() ? "" : "(" + std::string(model) + ")"));
  l.num("maxStreams", m.max_streams).num("protocolVer", m.protocol_version);
}
void fields(Line& l, const msg::RegisterAck& m) {
  l.num("keepAlive", m.keep_alive_interval)
      .str("dateTemplate", m.date_template)
      .num("secondaryKeepAlive", m.secondary_keep_alive_interval)
      .num("protocolVer", m.max_protocol_version)
      .hex("features", m.phone_features);
}
void fields(Line& l, const msg::RegisterReject& m) {
  l.str("text", m.text);
}
void fields(Line& l, const msg::UnregisterAck& m) {
  l.num("status", static_cast<std::uint32_t>(m.status));
}
void fields(Line& l, const msg::Reset& m) {
  l.num("type", static_cast<std::uint32_t>(m.reset_type));
}
void fields(Line& l, const msg::IpPort& m) {
  l.num("port", m.rtp_media_port);
}
void fields(Line& l, const msg::Alarm& m) {
  l.num("severity", m.alarm_severity)
      .str("text", m.text)
      .num("parm1", m.parm1)
      .num("parm2", m.parm2);
}
void fields(Line& l, const msg::CapabilitiesRes& m) {
  l.num("count", m.count);
  std::string codecs;
  for (std::size_t i = 0; i < std::min<std::size_t>(m.count, m.capabilities.size()); ++i) {
    if (!codecs.empty()) codecs += ',';
    std::string_view n = lookup(kCodecs, m.capabilities[i].payload_capability);
    codecs += n.empty()
                  ? std::to_string(static_cast<std::uint32_t>(m.capabilities[i].payload_capability))
                  : std::string(n);
  }
  if (!codecs.empty()) l.put("codecs", codecs);
}
void fields(Line& l, const msg::ButtonTemplateRes& m) {
  l.num("offset", m.button_offset).num("count", m.button_count).num("total", m.total_button_count);
  std::string buttons;
  for (std::size_t i = 0; i < std::min<std::size_t>(m.button_count, m.buttons.size()); ++i) {
    if (!buttons.empty()) buttons += ',';
    std::string_view n = lookup(kButtonDefinitions, m.buttons[i].button_definition);
    buttons += n.empty() ? std::to_string(static_cast<unsigned>(m.buttons[i].button_definition))
                         : std::string(n);
    buttons += ':' + std::to_string(m.buttons[i].instance_number);
  }
  if (!buttons.empty()) l.put("buttons", buttons);
}
void fields(Line& l, const msg::SoftKeyTemplateRes& m) {
  l.num("offset", m.soft_key_offset)
      .num("count", m.soft_key_count)
      .num("total", m.total_soft_key_count);
  std::string keys;
  for (std::size_t i = 0; i < std::min<std::size_t>(m.soft_key_count, m.soft_keys.size()); ++i) {
    if (!keys.empty()) keys += ',';
    keys += quoted_text(m.soft_keys[i].label) + '=' +
            std::to_string(static_cast<std::uint32_t>(m.soft_keys[i].event));
  }
  if (!keys.empty()) l.put("keys", keys);
}
void fields(Line& l, const msg::SoftKeySetRes& m) {
  l.num("offset", m.soft_key_set_offset)
      .num("count", m.soft_key_set_count)
      .num("total", m.total_soft_key_set_count);
  for (std::size_t s = 0; s < std::min<std::size_t>(m.soft_key_set_count, m.sets.size()); ++s) {
    std::string keys;
    for (std::uint8_t index : m.sets[s].template_index) {
      if (index == 0) continue;
      if (!keys.empty()) keys += ',';
      keys += std::to_string(index);
    }
    l.put("set" + std::to_string(s), keys.empty() ? "-" : keys);
  }
}
void fields(Line& l, const msg::LineStatReq& m) {
  l.num("line", m.line_number);
}
void fields(Line& l, const msg::LineStatRes& m) {
  l.num("line", m.line_number)
      .str("number", m.line_dir_number)
      .str("displayName", m.line_fully_qualified_display_name)
      .str("label", m.line_text_label)
      .num("options", m.line_display_options);
}
void fields(Line& l, const msg::SpeedDialStatReq& m) {
  l.num("n", m.speed_dial_number);
}
void fields(Line& l, const msg::SpeedDialStatRes& m) {
  l.num("n", m.speed_dial_number)
      .str("number", m.speed_dial_dir_number)
      .str("name", m.speed_dial_display_name);
}
void fields(Line& l, const msg::ForwardStatReq& m) {
  l.num("line", m.line_number);
}
void fields(Line& l, const msg::ForwardStatRes& m) {
  l.num("active", m.active_forward)
      .num("line", m.line_number)
      .num("all", m.forward_all_active)
      .str("allNumber", m.forward_all_dir_number)
      .num("busy", m.forward_busy_active)
      .str("busyNumber", m.forward_busy_dir_number)
      .num("noAnswer", m.forward_no_answer_active)
      .str("noAnswerNumber", m.forward_no_answer_dir_number);
}
void fields(Line& l, const msg::ConfigStatRes& m) {
  l.str("name", m.device_name)
      .num("userId", m.station_user_id)
      .num("instance", m.station_instance)
      .str("user", m.user_name)
      .str("server", m.server_name)
      .num("lines", m.number_of_lines)
      .num("speedDials", m.number_of_speed_dials);
}
void fields(Line& l, const msg::DefineTimeDate& m) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02uT%02u:%02u:%02u", m.year, m.month, m.day,
                m.hour, m.minute, m.second);
  l.put("time", buffer).num("dayOfWeek", m.day_of_week).num("systemTime", m.system_time);
}
void fields(Line& l, const msg::RegisterAvailableLines& m) {
  l.num("lines", m.max_number_of_available_lines);
}
void fields(Line& l, const msg::HeadsetStatus& m) {
  l.num("mode", static_cast<std::uint32_t>(m.headset_mode));
}
void fields(Line& l, const msg::FeatureStatReq& m) {
  l.num("index", m.feature_index);
}
void fields(Line& l, const msg::FeatureStatRes& m) {
  l.num("index", m.feature_index)
      .num("id", m.feature_id)
      .str("label", m.feature_text_label)
      .num("status", m.feature_status);
}
void fields(Line& l, const msg::ServiceUrlStatReq& m) {
  l.num("index", m.service_url_index);
}
void fields(Line& l, const msg::ServiceUrlStatRes& m) {
  l.num("index", m.service_url_index)
      .str("url", m.service_url)
      .str("name", m.service_url_display_name);
}
void fields(Line& l, const msg::VersionRes& m) {
  l.str("version", m.version);
}

// 4.2 Phone -> router call events
template <class M>
requires std::same_as<M, msg::OffHook> || std::same_as<M, msg::OnHook> ||
    std::same_as<M, msg::HookFlash> || std::same_as<M, msg::StopTone> ||
    std::same_as<M, msg::ClearPromptStatus> || std::same_as<M, msg::BackSpaceRes>
void fields(Line& l, const M& m) {
  l.num("line", m.line_instance).num("ref", m.call_reference);
}
void fields(Line& l, const msg::OffHookWithCallingPartyNumber& m) {
  l.str("number", m.calling_party_number).num("line", m.line_instance);
}
void fields(Line& l, const msg::KeypadButton& m) {
  char c = keypad_char(m.kp_button);
  if (c != '\0') {
    l.put("button", std::string(1, c));
  } else {
    l.num("button", static_cast<std::uint32_t>(m.kp_button));
  }
  l.num("line", m.line_instance).num("ref", m.call_reference);
}
void fields(Line& l, const msg::EnblocCall& m) {
  l.str("number", m.called_party);
}
void fields(Line& l, const msg::Stimulus& m) {
  l.name("stimulus", kStimuli, m.stimulus)
      .num("instance", m.stimulus_instance)
      .num("ref", m.call_reference)
      .num("status", m.stimulus_status);
}
void fields(Line& l, const msg::SoftKeyEvent& m) {
  l.name("event", kSoftKeyEvents, m.soft_key_event)
      .num("line", m.line_instance)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::OpenReceiveChannelAck& m) {
  l.name("status", kMediaStatuses, m.media_status)
      .ip("ip", m.ip_address)
      .num("port", m.port)
      .num("passThruPartyId", m.pass_thru_party_id)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::StartMediaTransmissionAck& m) {
  l.num("conference", m.conference_id)
      .num("passThruPartyId", m.pass_thru_party_id)
      .num("ref", m.call_reference)
      .ip("ip", m.ip_address)
      .num("port", m.port)
      .name("status", kMediaStatuses, m.transmission_status);
}
void fields(Line& l, const msg::ConnectionStatisticsRes& m) {
  l.str("number", m.directory_number)
      .num("callId", m.call_identifier)
      .num("packetsSent", m.packets_sent)
      .num("packetsReceived", m.packets_received);
}

// 4.3 Router -> phone control
void fields(Line& l, const msg::StartTone& m) {
  l.name("tone", kTones, m.tone)
      .num("direction", static_cast<std::uint32_t>(m.direction))
      .num("line", m.line_instance)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::SetRinger& m) {
  l.name("mode", kRingModes, m.ring_mode)
      .num("duration", static_cast<std::uint32_t>(m.ring_duration))
      .num("line", m.line_instance)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::SetLamp& m) {
  l.name("stimulus", kStimuli, m.stimulus)
      .num("instance", m.stimulus_instance)
      .name("mode", kLampModes, m.lamp_mode);
}
void fields(Line& l, const msg::SetSpeakerMode& m) {
  l.put("mode", m.speaker_mode == SpeakerMode::kOn ? "On"
                : m.speaker_mode == SpeakerMode::kOff
                    ? "Off"
                    : std::to_string(static_cast<std::uint32_t>(m.speaker_mode)));
}
void fields(Line& l, const msg::SetMicroMode& m) {
  l.put("mode", m.micro_mode == MicroMode::kOn ? "On"
                : m.micro_mode == MicroMode::kOff
                    ? "Off"
                    : std::to_string(static_cast<std::uint32_t>(m.micro_mode)));
}
void fields(Line& l, const msg::CallState& m) {
  l.name("state", kCallStates, m.call_state)
      .num("line", m.line_instance)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::CallInfo& m) {
  l.str("callingName", m.calling_party_name)
      .str("calling", m.calling_party)
      .str("calledName", m.called_party_name)
      .str("called", m.called_party)
      .num("line", m.line_instance)
      .num("ref", m.call_reference)
      .name("type", kCallTypes, m.call_type)
      .str_if("origCalledName", m.original_called_party_name)
      .str_if("origCalled", m.original_called_party)
      .str_if("lastRedirName", m.last_redirecting_party_name)
      .str_if("lastRedir", m.last_redirecting_party);
}
void fields(Line& l, const msg::DialedNumber& m) {
  l.str("number", m.dialed_number).num("line", m.line_instance).num("ref", m.call_reference);
}
void fields(Line& l, const msg::DisplayPromptStatus& m) {
  l.num("timeout", m.timeout)
      .str("text", m.prompt_text)
      .num("line", m.line_instance)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::DisplayNotify& m) {
  l.num("timeout", m.timeout).str("text", m.notify_text);
}
void fields(Line& l, const msg::DisplayPriNotify& m) {
  l.num("timeout", m.timeout).num("priority", m.priority).str("text", m.notify_text);
}
void fields(Line& l, const msg::ClearPriNotify& m) {
  l.num("priority", m.priority);
}
void fields(Line& l, const msg::SelectSoftKeys& m) {
  l.num("line", m.line_instance)
      .num("ref", m.call_reference)
      .name("set", kSoftKeySets, m.soft_key_set)
      .hex("mask", m.valid_key_mask);
}
void fields(Line& l, const msg::ActivateCallPlane& m) {
  l.num("line", m.line_instance);
}
void fields(Line& l, const msg::OpenReceiveChannel& m) {
  l.num("conference", m.conference_id)
      .num("passThruPartyId", m.pass_thru_party_id)
      .num("packetMs", m.ms_packet_size)
      .name("codec", kCodecs, m.compression_type)
      .num("ref", m.call_reference);
}
template <class M>
requires std::same_as<M, msg::CloseReceiveChannel> || std::same_as<M, msg::StopMediaTransmission>
void fields(Line& l, const M& m) {
  l.num("conference", m.conference_id)
      .num("passThruPartyId", m.pass_thru_party_id)
      .num("ref", m.call_reference);
}
void fields(Line& l, const msg::StartMediaTransmission& m) {
  l.num("conference", m.conference_id)
      .num("passThruPartyId", m.pass_thru_party_id)
      .ip("remoteIp", m.remote_ip_address)
      .num("remotePort", m.remote_port)
      .num("packetMs", m.ms_packet_size)
      .name("codec", kCodecs, m.compression_type)
      .num("precedence", m.precedence)
      .num("ref", m.call_reference);
}

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string describe(const Message& message) {
  return std::visit(
      [](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, UnknownMessage>) {
          Line line("Unknown");
          fields(line, m);
          return std::move(line).text();
        } else {
          Line line(M::kName);
          fields(line, m);
          return std::move(line).text();
        }
      },
      message);
}

std::string_view label_text(std::uint8_t label) {
  return label < std::size(kLabels) ? kLabels[label] : std::string_view{};
}

std::string quoted_text(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0x80 && i + 1 < text.size()) {
      auto label = static_cast<std::uint8_t>(text[i + 1]);
      std::string_view name = label_text(label);
      out += name.empty() ? hex_byte(byte) + hex_byte(label) : "<" + std::string(name) + ">";
      ++i;
    } else if (byte == '"' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
    } else if (byte < 0x20 || byte >= 0x7F) {
      out += hex_byte(byte);
    } else {
      out += static_cast<char>(byte);
    }
  }
  out += '"';
  return out;
}

std::string display_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::string_view name = byte == 0x80 && i + 1 < text.size()
                                ? label_text(static_cast<std::uint8_t>(text[i + 1]))
                                : std::string_view{};
    if (name.empty()) {
      out += text[i];
      continue;
    }
    out += name;
    ++i;
    if (i + 1 < text.size() && text[i + 1] != ' ') out += ' ';
  }
  return out;
}

std::string_view call_state_name(CallState state) {
  return lookup(kCallStates, state);
}
std::string_view tone_name(Tone tone) {
  return lookup(kTones, tone);
}
std::string_view lamp_mode_name(LampMode mode) {
  return lookup(kLampModes, mode);
}
std::string_view stimulus_name(Stimulus stimulus) {
  return lookup(kStimuli, stimulus);
}
std::string_view soft_key_event_name(SoftKeyEvent event) {
  return lookup(kSoftKeyEvents, event);
}
std::string_view soft_key_set_name(SoftKeySet set) {
  return lookup(kSoftKeySets, set);
}
std::string_view ring_mode_name(RingMode mode) {
  return lookup(kRingModes, mode);
}
std::string_view codec_name(Codec codec) {
  return lookup(kCodecs, codec);
}
std::string_view media_status_name(MediaStatus status) {
  return lookup(kMediaStatuses, status);
}
std::string_view button_definition_name(ButtonDefinition definition) {
  return lookup(kButtonDefinitions, definition);
}
std::string_view call_type_name(CallType type) {
  return lookup(kCallTypes, type);
}

std::optional<CallState> call_state_from_name(std::string_view name) {
  return reverse_lookup(kCallStates, name);
}
std::optional<SoftKeyEvent> soft_key_event_from_name(std::string_view name) {
  return reverse_lookup(kSoftKeyEvents, name);
}
std::optional<LampMode> lamp_mode_from_name(std::string_view name) {
  return reverse_lookup(kLampModes, name);
}
std::optional<Tone> tone_from_name(std::string_view name) {
  if (auto tone = reverse_lookup(kToneShortNames, name)) return tone;
  return reverse_lookup(kTones, name);
}

}  // namespace cmemu::sccp
