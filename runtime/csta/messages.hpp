#pragma once
// Typed CSTA messages (ECMA-323 XML names, docs/csta.md §5-§12): every request, response and event
// cmemu speaks, the common types they share, and CSTAErrorCode. Plain data: no XML here; the
// codec (csta_codec.hpp) reads and writes them.
//
// Each message and compound type lists its children once, in docs/csta.md's element order, through
// `describe(visitor, self)`: `visitor.field(path, member)` names a child (a '/'-separated path
// names wrapper elements, `localCallState/compoundCallState/localConnectionState`); an optional
// member is an optional child; the third argument, where present, is the CSTAErrorCode a request
// missing that child (or carrying a bad value in it) is refused with.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace cmemu::runtime::csta {

// ---------------------------------------------------------------------------------------------
// Namespaces (docs/csta.md §4, docs/decisions.md #17)

inline constexpr std::string_view kEd2Namespace = "http://www.ecma.ch/standards/ecma-323/csta/ed2";
inline constexpr std::string_view kEd3Namespace =
    "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
inline constexpr std::string_view kEd4Namespace =
    "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
inline constexpr std::string_view kEd5Namespace =
    "http://www.ecma-international.org/standards/ecma-323/csta/ed5";
inline constexpr std::string_view kEd6Namespace =
    "http://www.ecma-international.org/standards/ecma-323/csta/ed6";
/// Microsoft's remote-call-control private data (`lcs:line`, docs/csta.md §3).
inline constexpr std::string_view kLcsNamespace =
    "http://schemas.microsoft.com/Lcs/2005/04/RCCExtension";
/// cmemu's advanced-mode private data (`cisco:lineInstance`, `cisco:gcid`, docs/csta.md §10).
inline constexpr std::string_view kCiscoPrivateNamespace = "urn:cmemu:cti-private";

// ---------------------------------------------------------------------------------------------
// Enumerations. Each has a table of its ECMA-323 spellings, indexed by the enumerator's value;
// enum_names(E{}) finds it, to_string() and parse_enum() use it.

template <class E>
requires std::is_enum_v<E>
constexpr std::string_view to_string(E value);

/// SystemStatus (ASN `system-status`).
enum class SystemStatusValue : std::uint8_t {
  kInitializing,
  kEnabled,
  kNormal,
  kMessagesLost,
  kDisabled,
  kPartiallyDisabled,
  kOverloadImminent,
  kOverloadReached,
  kOverloadRelieved,
};
inline constexpr std::array<std::string_view, 9> kSystemStatusNames{
    "initializing",      "enabled",          "normal",          "messagesLost",    "disabled",
    "partiallyDisabled", "overloadImminent", "overloadReached", "overloadRelieved"};
constexpr std::span<const std::string_view> enum_names(SystemStatusValue) {
  return kSystemStatusNames;
}

/// LocalConnectionState (`localConnectionInfo`, `localConnectionState`).
enum class LocalConnectionState : std::uint8_t {
  kNull,
  kInitiated,
  kAlerting,
  kConnected,
  kHold,
  kQueued,
  kFail,
};
inline constexpr std::array<std::string_view, 7> kLocalConnectionStateNames{
    "null", "initiated", "alerting", "connected", "hold", "queued", "fail"};
constexpr std::span<const std::string_view> enum_names(LocalConnectionState) {
  return kLocalConnectionStateNames;
}

/// MonitorStart `monitorType`.
enum class MonitorType : std::uint8_t { kCall, kDevice };
inline constexpr std::array<std::string_view, 2> kMonitorTypeNames{"call", "device"};
constexpr std::span<const std::string_view> enum_names(MonitorType) {
  return kMonitorTypeNames;
}

/// MakeCall `autoOriginate`; absent means prompt.
enum class AutoOriginate : std::uint8_t { kPrompt, kDoNotPrompt };
inline constexpr std::array<std::string_view, 2> kAutoOriginateNames{"prompt", "doNotPrompt"};
constexpr std::span<const std::string_view> enum_names(AutoOriginate) {
  return kAutoOriginateNames;
}

/// GenerateDigits `digitMode`.
enum class DigitMode : std::uint8_t { kRotaryPulse, kDtmf };
inline constexpr std::array<std::string_view, 2> kDigitModeNames{"rotaryPulse", "dTMF"};
constexpr std::span<const std::string_view> enum_names(DigitMode) {
  return kDigitModeNames;
}

/// ForwardingType (`forwardingType`).
enum class ForwardingType : std::uint8_t {
  kForwardImmediate,
  kForwardBusy,
  kForwardNoAns,
  kForwardDnd,
  kForwardBusyInt,
  kForwardBusyExt,
  kForwardNoAnsInt,
  kForwardNoAnsExt,
  kForwardImmInt,
  kForwardImmExt,
  kForwardDndInt,
  kForwardDndExt,
};
inline constexpr std::array<std::string_view, 12> kForwardingTypeNames{
    "forwardImmediate", "forwardBusy",    "forwardNoAns",    "forwardDND",
    "forwardBusyInt",   "forwardBusyExt", "forwardNoAnsInt", "forwardNoAnsExt",
    "forwardImmInt",    "forwardImmExt",  "forwardDNDInt",   "forwardDNDExt"};
constexpr std::span<const std::string_view> enum_names(ForwardingType) {
  return kForwardingTypeNames;
}

