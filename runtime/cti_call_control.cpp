#include "runtime/cti_call_control.hpp"

#include <charconv>
#include <cstdio>

#include "runtime/config/config.hpp"
#include "runtime/csta/device_id.hpp"
#include "runtime/cti_engine.hpp"

namespace cmemu::runtime {

namespace {

using csta::OperationError;
using csta::StateIncompatibilityError;
using csta::SystemResourceAvailabilityError;

/// The value of enum E whose ECMA-323 name is `name` (the call model uses the same spellings).
template <class E>
E by_name(std::string_view name, E fallback) {
  const auto names = csta::enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<E>(i);
  return fallback;
}

csta::LocalConnectionState local_state(ConnectionState state) {
  return by_name(to_string(state), csta::LocalConnectionState::kNull);
}

csta::EventCause cause_of(EventCause cause) {
  return by_name(to_string(cause), csta::EventCause::kNormal);
}

/// docs/csta.md §12's mapping of a refused operation.
csta::ErrorValue error_of(CallError error) {
  switch (error) {
    case CallError::kUnknownLine:
      return OperationError::kInvalidDeviceId;
    case CallError::kUnknownConnection:
      return OperationError::kInvalidConnectionId;
    case CallError::kInvalidConnectionState:
      return StateIncompatibilityError::kInvalidConnectionState;
    case CallError::kNoCallToAnswer:
      return StateIncompatibilityError::kNoCallToAnswer;
    case CallError::kNoHeldCall:
      return StateIncompatibilityError::kNoHeldCall;
    case CallError::kNoActiveCall:
      return StateIncompatibilityError::kNoActiveCall;
    case CallError::kDeviceBusy:
      return StateIncompatibilityError::kInvalidDeviceState;
    case CallError::kOutOfService:
      return SystemResourceAvailabilityError::kDeviceOutOfService;
    case CallError::kInvalidDestination:
      return OperationError::kInvalidDestination;
    case CallError::kInvalidDigits:
      return OperationError::kInvalidParameterValue;
    case CallError::kNone:
    case CallError::kBusyElsewhere:
      break;
  }
  return OperationError::kGeneric;
}

csta::Response refused(csta::ErrorValue error) {
  return csta::CstaErrorCode{error};
}

template <class R>
csta::Response done_or(CallError error, R response) {
  if (error != CallError::kNone) return refused(error_of(error));
  return response;
}

}  // namespace

std::string global_call_id(CallId call) {
  char text[40];
  std::snprintf(text, sizeof text, "%08X-%08X-%08X-%08X", 0x1E2E3483u, call, 0xBA9EF925u,
                0xDF2AFB55u ^ call);
  return text;
}

void CtiCallControl::apply(const Config& config) {
  watched_ = CtiEngine::watched_numbers(config);
  const auto& voice = config.voice_service;
  suppress_conversion_ = voice && voice->cti_device_id_suppress_conversion;
  basic_mode_ = voice && voice->cti_csta_mode_basic;
  gcid_ = voice && voice->gcid;
}

std::string CtiCallControl::device_form(std::string_view number, std::string_view model) const {
  if (suppress_conversion_) return std::string(number);
  if (model.starts_with("tel:")) return "tel:" + std::string(number);
  if (model.starts_with("sip:") || model.starts_with("sips:")) {
    auto scheme = model.substr(0, model.find(':') + 1);
    auto at = model.find('@');
    std::string host;
    if (at != std::string_view::npos) host = std::string(model.substr(at));
    host = host.substr(0, host.find(';'));
    return std::string(scheme) + std::string(number) + host;
  }
  return std::string(number);
}

csta::ConnectionId CtiCallControl::connection_id(const Connection& connection,
                                                 std::string_view model) const {
  const Line* line = calls_.line(connection.line);
  return {std::to_string(connection.call), device_form(line ? line->number : "", model)};
}

std::optional<csta::Extensions> CtiCallControl::private_data(CallId call) const {
  if (basic_mode_) return std::nullopt;  // docs/decisions.md #20
  csta::Extensions extensions;
  extensions.line_instance = 1;
  if (gcid_) extensions.gcid = global_call_id(call);
  return extensions;
}

// ---------------------------------------------------------------------------------------------
// Services

template <class Then>
csta::Response CtiCallControl::with_connection(const csta::ConnectionId& id, Then then) const {
  CallId call_id = 0;
  auto [end, ec] =
      std::from_chars(id.call_id.data(), id.call_id.data() + id.call_id.size(), call_id);
  const Call* call = nullptr;
  if (ec == std::errc() && end == id.call_id.data() + id.call_id.size())
    call = calls_.call(call_id);
  if (!call) return refused(OperationError::kInvalidCallId);
  std::string number = csta::device_number(id.device_id);
  for (ConnectionId party : call->parties) {
    const Connection* connection = calls_.connection(party);
    const Line* line = connection ? calls_.line(connection->line) : nullptr;
    if (line && line->number == number) return then(party);
  }
  return refused(OperationError::kInvalidConnectionId);
}

template <class Then>
csta::Response CtiCallControl::with_connections(const csta::ConnectionId& first,
                                                const csta::ConnectionId& second, Then then) const {
  return with_connection(first, [&](ConnectionId a) {
    return with_connection(second, [&](ConnectionId b) { return then(a, b); });
  });
}

template <class Then>
csta::Response CtiCallControl::with_watched_line(const csta::DeviceId& device,
                                                 OperationError unknown, Then then) const {
  std::string number = csta::device_number(device.text);
  const Line* line = number.empty() ? nullptr : calls_.line_by_number(number);
  if (!line) return refused(unknown);
  if (!watched_.count(line->number))
    return refused(OperationError::kPrivilegeViolationSpecifiedDevice);
  return then(*line);
}

std::string CtiCallControl::destination(const csta::DeviceId& device) const {
  std::string number = csta::device_number(device.text);
  if (number.empty() || !calls_.line_by_number(number)) return {};
  return number;
}

csta::Response CtiCallControl::handle(const csta::MakeCall& request) {
  return with_watched_line(
      request.calling_device, OperationError::kInvalidCallingDeviceId,
      [&](const Line& from) -> csta::Response {
        // A number that names no DN is dialled and fails with FailedEvent destNotObtainable
        // (docs/csta.md §9); only one that cannot be dialled is refused (§12).
        std::string number = csta::device_number(request.called_directory_number.text);
        if (number.empty()) return refused(OperationError::kInvalidCalledDeviceId);
        // doNotPrompt goes off-hook on the speaker and dials; prompt (the ECMA-269 default when
        // autoOriginate is absent) rings the calling phone first. A `cti notify` DN with no
        // phone calls from the DN itself (docs/decisions.md #29).
        bool prompt = request.auto_originate.value_or(csta::AutoOriginate::kPrompt) ==
                      csta::AutoOriginate::kPrompt;
        ConnectionId calling = 0;
        CallError result = calls_.make_call(from.tag, number, prompt, &calling);
        if (result == CallError::kInvalidDestination)
          return refused(OperationError::kInvalidCalledDeviceId);
        const Connection* made = calls_.connection(calling);
        if (result != CallError::kNone && !made) return refused(error_of(result));
        return csta::MakeCallResponse{.calling_device = {made ? std::to_string(made->call) : "0",
                                                         request.calling_device.text}};
      });
}

csta::Response CtiCallControl::handle(const csta::AnswerCall& request) {
  return with_connection(request.call_to_be_answered, [&](ConnectionId id) {
    return done_or(calls_.answer(id), csta::AnswerCallResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::ClearConnection& request) {
  return with_connection(request.connection_to_be_cleared, [&](ConnectionId id) {
    return done_or(calls_.clear(id), csta::ClearConnectionResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::HoldCall& request) {
  return with_connection(request.call_to_be_held, [&](ConnectionId id) {
    return done_or(calls_.hold(id), csta::HoldCallResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::RetrieveCall& request) {
  return with_connection(request.call_to_be_retrieved, [&](ConnectionId id) {
    return done_or(calls_.retrieve(id), csta::RetrieveCallResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::ReconnectCall& request) {
  return with_connections(
      request.active_call, request.held_call, [&](ConnectionId active, ConnectionId held) {
        return done_or(calls_.reconnect(active, held), csta::ReconnectCallResponse{});
      });
}

csta::Response CtiCallControl::handle(const csta::AlternateCall& request) {
  return with_connections(
      request.held_call, request.active_call, [&](ConnectionId held, ConnectionId active) {
        return done_or(calls_.alternate(held, active), csta::AlternateCallResponse{});
      });
}

csta::Response CtiCallControl::handle(const csta::DeflectCall& request) {
  return with_connection(request.call_to_be_diverted, [&](ConnectionId id) {
    std::string number = destination(request.new_destination);
    if (number.empty()) return refused(OperationError::kInvalidDestination);
    return done_or(calls_.deflect(id, number), csta::DeflectCallResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::SingleStepTransferCall& request) {
  return with_connection(request.active_call, [&](ConnectionId id) -> csta::Response {
    std::string number = destination(request.transferred_to);
    if (number.empty()) return refused(OperationError::kInvalidDestination);
    ConnectionId moved = 0;
    CallError result = calls_.single_step_transfer(id, number, &moved);
    if (result != CallError::kNone) return refused(error_of(result));
    const Connection* transferred = calls_.connection(moved);
    return csta::SingleStepTransferCallResponse{
        {transferred ? std::to_string(transferred->call) : request.active_call.call_id,
         request.transferred_to.text}};
  });
}

csta::Response CtiCallControl::handle(const csta::ConsultationCall& request) {
  return with_connection(request.existing_call, [&](ConnectionId id) -> csta::Response {
    std::string number = destination(request.consulted_device);
    if (number.empty()) return refused(OperationError::kInvalidDestination);
    ConnectionId created = 0;
    CallError result = calls_.consult(id, number, &created);
    if (result != CallError::kNone) return refused(error_of(result));
    const Connection* initiated = calls_.connection(created);
    return csta::ConsultationCallResponse{
        {initiated ? std::to_string(initiated->call) : "0", request.existing_call.device_id}};
  });
}

csta::Response CtiCallControl::handle(const csta::TransferCall& request) {
  return with_connections(
      request.held_call, request.active_call,
      [&](ConnectionId held, ConnectionId active) -> csta::Response {
        // The answer names the survivor and the transferee, which the transfer changes.
        const Connection* transferee = calls_.peer(held);
        const Connection* consulting = calls_.connection(active);
        std::string survivor =
            consulting ? std::to_string(consulting->call) : request.active_call.call_id;
        std::string transferee_device =
            transferee ? connection_id(*transferee, request.held_call.device_id).device_id : "";
        CallError result = calls_.transfer(held, active);
        if (result != CallError::kNone) return refused(error_of(result));
        return csta::TransferCallResponse{{survivor, transferee_device}};
      });
}

csta::Response CtiCallControl::handle(const csta::GenerateDigits& request) {
  return with_connection(request.connection_to_send_digits, [&](ConnectionId id) {
    if (request.digit_mode == csta::DigitMode::kRotaryPulse)
      return refused(OperationError::kDigitModeNotSupported);
    return done_or(calls_.generate_digits(id, request.characters_to_send),
                   csta::GenerateDigitsResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::GetDoNotDisturb& request) {
  return with_watched_line(
      request.device, OperationError::kInvalidDeviceId,
      [](const Line& line) -> csta::Response { return csta::GetDoNotDisturbResponse{line.dnd}; });
}

csta::Response CtiCallControl::handle(const csta::SetDoNotDisturb& request) {
  return with_watched_line(request.device, OperationError::kInvalidDeviceId, [&](const Line& line) {
    return done_or(calls_.set_do_not_disturb(line.tag, request.do_not_disturb_on),
                   csta::SetDoNotDisturbResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::GetForwarding& request) {
  return with_watched_line(
      request.device, OperationError::kInvalidDeviceId, [&](const Line& line) -> csta::Response {
        csta::ForwardListItem item;
        item.forward_status = !line.forward_all.empty();
        if (item.forward_status)
          item.forward_dn = csta::DeviceId{device_form(line.forward_all, request.device.text), {}};
        return csta::GetForwardingResponse{{std::move(item)}};
      });
}

csta::Response CtiCallControl::handle(const csta::SetForwarding& request) {
  return with_watched_line(request.device, OperationError::kInvalidDeviceId, [&](const Line& line) {
    if (request.forwarding_type &&
        *request.forwarding_type != csta::ForwardingType::kForwardImmediate)
      return refused(OperationError::kInvalidForwardingType);
    std::string target;
    if (request.activate_forward) {
      if (!request.forward_dn) return refused(OperationError::kInvalidForwardingDestination);
      target = destination(*request.forward_dn);
      if (target.empty() || target == line.number)
        return refused(OperationError::kInvalidForwardingDestination);
    }
    return done_or(calls_.set_forward_all(line.tag, target), csta::SetForwardingResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::SetMessageWaitingIndicator& request) {
  return with_watched_line(request.device, OperationError::kInvalidDeviceId, [&](const Line& line) {
    return done_or(calls_.set_message_waiting(line.tag, request.message_waiting_on),
                   csta::SetMessageWaitingIndicatorResponse{});
  });
}

csta::Response CtiCallControl::handle(const csta::SnapshotDevice& request) {
  return with_watched_line(
      request.snapshot_object, OperationError::kInvalidDeviceId,
      [&](const Line& line) -> csta::Response {
        csta::SnapshotDeviceResponse response;
        for (ConnectionId id : line.connections)
          if (const Connection* party = calls_.connection(id))
            response.calls.push_back(
                {connection_id(*party, request.snapshot_object.text), local_state(party->state)});
        return response;
      });
}

// ---------------------------------------------------------------------------------------------
// Events

void CtiCallControl::note(const CallEvent& event) {
  if (event.call == 0) return;
  const Call* call = calls_.call(event.call);
  if (!call) return;
  auto& lines = participants_[event.call];
  for (ConnectionId id : call->parties)
    if (const Connection* party = calls_.connection(id)) lines.insert(party->line);
  if (event.line != 0) lines.insert(event.line);
  if (event.transferring_line != 0) lines.insert(event.transferring_line);
  if (event.old_call != 0 && event.old_call != event.call) {
    auto old = participants_.find(event.old_call);
    if (old != participants_.end()) lines.insert(old->second.begin(), old->second.end());
  }
}

void CtiCallControl::forget(const CallEvent& event) {
  if (event.type != CallEventType::kConnectionCleared) return;
  const Call* call = calls_.call(event.call);
  // The call ends when its last party drops; then nobody needs its participants any more.
  if (!call || call->parties.size() <= 1) participants_.erase(event.call);
}

std::set<int> CtiCallControl::lines_concerned(const CallEvent& event) const {
  std::set<int> lines;
  if (auto it = participants_.find(event.call); it != participants_.end()) lines = it->second;
  lines.insert(event.line);
  return lines;
}

bool CtiCallControl::took_part(CallId call, int tag) const {
  auto it = participants_.find(call);
  return it != participants_.end() && it->second.count(tag) > 0;
}

namespace {

/// Line features belong to no call: their events carry no private data.
template <class E>
constexpr bool kLineFeature =
    std::is_same_v<E, csta::DoNotDisturbEvent> || std::is_same_v<E, csta::ForwardingEvent> ||
    std::is_same_v<E, csta::MessageWaitingEvent>;

/// One call event as the monitor of one device sees it: what the event builders below read, and
/// the fields every event shares.
struct MonitorView {
  const CtiCallControl& control;
  const CallModel& calls;
  const CallEvent& event;
  const MonitoredDevice& device;
  bool suppress_conversion;
  std::optional<csta::Extensions> extensions;  // the call's private data
  int tag;                                     // the monitored line
  bool own_line;                               // the event is about the monitored line
  const Call* call;                            // nullptr for line features

  /// `e` with the fields events share: the monitor's cross-reference ID, the event's cause, the
  /// call's calling, called and last redirection device where `e` has them, and, for a call's
  /// events, the private data (docs/csta.md §9, §10, docs/decisions.md #20).
  template <class E>
  E finish(E e) const {
    e.monitor_cross_ref_id = device.cross_ref_id;
    if constexpr (requires { e.cause; }) e.cause = cause_of(event.cause);
    if constexpr (requires { e.calling_device; }) {
      e.calling_device = device_of(call ? call->calling_number : "");
      e.called_device = called();
    }
    if constexpr (requires { e.last_redirection_device; })
      e.last_redirection_device = redirection();
    if constexpr (!kLineFeature<E>) e.extensions = extensions;
    return e;
  }

  /// A DN in the monitor's form. The monitored line itself is echoed exactly as the client wrote
  /// it (docs/csta.md §3: MOC compares character for character); other parties take its form
  /// (docs/decisions.md #19).
  std::string form(std::string_view number) const {
    if (number == device.number && !suppress_conversion) return device.device_text;
    return control.device_form(number, device.device_text);
  }
  csta::EventDevice device_of(std::string_view number) const {
    return number.empty() ? csta::EventDevice{csta::EventDevice::Kind::kNotKnown, {}}
                          : csta::EventDevice::known(form(number));
  }
  std::string number_of(int line_tag) const {
    const Line* line = calls.line(line_tag);
    return line ? line->number : std::string();
  }
  csta::ConnectionId connection(CallId call_id, std::string_view number) const {
    return {std::to_string(call_id), form(number)};
  }
  /// The connection that changed: this call's party on the event's line.
  csta::ConnectionId subject() const { return connection(event.call, number_of(event.line)); }
  /// The device of the event's line (alerting, answering, releasing, holding ...).
  csta::EventDevice subject_device() const { return device_of(number_of(event.line)); }
  /// The monitored device's own state in this call (docs/csta.md §9 localConnectionInfo).
  csta::LocalConnectionState own_state() const {
    if (event.connection != 0 && own_line && event.type == CallEventType::kConnectionCleared)
      return csta::LocalConnectionState::kNull;
    if (call)
      for (ConnectionId id : call->parties)
        if (const Connection* party = calls.connection(id); party && party->line == tag)
          return local_state(party->state);
    return csta::LocalConnectionState::kNull;
  }
  csta::EventDevice called() const { return device_of(call ? call->called_number : ""); }
  csta::RedirectionDevice redirection() const {
    csta::RedirectionDevice redirect;
    if (call && !call->redirecting_number.empty()) {
      redirect.kind = csta::RedirectionDevice::Kind::kNumberDialed;
      redirect.number_dialed = form(call->redirecting_number);
    }
    return redirect;
  }
};

// One builder per CSTA event (docs/csta.md §9 lists each one's children); nullopt where the
// monitor gets none.

std::optional<csta::ServiceInitiatedEvent> service_initiated(const MonitorView& v) {
  if (!v.own_line || !v.calls.connection(v.event.connection)) return std::nullopt;
  return v.finish(
      csta::ServiceInitiatedEvent{.initiated_connection = v.subject(),
                                  .initiating_device = v.device_of(v.device.number),
                                  .local_connection_info = csta::LocalConnectionState::kInitiated});
}

std::optional<csta::OriginatedEvent> originated(const MonitorView& v) {
  if (!v.own_line) return std::nullopt;
  auto e = v.finish(
      csta::OriginatedEvent{.originated_connection = v.subject(),
                            .local_connection_info = csta::LocalConnectionState::kConnected});
  e.cause = csta::EventCause::kNewCall;  // whatever completed the dialling (docs/csta.md §9)
  return e;
}

csta::DeliveredEvent delivered(const MonitorView& v) {
  return v.finish(csta::DeliveredEvent{.connection = v.subject(),
                                       .alerting_device = v.subject_device(),
                                       .local_connection_info = v.own_state()});
}

csta::EstablishedEvent established(const MonitorView& v) {
  return v.finish(csta::EstablishedEvent{.established_connection = v.subject(),
                                         .answering_device = v.subject_device(),
                                         .local_connection_info = v.own_state()});
}

csta::ConnectionClearedEvent connection_cleared(const MonitorView& v) {
  return v.finish(csta::ConnectionClearedEvent{.dropped_connection = v.subject(),
                                               .releasing_device = v.subject_device(),
                                               .local_connection_info = v.own_state()});
}

csta::HeldEvent held(const MonitorView& v) {
  return v.finish(csta::HeldEvent{.held_connection = v.subject(),
                                  .holding_device = v.subject_device(),
                                  .local_connection_info = v.own_state()});
}

csta::RetrievedEvent retrieved(const MonitorView& v) {
  return v.finish(csta::RetrievedEvent{.retrieved_connection = v.subject(),
                                       .retrieving_device = v.subject_device(),
                                       .local_connection_info = v.own_state()});
}

csta::DivertedEvent diverted(const MonitorView& v) {
  return v.finish(csta::DivertedEvent{
      .connection = v.subject(),
      .diverting_device = v.subject_device(),
      .new_destination = v.device_of(v.event.number),
      .local_connection_info = v.own_line ? csta::LocalConnectionState::kNull : v.own_state()});
}

csta::TransferedEvent transferred(const MonitorView& v) {
  const CallEvent& event = v.event;
  std::string transferring = v.number_of(event.transferring_line);
  csta::TransferedEvent e{.primary_old_call = v.connection(event.old_call, transferring),
                          .transferring_device = v.device_of(transferring)};
  if (event.old_call != event.call) e.secondary_old_call = v.connection(event.call, transferring);
  if (v.call)
    for (ConnectionId id : v.call->parties) {
      const Connection* party = v.calls.connection(id);
      if (!party || party->line == event.transferring_line) continue;
      std::string number = v.number_of(party->line);
      bool moved = party->line == event.line;
      e.transferred_connections.push_back(
          {v.connection(event.call, number),
           v.connection(moved ? event.old_call : event.call, number)});
      if (!moved) e.transferred_to_device = v.device_of(number);
    }
  // A single-step transfer's target is not yet a party: the event names it.
  if (!event.number.empty())
    e.transferred_to_device = v.device_of(event.number);
  else if (e.transferred_to_device.identifier.empty() && v.call)
    e.transferred_to_device = v.called();
  e.local_connection_info =
      v.tag == event.transferring_line ? csta::LocalConnectionState::kNull : v.own_state();
  return v.finish(std::move(e));
}

csta::FailedEvent failed(const MonitorView& v) {
  std::string target = v.call ? v.call->called_number : std::string();
  return v.finish(csta::FailedEvent{
      .failed_connection = v.connection(v.event.call, target),
      .failing_device = v.device_of(target),
      .local_connection_info = v.own_line ? csta::LocalConnectionState::kFail : v.own_state()});
}

/// To the monitors of every party (docs/decisions.md #16), like Held: the far party's application
/// learns the digits here (the far phone gets no SCCP message for them).
csta::DigitsGeneratedEvent digits_generated(const MonitorView& v) {
  return v.finish(csta::DigitsGeneratedEvent{.connection = v.subject(),
                                             .digit_generated_list = v.event.digits});
}

std::optional<csta::DoNotDisturbEvent> do_not_disturb(const MonitorView& v) {
  if (!v.own_line) return std::nullopt;
  return v.finish(csta::DoNotDisturbEvent{.device = v.device_of(v.device.number),
                                          .do_not_disturb_on = v.event.on});
}

std::optional<csta::ForwardingEvent> forwarding(const MonitorView& v) {
  if (!v.own_line) return std::nullopt;
  csta::ForwardingEvent e{.device = v.device_of(v.device.number),
                          .forwarding_type = csta::ForwardingType::kForwardImmediate,
                          .forward_status = v.event.on};
  if (v.event.on) e.forward_to = csta::DeviceId{v.form(v.event.number), {}};
  return v.finish(std::move(e));
}

std::optional<csta::MessageWaitingEvent> message_waiting(const MonitorView& v) {
  if (!v.own_line) return std::nullopt;
  return v.finish(csta::MessageWaitingEvent{.target_device = v.device_of(v.device.number),
                                            .message_waiting_on = v.event.on});
}

std::optional<csta::Event> event_for(const MonitorView& v) {
  switch (v.event.type) {
    case CallEventType::kServiceInitiated:
      return service_initiated(v);
    case CallEventType::kOriginated:
      return originated(v);
    case CallEventType::kDelivered:
      return delivered(v);
    case CallEventType::kEstablished:
      return established(v);
    case CallEventType::kConnectionCleared:
      return connection_cleared(v);
    case CallEventType::kHeld:
      return held(v);
    case CallEventType::kRetrieved:
      return retrieved(v);
    case CallEventType::kDiverted:
      return diverted(v);
    case CallEventType::kTransferred:
      return transferred(v);
    case CallEventType::kFailed:
      return failed(v);
    case CallEventType::kDigitsGenerated:
      return digits_generated(v);
    case CallEventType::kDoNotDisturb:
      return do_not_disturb(v);
    case CallEventType::kForwarding:
      return forwarding(v);
    case CallEventType::kMessageWaiting:
      return message_waiting(v);
    case CallEventType::kDigitDialed:
      break;  // no CSTA event
  }
  return std::nullopt;
}

}  // namespace

std::vector<csta::Event> CtiCallControl::events_for(const CallEvent& event,
                                                    const MonitoredDevice& device) const {
  const Line* mine = calls_.line_by_number(device.number);
  if (!mine) return {};
  bool own_line = event.line == mine->tag;
  if (!own_line && !took_part(event.call, mine->tag)) return {};
  const MonitorView view{.control = *this,
                         .calls = calls_,
                         .event = event,
                         .device = device,
                         .suppress_conversion = suppress_conversion_,
                         .extensions = private_data(event.call),
                         .tag = mine->tag,
                         .own_line = own_line,
                         .call = calls_.call(event.call)};
  std::vector<csta::Event> out;
  if (auto built = event_for(view)) out.push_back(std::move(*built));
  return out;
}

}  // namespace cmemu::runtime
