#include "runtime/cti_call_control.hpp"

#include <charconv>
#include <cstdio>

#include "runtime/config/config.hpp"
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
  std::string number = CtiEngine::device_number(id.device_id);
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
  std::string number = CtiEngine::device_number(device.text);
  const Line* line = number.empty() ? nullptr : calls_.line_by_number(number);
  if (!line) return refused(unknown);
  if (!watched_.count(line->number))
    return refused(OperationError::kPrivilegeViolationSpecifiedDevice);
  return then(*line);
}

std::string CtiCallControl::destination(const csta::DeviceId& device) const {
  std::string number = CtiEngine::device_number(device.text);
  if (number.empty() || !calls_.line_by_number(number)) return {};
  return number;
}

csta::Response CtiCallControl::handle(const csta::MakeCall& request) {
  return with_watched_line(
      request.calling_device, OperationError::kInvalidCallingDeviceId,
      [&](const Line& from) -> csta::Response {
        // A number that names no DN is dialled and fails with FailedEvent destNotObtainable
        // (docs/csta.md §9); only one that cannot be dialled is refused (§12).
        std::string number = CtiEngine::device_number(request.called_directory_number.text);
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

std::vector<csta::Event> CtiCallControl::events_for(const CallEvent& event,
                                                    const MonitoredDevice& device) const {
  std::vector<csta::Event> out;
  const Line* mine = calls_.line_by_number(device.number);
  if (!mine) return out;
  int tag = mine->tag;
  auto participant = [&] {
    auto it = participants_.find(event.call);
    return it != participants_.end() && it->second.count(tag) > 0;
  };
  bool own_line = event.line == tag;
  if (!own_line && !participant()) return out;

  const std::string& model = device.device_text;
  const Call* call = calls_.call(event.call);
  const Connection* subject = calls_.connection(event.connection);
  // The monitored line itself is echoed exactly as the client wrote it (docs/csta.md §3: MOC
  // compares character for character); other parties take its form (docs/decisions.md #19).
  auto form = [&](std::string_view number) {
    if (number == device.number && !suppress_conversion_) return device.device_text;
    return device_form(number, model);
  };
  auto event_device = [&](std::string_view number) {
    return number.empty() ? csta::EventDevice{csta::EventDevice::Kind::kNotKnown, {}}
                          : csta::EventDevice::known(form(number));
  };
  auto number_of = [&](int line_tag) {
    const Line* line = calls_.line(line_tag);
    return line ? line->number : std::string();
  };
  auto subject_id = [&] {
    return csta::ConnectionId{std::to_string(event.call), form(number_of(event.line))};
  };
  // The monitored device's own state in this call (docs/csta.md §9 localConnectionInfo).
  auto own_state = [&]() -> csta::LocalConnectionState {
    if (event.connection != 0 && own_line && event.type == CallEventType::kConnectionCleared)
      return csta::LocalConnectionState::kNull;
    if (call)
      for (ConnectionId id : call->parties)
        if (const Connection* party = calls_.connection(id); party && party->line == tag)
          return local_state(party->state);
    return csta::LocalConnectionState::kNull;
  };
  auto calling = [&] { return event_device(call ? call->calling_number : ""); };
  auto called = [&] { return event_device(call ? call->called_number : ""); };
  auto redirection = [&] {
    csta::RedirectionDevice redirect;
    if (call && !call->redirecting_number.empty()) {
      redirect.kind = csta::RedirectionDevice::Kind::kNumberDialed;
      redirect.number_dialed = form(call->redirecting_number);
    }
    return redirect;
  };
  auto extensions = private_data(event.call);

  switch (event.type) {
    case CallEventType::kServiceInitiated:
      if (own_line && subject) {
        csta::ServiceInitiatedEvent e;
        e.monitor_cross_ref_id = device.cross_ref_id;
        e.initiated_connection = subject_id();
        e.initiating_device = event_device(device.number);
        e.local_connection_info = csta::LocalConnectionState::kInitiated;
        e.cause = cause_of(event.cause);
        e.extensions = extensions;
        out.push_back(std::move(e));
      }
      break;
    case CallEventType::kOriginated:
      if (own_line) {
        csta::OriginatedEvent e;
        e.monitor_cross_ref_id = device.cross_ref_id;
        e.originated_connection = subject_id();
        e.calling_device = calling();
        e.called_device = called();
        e.local_connection_info = csta::LocalConnectionState::kConnected;
        e.cause = csta::EventCause::kNewCall;
        e.extensions = extensions;
        out.push_back(std::move(e));
      }
      break;
    case CallEventType::kDelivered: {
      csta::DeliveredEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.connection = subject_id();
      e.alerting_device = event_device(number_of(event.line));
      e.calling_device = calling();
      e.called_device = called();
      e.last_redirection_device = redirection();
      e.local_connection_info = own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kEstablished: {
      csta::EstablishedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.established_connection = subject_id();
      e.answering_device = event_device(number_of(event.line));
      e.calling_device = calling();
      e.called_device = called();
      e.last_redirection_device = redirection();
      e.local_connection_info = own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kConnectionCleared: {
      csta::ConnectionClearedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.dropped_connection = subject_id();
      e.releasing_device = event_device(number_of(event.line));
      e.local_connection_info = own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kHeld: {
      csta::HeldEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.held_connection = subject_id();
      e.holding_device = event_device(number_of(event.line));
      e.local_connection_info = own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kRetrieved: {
      csta::RetrievedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.retrieved_connection = subject_id();
      e.retrieving_device = event_device(number_of(event.line));
      e.local_connection_info = own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kDiverted: {
      csta::DivertedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.connection = subject_id();
      e.diverting_device = event_device(number_of(event.line));
      e.new_destination = event_device(event.number);
      e.calling_device = calling();
      e.called_device = called();
      e.last_redirection_device = redirection();
      e.local_connection_info = own_line ? csta::LocalConnectionState::kNull : own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kTransferred: {
      std::string transferring = number_of(event.transferring_line);
      csta::TransferedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.primary_old_call = {std::to_string(event.old_call), form(transferring)};
      if (event.old_call != event.call)
        e.secondary_old_call = csta::ConnectionId{std::to_string(event.call), form(transferring)};
      e.transferring_device = event_device(transferring);
      if (call)
        for (ConnectionId id : call->parties) {
          const Connection* party = calls_.connection(id);
          if (!party || party->line == event.transferring_line) continue;
          std::string number = number_of(party->line);
          csta::ConnectionListItem item;
          item.new_connection = csta::ConnectionId{std::to_string(event.call), form(number)};
          bool moved = party->line == event.line;
          item.old_connection =
              csta::ConnectionId{std::to_string(moved ? event.old_call : event.call), form(number)};
          e.transferred_connections.push_back(std::move(item));
          if (!moved) e.transferred_to_device = event_device(number);
        }
      // A single-step transfer's target is not yet a party: the event names it.
      if (!event.number.empty())
        e.transferred_to_device = event_device(event.number);
      else if (e.transferred_to_device.identifier.empty() && call)
        e.transferred_to_device = called();
      e.local_connection_info =
          tag == event.transferring_line ? csta::LocalConnectionState::kNull : own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kFailed: {
      csta::FailedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      std::string target = call ? call->called_number : std::string();
      e.failed_connection = {std::to_string(event.call), form(target)};
      e.failing_device = event_device(target);
      e.calling_device = calling();
      e.called_device = called();
      e.last_redirection_device = redirection();
      e.local_connection_info = own_line ? csta::LocalConnectionState::kFail : own_state();
      e.cause = cause_of(event.cause);
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kDigitsGenerated: {
      // To the monitors of every party (docs/decisions.md #16), like Held: the far party's
      // application learns the digits here (the far phone gets no SCCP message for them).
      csta::DigitsGeneratedEvent e;
      e.monitor_cross_ref_id = device.cross_ref_id;
      e.connection = subject_id();
      e.digit_generated_list = event.digits;
      e.extensions = extensions;
      out.push_back(std::move(e));
      break;
    }
    case CallEventType::kDoNotDisturb:
      if (own_line) {
        csta::DoNotDisturbEvent e;
        e.monitor_cross_ref_id = device.cross_ref_id;
        e.device = event_device(device.number);
        e.do_not_disturb_on = event.on;
        out.push_back(std::move(e));
      }
      break;
    case CallEventType::kForwarding:
      if (own_line) {
        csta::ForwardingEvent e;
        e.monitor_cross_ref_id = device.cross_ref_id;
        e.device = event_device(device.number);
        e.forwarding_type = csta::ForwardingType::kForwardImmediate;
        e.forward_status = event.on;
        if (event.on) e.forward_to = csta::DeviceId{form(event.number), {}};
        out.push_back(std::move(e));
      }
      break;
    case CallEventType::kMessageWaiting:
      if (own_line) {
        csta::MessageWaitingEvent e;
        e.monitor_cross_ref_id = device.cross_ref_id;
        e.target_device = event_device(device.number);
        e.message_waiting_on = event.on;
        out.push_back(std::move(e));
      }
      break;
    case CallEventType::kDigitDialed:
      break;  // no CSTA event
  }
  return out;
}

}  // namespace cmemu::runtime