/// EventCause (`cause`), every value of ASN `event-cause`.
enum class EventCause : std::uint8_t {
  kACDBusy,
  kACDForward,
  kACDSaturated,
  kActivation,
  kActiveParticipation,
  kAlertTimeExpired,
  kAlternate,
  kAutoWork,
  kBabble,
  kBadAttribute,
  kBadGrammar,
  kBadVoice,
  kBadUri,
  kBlocked,
  kBusy,
  kBusyOverflow,
  kCalendarOverflow,
  kCallBack,
  kCallCancelled,
  kCallForward,
  kCallForwardImmediate,
  kCallForwardBusy,
  kCallForwardNoAnswer,
  kCallInterception,
  kCallInterceptionBusy,
  kCallInterceptionForwarded,
  kCallInterceptionNoAnswer,
  kCallInterceptionResourcesNotAvailable,
  kCallNotAnswered,
  kCallPickup,
  kCampOn,
  kCampOnTrunks,
  kCapacityOverflow,
  kCharacterCountReached,
  kConference,
  kConsultation,
  kDestDetected,
  kDestNotObtainable,
  kDestOutOfOrder,
  kDistributed,
  kDistributionDelay,
  kDoNotDisturb,
  kDTMFDigitDetected,
  kDuplicateDTMF,
  kDurationExceeded,
  kEarlyStop,
  kEmptyQueue,
  kEndOfMessageDetected,
  kEnteringDistribution,
  kForcedPause,
  kForcedTransition,
  kIncompatibleDestination,
  kInterDigitTimeout,
  kIntrude,
  kInvalidAccountCode,
  kInvalidConnection,
  kInvalidConnectionState,
  kInvalidNumberFormat,
  kJoinCall,
  kKeyOperation,
  kKeyOperationInUse,
  kLawfulInterception,
  kLockout,
  kMaintenance,
  kMakeCall,
  kMakeConnection,
  kMakePredictiveCall,
  kMaxTimeout,
  kMessageDurationExceeded,
  kMessageSizeExceeded,
  kMultipleAlerting,
  kMultipleQueuing,
  kNetworkCongestion,
  kNetworkDialling,
  kNetworkNotObtainable,
  kNetworkOutOfOrder,
  kNetworkSignal,
  kNewCall,
  kNextMessage,
  kNoAudioSaved,
  kNoAvailableAgents,
  kNoQueue,
  kNormal,
  kNormalClearing,
  kNoRule,
  kNoSpeechDetected,
  kNotAvaliableBearerService,
  kNotSupportedBearerService,
  kNumberChanged,
  kNumberUnallocated,
  kOutOfGrammar,
  kOverflow,
  kOverride,
  kPark,
  kPathReplacement,
  kQueueCleared,
  kQueueTimeOverflow,
  kRecall,
  kRecallBusy,
  kRecallForwarded,
  kRecallNoAnswer,
  kRecallResourcesNotAvailable,
  kRedirected,
  kRemainsInQueue,
  kReorderTone,
  kReserved,
  kResourcesNotAvailable,
  kSelectedTrunkBusy,
  kSilentParticipation,
  kSingleStepConference,
  kSingleStepTransfer,
  kSpeechDetected,
  kSuspend,
  kSwitchingFunctionTerminated,
  kTerminationCharacterReceived,
  kTimeout,
  kTransfer,
  kTrunksBusy,
  kUnauthorisedBearerService,
  kUnknownOverflow
};
inline constexpr std::array<std::string_view, 120> kEventCauseNames{
    "aCDBusy",
    "aCDForward",
    "aCDSaturated",
    "activation",
    "activeParticipation",
    "alertTimeExpired",
    "alternate",
    "autoWork",
    "babble",
    "badAttribute",
    "badGrammar",
    "badVoice",
    "badUri",
    "blocked",
    "busy",
    "busyOverflow",
    "calendarOverflow",
    "callBack",
    "callCancelled",
    "callForward",
    "callForwardImmediate",
    "callForwardBusy",
    "callForwardNoAnswer",
    "callInterception",
    "callInterceptionBusy",
    "callInterceptionForwarded",
    "callInterceptionNoAnswer",
    "callInterceptionResourcesNotAvailable",
    "callNotAnswered",
    "callPickup",
    "campOn",
    "campOnTrunks",
    "capacityOverflow",
    "characterCountReached",
    "conference",
    "consultation",
    "destDetected",
    "destNotObtainable",
    "destOutOfOrder",
    "distributed",
    "distributionDelay",
    "doNotDisturb",
    "dTMFDigitDetected",
    "duplicateDTMF",
    "durationExceeded",
    "earlyStop",
    "emptyQueue",
    "endOfMessageDetected",
    "enteringDistribution",
    "forcedPause",
    "forcedTransition",
    "incompatibleDestination",
    "interDigitTimeout",
    "intrude",
    "invalidAccountCode",
    "invalidConnection",
    "invalidConnectionState",
    "invalidNumberFormat",
    "joinCall",
    "keyOperation",
    "keyOperationInUse",
    "lawfulInterception",
    "lockout",
    "maintenance",
    "makeCall",
    "makeConnection",
    "makePredictiveCall",
    "maxTimeout",
    "messageDurationExceeded",
    "messageSizeExceeded",
    "multipleAlerting",
    "multipleQueuing",
    "networkCongestion",
    "networkDialling",
    "networkNotObtainable",
    "networkOutOfOrder",
    "networkSignal",
    "newCall",
    "nextMessage",
    "noAudioSaved",
    "noAvailableAgents",
    "noQueue",
    "normal",
    "normalClearing",
    "noRule",
    "noSpeechDetected",
    "notAvaliableBearerService",
    "notSupportedBearerService",
    "numberChanged",
    "numberUnallocated",
    "outOfGrammar",
    "overflow",
    "override",
    "park",
    "pathReplacement",
    "queueCleared",
    "queueTimeOverflow",
    "recall",
    "recallBusy",
    "recallForwarded",
    "recallNoAnswer",
    "recallResourcesNotAvailable",
    "redirected",
    "remainsInQueue",
    "reorderTone",
    "reserved",
    "resourcesNotAvailable",
    "selectedTrunkBusy",
    "silentParticipation",
    "singleStepConference",
    "singleStepTransfer",
    "speechDetected",
    "suspend",
    "switchingFunctionTerminated",
    "terminationCharacterReceived",
    "timeout",
    "transfer",
    "trunksBusy",
    "unauthorisedBearerService",
    "unknownOverflow"};
