#pragma once
// CSTA call-control and device services (docs/csta.md §7, §8) as call-model operations, and
// call-model events as CSTA events for device monitors (docs/csta.md §9, docs/decisions.md #16,
// #19, #20, #29). The CTI engine owns one; it knows neither SIP nor SCCP.
#include <concepts>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/call_model.hpp"
#include "runtime/csta/messages.hpp"

namespace cmemu::runtime {

struct Config;

/// The global call ID of a call as `gcid` shows it (8-8-8-8 hex; docs/decisions.md #20,
/// docs/commands.md §1.1).
std::string global_call_id(CallId call);

/// The part of a monitor events are built for.
struct MonitoredDevice {
  std::string cross_ref_id;
  std::string number;       // the DN
  std::string device_text;  // as the client wrote it in MonitorStart (docs/decisions.md #19)
};

class CtiCallControl {
 public:
  explicit CtiCallControl(CallModel& calls) : calls_(calls) {}

  /// Takes `cti watch`, `cti message device-id suppress-conversion`, `cti csta mode basic` and
  /// `gcid` from a new running-config.
  void apply(const Config& config);

  // ---- the call-control and device services: the response, or docs/csta.md §12's error ----
  // One overload per service; session and monitoring services are the engine's (CtiEngine::handle
  // dispatches every request once, and a request with no handler there or here does not compile).
  csta::Response handle(const csta::MakeCall& request);
  csta::Response handle(const csta::AnswerCall& request);
  csta::Response handle(const csta::ClearConnection& request);
  csta::Response handle(const csta::HoldCall& request);
  csta::Response handle(const csta::RetrieveCall& request);
  csta::Response handle(const csta::ReconnectCall& request);
  csta::Response handle(const csta::AlternateCall& request);
  csta::Response handle(const csta::DeflectCall& request);
  csta::Response handle(const csta::SingleStepTransferCall& request);
  csta::Response handle(const csta::ConsultationCall& request);
  csta::Response handle(const csta::TransferCall& request);
  csta::Response handle(const csta::GenerateDigits& request);
  csta::Response handle(const csta::GetDoNotDisturb& request);
  csta::Response handle(const csta::SetDoNotDisturb& request);
  csta::Response handle(const csta::GetForwarding& request);
  csta::Response handle(const csta::SetForwarding& request);
  csta::Response handle(const csta::SetMessageWaitingIndicator& request);
  csta::Response handle(const csta::SnapshotDevice& request);

  /// Keeps track of which lines took part in each call, so that a monitor hears a call's last
  /// ConnectionCleared after its own party has gone. Call before and after events_for().
  void note(const CallEvent& event);
  void forget(const CallEvent& event);

  /// The CSTA events `event` gives the monitor of `device` (none when its device is no party).
  std::vector<csta::Event> events_for(const CallEvent& event, const MonitoredDevice& device) const;
  /// The lines whose monitors may see `event` (its own line, and the lines that took part in its
  /// call): events_for() gives nothing to a monitor of any other line.
  std::set<int> lines_concerned(const CallEvent& event) const;

  /// The device identifier for DN `number` in the form of `model` (docs/decisions.md #19): `tel:`
  /// and `sip:...@host` forms are kept, the digits alone with `suppress-conversion`.
  std::string device_form(std::string_view number, std::string_view model) const;

 private:
  /// `then(connection)` for the call-model connection a request's ConnectionID names; the
  /// refusal when it names none (docs/csta.md §12).
  template <class Then>
  csta::Response with_connection(const csta::ConnectionId& id, Then then) const;
  template <class Then>
  csta::Response with_connections(const csta::ConnectionId& first, const csta::ConnectionId& second,
                                  Then then) const;
  /// `then(line)` for the watched line a request's DeviceID names; `unknown` when it names no
  /// line, privilegeViolationSpecifiedDevice when the line has no `cti watch`.
  template <class Then>
  csta::Response with_watched_line(const csta::DeviceId& device, csta::OperationError unknown,
                                   Then then) const;
  /// The number of the DN a request's destination names; "" when it names none.
  std::string destination(const csta::DeviceId& device) const;
  csta::ConnectionId connection_id(const Connection& connection, std::string_view model) const;
  std::optional<csta::Extensions> private_data(CallId call) const;
  /// Whether line `tag` took part in `call` (see note()).
  bool took_part(CallId call, int tag) const;

  CallModel& calls_;
  std::set<std::string> watched_;
  bool suppress_conversion_ = false;
  bool basic_mode_ = false;
  bool gcid_ = false;
  std::map<CallId, std::set<int>> participants_;  // lines that took part, until the call ends
};

/// A request CtiCallControl answers: a call-control or device service. Every other request is a
/// session or monitoring service, which the CTI engine answers itself (docs/csta.md §6).
template <class R>
concept CallControlService = requires(CtiCallControl& control, const R& request) {
  { control.handle(request) } -> std::same_as<csta::Response>;
};

}  // namespace cmemu::runtime
