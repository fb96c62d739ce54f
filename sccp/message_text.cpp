#include "sccp/message_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <concepts>
#include <cstdio>
#include <limits>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "grammar/text.hpp"

namespace cmemu::sccp {
namespace {

template <class E>
using NameTable = std::pair<E, std::string_view>;

template <class E>
std::string_view lookup(std::span<const NameTable<std::type_identity_t<E>>> table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return {};
}

template <class E>
std::optional<E> reverse_lookup(std::span<const NameTable<E>> table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (text::iequals(n, name)) return v;
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

constexpr NameTable<SpeakerMode> kSpeakerModes[] = {{SpeakerMode::kOn, "On"},
                                                    {SpeakerMode::kOff, "Off"}};
constexpr NameTable<MicroMode> kMicroModes[] = {{MicroMode::kOn, "On"}, {MicroMode::kOff, "Off"}};

// The name tables of the enumerations the text form shows by name; the others show as numbers.
constexpr auto kNameTables =
    std::tie(kCallStates, kTones, kLampModes, kStimuli, kSoftKeyEvents, kSoftKeySets, kRingModes,
             kCodecs, kMediaStatuses, kButtonDefinitions, kCallTypes, kSpeakerModes, kMicroModes);

/// The name table of E; empty if it has none.
template <class E, std::size_t I = 0>
constexpr std::span<const NameTable<E>> names() {
  if constexpr (I == std::tuple_size_v<decltype(kNameTables)>) {
    return {};
  } else if constexpr (std::same_as<std::remove_cvref_t<decltype(std::get<I>(kNameTables)[0])>,
                                    NameTable<E>>) {
    return std::get<I>(kNameTables);
  } else {
    return names<E, I + 1>();
  }
}

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

template <class E>
concept Named = !names<E>().empty();

template <class E>
std::string_view name_of(E value) {
  return lookup(names<E>(), value);
}

std::string hex_byte(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
  return buffer;
}

/// The label number of a localized label's text ("Enter number" -> 0x20); nullopt if none.
std::optional<std::uint8_t> label_number(std::string_view text) {
  for (std::size_t i = 1; i < std::size(kLabels); ++i) {
    if (kLabels[i] == text) return static_cast<std::uint8_t>(i);
  }
  return std::nullopt;
}

/// `text` cut at each `separator` outside double quotes (inside them a backslash escapes the next
/// byte), so a quoted string may hold the separator.
std::vector<std::string_view> split_outside_quotes(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (quoted && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Field values: the text of each wire type (and format), and reading it back. Each parse_value()
// reads what its value_text() prints.

/// A field without a format from the description.
struct Plain {};

template <class T>
concept Number = std::integral<T> || std::is_enum_v<T>;

template <Number T>
std::uint32_t as_number(T value) {
  return static_cast<std::uint32_t>(value);
}

/// A decimal (or, with base 16, hexadecimal) number of at most `max`.
std::optional<std::uint32_t> parse_number(std::string_view text, std::uint32_t max, int base = 10) {
  std::uint32_t value = 0;
  const char* end = text.data() + text.size();
  auto [rest, error] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || error != std::errc{} || rest != end || value > max) return std::nullopt;
  return value;
}

template <Number T>
bool set_number(std::optional<std::uint32_t> number, T& value) {
  if (!number) return false;
  value = static_cast<T>(*number);
  return true;
}

template <Number T>
constexpr std::uint32_t max_of() {
  if constexpr (std::is_enum_v<T>) {
    return std::numeric_limits<std::underlying_type_t<T>>::max();
  } else {
    return std::numeric_limits<T>::max();
  }
}

template <Number T>
std::string value_text(T value, text_form::Number) {
  return std::to_string(as_number(value));
}
template <Number T>
bool parse_value(std::string_view text, T& value, text_form::Number) {
  return set_number(parse_number(text, max_of<T>()), value);
}

template <Number T>
std::string value_text(T value, text_form::Hex) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%X", as_number(value));
  return buffer;
}
template <Number T>
bool parse_value(std::string_view text, T& value, text_form::Hex) {
  if (!text.starts_with("0x")) return false;
  return set_number(parse_number(text.substr(2), max_of<T>(), 16), value);
}

/// Numbers in decimal, enumerations by name where they have one.
template <Number T>
std::string value_text(T value, Plain) {
  if constexpr (Named<T>) {
    std::string_view name = name_of(value);
    if (!name.empty()) return std::string(name);
  }
  return value_text(value, text_form::kNumber);
}
template <Number T>
bool parse_value(std::string_view text, T& value, Plain) {
  if constexpr (Named<T>) {
    if (auto named = reverse_lookup(names<T>(), text)) {
      value = *named;
      return true;
    }
  }
  return parse_value(text, value, text_form::kNumber);
}

/// `30018(7961)`: the number and, where known, the model.
std::string value_text(DeviceType type, Plain) {
  std::string_view model = device_model_name(type);
  return value_text(type, text_form::kNumber) +
         (model.empty() ? "" : "(" + std::string(model) + ")");
}
bool parse_value(std::string_view text, DeviceType& type, Plain) {
  std::size_t open = text.find('(');
  if (open != std::string_view::npos && !text.ends_with(')')) return false;
  return parse_value(text.substr(0, open), type, text_form::kNumber);
}

/// The character the button dials (`#`), else its number.
std::string value_text(KeypadButton button, Plain) {
  char c = keypad_char(button);
  return c != '\0' ? std::string(1, c) : value_text(button, text_form::kNumber);
}
bool parse_value(std::string_view text, KeypadButton& button, Plain) {
  if (text.size() == 1 && keypad_button(text[0])) {
    button = *keypad_button(text[0]);
    return true;
  }
  return parse_value(text, button, text_form::kNumber);
}

std::string value_text(const Ipv4Address& address, Plain) {
  return address.to_string();
}
bool parse_value(std::string_view text, Ipv4Address& address, Plain) {
  for (std::size_t i = 0; i < address.octets.size(); ++i) {
    std::size_t dot = i + 1 < address.octets.size() ? text.find('.') : text.size();
    if (dot == std::string_view::npos ||
        !set_number(parse_number(text.substr(0, dot), 255), address.octets[i]))
      return false;
    text.remove_prefix(std::min(dot + 1, text.size()));
  }
  return true;
}

template <std::size_t N>
std::string value_text(const FixedString<N>& field, Plain) {
  return quoted_text(field.view());
}
template <std::size_t N>
bool parse_value(std::string_view text, FixedString<N>& field, Plain) {
  std::optional<std::string> unquoted = unquoted_text(text);
  if (unquoted) field.assign_field(*unquoted);
  return unquoted.has_value();
}

template <std::size_t N>
std::string value_text(const std::array<std::uint8_t, N>& entries, text_form::NonZero) {
  std::string out;
  for (std::uint8_t entry : entries) {
    if (entry == 0) continue;
    if (!out.empty()) out += ',';
    out += std::to_string(entry);
  }
  return out.empty() ? "-" : out;
}
template <std::size_t N>
bool parse_value(std::string_view text, std::array<std::uint8_t, N>& entries, text_form::NonZero) {
  entries = {};
  if (text == "-") return true;
  std::size_t count = 0;
  for (std::string_view item : split_outside_quotes(text, ',')) {
    if (count == N || !set_number(parse_number(item, 255), entries[count]) || entries[count] == 0)
      return false;
    ++count;
  }
  return true;
}

std::string value_text(text_form::DateTime, std::uint32_t year, std::uint32_t month,
                       std::uint32_t day, std::uint32_t hour, std::uint32_t minute,
                       std::uint32_t second) {
  char buffer[72];
  std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02uT%02u:%02u:%02u", year, month, day, hour,
                minute, second);
  return buffer;
}
bool parse_value(std::string_view text, text_form::DateTime, std::uint32_t& year,
                 std::uint32_t& month, std::uint32_t& day, std::uint32_t& hour,
                 std::uint32_t& minute, std::uint32_t& second) {
  const std::array<std::uint32_t*, 6> parts{&year, &month, &day, &hour, &minute, &second};
  constexpr std::string_view kSeparators = "--T::";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::size_t end = i < kSeparators.size() ? text.find(kSeparators[i]) : text.size();
    if (end == std::string_view::npos ||
        !set_number(parse_number(text.substr(0, end), max_of<std::uint32_t>()), *parts[i]))
      return false;
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Walking a message description (messages.hpp, "Message descriptions") for its text.

/// Prints the fields that have a key, appending to a line that holds the message name:
/// ` key=value` each; or, for a list entry, the values alone joined by the list's separator.
class TextWriter {
 public:
  explicit TextWriter(std::string& line) : out_(line) {}

  template <class T, class Format = Plain>
  void field(std::size_t, std::string_view key, const T& value, Format format = {}) {
    if constexpr (std::same_as<Format, text_form::IfSet>) {
      if (!value.empty()) put(key, value_text(value, Plain{}));
    } else {
      put(key, value_text(value, format));
    }
  }
  template <class T>
  void wire(std::size_t, const T&) {}
  void extension(std::size_t) {}
  template <class Format, class... T>
  void text(std::string_view key, Format format, const T&... parts) {
    put(key, value_text(format, parts...));
  }
  template <class Entry, std::size_t N>
  void list(std::size_t, std::string_view key, const std::array<Entry, N>& entries,
            std::uint32_t count, text_form::Joined style) {
    for (std::size_t i = 0; i < std::min<std::size_t>(count, N); ++i) {
      if (i == 0) {
        begin(key);
      } else {
        out_ += ',';
      }
      TextWriter entry(out_, style.separator);
      Entry::describe(entry, entries[i]);
    }
  }
  template <class Entry, std::size_t N>
  void list(std::size_t, std::string_view key, const std::array<Entry, N>& entries,
            std::uint32_t count, text_form::PerEntry) {
    for (std::size_t i = 0; i < std::min<std::size_t>(count, N); ++i) {
      begin(std::string(key) + std::to_string(i));
      TextWriter entry(out_, ':');
      Entry::describe(entry, entries[i]);
    }
  }
  template <class Entries, class Style>
  void variable_list(std::size_t at, std::string_view key, const Entries& entries,
                     std::uint32_t count, Style style) {
    list(at, key, entries, count, style);
  }

  /// Appends `key=value`, or a list entry's next value.
  void put(std::string_view key, std::string_view value) {
    begin(key);
    out_ += value;
  }

 private:
  /// The separator and `key=` before a value (only the separator in a list entry).
  void begin(std::string_view key) {
    if (!first_) out_ += separator_;
    first_ = false;
    if (keys_) {
      out_ += key;
      out_ += '=';
    }
  }

  /// A list entry's writer.
  TextWriter(std::string& line, char separator)
      : out_(line), separator_(separator), keys_(false), first_(true) {}

  std::string& out_;
  char separator_ = ' ';
  bool keys_ = true;
  bool first_ = false;  // a message line starts with its name
};

/// Sets the fields that have a key from the values of a line (by key) or of a list entry (in
/// order); ok() once every value was read, and read well.
class TextReader {
 public:
  using Pairs = std::vector<std::pair<std::string_view, std::string_view>>;
  /// The `key=value` pairs of a message line.
  explicit TextReader(Pairs pairs) : pairs_(std::move(pairs)), used_(pairs_.size(), false) {}
  /// A list entry: its values joined by `separator`.
  TextReader(std::string_view entry, char separator) : by_key_(false) {
    for (std::string_view value : split_outside_quotes(entry, separator))
      pairs_.emplace_back(std::string_view{}, value);
    used_.assign(pairs_.size(), false);
  }

  template <class T, class Format = Plain>
  void field(std::size_t, std::string_view key, T& value, Format format = {}) {
    if (auto text = take(key)) {
      if constexpr (std::same_as<Format, text_form::IfSet>) {
        read(parse_value(*text, value, Plain{}));
      } else {
        read(parse_value(*text, value, format));
      }
    }
  }
  template <class T>
  void wire(std::size_t, T&) {}
  void extension(std::size_t) {}
  template <class Format, class... T>
  void text(std::string_view key, Format format, T&... parts) {
    if (auto text = take(key)) read(parse_value(*text, format, parts...));
  }
  template <class Entry, std::size_t N>
  void list(std::size_t, std::string_view key, std::array<Entry, N>& entries, std::uint32_t&,
            text_form::Joined style) {
    auto text = take(key);
    if (!text) return;
    std::vector<std::string_view> items = split_outside_quotes(*text, ',');
    read(items.size() <= N);
    for (std::size_t i = 0; i < std::min(items.size(), N); ++i)
      read_entry(items[i], entries[i], style.separator);
  }
  template <class Entry, std::size_t N>
  void list(std::size_t, std::string_view key, std::array<Entry, N>& entries, std::uint32_t&,
            text_form::PerEntry) {
    for (std::size_t i = 0; i < N; ++i) {
      if (auto text = take(std::string(key) + std::to_string(i)))
        read_entry(*text, entries[i], ':');
    }
  }
  template <class Entries, class Style>
  void variable_list(std::size_t at, std::string_view key, Entries& entries, std::uint32_t& count,
                     Style style) {
    list(at, key, entries, count, style);
  }

  bool ok() const {
    return ok_ && std::ranges::all_of(used_, [](bool used) { return used; });
  }

 private:
  /// The value of `key` (a list entry: the next value), once.
  std::optional<std::string_view> take(std::string_view key) {
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
      if (used_[i] || (by_key_ && pairs_[i].first != key)) continue;
      used_[i] = true;
      return pairs_[i].second;
    }
    return std::nullopt;
  }
  void read(bool ok) { ok_ = ok_ && ok; }
  template <class Entry>
  void read_entry(std::string_view text, Entry& entry, char separator) {
    TextReader reader(text, separator);
    Entry::describe(reader, entry);
    read(reader.ok());
  }

  Pairs pairs_;
  std::vector<bool> used_;
  bool by_key_ = true;
  bool ok_ = true;
};

constexpr std::size_t kKnownCount = std::variant_size_v<Message> - 1;
template <std::size_t I>
using Known = std::variant_alternative_t<I, Message>;

template <std::size_t I>
bool read_as(TextReader& reader, Message& out) {
  auto& message = out.emplace<I>();
  Known<I>::describe(reader, message);
  return reader.ok();
}

template <std::size_t... I>
std::optional<bool> read_known(std::string_view name, TextReader& reader, Message& out,
                               std::index_sequence<I...>) {
  std::optional<bool> read;
  (void)((Known<I>::kName == name && (read = read_as<I>(reader, out), true)) || ...);
  return read;
}

}  // namespace

std::string describe(const Message& message) {
  return std::visit(
      [](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, UnknownMessage>) {
          std::string line = "Unknown";
          TextWriter writer(line);
          writer.put("id", value_text(m.id, text_form::kHex));
          writer.put("bytes", std::to_string(m.body.size()));
          return line;
        } else {
          std::string line;
          line.reserve(128);  // most lines fit: one allocation
          line += M::kName;
          TextWriter writer(line);
          M::describe(writer, m);
          return line;
        }
      },
      message);
}