constexpr std::span<const std::string_view> enum_names(EventCause) {
  return kEventCauseNames;
}

template <class E>
requires std::is_enum_v<E>
constexpr std::string_view to_string(E value) {
  const auto names = enum_names(E{});
  const auto index = static_cast<std::size_t>(value);
  return index < names.size() ? names[index] : std::string_view{};
}

// ---------------------------------------------------------------------------------------------
// Errors (docs/csta.md §12): CSTAErrorCode holds exactly one category, whose text is the value.

enum class OperationError : std::uint8_t {
  kGeneric,
  kRequestIncompatibleWithObject,
  kValueOutOfRange,
  kObjectNotKnown,
  kInvalidCallingDeviceId,
  kInvalidCalledDeviceId,
  kInvalidForwardingDestination,
  kPrivilegeViolationSpecifiedDevice,
  kInvalidCallId,
  kInvalidDeviceId,
  kInvalidConnectionId,
  kInvalidDestination,
  kInvalidFeature,
  kInvalidCrossRefId,
  kInvalidParameterValue,
  kServiceNotSupported,
  kInvalidForwardingType,
  kInvalidMonitorCrossRefId,
  kInvalidMonitorObject,
  kParameterNotSupported,
  kDigitModeNotSupported,
};
inline constexpr std::array<std::string_view, 21> kOperationErrorNames{
    "generic",
    "requestIncompatibleWithObject",
    "valueOutOfRange",
    "objectNotKnown",
    "invalidCallingDeviceID",
    "invalidCalledDeviceID",
    "invalidForwardingDestination",
    "privilegeViolationSpecifiedDevice",
    "invalidCallID",
    "invalidDeviceID",
    "invalidConnectionID",
    "invalidDestination",
    "invalidFeature",
    "invalidCrossRefID",
    "invalidParameterValue",
    "serviceNotSupported",
    "invalidForwardingType",
    "invalidMonitorCrossRefID",
    "invalidMonitorObject",
    "parameterNotSupported",
    "digitModeNotSupported"};
constexpr std::span<const std::string_view> enum_names(OperationError) {
  return kOperationErrorNames;
}

enum class SecurityError : std::uint8_t {
  kGeneric,
  kSequenceNumberViolated,
  kTimeStampViolated,
  kSecurityInfoViolated,
};
inline constexpr std::array<std::string_view, 4> kSecurityErrorNames{
    "generic", "sequenceNumberViolated", "timeStampViolated", "securityInfoViolated"};
constexpr std::span<const std::string_view> enum_names(SecurityError) {
  return kSecurityErrorNames;
}

enum class StateIncompatibilityError : std::uint8_t {
  kGeneric,
  kInvalidObjectState,
  kInvalidConnectionIdForActiveCall,
  kNoActiveCall,
  kNoHeldCall,
  kNoCallToClear,
  kNoConnectionToClear,
  kNoCallToAnswer,
  kNoCallToComplete,
  kInvalidDeviceState,
  kInvalidConnectionState,
};
inline constexpr std::array<std::string_view, 11> kStateIncompatibilityErrorNames{
    "generic",
    "invalidObjectState",
    "invalidConnectionIDForActiveCall",
    "noActiveCall",
    "noHeldCall",
    "noCallToClear",
    "noConnectionToClear",
    "noCallToAnswer",
    "noCallToComplete",
    "invalidDeviceState",
    "invalidConnectionState"};
constexpr std::span<const std::string_view> enum_names(StateIncompatibilityError) {
  return kStateIncompatibilityErrorNames;
}

enum class SystemResourceAvailabilityError : std::uint8_t {
  kGeneric,
  kResourceBusy,
  kResourceOutOfService,
  kNetworkBusy,
  kOverallMonitorLimitExceeded,
  kDeviceOutOfService,
  kCallingDeviceOutOfService,
};
inline constexpr std::array<std::string_view, 7> kSystemResourceAvailabilityErrorNames{
    "generic",
    "resourceBusy",
    "resourceOutOfService",
    "networkBusy",
    "overallMonitorLimitExceeded",
    "deviceOutOfService",
    "callingDeviceOutOfService"};
constexpr std::span<const std::string_view> enum_names(SystemResourceAvailabilityError) {
  return kSystemResourceAvailabilityErrorNames;
}

enum class SubscribedResourceAvailabilityError : std::uint8_t {
  kGeneric,
  kObjectMonitorLimitExceeded,
  kOutstandingReqLimitExceeded,
};
inline constexpr std::array<std::string_view, 3> kSubscribedResourceAvailabilityErrorNames{
    "generic", "objectMonitorLimitExceeded", "outstandingReqLimitExceeded"};
constexpr std::span<const std::string_view> enum_names(SubscribedResourceAvailabilityError) {
  return kSubscribedResourceAvailabilityErrorNames;
}

enum class PerformanceManagementError : std::uint8_t { kGeneric, kPerformanceLimitExceeded };
inline constexpr std::array<std::string_view, 2> kPerformanceManagementErrorNames{
    "generic", "performanceLimitExceeded"};
constexpr std::span<const std::string_view> enum_names(PerformanceManagementError) {
  return kPerformanceManagementErrorNames;
}

enum class PrivateDataError : std::uint8_t { kCstaPrivateDataInfoError };
inline constexpr std::array<std::string_view, 1> kPrivateDataErrorNames{"cSTAPrivateDataInfoError"};
constexpr std::span<const std::string_view> enum_names(PrivateDataError) {
  return kPrivateDataErrorNames;
}

/// `<unspecified/>`: the category without a value.
struct UnspecifiedError {
  bool operator==(const UnspecifiedError&) const = default;
};

/// One category and its value; the variant's index selects the category element.
using ErrorValue =
    std::variant<OperationError, SecurityError, StateIncompatibilityError,
                 SystemResourceAvailabilityError, SubscribedResourceAvailabilityError,
                 PerformanceManagementError, PrivateDataError, UnspecifiedError>;
/// Category element names, indexed like ErrorValue.
inline constexpr std::array<std::string_view, 8> kErrorCategoryNames{
    "operation",
    "security",
    "stateIncompatibility",
    "systemResourceAvailability",
    "subscribedResourceAvailability",
    "performanceManagement",
    "privateData",
    "unspecified"};

/// The body of a 200 OK that refuses a request (docs/decisions.md #15).
struct CstaErrorCode {
  static constexpr std::string_view kElement = "CSTAErrorCode";
  ErrorValue error = OperationError::kGeneric;
  bool operator==(const CstaErrorCode&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Common types (docs/csta.md §5)

/// DeviceID as requests carry it (`callingDevice`, `device`, `forwardDN`, `forwardTo` ...): text
/// exactly as sent (docs/decisions.md #19 echoes it), and the optional `typeOfNumber` attribute.
struct DeviceId {
  std::string text;
  std::string type_of_number;  // empty: no attribute
  bool operator==(const DeviceId&) const = default;
};

/// ConnectionID: `<callID>` then `<deviceID>`. Either may be absent on the wire (empty here),
/// not both.
struct ConnectionId {
  std::string call_id;
  std::string device_id;
  bool operator==(const ConnectionId&) const = default;
};

/// SubjectDeviceID / CallingDeviceID / CalledDeviceID in events: `<deviceIdentifier>`, or an
/// empty `<notKnown/>` / `<restricted/>`.
struct EventDevice {
  enum class Kind : std::uint8_t { kIdentifier, kNotKnown, kRestricted };
  Kind kind = Kind::kIdentifier;
  std::string identifier;  // kIdentifier only
  static EventDevice known(std::string identifier) {
    return {Kind::kIdentifier, std::move(identifier)};
  }
  bool operator==(const EventDevice&) const = default;
};

/// RedirectionDeviceID (`lastRedirectionDevice`): `<numberDialed>` or an empty `<notKnown/>`,
/// `<notRequired/>`, `<notSpecified/>`, `<restricted/>`. cmemu sends notRequired when nothing
/// was redirected (the default).
struct RedirectionDevice {
  enum class Kind : std::uint8_t {
    kNumberDialed,
    kNotKnown,
    kNotRequired,
    kNotSpecified,
    kRestricted,
  };
  Kind kind = Kind::kNotRequired;
  std::string number_dialed;  // kNumberDialed only
  bool operator==(const RedirectionDevice&) const = default;
};

// The child element each kind of device is written as; the first kind's carries the text.
inline constexpr std::array<std::string_view, 3> kEventDeviceKindNames{"deviceIdentifier",
                                                                       "notKnown", "restricted"};
constexpr std::span<const std::string_view> enum_names(EventDevice::Kind) {
  return kEventDeviceKindNames;
}
inline constexpr std::array<std::string_view, 5> kRedirectionDeviceKindNames{
    "numberDialed", "notKnown", "notRequired", "notSpecified", "restricted"};
constexpr std::span<const std::string_view> enum_names(RedirectionDevice::Kind) {
  return kRedirectionDeviceKindNames;
}

/// `extensions/privateData/private`: the private data cmemu reads or writes. Anything else in a
/// request's extensions is ignored; reading extensions never fails a request (docs/csta.md §10).
struct Extensions {
  /// Microsoft `lcs:line` (docs/csta.md §3): the line URI, e.g. `tel:201;phone-context=dialstring`.
  std::optional<std::string> lcs_line;
  /// Advanced mode (docs/decisions.md #20): `cisco:lineInstance`.
  std::optional<std::uint32_t> line_instance;
  /// Advanced mode with `gcid`: `cisco:gcid`.
  std::optional<std::string> gcid;
  bool operator==(const Extensions&) const = default;
};

/// One party of a ConnectionList (`connectionListItem`).
struct ConnectionListItem {
  std::optional<ConnectionId> new_connection;
  std::optional<ConnectionId> old_connection;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("newConnection", self.new_connection);
    v.field("oldConnection", self.old_connection);
  }
  bool operator==(const ConnectionListItem&) const = default;
};

/// One call in a SnapshotDevice answer (`snapshotDeviceResponseInfo`).
struct SnapshotCall {
  ConnectionId connection;
  LocalConnectionState state = LocalConnectionState::kNull;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("connectionIdentifier", self.connection);
    v.field("localCallState/compoundCallState/localConnectionState", self.state);
  }
  bool operator==(const SnapshotCall&) const = default;
};

/// One entry of GetForwardingResponse `forwardingList` (`forwardListItem`).
struct ForwardListItem {
  ForwardingType forwarding_type = ForwardingType::kForwardImmediate;
  bool forward_status = false;
  std::optional<DeviceId> forward_dn;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("forwardingType", self.forwarding_type);
    v.field("forwardStatus", self.forward_status);
    v.field("forwardDN", self.forward_dn);
  }
  bool operator==(const ForwardListItem&) const = default;
};

/// One list of GetCSTAFeaturesResponse (`monitoringServList` ...): its items are empty elements.
struct FeatureList {
  std::string name;
  std::vector<std::string> items;
  bool operator==(const FeatureList&) const = default;
};

/// MonitorStart `monitorObject`: a `deviceObject` or a `callObject`.
using MonitorObject = std::variant<DeviceId, ConnectionId>;
inline constexpr std::array<std::string_view, 2> kMonitorObjectNames{"deviceObject", "callObject"};

// ---------------------------------------------------------------------------------------------
// Responses that carry nothing but their element: EmptyResponse<"HoldCallResponse"> and the like.