std::optional<Message> message_from_text(std::string_view line) {
  std::vector<std::string_view> words = split_outside_quotes(line, ' ');
  TextReader::Pairs pairs;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::size_t equals = words[i].find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    pairs.emplace_back(words[i].substr(0, equals), words[i].substr(equals + 1));
  }
  TextReader reader(std::move(pairs));
  Message message;
  if (words[0] == "Unknown") {
    MessageId id{};
    std::uint32_t bytes = 0;
    reader.field(0, "id", id, text_form::kHex);
    reader.field(0, "bytes", bytes);
    if (!reader.ok() || bytes > kDefaultMaxLength - kMinLength) return std::nullopt;
    return UnknownMessage{id, std::vector<std::uint8_t>(bytes, 0)};
  }
  if (read_known(words[0], reader, message, std::make_index_sequence<kKnownCount>{}) != true)
    return std::nullopt;
  return message;
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

std::optional<std::string> unquoted_text(std::string_view quoted) {
  if (quoted.size() < 2 || !quoted.starts_with('"') || !quoted.ends_with('"')) return std::nullopt;
  std::string_view text = quoted.substr(1, quoted.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') return std::nullopt;
    if (c == '<') {
      const std::size_t close = text.find('>', i + 1);
      const auto label = close == std::string_view::npos
                             ? std::nullopt
                             : label_number(text.substr(i + 1, close - i - 1));
      if (label) {
        out += '\x80';
        out += static_cast<char>(*label);
        i = close;
        continue;
      }
    }
    if (c != '\\') {
      out += c;
    } else if (i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
      out += text[++i];
    } else {  // \xNN
      const std::string_view escape = text.substr(i + 1, 3);
      std::uint8_t byte = 0;
      if (escape.size() != 3 || escape[0] != 'x' ||
          !set_number(parse_number(escape.substr(1), 255, 16), byte))
        return std::nullopt;
      out += static_cast<char>(byte);
      i += escape.size();
    }
  }
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
  return name_of(state);
}
std::string_view tone_name(Tone tone) {
  return name_of(tone);
}
std::string_view lamp_mode_name(LampMode mode) {
  return name_of(mode);
}
std::string_view stimulus_name(Stimulus stimulus) {
  return name_of(stimulus);
}
std::string_view soft_key_event_name(SoftKeyEvent event) {
  return name_of(event);
}
std::string_view soft_key_set_name(SoftKeySet set) {
  return name_of(set);
}
std::string_view ring_mode_name(RingMode mode) {
  return name_of(mode);
}
std::string_view codec_name(Codec codec) {
  return name_of(codec);
}
std::string_view media_status_name(MediaStatus status) {
  return name_of(status);
}
std::string_view button_definition_name(ButtonDefinition definition) {
  return name_of(definition);
}
std::string_view call_type_name(CallType type) {
  return name_of(type);
}

std::optional<CallState> call_state_from_name(std::string_view name) {
  return reverse_lookup(names<CallState>(), name);
}
std::optional<SoftKeyEvent> soft_key_event_from_name(std::string_view name) {
  return reverse_lookup(names<SoftKeyEvent>(), name);
}
std::optional<LampMode> lamp_mode_from_name(std::string_view name) {
  return reverse_lookup(names<LampMode>(), name);
}
std::optional<Tone> tone_from_name(std::string_view name) {
  if (auto tone = reverse_lookup(std::span<const NameTable<Tone>>(kToneShortNames), name))
    return tone;
  return reverse_lookup(names<Tone>(), name);
}

}  // namespace cmemu::sccp