/// A message element name as a template argument.
template <std::size_t N>
struct ElementName {
  constexpr ElementName(const char (&name)[N]) {  // NOLINT(google-explicit-constructor): "Name"
    for (std::size_t i = 0; i < N; ++i) text[i] = name[i];
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
  char text[N]{};
};

template <ElementName Name>
struct EmptyResponse {
  static constexpr std::string_view kElement = Name.view();
  template <class V, class Self>
  static void describe(V&, Self&) {}
  bool operator==(const EmptyResponse&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Session, capability and monitoring services (docs/csta.md §6)

struct RequestSystemStatus {
  static constexpr std::string_view kElement = "RequestSystemStatus";
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("extensions", self.extensions);
  }
  bool operator==(const RequestSystemStatus&) const = default;
};

struct RequestSystemStatusResponse {
  static constexpr std::string_view kElement = "RequestSystemStatusResponse";
  SystemStatusValue system_status = SystemStatusValue::kNormal;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("systemStatus", self.system_status);
    v.field("extensions", self.extensions);
  }
  bool operator==(const RequestSystemStatusResponse&) const = default;
};

struct SystemStatus {
  static constexpr std::string_view kElement = "SystemStatus";
  SystemStatusValue system_status = SystemStatusValue::kNormal;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("systemStatus", self.system_status);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SystemStatus&) const = default;
};

using SystemStatusResponse = EmptyResponse<"SystemStatusResponse">;

struct GetCstaFeatures {
  static constexpr std::string_view kElement = "GetCSTAFeatures";
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("extensions", self.extensions);
  }
  bool operator==(const GetCstaFeatures&) const = default;
};

/// docs/decisions.md #18: `supportedServices` then `supportedEvents`, one empty element per item
/// (the item spelling is UNVERIFIED, docs/csta.md §6).
struct GetCstaFeaturesResponse {
  static constexpr std::string_view kElement = "GetCSTAFeaturesResponse";
  std::vector<FeatureList> supported_services;
  std::vector<FeatureList> supported_events;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.features("supportedServices", self.supported_services);
    v.features("supportedEvents", self.supported_events);
  }
  bool operator==(const GetCstaFeaturesResponse&) const = default;
};

struct MonitorStart {
  static constexpr std::string_view kElement = "MonitorStart";
  MonitorObject monitor_object;
  std::optional<MonitorType> monitor_type;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.choice("monitorObject", kMonitorObjectNames, self.monitor_object,
             OperationError::kInvalidMonitorObject);
    v.field("monitorType", self.monitor_type);
    v.field("extensions", self.extensions);
  }
  bool operator==(const MonitorStart&) const = default;
};

struct MonitorStartResponse {
  static constexpr std::string_view kElement = "MonitorStartResponse";
  std::string monitor_cross_ref_id;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
  }
  bool operator==(const MonitorStartResponse&) const = default;
};

struct MonitorStop {
  static constexpr std::string_view kElement = "MonitorStop";
  std::string monitor_cross_ref_id;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id,
            OperationError::kInvalidMonitorCrossRefId);
    v.field("extensions", self.extensions);
  }
  bool operator==(const MonitorStop&) const = default;
};

using MonitorStopResponse = EmptyResponse<"MonitorStopResponse">;

struct SnapshotDevice {
  static constexpr std::string_view kElement = "SnapshotDevice";
  DeviceId snapshot_object;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("snapshotObject", self.snapshot_object);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SnapshotDevice&) const = default;
};

/// One `snapshotDeviceResponseInfo` per call; an idle device gives an empty `<snapshotData/>`.
struct SnapshotDeviceResponse {
  static constexpr std::string_view kElement = "SnapshotDeviceResponse";
  std::vector<SnapshotCall> calls;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.list("crossRefIDorSnapshotData/snapshotData", "snapshotDeviceResponseInfo", self.calls);
  }
  bool operator==(const SnapshotDeviceResponse&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Call-control services (docs/csta.md §7)

struct MakeCall {
  static constexpr std::string_view kElement = "MakeCall";
  DeviceId calling_device;
  DeviceId called_directory_number;
  std::optional<std::string> account_code;
  std::optional<std::string> auth_code;
  std::optional<AutoOriginate> auto_originate;  // absent: prompt
  std::optional<std::string> correlator_data;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callingDevice", self.calling_device, OperationError::kInvalidCallingDeviceId);
    v.field("calledDirectoryNumber", self.called_directory_number,
            OperationError::kInvalidCalledDeviceId);
    v.field("accountCode", self.account_code);
    v.field("authCode", self.auth_code);
    v.field("autoOriginate", self.auto_originate);
    v.field("correlatorData", self.correlator_data);
    v.field("extensions", self.extensions);
  }
  bool operator==(const MakeCall&) const = default;
};

struct MakeCallResponse {
  static constexpr std::string_view kElement = "MakeCallResponse";
  ConnectionId calling_device;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callingDevice", self.calling_device);
    v.field("extensions", self.extensions);
  }
  bool operator==(const MakeCallResponse&) const = default;
};

struct AnswerCall {
  static constexpr std::string_view kElement = "AnswerCall";
  ConnectionId call_to_be_answered;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callToBeAnswered", self.call_to_be_answered);
    v.field("extensions", self.extensions);
  }
  bool operator==(const AnswerCall&) const = default;
};

using AnswerCallResponse = EmptyResponse<"AnswerCallResponse">;

struct ClearConnection {
  static constexpr std::string_view kElement = "ClearConnection";
  ConnectionId connection_to_be_cleared;
  std::optional<std::string> correlator_data;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("connectionToBeCleared", self.connection_to_be_cleared);
    v.field("correlatorData", self.correlator_data);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ClearConnection&) const = default;
};

using ClearConnectionResponse = EmptyResponse<"ClearConnectionResponse">;

struct HoldCall {
  static constexpr std::string_view kElement = "HoldCall";
  ConnectionId call_to_be_held;
  std::optional<bool> connection_reservation;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callToBeHeld", self.call_to_be_held);
    v.field("connectionReservation", self.connection_reservation);
    v.field("extensions", self.extensions);
  }
  bool operator==(const HoldCall&) const = default;
};

using HoldCallResponse = EmptyResponse<"HoldCallResponse">;

struct RetrieveCall {
  static constexpr std::string_view kElement = "RetrieveCall";
  ConnectionId call_to_be_retrieved;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callToBeRetrieved", self.call_to_be_retrieved);
    v.field("extensions", self.extensions);
  }
  bool operator==(const RetrieveCall&) const = default;
};

using RetrieveCallResponse = EmptyResponse<"RetrieveCallResponse">;

struct ReconnectCall {
  static constexpr std::string_view kElement = "ReconnectCall";
  ConnectionId active_call;
  ConnectionId held_call;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("activeCall", self.active_call);
    v.field("heldCall", self.held_call);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ReconnectCall&) const = default;
};

using ReconnectCallResponse = EmptyResponse<"ReconnectCallResponse">;

struct AlternateCall {
  static constexpr std::string_view kElement = "AlternateCall";
  ConnectionId held_call;
  ConnectionId active_call;
  std::optional<bool> connection_reservation;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("heldCall", self.held_call);
    v.field("activeCall", self.active_call);
    v.field("connectionReservation", self.connection_reservation);
    v.field("extensions", self.extensions);
  }
  bool operator==(const AlternateCall&) const = default;
};

using AlternateCallResponse = EmptyResponse<"AlternateCallResponse">;

struct DeflectCall {
  static constexpr std::string_view kElement = "DeflectCall";
  ConnectionId call_to_be_diverted;
  DeviceId new_destination;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("callToBeDiverted", self.call_to_be_diverted);
    v.field("newDestination", self.new_destination, OperationError::kInvalidDestination);
    v.field("extensions", self.extensions);
  }
  bool operator==(const DeflectCall&) const = default;
};

using DeflectCallResponse = EmptyResponse<"DeflectCallResponse">;

struct SingleStepTransferCall {
  static constexpr std::string_view kElement = "SingleStepTransferCall";
  ConnectionId active_call;
  DeviceId transferred_to;
  std::optional<std::string> account_code;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("activeCall", self.active_call);
    v.field("transferredTo", self.transferred_to, OperationError::kInvalidDestination);
    v.field("accountCode", self.account_code);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SingleStepTransferCall&) const = default;
};

struct SingleStepTransferCallResponse {
  static constexpr std::string_view kElement = "SingleStepTransferCallResponse";
  ConnectionId transferred_call;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("transferredCall", self.transferred_call);
  }
  bool operator==(const SingleStepTransferCallResponse&) const = default;
};

struct ConsultationCall {
  static constexpr std::string_view kElement = "ConsultationCall";
  ConnectionId existing_call;
  DeviceId consulted_device;
  std::optional<bool> connection_reservation;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("existingCall", self.existing_call);
    v.field("consultedDevice", self.consulted_device, OperationError::kInvalidDestination);
    v.field("connectionReservation", self.connection_reservation);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ConsultationCall&) const = default;
};

struct ConsultationCallResponse {
  static constexpr std::string_view kElement = "ConsultationCallResponse";
  ConnectionId initiated_call;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("initiatedCall", self.initiated_call);
  }
  bool operator==(const ConsultationCallResponse&) const = default;
};

struct TransferCall {
  static constexpr std::string_view kElement = "TransferCall";
  ConnectionId held_call;
  ConnectionId active_call;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("heldCall", self.held_call);
    v.field("activeCall", self.active_call);
    v.field("extensions", self.extensions);
  }
  bool operator==(const TransferCall&) const = default;
};

struct TransferCallResponse {
  static constexpr std::string_view kElement = "TransferCallResponse";
  ConnectionId transferred_call;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("transferredCall", self.transferred_call);
  }
  bool operator==(const TransferCallResponse&) const = default;
};

struct GenerateDigits {
  static constexpr std::string_view kElement = "GenerateDigits";
  ConnectionId connection_to_send_digits;
  std::optional<DigitMode> digit_mode;
  std::string characters_to_send;
  std::optional<std::uint32_t> tone_duration;
  std::optional<std::uint32_t> pulse_rate;
  std::optional<std::uint32_t> pause_duration;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("connectionToSendDigits", self.connection_to_send_digits);
    v.field("digitMode", self.digit_mode);
    v.field("charactersToSend", self.characters_to_send);
    v.field("toneDuration", self.tone_duration);
    v.field("pulseRate", self.pulse_rate);
    v.field("pauseDuration", self.pause_duration);
    v.field("extensions", self.extensions);
  }
  bool operator==(const GenerateDigits&) const = default;
};

using GenerateDigitsResponse = EmptyResponse<"GenerateDigitsResponse">;

// ---------------------------------------------------------------------------------------------
// Device services (docs/csta.md §8)

struct GetDoNotDisturb {
  static constexpr std::string_view kElement = "GetDoNotDisturb";
  DeviceId device;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("device", self.device);
    v.field("extensions", self.extensions);
  }
  bool operator==(const GetDoNotDisturb&) const = default;
};

struct GetDoNotDisturbResponse {
  static constexpr std::string_view kElement = "GetDoNotDisturbResponse";
  bool do_not_disturb_on = false;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("doNotDisturbOn", self.do_not_disturb_on);
  }
  bool operator==(const GetDoNotDisturbResponse&) const = default;
};

struct SetDoNotDisturb {
  static constexpr std::string_view kElement = "SetDoNotDisturb";
  DeviceId device;
  bool do_not_disturb_on = false;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("device", self.device);
    v.field("doNotDisturbOn", self.do_not_disturb_on);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SetDoNotDisturb&) const = default;
};

using SetDoNotDisturbResponse = EmptyResponse<"SetDoNotDisturbResponse">;

struct GetForwarding {
  static constexpr std::string_view kElement = "GetForwarding";
  DeviceId device;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("device", self.device);
    v.field("extensions", self.extensions);
  }
  bool operator==(const GetForwarding&) const = default;
};

struct GetForwardingResponse {
  static constexpr std::string_view kElement = "GetForwardingResponse";
  std::vector<ForwardListItem> forwarding_list;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.list("forwardingList", "forwardListItem", self.forwarding_list);
  }
  bool operator==(const GetForwardingResponse&) const = default;
};

struct SetForwarding {
  static constexpr std::string_view kElement = "SetForwarding";
  DeviceId device;
  std::optional<ForwardingType> forwarding_type;
  bool activate_forward = false;
  std::optional<DeviceId> forward_dn;
  std::optional<std::uint32_t> ring_count;
  std::optional<std::uint32_t> ring_duration;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("device", self.device);
    v.field("forwardingType", self.forwarding_type, OperationError::kInvalidForwardingType);
    v.field("activateForward", self.activate_forward);
    v.field("forwardDN", self.forward_dn, OperationError::kInvalidForwardingDestination);
    v.field("ringCount", self.ring_count);
    v.field("ringDuration", self.ring_duration);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SetForwarding&) const = default;
};

using SetForwardingResponse = EmptyResponse<"SetForwardingResponse">;

struct SetMessageWaitingIndicator {
  static constexpr std::string_view kElement = "SetMessageWaitingIndicator";
  DeviceId device;
  bool message_waiting_on = false;
  std::optional<DeviceId> device_for_message;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("device", self.device);
    v.field("messageWaitingOn", self.message_waiting_on);
    v.field("deviceForMessage", self.device_for_message);
    v.field("extensions", self.extensions);
  }
  bool operator==(const SetMessageWaitingIndicator&) const = default;
};

using SetMessageWaitingIndicatorResponse = EmptyResponse<"SetMessageWaitingIndicatorResponse">;

// ---------------------------------------------------------------------------------------------
// Events (docs/csta.md §9): monitorCrossRefID first, children in ASN.1 order, `extensions` last
// (advanced mode only, docs/decisions.md #20).

struct ServiceInitiatedEvent {
  static constexpr std::string_view kElement = "ServiceInitiatedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId initiated_connection;
  EventDevice initiating_device;
  std::optional<EventDevice> called_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNewCall;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("initiatedConnection", self.initiated_connection);
    v.field("initiatingDevice", self.initiating_device);
    v.field("calledDevice", self.called_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ServiceInitiatedEvent&) const = default;
};

struct OriginatedEvent {
  static constexpr std::string_view kElement = "OriginatedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId originated_connection;
  EventDevice calling_device;
  EventDevice called_device;
  std::optional<EventDevice> originating_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNewCall;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("originatedConnection", self.originated_connection);
    v.field("callingDevice", self.calling_device);
    v.field("calledDevice", self.called_device);
    v.field("originatingDevice", self.originating_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const OriginatedEvent&) const = default;
};

struct DeliveredEvent {
  static constexpr std::string_view kElement = "DeliveredEvent";
  std::string monitor_cross_ref_id;
  ConnectionId connection;
  EventDevice alerting_device;
  EventDevice calling_device;
  EventDevice called_device;
  RedirectionDevice last_redirection_device;
  std::optional<ConnectionId> originating_nid_connection;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNewCall;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("connection", self.connection);
    v.field("alertingDevice", self.alerting_device);
    v.field("callingDevice", self.calling_device);
    v.field("calledDevice", self.called_device);
    v.field("lastRedirectionDevice", self.last_redirection_device);
    v.field("originatingNIDConnection", self.originating_nid_connection);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const DeliveredEvent&) const = default;
};

struct EstablishedEvent {
  static constexpr std::string_view kElement = "EstablishedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId established_connection;
  EventDevice answering_device;
  EventDevice calling_device;
  EventDevice called_device;
  RedirectionDevice last_redirection_device;
  std::optional<ConnectionId> originating_nid_connection;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNewCall;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("establishedConnection", self.established_connection);
    v.field("answeringDevice", self.answering_device);
    v.field("callingDevice", self.calling_device);
    v.field("calledDevice", self.called_device);
    v.field("lastRedirectionDevice", self.last_redirection_device);
    v.field("originatingNIDConnection", self.originating_nid_connection);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const EstablishedEvent&) const = default;
};

struct ConnectionClearedEvent {
  static constexpr std::string_view kElement = "ConnectionClearedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId dropped_connection;
  EventDevice releasing_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNormalClearing;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("droppedConnection", self.dropped_connection);
    v.field("releasingDevice", self.releasing_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ConnectionClearedEvent&) const = default;
};

struct HeldEvent {
  static constexpr std::string_view kElement = "HeldEvent";
  std::string monitor_cross_ref_id;
  ConnectionId held_connection;
  EventDevice holding_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNormal;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("heldConnection", self.held_connection);
    v.field("holdingDevice", self.holding_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const HeldEvent&) const = default;
};

struct RetrievedEvent {
  static constexpr std::string_view kElement = "RetrievedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId retrieved_connection;
  EventDevice retrieving_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kNormal;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("retrievedConnection", self.retrieved_connection);
    v.field("retrievingDevice", self.retrieving_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const RetrievedEvent&) const = default;
};

struct DivertedEvent {
  static constexpr std::string_view kElement = "DivertedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId connection;
  EventDevice diverting_device;
  EventDevice new_destination;
  std::optional<EventDevice> calling_device;
  std::optional<EventDevice> called_device;
  RedirectionDevice last_redirection_device;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kRedirected;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("connection", self.connection);
    v.field("divertingDevice", self.diverting_device);
    v.field("newDestination", self.new_destination);
    v.field("callingDevice", self.calling_device);
    v.field("calledDevice", self.called_device);
    v.field("lastRedirectionDevice", self.last_redirection_device);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const DivertedEvent&) const = default;
};

/// ASN.1 TransferredEvent; ECMA-323 XML spells the element with one "r" (docs/csta.md §9).
struct TransferedEvent {
  static constexpr std::string_view kElement = "TransferedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId primary_old_call;
  std::optional<ConnectionId> secondary_old_call;
  EventDevice transferring_device;
  EventDevice transferred_to_device;
  std::vector<ConnectionListItem> transferred_connections;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kTransfer;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("primaryOldCall", self.primary_old_call);
    v.field("secondaryOldCall", self.secondary_old_call);
    v.field("transferringDevice", self.transferring_device);
    v.field("transferredToDevice", self.transferred_to_device);
    v.list("transferredConnections", "connectionListItem", self.transferred_connections);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const TransferedEvent&) const = default;
};

struct FailedEvent {
  static constexpr std::string_view kElement = "FailedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId failed_connection;
  EventDevice failing_device;
  EventDevice calling_device;
  EventDevice called_device;
  RedirectionDevice last_redirection_device;
  std::optional<ConnectionId> originating_nid_connection;
  std::optional<LocalConnectionState> local_connection_info;
  std::optional<std::string> correlator_data;
  EventCause cause = EventCause::kBusy;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("failedConnection", self.failed_connection);
    v.field("failingDevice", self.failing_device);
    v.field("callingDevice", self.calling_device);
    v.field("calledDevice", self.called_device);
    v.field("lastRedirectionDevice", self.last_redirection_device);
    v.field("originatingNIDConnection", self.originating_nid_connection);
    v.field("localConnectionInfo", self.local_connection_info);
    v.field("correlatorData", self.correlator_data);
    v.field("cause", self.cause);
    v.field("extensions", self.extensions);
  }
  bool operator==(const FailedEvent&) const = default;
};

struct DigitsGeneratedEvent {
  static constexpr std::string_view kElement = "DigitsGeneratedEvent";
  std::string monitor_cross_ref_id;
  ConnectionId connection;
  std::string digit_generated_list;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("connection", self.connection);
    v.field("digitGeneratedList", self.digit_generated_list);
    v.field("extensions", self.extensions);
  }
  bool operator==(const DigitsGeneratedEvent&) const = default;
};

struct DoNotDisturbEvent {
  static constexpr std::string_view kElement = "DoNotDisturbEvent";
  std::string monitor_cross_ref_id;
  EventDevice device;
  bool do_not_disturb_on = false;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("device", self.device);
    v.field("doNotDisturbOn", self.do_not_disturb_on);
    v.field("extensions", self.extensions);
  }
  bool operator==(const DoNotDisturbEvent&) const = default;
};

struct ForwardingEvent {
  static constexpr std::string_view kElement = "ForwardingEvent";
  std::string monitor_cross_ref_id;
  EventDevice device;
  std::optional<ForwardingType> forwarding_type;
  bool forward_status = false;
  std::optional<DeviceId> forward_to;
  std::optional<std::uint32_t> ring_count;
  std::optional<std::uint32_t> ring_duration;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("device", self.device);
    v.field("forwardingType", self.forwarding_type);
    v.field("forwardStatus", self.forward_status);
    v.field("forwardTo", self.forward_to);
    v.field("ringCount", self.ring_count);
    v.field("ringDuration", self.ring_duration);
    v.field("extensions", self.extensions);
  }
  bool operator==(const ForwardingEvent&) const = default;
};

struct MessageWaitingEvent {
  static constexpr std::string_view kElement = "MessageWaitingEvent";
  std::string monitor_cross_ref_id;
  EventDevice target_device;
  std::optional<EventDevice> device_for_message;
  bool message_waiting_on = false;
  std::optional<Extensions> extensions;
  template <class V, class Self>
  static void describe(V& v, Self& self) {
    v.field("monitorCrossRefID", self.monitor_cross_ref_id);
    v.field("targetDevice", self.target_device);
    v.field("deviceForMessage", self.device_for_message);
    v.field("messageWaitingOn", self.message_waiting_on);
    v.field("extensions", self.extensions);
  }
  bool operator==(const MessageWaitingEvent&) const = default;
};

// ---------------------------------------------------------------------------------------------
// The message sets

/// Every request cmemu serves (docs/csta.md §6-§8).
using Request =
    std::variant<RequestSystemStatus, SystemStatus, GetCstaFeatures, MonitorStart, MonitorStop,
                 SnapshotDevice, MakeCall, AnswerCall, ClearConnection, HoldCall, RetrieveCall,
                 ReconnectCall, AlternateCall, DeflectCall, SingleStepTransferCall,
                 ConsultationCall, TransferCall, GenerateDigits, GetDoNotDisturb, SetDoNotDisturb,
                 GetForwarding, SetForwarding, SetMessageWaitingIndicator>;

/// Every answer to a request: its response or a CSTAErrorCode.
using Response =
    std::variant<RequestSystemStatusResponse, SystemStatusResponse, GetCstaFeaturesResponse,
                 MonitorStartResponse, MonitorStopResponse, SnapshotDeviceResponse,
                 MakeCallResponse, AnswerCallResponse, ClearConnectionResponse, HoldCallResponse,
                 RetrieveCallResponse, ReconnectCallResponse, AlternateCallResponse,
                 DeflectCallResponse, SingleStepTransferCallResponse, ConsultationCallResponse,
                 TransferCallResponse, GenerateDigitsResponse, GetDoNotDisturbResponse,
                 SetDoNotDisturbResponse, GetForwardingResponse, SetForwardingResponse,
                 SetMessageWaitingIndicatorResponse, CstaErrorCode>;

/// Every event cmemu sends (docs/csta.md §9).
using Event = std::variant<ServiceInitiatedEvent, OriginatedEvent, DeliveredEvent, EstablishedEvent,
                           ConnectionClearedEvent, HeldEvent, RetrievedEvent, DivertedEvent,
                           TransferedEvent, FailedEvent, DigitsGeneratedEvent, DoNotDisturbEvent,
                           ForwardingEvent, MessageWaitingEvent>;

/// The root element name of a message.
template <class... Ts>
std::string_view element_name(const std::variant<Ts...>& message) {
  return std::visit([](const auto& m) { return std::decay_t<decltype(m)>::kElement; }, message);
}

}  // namespace cmemu::runtime::csta
